"""
Admin adjustments for the portal's editorial roles (holes found by tests/authz).

django CMS decides "may read this page" with `user_can_view_page`, which for a page without view
restrictions is true for every staff user - meant for the published page, but several admin
endpoints use it for the page's *draft*. So a member of the Kommunale Redaktion could read another
city's (or the IQZ's) unpublished draft: in the preview, edit and structure endpoints, and by
copying the page (page tree "copy", or a crafted "duplicate" post) into their own subtree. django
CMS's own notion for reading a draft is `user_can_view_page_draft` (change permission on that
page; the page tree already uses it to offer "copy"); these endpoints now require it. Other
objects (aliases, app models) keep django CMS's checks, which already ask their admin.

djangocms-versioning wraps the PageContent admin registered here in its versioning subclass when
django CMS starts (after admin autodiscovery), so the subclass below stays in effect.

The version list of pages (djangocms-versioning's PageContentVersion admin) is open to the Kommunale
Redaktion for the pages they may change (roles: view/change of the proxy model). Its views trust the
model permission and look versions up by id alone, so `guard_page_versions()` (called once django CMS
has registered that admin) puts the page permission in front of every view addressed by a version
and of the list of one page's versions; another city's page answers a 403 that says why. Its
"Veröffentlichen mit Zeitgrenzen" (djangocms-timed-publishing) keeps a new version for later waiting while
the public version stays (familie_portal.page_schedule).
"""

import re
from functools import wraps

from cms.admin.forms import DuplicatePageForm
from cms.admin.pageadmin import PageAdmin, PageContentAdmin
from cms.admin.placeholderadmin import PlaceholderAdmin
from cms.constants import MODAL_HTML_REDIRECT
from cms.models import Page, PageContent, Placeholder
from cms.utils import get_current_site
from cms.utils.admin import get_site_from_request, jsonify_request
from cms.utils.i18n import get_site_language_from_request
from cms.utils.page_permissions import user_can_change_all_pages, user_can_change_page, user_can_view_page_draft
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.urls import URLPattern
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from djangocms_timed_publishing.forms import TimedPublishingForm
from djangocms_versioning.exceptions import ConditionFailed
from djangocms_versioning.helpers import version_list_url
from djangocms_versioning.models import Version

from familie_portal.exceptions import OtherMunicipality

DRAFT_ENDPOINTS = {
    "cms_placeholder_render_object_edit",
    "cms_placeholder_render_object_preview",
    "cms_placeholder_render_object_structure",
}


OTHER_MUNICIPALITY_PAGE = _("Diese Seite gehört zu einer anderen Kommune oder zur IQZ-Redaktion. Sie bearbeiten "
                            "nur die Seiten Ihrer eigenen Kommune; Sie finden sie in der Seitenübersicht.")


def _require_page_draft_permission(view):
    @wraps(view)
    def guarded(request, content_type_id, object_id, *args, **kwargs):
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            raise Http404 from None
        if model is not None and issubclass(model, PageContent):
            content = PageContent.admin_manager.select_related("page").filter(pk=object_id).first()
            if content is None:
                return _not_found(request)
            # The pages themselves are no secret (the page tree lists them): say why, in the portal's 403 page.
            if not user_can_view_page_draft(request.user, content.page):
                raise OtherMunicipality(OTHER_MUNICIPALITY_PAGE)
            if request.resolver_match.url_name == "cms_placeholder_render_object_edit":
                _say_why_not_editable(request, content)
        return view(request, content_type_id, object_id, *args, **kwargs)

    return guarded


def _not_found(request):
    """The portal's own 404 page for editors, also with DEBUG on (`make run`), where Http404 shows Django's."""
    from familie_portal.views import page_not_found

    return page_not_found(request)


def _page_content_or_refusal(request, object_id):
    """The page content of an admin address, or the portal's answer: 404 page, or 403 with the reason."""
    try:
        content = PageContent.admin_manager.select_related("page").filter(pk=int(object_id)).first()
    except (TypeError, ValueError):
        content = None
    if content is None:
        return None, _not_found(request)
    if not user_can_view_page_draft(request.user, content.page, site=content.page.site):
        raise OtherMunicipality(OTHER_MUNICIPALITY_PAGE)
    return content, None


