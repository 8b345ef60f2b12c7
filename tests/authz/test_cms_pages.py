"""
Authorization matrix of the django CMS page endpoints: roles × pages × endpoints.

Pages: the two municipality pages (each city's editors hold a PagePermission on their subtree:
change, add, publish - no delete, advanced settings or move), the Impressum and the home page
(IQZ-Redaktion: GlobalPagePermission for everything but permissions; superuser: all). Every test
works on a fresh draft of the page (a copy of its published version plus a marker text), created
per test inside the test's transaction - the page tree itself is the demo's, loaded once.

An endpoint names the page right it needs; a role without it gets no 200 (JSON endpoints: no
embedded 200) and no write, and never sees the draft's marker text.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from cms.api import add_plugin
from cms.models import CMSPlugin, Page, PageContent
from cms.toolbar.utils import get_object_edit_url, get_object_preview_url, get_object_structure_url
from django.contrib.auth import get_user_model
from django.urls import reverse
from djangocms_text.models import Text
from djangocms_versioning.constants import ARCHIVED, DRAFT, PUBLISHED, UNPUBLISHED
from djangocms_versioning.models import Version

from .support import ROLES, admin_form_data, client_as, redirects_to_login

# The cities' rights besides review (switched off here; tests/authz/test_review_publishing.py has review on).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_review")]

MARKER = "Unveröffentlichter Entwurfstext 7f3a"
PAGES = ["kommune-bochum", "kommune-gelsenkirchen", "impressum", "start"]
MUNICIPAL = {"change", "add", "publish"}
FULL = {"change", "add", "publish", "delete", "advanced", "move"}


def page_rights(role, reverse_id) -> set[str]:
    if role in ("iqz", "admin"):
        return FULL
    return MUNICIPAL if reverse_id == f"kommune-{role}" else set()


@dataclass
class Ctx:
    reverse_id: str
    page: Page
    published: Version
    draft: Version
    marker: CMSPlugin
    before: dict = field(default_factory=dict)

    @property
    def content(self) -> PageContent:
        return self.draft.content

    def reload(self):
        self.page.refresh_from_db()


def make_ctx(reverse_id, archived=False) -> Ctx:
    admin = get_user_model().objects.get(username="admin")
    published = Version.objects.get_for_content(PageContent.objects.get(page__reverse_id=reverse_id, language="de"))
    draft = published.copy(admin)
    placeholder = draft.content.placeholders.get_or_create(slot="content")[0]
    marker = add_plugin(placeholder, "TextPlugin", "de", body=f"<p>{MARKER}</p>")
    if archived:
        draft.archive(admin)
    return Ctx(reverse_id, published.content.page, published, draft, marker)


def _page(reverse_id):
    return Page.objects.get(reverse_id=reverse_id)


def _state(version):
    return Version.objects.filter(pk=version.pk).values_list("state", flat=True).first()


def _drafts(ctx):
    return Version.objects.filter_by_grouper(ctx.page).filter(state=DRAFT, content_type=ctx.draft.content_type).count()


def _json_status(response):
    """copy/move answer 200 with the real status inside (django CMS's jsonify_request)."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.loads(response.content).get("status", response.status_code)
    return response.status_code


@dataclass
class Endpoint:
    name: str
    need: Callable[[str, str], bool]  # (role, reverse_id) -> allowed
    request: Callable  # (client, ctx) -> response
    done: Callable | None = None  # (ctx) -> the write happened; None for reads
    ok: tuple = (200,)
    archived: bool = False  # work on an archived draft instead of a live one
    kept: bool = False  # nobody's request writes (djangocms-versioning keeps published pages)
    form_error: str = ""  # a refused crafted post comes back as this field's form error (200, no write)
    pages: tuple = tuple(PAGES)


def right(name):
    return lambda role, rid: name in page_rights(role, rid)


def _version_url(action, version):
    return reverse(f"admin:djangocms_versioning_pagecontentversion_{action}", args=[version.pk])


def _content_url(action, ctx):
    return reverse(f"admin:cms_pagecontent_{action}", args=[ctx.content.pk])


def _page_url(action, ctx):
    return reverse(f"admin:cms_page_{action}", args=[ctx.page.pk])


def _post_title(client, ctx):
    url = _content_url("change", ctx)
    return client.post(url, admin_form_data(url, title="Geänderter Titel"))


def _duplicate(client, ctx):
    url = _content_url("duplicate", ctx)
    return client.post(url, admin_form_data(url, title="Kopie", slug=f"kopie-{ctx.reverse_id}"))


def _duplicate_into_kommune_bochum(client, ctx):
    """A crafted duplicate: parent (query and form) is Bochum's page, the source any page."""
    parent = _page("kommune-bochum")
    url = _content_url("duplicate", ctx) + f"?parent_page={parent.pk}"
    return client.post(url, admin_form_data(url, title="Kopie", slug="kopie", parent_page=str(parent.pk)))


def _add_subpage(client, ctx):
    url = reverse("admin:cms_pagecontent_add") + f"?parent_page={ctx.page.pk}&language=de"
    get = client.get(url)
    if get.status_code != 200:
        return get
    return client.post(url, admin_form_data(url, title="Unterseite", slug="unterseite"))


def _pages_below(reverse_id):
    return lambda ctx: Page.objects.filter(parent=_page(reverse_id)).count() > _BASELINE[reverse_id]


_BASELINE: dict[str, int] = {}


def _copy_into(target_rid):
    def request(client, ctx):
        _BASELINE[target_rid] = Page.objects.filter(parent=_page(target_rid)).count()
        return client.post(_page_url("copy_page", ctx), {"target": _page(target_rid).pk, "position": 0,
                                                          "source_site": ctx.page.site_id})
    return request


def _can_copy_into(target_rid):
    return lambda role, rid: "change" in page_rights(role, rid) and "add" in page_rights(role, target_rid)


def _plugin_add(client, ctx):
    placeholder = ctx.marker.placeholder
    ctx.before["plugins"] = placeholder.get_plugins("de").count()
    query = f"?placeholder_id={placeholder.pk}&plugin_type=TextPlugin&plugin_language=de&plugin_position=9&cms_path=/"
    return client.post(reverse("admin:cms_placeholder_add_plugin") + query, {"body": "<p>Neu</p>"})


def _other_template(ctx):
    return "pages/fullwidth.html" if ctx.content.template != "pages/fullwidth.html" else "pages/content.html"


ENDPOINTS = [
    # -- page content (settings) form, and reading the draft ---------------------------------------
    Endpoint("content-change-get", right("change"), lambda c, x: c.get(_content_url("change", x))),
    Endpoint("content-change-post", right("change"), _post_title, ok=(302,),
             done=lambda x: PageContent.admin_manager.get(pk=x.content.pk).title == "Geänderter Titel"),
    Endpoint("preview", right("change"), lambda c, x: c.get(get_object_preview_url(x.content))),
    Endpoint("edit", right("change"), lambda c, x: c.get(get_object_edit_url(x.content))),
    Endpoint("structure", right("change"), lambda c, x: c.get(get_object_structure_url(x.content))),
    Endpoint("actions-menu", right("change"), lambda c, x: c.get(_page_url("actions_menu", x))),
    Endpoint("permissions", right("change"), lambda c, x: c.get(_page_url("get_permissions", x))),
    Endpoint("advanced-get", right("advanced"), lambda c, x: c.get(_page_url("advanced", x))),
    Endpoint("advanced-post", right("advanced"), ok=(302,),
             request=lambda c, x: c.post(_page_url("advanced", x),
                                         admin_form_data(_page_url("advanced", x), reverse_id="umbenannt")),
             done=lambda x: Page.objects.filter(pk=x.page.pk, reverse_id="umbenannt").exists()),
    # -- page tree operations -----------------------------------------------------------------------
    Endpoint("duplicate-get", lambda role, rid: role in ("iqz", "admin"),
             lambda c, x: c.get(_content_url("duplicate", x))),
    Endpoint("duplicate-post", lambda role, rid: role in ("iqz", "admin"), _duplicate, ok=(302,),
             done=lambda x: PageContent.admin_manager.filter(title="Kopie").exists()),
    Endpoint("duplicate-into-kommune-bochum", _can_copy_into("kommune-bochum"), _duplicate_into_kommune_bochum,
             ok=(302,), done=lambda x: PageContent.admin_manager.filter(title="Kopie").exists(), form_error="source"),
    Endpoint("add-subpage", right("add"), _add_subpage, ok=(302,),
             done=lambda x: PageContent.admin_manager.filter(title="Unterseite", page__parent=x.page).exists()),
    Endpoint("copy-into-datenschutz", _can_copy_into("datenschutz"), _copy_into("datenschutz"),
             done=_pages_below("datenschutz")),
    Endpoint("copy-into-kommune-bochum", _can_copy_into("kommune-bochum"), _copy_into("kommune-bochum"),
             done=_pages_below("kommune-bochum"), pages=("kommune-gelsenkirchen", "impressum", "start")),
    Endpoint("move-below-leichte-sprache", right("move"),
             lambda c, x: c.post(_page_url("move_page", x), {"target": _page("leichte-sprache").pk, "position": 0}),
             done=lambda x: Page.objects.get(pk=x.page.pk).parent_id == _page("leichte-sprache").pk,
             pages=("kommune-bochum", "kommune-gelsenkirchen", "impressum")),  # the home page stays a root
    # Only a root page may become the home page; it takes change rights on it and on the old home.
    Endpoint("set-home", lambda role, rid: rid == "impressum" and role in ("iqz", "admin"),
             lambda c, x: c.post(_page_url("set_home", x)),
             done=lambda x: Page.objects.get(pk=x.page.pk).is_home, pages=("kommune-bochum", "kommune-gelsenkirchen",
                                                                            "impressum")),
    Endpoint("change-template", lambda role, rid: {"change", "advanced"} <= page_rights(role, rid),
             lambda c, x: c.post(_content_url("change_template", x), {"template": _other_template(x)}),
             done=lambda x: PageContent.admin_manager.get(pk=x.content.pk).template == _other_template(x)),
    Endpoint("change-innavigation", right("change"), lambda c, x: c.post(_content_url("change_innavigation", x)),
             ok=(204,),
             done=lambda x: PageContent.admin_manager.get(pk=x.content.pk).in_navigation != x.content.in_navigation),
    Endpoint("delete-page-get", right("delete"), lambda c, x: c.get(_page_url("delete", x))),
    Endpoint("delete-page-post", right("delete"), lambda c, x: c.post(_page_url("delete", x), {"post": "yes"}),
             done=lambda x: not Page.objects.filter(pk=x.page.pk).exists(), kept=True),
    Endpoint("delete-translation-post", right("delete"),
             lambda c, x: c.post(_content_url("delete", x), {"post": "yes"}),
             done=lambda x: not PageContent.admin_manager.filter(pk=x.content.pk).exists(), kept=True),
    # -- versions ------------------------------------------------------------------------------------
    Endpoint("publish", right("publish"), lambda c, x: c.post(_version_url("publish", x.draft)), ok=(302,),
             done=lambda x: _state(x.draft) == PUBLISHED),
    Endpoint("unpublish", right("publish"), lambda c, x: c.post(_version_url("unpublish", x.published)), ok=(302,),
             done=lambda x: _state(x.published) == UNPUBLISHED),
    Endpoint("archive", right("change"), lambda c, x: c.post(_version_url("archive", x.draft)), ok=(302,),
             done=lambda x: _state(x.draft) == ARCHIVED),
    Endpoint("discard", right("change"), lambda c, x: c.post(_version_url("discard", x.draft), {"discard": "1"}),
             ok=(302,),
             done=lambda x: _state(x.draft) != DRAFT),
    Endpoint("revert", right("change"), lambda c, x: c.post(_version_url("revert", x.draft)), ok=(302,),
             done=lambda x: _drafts(x) == 1, archived=True),
    Endpoint("edit-redirect", right("change"), lambda c, x: c.post(_version_url("edit_redirect", x.published)),
             ok=(302,), done=lambda x: _drafts(x) == 1, archived=True),
    # -- structure board: plugins of the draft ----------------------------------------------------
    Endpoint("plugin-add", right("change"), _plugin_add,
             done=lambda x: x.marker.placeholder.get_plugins("de").count() > x.before["plugins"]),
    Endpoint("plugin-edit", right("change"),
             lambda c, x: c.post(reverse("admin:cms_placeholder_edit_plugin", args=[x.marker.pk]),
                                 {"body": "<p>Geändert</p>"}),
             done=lambda x: MARKER not in Text.objects.get(pk=x.marker.pk).body),
    Endpoint("plugin-delete", right("change"),
             lambda c, x: c.post(reverse("admin:cms_placeholder_delete_plugin", args=[x.marker.pk]), {"post": "yes"}),
             done=lambda x: not CMSPlugin.objects.filter(pk=x.marker.pk).exists()),
    Endpoint("placeholder-clear", right("change"),
             lambda c, x: c.post(reverse("admin:cms_placeholder_clear_placeholder", args=[x.marker.placeholder_id])
                                 + "?language=de", {"test": "1"}),
             done=lambda x: not CMSPlugin.objects.filter(pk=x.marker.pk).exists()),
]

CASES = [(role, rid, e) for e in ENDPOINTS for role in ROLES for rid in e.pages]


@pytest.mark.parametrize(("role", "reverse_id", "endpoint"), CASES,
                         ids=[f"{e.name}-{role}-{rid}" for role, rid, e in CASES])
def test_page_endpoint(role, reverse_id, endpoint):
    ctx = make_ctx(reverse_id, archived=endpoint.archived)
    response = endpoint.request(client_as(role), ctx)
    status = _json_status(response)
    body = response.content.decode(errors="replace")
    if endpoint.need(role, reverse_id):
        assert status in endpoint.ok, (status, body[:300])
        if endpoint.kept:
            assert not endpoint.done(ctx)
        elif endpoint.done:
            assert endpoint.done(ctx), (status, body[:300])
        return
    if endpoint.form_error and status == 200:
        assert endpoint.form_error in response.context["adminform"].form.errors
    else:
        assert status != 200, body[:300]
    assert MARKER not in body
    if endpoint.done:
        assert not endpoint.done(ctx)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.name for e in ENDPOINTS])
def test_anonymous_is_sent_to_login_and_writes_nothing(client, endpoint):
    ctx = make_ctx("kommune-bochum", archived=endpoint.archived)
    response = endpoint.request(client, ctx)
    assert redirects_to_login(response), response.status_code
    assert MARKER not in response.content.decode(errors="replace")
    if endpoint.done:
        assert not endpoint.done(ctx)
