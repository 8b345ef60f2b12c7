"""
The django CMS toolbar offers only what the editor may do: django CMS greys out "Seite löschen" for an
editor who may not delete the page (a Kommunale Redaktion may not); here it is left out. Registered
after django CMS's own toolbars (this app comes later in INSTALLED_APPS), so the page menu exists.
Likewise djangocms-versioning's "Version" menu (compare, discard, revert, "Versionen verwalten…") is
left out on a page the editor may not change: it would only lead to refusals (familie_portal.admin_pages).
django CMS's "Help" menu is switched off (CMS_ENABLE_HELP); "Hilfe" links the portal's own help pages instead.
"""

from cms.cms_toolbars import PAGE_MENU_IDENTIFIER
from cms.models import PageContent
from cms.toolbar.items import ModalItem
from cms.toolbar_base import CMSToolbar
from cms.toolbar_pool import toolbar_pool
from cms.utils.page_permissions import user_can_change_page, user_can_delete_page
from cms.utils.urlutils import admin_reverse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from djangocms_versioning.cms_toolbars import VERSIONING_MENU_IDENTIFIER

from familie_portal import editor_help

HELP_MENU_IDENTIFIER = "portal-help"


@toolbar_pool.register
class PortalHelp(CMSToolbar):
    """ "Hilfe" at the end of the toolbar's left side: the editors' help pages, one per task."""

    def populate(self):
        if not self.request.user.is_staff:
            return
        menu = self.toolbar.get_or_create_menu(HELP_MENU_IDENTIFIER, _("Hilfe"), position=-1)
        menu.add_link_item(_("Übersicht"), url=reverse("editor-help"))
        menu.add_break("portal-help-break")
        for title, url in editor_help.topics():
            menu.add_link_item(title, url=url)


@toolbar_pool.register
class OnlyPermittedPageActions(CMSToolbar):
    def _page(self):
        return getattr(self.toolbar.get_object(), "page", None) or getattr(self.request, "current_page", None)

    def populate(self):
        menu = self.toolbar.get_menu(PAGE_MENU_IDENTIFIER)
        page = self._page()
        if menu is None or page is None or user_can_delete_page(self.request.user, page=page):
            return
        delete = menu.find_first(ModalItem, url=admin_reverse("cms_page_delete", args=(page.pk,)))
        if delete is not None:
            menu.remove_item(delete.item)

    def post_template_populate(self):
        # After djangocms-versioning's toolbar has added its menu (toolbars run in registration order).
        menu = self.toolbar.get_menu(VERSIONING_MENU_IDENTIFIER)
        content = self.toolbar.get_object()
        if menu is None or not isinstance(content, PageContent):  # aliases: the IQZ's alone anyway
            return
        if not user_can_change_page(self.request.user, content.page, site=content.page.site):
            self.toolbar.remove_item(menu)