def _say_why_not_editable(request, content) -> None:
    """django CMS sends an edit request it may not serve to the preview without a word: the lock of a version that
    waits for review (reviews.page_lock) tells the editor why, in the preview's message."""
    from reviews.page_lock import not_waiting

    try:
        not_waiting(Version.objects.get_for_content(content), request.user)
    except Version.DoesNotExist:
        return
    except ConditionFailed as refused:
        messages.warning(request, str(refused))


class PortalPlaceholderAdmin(PlaceholderAdmin):
    def get_urls(self):
        # Inside the admin_view wrapper (p.callback.__wrapped__ is the plain view), so that anonymous
        # requests still go to the login page first.
        return [
            URLPattern(p.pattern, self.admin_site.admin_view(_require_page_draft_permission(p.callback.__wrapped__)),
                       p.default_args, p.name)
            if isinstance(p, URLPattern) and p.name in DRAFT_ENDPOINTS
            else p
            for p in super().get_urls()
        ]


class PortalPageAdmin(PageAdmin):
    def copy_page(self, request, page_id):
        page = self.get_page_from_id(page_id)
        if page is not None and not user_can_view_page_draft(request.user, page, site=page.site):
            return jsonify_request(HttpResponseForbidden(_("Sie dürfen diese Seite nicht kopieren.")))
        return super().copy_page(request, page_id)


class DraftSourceDuplicatePageForm(DuplicatePageForm):
    """The page to duplicate comes from a hidden field: whoever posts it must be allowed to read its draft."""

    def clean_source(self):
        source = super().clean_source()
        if source and not user_can_view_page_draft(self._user, source, site=source.site):
            raise ValidationError(self.source_permission_denied)
        return source


def _pages_in_scope(request, pages):
    """The pages of the tree a user works in: everything for whoever may change every page (the IQZ), a municipal
    editor's own municipality page with its subtree and the pages above it (to reach it), django CMS's whole tree
    for anyone else."""
    from managers.municipality_pages import page_reverse_id
    from managers.selectors import municipality_for_user

    site = get_site_from_request(request)
    municipality = municipality_for_user(request.user)
    if municipality is None or user_can_change_all_pages(request.user, site):
        return pages
    own = Page.objects.on_site(site).filter(reverse_id=page_reverse_id(municipality.slug)).first()
    if own is None:
        return pages.none()
    above = [own.path[:end] for end in range(Page.steplen, len(own.path), Page.steplen)]
    return pages.filter(Q(path__startswith=own.path) | Q(path__in=above))


class PortalPageContentAdmin(PageContentAdmin):
    duplicate_form = DraftSourceDuplicatePageForm

    def get_tree(self, request):
        """django CMS's lazily loaded page tree (the root level, or the children of an opened page), with two
        differences at the size of the state: a municipal editor's tree holds only their own municipality's subtree
        and the pages above it, not every city's greyed out; and the rows' versions come with the pages
        (djangocms-versioning's indicators read prefetched versions) instead of several queries per row."""
        if not self.has_change_permission(request, obj=None):
            raise PermissionDenied
        site = get_site_from_request(request)
        pages = _pages_in_scope(request, Page.objects.on_site(site)).order_by("path")
        node_id = re.sub(r"[^\d]", "", request.GET.get("nodeId", "")) or None
        open_page_ids = [int(pk) for pk in request.GET.getlist("openNodes[]") if pk.isdigit()]
        if node_id:
            page = get_object_or_404(pages, id=node_id)
            pages = pages.filter(path__startswith=page.path, depth__gt=page.depth).filter(
                Q(id__in=open_page_ids) | Q(parent__in=open_page_ids))
        else:
            page = None
            pages = pages.filter(Q(depth=1) | Q(depth=2, id__in=open_page_ids) | Q(parent__in=open_page_ids))
        contents = PageContent.admin_manager.get_queryset().latest_content().prefetch_related(
            Prefetch("versions", to_attr="_prefetched_versions"))
        pages = pages.prefetch_related(Prefetch("pagecontent_set", to_attr="filtered_translations", queryset=contents),
                                       "urls")
        for tree_page in pages:
            for content in tree_page.filtered_translations:
                content.is_latest_content = True  # a published one has no draft (reviews.page_lock)
                for version in content._prefetched_versions:
                    version.content = content  # the indicators ask each version for its content and page
        rows = self.get_tree_rows(request, pages=pages,
                                  language=get_site_language_from_request(request, site_id=site.pk),
                                  depth=(page.depth + 1 if page else 1), follow_descendants=True)
        return HttpResponse("".join(rows))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The page settings of another city's page: say so; an unknown one: the portal's 404 page.
        _content, refusal = _page_content_or_refusal(request, unquote(object_id))
        if refusal is not None:
            return refusal
        return super().change_view(request, object_id, form_url, extra_context)


