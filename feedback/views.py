"""
The feedback and contact form (the "Kontakt" page's application, feedback.cms_apps), outside the page
cache (never_cache: CSRF token, the visitor's text). POST stores and redirects to the confirmation
(POST-redirect-GET); bad input is a form error, never a server error, and the text typed is kept.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from familie_portal import ratelimit
from feedback import services
from feedback.forms import FeedbackForm, new_token, site_path
from feedback.models import Topic

SCOPE = "feedback"


def _done_url(*, receipt: bool) -> str:
    return reverse("feedback:done") + ("?bestaetigung=1" if receipt else "")


@method_decorator(never_cache, name="dispatch")
class FeedbackView(View):
    template_name = "feedback/form.html"

    def _form(self, data=None):
        return FeedbackForm(data, host=self.request.get_host())

    def _render(self, form, *, status=200, refused=""):
        if form.is_bound:  # a fresh key for the next try: the one sent may be used up or forged
            form.data = form.data.copy()
            form.data["token"] = new_token()
        context = {"form": form, "refused": refused, "retention_days": settings.PORTAL_FEEDBACK_RETENTION_DAYS}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        initial = {"token": new_token()}
        if request.GET.get("thema") in Topic.values:
            initial["topic"] = request.GET["thema"]
        page = site_path(request.GET.get("seite", ""), host=request.get_host())
        if page:
            initial["page"] = page
        form = self._form()
        form.initial = initial
        return self._render(form)

    def post(self, request):
        if ratelimit.ip_over_limit(request, scope=SCOPE, limit=settings.PORTAL_FEEDBACK_LIMIT_PER_IP):
            return self._render(self._form(request.POST), status=429, refused=_(
                "Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Nachrichten. Bitte versuchen Sie es später."))
        form = self._form(request.POST)
        if form.is_spam:  # a bot: it sees the usual answer, nothing is stored or sent
            return redirect(_done_url(receipt=False))
        key = form.submission_uuid
        if not form.is_valid():
            return self._render(form, status=400 if key is None else 200)
        if key is None:
            return self._render(form, status=400, refused=_(
                "Das Formular war zu alt oder ungültig. Ihre Angaben sind erhalten: bitte senden Sie es noch einmal."))
        email = form.cleaned_data["email"]
        if email and ratelimit.value_over_limit(email, scope=SCOPE, kind="email",
                                                limit=settings.PORTAL_FEEDBACK_LIMIT_PER_EMAIL):
            return self._render(form, status=429, refused=_(
                "Von dieser E-Mail-Adresse kamen in kurzer Zeit sehr viele Nachrichten. "
                "Bitte versuchen Sie es später."))
        feedback, _created = services.feedback_create(
            key=key, data=form.cleaned_data, language=translation.get_language(),
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )
        return redirect(_done_url(receipt=bool(feedback.email)))


@never_cache
def done(request):
    return render(request, "feedback/done.html", {"receipt": request.GET.get("bestaetigung") == "1"})
