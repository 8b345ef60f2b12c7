"""
The navigation honours pages published with time limits (djangocms-timed-publishing). django CMS reads
the visibility window whenever it loads published page contents, but djangocms-versioning's menu reads
every published version: this modifier drops the pages whose window is closed now (not yet started or
over), for visitors; editors in edit or preview mode keep them. The caches end at the window's moments
(familie_portal.scheduling.next_change), so a cached menu never outlives one.
"""

from cms.models import PageContent
from cms.toolbar.utils import get_toolbar_from_request
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from djangocms_timed_publishing.models import TimedPublishingInterval
from djangocms_versioning.constants import PUBLISHED
from menus.base import Modifier
from menus.menu_pool import menu_pool

from familie_portal import caching


def _intervals() -> list[tuple[int, str, object, object]]:
    """(page id, language, start, end) of every published page content with time limits: read once per
    content generation (a timed publish advances it), so a page render costs no query for it."""
    key = f"portal:page-intervals:{caching.generation()}"
    rows = cache.get(key)
    if rows is None:
        content_type = ContentType.objects.get_for_model(PageContent)
        intervals = TimedPublishingInterval.objects.filter(
            Q(start__isnull=False) | Q(end__isnull=False),
            version__state=PUBLISHED, version__content_type=content_type,
        ).values_list("version__object_id", "start", "end")
        by_content = {pk: (start, end) for pk, start, end in intervals}
        contents = PageContent.admin_manager.filter(pk__in=by_content).values_list("pk", "page_id", "language")
        rows = [(page_id, language, *by_content[pk]) for pk, page_id, language in contents]
        cache.set(key, rows, settings.PORTAL_CACHE_SECONDS)
    return rows


def hidden_page_ids(language: str) -> set[int]:
    """Pages whose published content in `language` is outside its visibility window at this moment."""
    now = timezone.now()
    return {
        page_id for page_id, lang, start, end in _intervals()
        if lang == language and ((start is not None and start >= now) or (end is not None and end <= now))
    }


class TimedVisibility(Modifier):
    def modify(self, request, nodes, namespace, root_id, post_cut, breadcrumb):
        if post_cut:
            return nodes
        toolbar = get_toolbar_from_request(request)
        if toolbar.edit_mode_active or toolbar.preview_mode_active:
            return nodes
        hidden = hidden_page_ids(request.LANGUAGE_CODE)
        if not hidden:
            return nodes
        return _without(nodes, hidden)


def _without(nodes, hidden: set[int]):
    kept = []
    for node in nodes:
        if _is_hidden(node, hidden):
            if node.parent is not None and node in node.parent.children:
                node.parent.children.remove(node)
            continue
        kept.append(node)
    return kept


def _is_hidden(node, hidden: set[int]) -> bool:
    while node is not None:
        if node.attr.get("is_page") and node.id in hidden:
            return True
        node = node.parent
    return False


menu_pool.register_modifier(TimedVisibility)
