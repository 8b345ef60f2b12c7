"""
Site-wide parts of the admin: the shared aliases (sidebar, footer), version lists, and a sweep of
every admin URL as an anonymous visitor (each one must send them to the login page and write nothing).
"""

import re

import pytest
from cms.api import add_plugin
from cms.toolbar.utils import get_object_edit_url, get_object_preview_url, get_object_structure_url
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from djangocms_alias.models import Alias, AliasContent
from djangocms_versioning.constants import DRAFT, PUBLISHED, UNPUBLISHED
from djangocms_versioning.models import Version

from .support import ROLES, client_as, redirects_to_login

pytestmark = pytest.mark.django_db

MARKER = "Entwurf der Fußzeile 51c2"
ALIAS_EDITORS = {"iqz", "admin"}


@pytest.fixture
def footer():
    """The site-wide footer alias with a fresh draft (a copy of the published version plus a marker)."""
    admin = get_user_model().objects.get(username="admin")
    published = Version.objects.get_for_content(AliasContent.objects.get(alias__static_code="footer", language="de"))
    draft = published.copy(admin)
    add_plugin(draft.content.placeholder, "TextPlugin", "de", body=f"<p>{MARKER}</p>")
    return published, draft


def _alias_version_url(action, version):
    return reverse(f"admin:djangocms_versioning_aliascontentversion_{action}", args=[version.pk])


ALIAS_READS = {
    "alias-changelist": lambda p, d: reverse("admin:djangocms_alias_alias_changelist"),
    "alias-change": lambda p, d: reverse("admin:djangocms_alias_alias_change", args=[d.content.alias_id]),
    "alias-delete": lambda p, d: reverse("admin:djangocms_alias_alias_delete", args=[d.content.alias_id]),
    "alias-preview": lambda p, d: get_object_preview_url(d.content),
    "alias-structure": lambda p, d: get_object_structure_url(d.content),
    "alias-versions": lambda p, d: reverse("admin:djangocms_versioning_aliascontentversion_changelist")
    + f"?alias={d.content.alias_id}",
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", list(ALIAS_READS))
def test_alias_admin_reads(footer, role, endpoint):
    response = client_as(role).get(ALIAS_READS[endpoint](*footer))
    if role in ALIAS_EDITORS:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403, 404)
        if endpoint not in ("alias-preview", "alias-structure"):
            # (The 404 page of the preview endpoints shows the site footer - as any page an editor
            # previews does, in its draft state: django CMS renders static aliases that way.)
            assert MARKER not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_alias_edit_endpoint(footer, role):
    response = client_as(role).get(get_object_edit_url(footer[1].content))
    if role in ALIAS_EDITORS:
        assert response.status_code in (200, 302)
    else:
        assert response.status_code in (403, 404)


ALIAS_WRITES = {
    # name: (request, done)
    "publish": (lambda c, p, d: c.post(_alias_version_url("publish", d)),
                lambda p, d: Version.objects.get(pk=d.pk).state == PUBLISHED),
    "unpublish": (lambda c, p, d: c.post(_alias_version_url("unpublish", p)),
                  lambda p, d: Version.objects.get(pk=p.pk).state == UNPUBLISHED),
    "discard": (lambda c, p, d: c.post(_alias_version_url("discard", d), {"discard": "1"}),
                lambda p, d: not Version.objects.filter(pk=d.pk, state=DRAFT).exists()),
    "delete-alias": (lambda c, p, d: c.post(reverse("admin:djangocms_alias_alias_delete", args=[d.content.alias_id]),
                                            {"post": "yes"}),
                     lambda p, d: not Alias.objects.filter(pk=d.content.alias_id).exists()),
    "plugin-edit": (lambda c, p, d: c.post(reverse("admin:cms_placeholder_edit_plugin",
                                                   args=[d.content.placeholder.get_plugins("de").last().pk]),
                                           {"body": "<p>Geändert</p>"}),
                    lambda p, d: MARKER not in d.content.placeholder.get_plugins("de").last().get_bound_plugin().body),
    "placeholder-clear": (lambda c, p, d: c.post(
        reverse("admin:cms_placeholder_clear_placeholder", args=[d.content.placeholder.pk]) + "?language=de",
        {"test": "1"}), lambda p, d: not d.content.placeholder.get_plugins("de").exists()),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ALIAS_WRITES))
def test_alias_writes(footer, role, action):
    request, done = ALIAS_WRITES[action]
    response = request(client_as(role), *footer)
    if role in ALIAS_EDITORS:
        # Static (site-wide) aliases are part of every page: django CMS keeps them from being deleted.
        assert done(*footer) is (action != "delete-alias"), response.status_code
    else:
        assert response.status_code != 200
        assert not done(*footer)


@pytest.mark.parametrize("role", ["bochum", "gelsenkirchen"])
@pytest.mark.parametrize("url_name", ["djangocms_alias_select2", "djangocms_text_textplugin_get_available_urls"])
def test_helper_lists_for_editors_show_names_only(footer, role, url_name):
    """Pickers of the alias and text plugins list names and addresses (as the page tree does), never content."""
    response = client_as(role).get(reverse(f"admin:{url_name}"))
    assert response.status_code == 200
    assert MARKER not in response.content.decode()


