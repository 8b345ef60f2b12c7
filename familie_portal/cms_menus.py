"""
The navigation honours pages published with time limits (djangocms-timed-publishing). django CMS reads
the visibility window whenever it loads published page contents, but djangocms-versioning's menu reads
every published version: this modifier drops the pages whose window is closed now (not yet started or
over), for visitors; editors in edit or preview mode keep them. The caches end at the window's moments
(familie_portal.scheduling.next_change), so a cached menu never outlives one.

The navigation asks only for the part of the page tree it shows. The portal's menu (`PortalMenu`, django
CMS's page menu in its place) holds the top of the tree: the pages at the root and the home page's
children, what the main navigation shows ({% show_menu 0 0 0 0 %}). The `CurrentBranch` modifier adds,
per request, the current page and its ancestors (one query), what the breadcrumb and the main navigation's
"is-active" mark need. So the nodes django CMS stores, unpickles and hands to every modifier on every
request stay as many as the top of the tree, however many municipalities (each with its own subtree)
the portal holds.
"""

import copy
from collections import defaultdict

from cms.cms_menus import CMSMenu, get_visible_page_contents
from cms.models import Page, PageContent, PageUrl
from cms.toolbar.utils import get_object_edit_url, get_object_preview_url, get_toolbar_from_request
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from djangocms_timed_publishing.models import TimedPublishingInterval
from djangocms_versioning.constants import PUBLISHED
from menus.base import Modifier, NavigationNode
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


# The top of the tree: root pages and the home page's children (cut to the root when the home page is not
# in the navigation, as django CMS does). The home page itself is always read (the cut depends on it).
TOP_OF_TREE = Q(page__parent__isnull=True) | Q(page__parent__is_home=True)


class PortalMenu(CMSMenu):
    """django CMS's page menu (cms.cms_menus.CMSMenu) limited to the top of the tree; `branch_nodes` gives a
    page's own branch. Both build their nodes as django CMS does (same contents, visibility, URLs)."""

    def get_nodes(self, request) -> list[NavigationNode]:
        return self.nodes_for(request, TOP_OF_TREE)

    def branch_nodes(self, request, page: Page) -> list[NavigationNode]:
        """`page` and its ancestors, root first (the home page is read too, for the cut)."""
        return self.nodes_for(request, Q(page__path__in={page.path, *page.get_ancestor_paths()}))

    def nodes_for(self, request, pages: Q) -> list[NavigationNode]:
        # django CMS's CMSMenu.get_nodes (5.1) with one more condition on the pages.
        site = self.renderer.site
        toolbar = get_toolbar_from_request(request)
        edit_or_preview = toolbar.edit_mode_active or toolbar.preview_mode_active
        translations_qs = PageContent.admin_manager.current_content() if edit_or_preview else PageContent.objects
        page_contents = (
            translations_qs.filter(pages | Q(page__is_home=True), language__in=self.languages, page__site=site)
            .order_by("page__path")
            .select_related("page")
            .only(
                "page_id", "language", "menu_title", "title", "limit_visibility_in_menu", "soft_root",
                "in_navigation", "redirect", "page__site_id", "page__parent_id", "page__path", "page__is_home",
                "page__login_required", "page__reverse_id", "page__navigation_extenders", "page__application_urls",
            )
        )
        view_url = None
        urls = defaultdict(dict)
        if edit_or_preview:
            view_url = (get_object_edit_url if toolbar.edit_mode_active else get_object_preview_url)(PageContent(id=0))
        else:
            page_contents = list(page_contents)
            for page_url in PageUrl.objects.filter(
                language__in={content.language for content in page_contents},
                page_id__in={content.page_id for content in page_contents},
            ):
                urls[page_url.page_id][page_url.language] = page_url
            for content in page_contents:
                content.page.urls_cache = urls.get(content.page_id)
        page_contents = get_visible_page_contents(request, page_contents, site)
        home = next((content for content in page_contents if content.page.is_home), None)
        cut_homepage = home is not None and not home.in_navigation
        homepage_pk = home.page.pk if home else None
        return [
            self.get_menu_node_for_page_content(
                content, view_url=view_url, cut=content.page.parent_id == homepage_pk and cut_homepage
            )
            for content in self.select_lang(page_contents)
        ]


class CurrentBranch(Modifier):
    """Adds the current page's branch (itself and its ancestors) to the top of the tree, marked as django
    CMS's renderer marks them (selected, ancestor): the breadcrumb and the active main navigation item."""

    def modify(self, request, nodes, namespace, root_id, post_cut, breadcrumb):
        page = getattr(request, "current_page", None)
        if post_cut or page is None or not isinstance(page, Page):
            return nodes
        pages = {node.id: node for node in nodes if node.namespace == PortalMenu.__name__}
        if page.pk in pages:  # in the top of the tree: django CMS marked it
            return nodes
        branch = getattr(request, "portal_menu_branch", None)
        if branch is None or branch[0] != page.pk:
            menu = self.renderer.get_menu(PortalMenu.__name__)
            branch = request.portal_menu_branch = (page.pk, menu.branch_nodes(request, page))
        added = []
        for node in (copy_node(node) for node in branch[1] if node.id not in pages):
            node.namespace = PortalMenu.__name__
            parent = pages.get(node.parent_id)
            if parent is not None:
                node.parent_namespace = parent.namespace
                node.parent = parent
                parent.children.append(node)
            elif node.parent_id is not None:
                continue  # its parent is not visible: neither is it, as in django CMS's menu
            pages[node.id] = node
            added.append(node)
        selected = pages.get(page.pk)
        if selected is not None and selected in added:
            selected.selected = True
            ancestor = selected.parent
            while ancestor is not None:
                ancestor.ancestor = True
                ancestor = ancestor.parent
        return nodes + added


def copy_node(node: NavigationNode) -> NavigationNode:
    """A fresh, unlinked copy (the branch is read once per request and used by every menu tag)."""
    node = copy.copy(node)
    node.parent, node.children, node.attr = None, [], dict(node.attr)
    return node


# django CMS's page menu gives way to the portal's (djangocms-versioning replaces it the same way).
menu_pool.menus.pop(CMSMenu.__name__, None)
menu_pool.register_menu(PortalMenu)
menu_pool.register_modifier(CurrentBranch)
menu_pool.register_modifier(TimedVisibility)
