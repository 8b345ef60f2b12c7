"""
The django CMS toolbar offers only what the editor may do: django CMS greys out "Seite löschen" for an
editor who may not delete the page (a Kommunale Redaktion may not); here it is left out. Registered
after django CMS's own toolbars (this app comes later in INSTALLED_APPS), so the page menu exists.
"""

from cms.cms_toolbars import PAGE_MENU_IDENTIFIER
from cms.toolbar.items import ModalItem
from cms.toolbar_base import CMSToolbar
from cms.toolbar_pool import toolbar_pool
from cms.utils.page_permissions import user_can_delete_page
from cms.utils.urlutils import admin_reverse


@toolbar_pool.register
class OnlyPermittedPageActions(CMSToolbar):
    def populate(self):
        menu = self.toolbar.get_menu(PAGE_MENU_IDENTIFIER)
        page = getattr(self.toolbar.get_object(), "page", None) or getattr(self.request, "current_page", None)
        if menu is None or page is None or user_can_delete_page(self.request.user, page=page):
            return
        delete = menu.find_first(ModalItem, url=admin_reverse("cms_page_delete", args=(page.pk,)))
        if delete is not None:
            menu.remove_item(delete.item)