for model, model_admin in [(Placeholder, PortalPlaceholderAdmin), (Page, PortalPageAdmin),
                           (PageContent, PortalPageContentAdmin)]:
    admin.site.unregister(model)
    admin.site.register(model, model_admin)


class PageVersionGuardMixin:
    """Put in front of djangocms-versioning's admin of page versions (see guard_page_versions)."""

    refused_message = _("Diese Seite gehört nicht zu Ihrer Kommune. Sie sehen und bearbeiten nur die Versionen "
                        "der Seiten Ihrer eigenen Kommune.")

    def _require_page(self, request, page):
        if page is None or not user_can_change_page(request.user, page, site=page.site):
            raise OtherMunicipality(self.refused_message)

    def guard_version(self, request, object_id):
        """An unknown version is left to the view (404); one of a page the user may not change is refused."""
        try:
            version = Version.objects.filter(pk=int(object_id)).first()
        except (TypeError, ValueError):
            return
        if version is not None and isinstance(version.content, PageContent):
            self._require_page(request, version.content.page)

    def changelist_view(self, request, extra_context=None):
        # Without ?page= the list would show every page's versions; with it, that page's.
        if request.GET and not user_can_change_all_pages(request.user, site=get_current_site(request)):
            try:
                page = Page.objects.filter(pk=int(request.GET.get("page", ""))).first()
            except ValueError:
                page = None
            self._require_page(request, page)
        return super().changelist_view(request, extra_context)

    def timed_publish_view(self, request, object_id, *args, **kwargs):
        """"Veröffentlichen mit Zeitgrenzen": a new version for later waits (familie_portal.page_schedule)
        instead of ending the public version now; everything else is djangocms-timed-publishing's view."""
        self.guard_version(request, object_id)
        if request.method == "POST":
            response = self._publish_later(request, object_id)
            if response is not None:
                return response
        return super().timed_publish_view(request, object_id, *args, **kwargs)

    def _publish_later(self, request, object_id):
        from familie_portal import page_schedule

        form = TimedPublishingForm(request.POST)
        if not form.is_valid():
            return None
        start, end = form.cleaned_data["visibility_start"], form.cleaned_data["visibility_end"]
        version = self.get_object(request, unquote(object_id))
        if version is None or not page_schedule.waits(version, start) or not version.can_be_published():
            return None
        try:
            version.check_publish(request.user)
        except ConditionFailed:
            return None  # the package's view refuses it with its message
        page_schedule.publish_version(version, request.user, start=start, end=end)
        moment = formats.date_format(timezone.localtime(start), "SHORT_DATETIME_FORMAT")
        self.message_user(request, gettext(
            "Diese Fassung wird am %(moment)s veröffentlicht; bis dahin bleibt die jetzt veröffentlichte "
            "Fassung öffentlich.") % {"moment": moment})
        return HttpResponse(MODAL_HTML_REDIRECT.format(url=version_list_url(version.content)))


def _guarded(name):
    def view(self, request, object_id, *args, **kwargs):
        self.guard_version(request, object_id)
        if "compare_to" in request.GET:
            self.guard_version(request, request.GET["compare_to"])
        return getattr(super(PageVersionGuardMixin, self), name)(request, object_id, *args, **kwargs)

    view.__name__ = name
    return view


for _name in ("archive_view", "publish_view", "unpublish_view", "edit_redirect_view", "revert_view", "discard_view",
              "compare_view", "unlock_view"):
    setattr(PageVersionGuardMixin, _name, _guarded(_name))


def guard_page_versions():
    """Replace the registered admin of page versions by the same class behind PageVersionGuardMixin."""
    from django.apps import apps

    model = apps.get_model("djangocms_versioning", "pagecontentversion")
    registered = admin.site.get_model_admin(model)
    if isinstance(registered, PageVersionGuardMixin):
        return
    guarded = type(f"Guarded{type(registered).__name__}", (PageVersionGuardMixin, type(registered)),
                   {"__module__": __name__})
    admin.site.unregister(model)
    admin.site.register(model, guarded)
