from cms.app_base import CMSApp
from cms.apphook_pool import apphook_pool
from django.utils.translation import gettext_lazy as _


@apphook_pool.register
class FeedbackApphook(CMSApp):
    """On the page "Kontakt": the feedback and contact form below the page's own text."""

    name = _("Kontakt- und Rückmeldeformular")
    app_name = "feedback"

    def get_urls(self, page=None, language=None, **kwargs):
        return ["feedback.urls"]
