"""
The visitor's side of a registration, outside the page cache (never_cache: CSRF token, personal data):
the sign-up form for one date, the "check your mail" page, the confirmation link and the personal page
behind the management link. Rules live in services.py/selectors.py; bad input is a message, never an error.
"""

from datetime import date

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from events import selectors as event_selectors
from events.calendar import MAX_YEAR, MIN_YEAR
from events.recurrence import Occurrence, first_start, occurrence_end, occurrence_on
from registrations import ratelimit, selectors, services, tokens
from registrations.forms import RegistrationForm
from registrations.models import Registration
from registrations.selectors import Availability

Status = Registration.Status

REFUSED_MESSAGES = {
    Availability.NOT_YET: lambda: _("Die Anmeldung für diesen Termin ist noch nicht geöffnet."),
    Availability.CLOSED: lambda: _("Die Anmeldung für diesen Termin ist geschlossen."),
    Availability.BOOKED_OUT: lambda: _("Dieser Termin ist ausgebucht."),
}


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _occurrence(event, value: str) -> Occurrence | None:
    """The date asked for: ?termin=YYYY-MM-DD of a series (default: the next one), the date of a single event."""
    if not event.is_series:
        start = first_start(event)
        return Occurrence(event, start, occurrence_end(event, start))
    if not value:
        return next(iter(event_selectors.next_occurrences(event, now=timezone.now(), limit=1)), None)
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        return None
    return occurrence_on(event, day)


def _cancelled_day(event, value: str) -> bool:
    """?termin= names a day the series leaves out (its "Ausnahmen": the date is cancelled)."""
    try:
        return event.is_series and date.fromisoformat(value) in event.exception_dates
    except ValueError:
        return False


@method_decorator(never_cache, name="dispatch")
class RegisterView(View):
    template_name = "registrations/register.html"

    def dispatch(self, request, slug):
        self.event = event_selectors.published_event(slug)
        self.settings = selectors.registration_settings(self.event) if self.event else None
        self.occurrence = _occurrence(self.event, request.GET.get("termin", "")) if self.settings else None
        if self.occurrence is None:
            if self.settings and _cancelled_day(self.event, request.GET.get("termin", "")):
                return _message(request, _("Dieser Termin entfällt. Eine Anmeldung ist nicht möglich."),
                                status=410)
            raise Http404
        return super().dispatch(request, slug)

    def _availability(self):
        date_row = selectors.event_date(self.event, self.occurrence.start)
        return selectors.availability(self.settings, self.occurrence.start, date_row)

    def _render(self, form, *, status=200, refused=""):
        state = self._availability()
        context = {"event": self.event, "occurrence": self.occurrence, "form": form, "availability": state,
                   "refused": refused or (REFUSED_MESSAGES[state.state]() if not state.can_register else "")}
        return render(self.request, self.template_name, context, status=status)

    def _form(self, data=None):
        return RegistrationForm(data, registration_settings=self.settings)

    def get(self, request, slug):
        return self._render(self._form())

    def post(self, request, slug):
        if ratelimit.ip_over_limit(request):
            return self._render(self._form(), status=429, refused=_(
                "Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Anmeldungen. Bitte versuchen Sie es später."))
        form = self._form(request.POST)
        if form.is_spam:  # a bot: it sees the usual answer, nothing is stored or sent
            return redirect("registrations:done")
        if not form.is_valid():
            return self._render(form)
        if ratelimit.email_over_limit(form.cleaned_data["email"]):
            return self._render(form, status=429, refused=_(
                "Für diese E-Mail-Adresse kamen in kurzer Zeit sehr viele Anmeldungen. "
                "Bitte versuchen Sie es später."))
        try:
            services.registration_create(
                occurrence=self.occurrence, registration_settings=self.settings, data=form.cleaned_data,
                language=translation.get_language(), base_url=_base_url(request),
            )
        except services.RegistrationRefused as refusal:
            return self._render(form, status=409, refused=REFUSED_MESSAGES[refusal.state]())
        return redirect("registrations:done")


@never_cache
def done(request):
    return render(request, "registrations/done.html")


def _message(request, message: str, *, status: int, registration=None):
    return render(request, "registrations/message.html", {"message": message, "registration": registration},
                  status=status)


@method_decorator(never_cache, name="dispatch")
class ConfirmView(View):
    """GET shows a button, POST confirms: a mail program opening the link ahead of its reader confirms nothing."""

    def dispatch(self, request, token):
        try:
            self.registration = selectors.registration_by_uuid(tokens.uuid_from_confirm_token(token))
        except tokens.TokenExpired:
            return _message(request, _("Dieser Bestätigungslink ist abgelaufen. Bitte melden Sie sich noch "
                                       "einmal an; Sie erhalten dann einen neuen Link."), status=410)
        except tokens.TokenInvalid:
            self.registration = None
        if self.registration is None:
            return _message(request, _("Dieser Link ist ungültig oder die Anmeldung wurde gelöscht."), status=404)
        return super().dispatch(request, token)

    def get(self, request, token):
        if self.registration.status != Status.PENDING:
            return self._result(status=200)
        return render(request, "registrations/confirm.html", {"registration": self.registration})

    def post(self, request, token):
        self.registration = services.registration_confirm(registration=self.registration,
                                                          base_url=_base_url(request))
        return self._result(status=200)

    def _result(self, *, status):
        registration = self.registration
        messages = {
            Status.CONFIRMED: _("Ihre Anmeldung ist bestätigt. Sie erhalten eine E-Mail mit dem Termin für Ihren "
                                "Kalender."),
            Status.WAITING: _("Alle Plätze sind vergeben: Sie stehen auf der Warteliste. Wird ein Platz frei, "
                              "rücken Sie nach und erhalten eine E-Mail."),
            Status.BOOKED_OUT: _("Leider ist der Termin inzwischen ausgebucht; Ihre Anmeldung konnte nicht "
                                 "angenommen werden."),
            Status.CANCELLED: _("Diese Anmeldung wurde abgemeldet."),
        }
        return _message(self.request, messages[registration.status], status=status, registration=registration)


@method_decorator(never_cache, name="dispatch")
class ManageView(View):
    """The participant's own page: what they gave, the state; cancel or delete."""

    template_name = "registrations/manage.html"

    def dispatch(self, request, token):
        try:
            self.registration = selectors.registration_by_uuid(tokens.uuid_from_manage_token(token))
        except tokens.TokenInvalid:
            self.registration = None
        if self.registration is None:
            return _message(request, _("Dieser Link ist ungültig oder die Anmeldung wurde gelöscht."), status=404)
        self.token = token
        return super().dispatch(request, token)

    def get(self, request, token):
        return render(request, self.template_name, {"registration": self.registration, "token": token,
                                                    "cancelled": request.GET.get("abgemeldet") == "1"})

    def post(self, request, token):
        action = request.POST.get("action")
        if action == "cancel":
            services.registration_cancel(registration=self.registration, base_url=_base_url(request))
            return redirect(reverse("registrations:manage", args=[token]) + "?abgemeldet=1")
        if action == "delete":
            services.registration_delete(registration=self.registration, base_url=_base_url(request))
            return _message(request, _("Ihre Anmeldung und alle Ihre Angaben sind gelöscht."), status=200)
        return self.get(request, token)
