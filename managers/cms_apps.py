from cms.app_base import CMSApp
from cms.apphook_pool import apphook_pool
from django.utils.translation import gettext_lazy as _


@apphook_pool.register
class ManagersApphook(CMSApp):
    name = _("Familienmanager")
    app_name = "managers"

    def get_urls(self, page=None, language=None, **kwargs):
        return ["managers.urls"]


@apphook_pool.register
class MunicipalitiesApphook(CMSApp):
    """On the page "Kommunen" (familie_portal.onboarding attaches it): the onboarded municipalities
    under the page's own text; the municipalities' pages stay its subpages."""

    name = _("Kommunen")
    app_name = "municipalities"

    def get_urls(self, page=None, language=None, **kwargs):
        return ["managers.urls_municipalities"]