@pytest.mark.parametrize("role", ["bochum", "gelsenkirchen"])
@pytest.mark.parametrize("url_name", ["admin:djangocms_versioning_pagecontentversion_changelist",
                                      "admin:djangocms_versioning_aliascontentversion_changelist"])
def test_version_lists_are_the_iqz_s(role, url_name):
    """Aliases' versions are the IQZ's; of pages' versions a municipal editor sees only their own pages'
    (tests/authz/test_page_versions.py), so no list across pages and none of the home page (id 1)."""
    response = client_as(role).get(reverse(url_name))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        # The list without a filter forwards to its "choose a page/alias" form: a picker of names
        # (as the page tree shows them), no versions.
        chooser = client_as(role).get(response["Location"])
        assert "result_list" not in chooser.content.decode()
    for query in ("?page=1", "?alias=1"):
        assert client_as(role).get(reverse(url_name) + query).status_code in (302, 403)
    assert client_as("iqz").get(reverse(url_name), follow=True).status_code == 200


@pytest.mark.parametrize("role", ["bochum", "gelsenkirchen", "iqz"])
@pytest.mark.parametrize("url_name", ["admin:auth_user_changelist", "admin:auth_group_changelist",
                                      "admin:cms_pageuser_changelist", "admin:cms_pageusergroup_changelist",
                                      "admin:cms_globalpagepermission_changelist",
                                      "admin:filer_folderpermission_changelist",
                                      "admin:managers_municipaleditor_changelist",
                                      "admin:axes_accessattempt_changelist"])
def test_site_administration_is_the_superusers(role, url_name):
    response = client_as(role).get(reverse(url_name))
    assert response.status_code in (302, 403)
    assert client_as("admin").get(reverse(url_name)).status_code in (200, 302)


# --- every admin URL, anonymously ------------------------------------------------------------------

# Plugin helper views that django CMS plugins mount below the page admin without the admin's login
# wrapper: they answer 403 to anonymous visitors (checked below) instead of redirecting.
NOT_LOGIN_WRAPPED = {
    "cms_wizard_create",
    "djangocms_alias_create", "djangocms_alias_alias_usage", "djangocms_alias_detach_plugin",
    "djangocms_alias_select2", "djangocms_alias_category_list_select2",
    "djangocms_text_textplugin_render_plugin", "djangocms_text_textplugin_revert_on_cancel",
    "djangocms_text_textplugin_get_available_urls", "djangocms_text_textplugin_get_messages",
}
PUBLIC = {"login", "logout", "password_reset", "jsi18n", "view_on_site", "cms_usersettings_session_store"}


def _admin_urls():
    resolver = get_resolver().namespace_dict["admin"][1]
    urls, stack = {}, [(resolver, "")]
    while stack:
        current, prefix = stack.pop()
        for pattern in current.url_patterns:
            if isinstance(pattern, URLResolver):
                stack.append((pattern, prefix))
            elif isinstance(pattern, URLPattern) and pattern.name and pattern.name not in PUBLIC:
                regex = pattern.pattern.regex
                args = ["1"] * (regex.groups - len(regex.groupindex))
                kwargs = dict.fromkeys(regex.groupindex, "1")
                if "app_label" in kwargs:
                    kwargs["app_label"] = "cms"
                try:
                    urls[pattern.name] = reverse(f"admin:{pattern.name}", args=args or None, kwargs=kwargs or None)
                except Exception:  # noqa: BLE001 - patterns that need other values are listed below
                    urls.setdefault(pattern.name, None)
    return urls


def test_every_admin_url_sends_anonymous_visitors_to_login(client):
    urls = _admin_urls()
    unreachable = sorted(name for name, url in urls.items() if url is None)
    assert len(urls) > 200
    assert len(unreachable) <= 3, unreachable
    problems = []
    for name, url in sorted(urls.items()):
        if url is None:
            continue
        for method in (client.get, client.post):
            response = method(url)
            ok = redirects_to_login(response) or (name in NOT_LOGIN_WRAPPED and response.status_code in (403, 405))
            if not ok:
                problems.append((name, method.__name__, url, response.status_code))
    assert not problems


def test_anonymous_sees_no_draft_through_preview_urls(client, footer):
    from cms.models import PageContent

    content = PageContent.admin_manager.filter(page__reverse_id="kommune-bochum", language="de").latest_content().get()
    alias_draft = footer[1].content
    for url in (get_object_preview_url(content), get_object_edit_url(content), get_object_preview_url(alias_draft)):
        response = client.get(url)
        assert response.status_code in (302, 404)
        assert MARKER not in response.content.decode()


def test_sweep_covers_the_endpoints_of_the_matrix():
    names = set(_admin_urls())
    for name in ("cms_pagecontent_duplicate", "cms_page_copy_page", "cms_page_move_page",
                 "djangocms_versioning_pagecontentversion_publish", "cms_placeholder_render_object_preview",
                 "filer-directory_listing", "djangocms_alias_aliascontent_change", "events_event_changelist"):
        assert name in names
    assert not [n for n in names if re.search(r"\s", n)]
