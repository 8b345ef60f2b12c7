"""Site-wide views: health check and error pages in the portal's layout."""

import sys

from cms.models import Page
from cms.utils.page_permissions import user_can_change_page
from django.contrib import admin, messages
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from familie_portal import discovery, editorial
from familie_portal.exceptions import RefusedWithReason
from familie_portal.search import index as search_index
from familie_portal.search import registry, text
from familie_portal.search.query import documents as query_documents
from familie_portal.search.query import search_page


@never_cache
def healthz(request):
    """Liveness and database readiness for the proxy / orchestrator."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _in_admin(request) -> bool:
    return "admin" in request.path.split("/")[1:3]  # /admin/… and /en/admin/…


def page_not_found(request, exception=None):
    if _in_admin(request) and getattr(request, "user", None) and request.user.is_staff:
        return render(request, "admin/portal_error.html", {
            **admin.site.each_context(request),
            "heading": _("Nicht gefunden"),
            "message": _("Diesen Eintrag oder diese Seite gibt es nicht, oder er gehört nicht zu Ihrem Bereich "
                         "(z. B. einer anderen Kommune)."),
        }, status=404)
    return render(request, "404.html", {"error_page": True}, status=404)


def permission_denied(request, exception=None):
    if _in_admin(request) and getattr(request, "user", None) and request.user.is_staff:
        return render(request, "admin/portal_error.html", {
            **admin.site.each_context(request),
            "heading": _("Keine Berechtigung"),
            "message": str(exception) if isinstance(exception, RefusedWithReason) else _(
                "Diese Aktion ist für Ihre Rolle nicht freigegeben. Wenden Sie sich an die IQZ-Redaktion, "
                "wenn Sie sie brauchen."),
        }, status=403)
    return render(request, "403.html", {"error_page": True}, status=403)


@staff_member_required
def view_on_site(request, content_type_id, object_id):
    """The admin's "Auf der Website anzeigen", sent to the object's path on the host the editor is
    using (Django's own shortcut prefixes the configured Site domain)."""
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    if model is None or not hasattr(model, "get_absolute_url"):
        raise Http404
    try:
        obj = model._default_manager.get(pk=object_id)
    except (model.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None
    url = obj.get_absolute_url()
    if not url:
        raise Http404
    return HttpResponseRedirect(url)


@require_POST
@staff_member_required
def confirm_current(request):
    """"noch aktuell" on the editor's start page: the editor confirms published content they may change."""
    try:
        content_type = ContentType.objects.get_for_id(int(request.POST["content_type"]))
        object_id = int(request.POST["object_id"])
    except (KeyError, ValueError, ContentType.DoesNotExist):
        return HttpResponseBadRequest(_("Diese Angabe ist unvollständig."))
    model = content_type.model_class()
    if model is None:
        raise Http404
    obj = model._default_manager.filter(pk=object_id).first()
    if obj is None:
        raise Http404
    if model is Page:
        allowed = user_can_change_page(request.user, obj)
    else:
        # The editor's own content, as their admin list shows it (also what review makes read only for them:
        # confirming it changes nothing public).
        try:
            model_admin = admin.site.get_model_admin(model)
        except NotRegistered:
            raise Http404 from None
        allowed = (model_admin.has_view_or_change_permission(request, obj)
                   and model_admin.get_queryset(request).filter(pk=obj.pk).exists())
    if not allowed:
        raise PermissionDenied
    editorial.confirm_current(obj, request.user)
    messages.success(request, _("Danke: als noch aktuell bestätigt."))
    return redirect("admin:index")


def server_error(request):
    # No context processors and no database here: the error may be the database itself.
    # PostgreSQL unreachable while a middleware ran (e.g. loading the session): the 503 page.
    from familie_portal.middleware import database_unavailable_response, is_database_unavailable

    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable_response()
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def strip_default_language_prefix(request, path):
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"/{path}" + (f"?{query}" if query else ""))


class SearchView(TemplateView):
    """/suche/?q=…&art=…&page=…: one search over pages, reports, events and profiles."""

    template_name = "familie_portal/search.html"
    paginate_by = 10
    max_query_length = 200

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        raw_query = self.request.GET.get("q", "")
        query = raw_query[: self.max_query_length].strip()
        kinds = dict(registry.kinds())
        kind = self.request.GET.get("art") or None
        if kind not in kinds:
            kind = None
        language = get_language()
        result = search_page(
            query=query, language=language, kind=kind, number=self.request.GET.get("page"),
            per_page=self.paginate_by,
        )
        page_obj = result.page
        results = query_documents(page_obj.object_list)
        for document in results:
            document.passage = text.snippet(document.body, result.words)
            document.kind_label = kinds.get(document.kind, document.kind)
            document.text_language = document.language
            document.url = search_index.result_url(document.url, searched=document.language, language=language)
        context.update(
            query=query,
            query_truncated=len(raw_query) > self.max_query_length,
            words=result.words,
            kind=kind,
            kinds=[(key, label, result.counts.get(key, 0)) for key, label in kinds.items()],
            total=result.total,
            page_obj=page_obj,
            results=results,
        )
        return context


def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /en/admin/", "Disallow: /suche/", "Disallow: /en/suche/",
             f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


class FeedsView(TemplateView):
    """"Feeds und Kalender": every feed and calendar subscription the portal offers."""

    template_name = "familie_portal/feeds.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feeds"] = discovery.feed_links()
        return context
