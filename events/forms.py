"""
The event form of the admin with a series editor: "wöchentlich am Dienstag und Donnerstag", "monatlich
am 3. Mittwoch", "bis 31.12.2008" or "10-mal" instead of RFC 5545 text. The choices become the
event's RRULE (events.recurrence normalises and checks it); a rule the editor cannot express stays
editable as text under "Eigene Regel".
"""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from icalendar import vRecur

from events import recurrence
from events.calendar import local_tz
from events.models import Event

WEEKDAYS = [("MO", _("Montag")), ("TU", _("Dienstag")), ("WE", _("Mittwoch")), ("TH", _("Donnerstag")),
            ("FR", _("Freitag")), ("SA", _("Samstag")), ("SU", _("Sonntag"))]
WEEKDAY_CODES = [code for code, _name in WEEKDAYS]

NONE, DAILY, WEEKLY, MONTHLY_DAY, MONTHLY_WEEKDAY, YEARLY, CUSTOM = (
    "", "daily", "weekly", "monthly_day", "monthly_weekday", "yearly", "custom",
)
REPEAT_CHOICES = [
    (NONE, _("keine (ein einzelner Termin)")),
    (DAILY, _("täglich")),
    (WEEKLY, _("wöchentlich an den gewählten Wochentagen")),
    (MONTHLY_DAY, _("monatlich am selben Tag (z. B. jeden 15.)")),
    (MONTHLY_WEEKDAY, _("monatlich am selben Wochentag (z. B. jeden 3. Mittwoch)")),
    (YEARLY, _("jährlich")),
    (CUSTOM, _("eigene Regel (RFC 5545, für Fachleute)")),
]
FREQ = {DAILY: "DAILY", WEEKLY: "WEEKLY", MONTHLY_DAY: "MONTHLY", MONTHLY_WEEKDAY: "MONTHLY", YEARLY: "YEARLY"}


def nth_weekday(day) -> str:
    """"3WE" for the third Wednesday of its month, "-1WE" for a last one that is also a fifth."""
    nth = (day.day - 1) // 7 + 1
    return f"{-1 if nth == 5 else nth}{WEEKDAY_CODES[day.weekday()]}"


def repeat_of(rrule: str) -> dict:
    """The editor's choices for a stored rule, or "custom" where they cannot express it."""
    if not rrule:
        return {"repeat": NONE}
    parts = dict(vRecur.from_ical(rrule))
    freq = (parts.pop("FREQ", [None]) or [None])[0]
    interval = (parts.pop("INTERVAL", [1]) or [1])[0]
    count = (parts.pop("COUNT", [None]) or [None])[0]
    until = (parts.pop("UNTIL", [None]) or [None])[0]
    byday = [str(value) for value in parts.pop("BYDAY", [])]
    if isinstance(until, datetime):  # stored in UTC: the local day it ends on
        until = timezone.localtime(until, local_tz()).date() if timezone.is_aware(until) else until.date()
    choices = {"repeat_interval": interval, "repeat_count": count, "repeat_until": until}
    if parts:  # BYMONTHDAY, BYSETPOS, WKST, ...: beyond the simple choices
        return {"repeat": CUSTOM}
    if freq == "WEEKLY" and all(code in WEEKDAY_CODES for code in byday):
        return {**choices, "repeat": WEEKLY, "repeat_weekdays": byday}
    if freq == "MONTHLY" and len(byday) == 1 and byday[0][-2:] in WEEKDAY_CODES and byday[0][:-2]:
        return {**choices, "repeat": MONTHLY_WEEKDAY}
    if not byday and freq in ("DAILY", "MONTHLY", "YEARLY"):
        return {**choices, "repeat": {"DAILY": DAILY, "MONTHLY": MONTHLY_DAY, "YEARLY": YEARLY}[freq]}
    return {"repeat": CUSTOM}


class EventAdminForm(forms.ModelForm):
    repeat = forms.ChoiceField(label=_("Wiederholung"), choices=REPEAT_CHOICES, required=False)
    repeat_interval = forms.IntegerField(
        label=_("Abstand"), min_value=1, max_value=52, initial=1, required=False,
        help_text=_("1 = jede Woche, jeden Monat …; 2 = jede zweite und so fort."),
    )
    repeat_weekdays = forms.MultipleChoiceField(
        label=_("Wochentage"), choices=WEEKDAYS, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Nur bei wöchentlicher Wiederholung; ohne Auswahl der Wochentag des Beginns."),
    )
    repeat_until = forms.DateField(
        label=_("Wiederholen bis einschließlich"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
    )
    repeat_count = forms.IntegerField(label=_("oder Anzahl der Termine"), min_value=1, max_value=500, required=False)

    class Meta:
        model = Event
        fields = ["start", "rrule"]  # the admin adds the rest of its fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "rrule" not in self.fields:  # the admin's read-only view (reviews.admin) has no model fields
            return
        self.fields["rrule"].label = _("Eigene Regel (RFC 5545)")
        # Also when bound: `changed_data` (the history's change message) compares the post with these,
        # so that an unchanged series is not reported as changed on every save.
        for name, value in repeat_of(self.instance.rrule or "").items():
            self.initial.setdefault(name, value)

    def clean(self):
        data = super().clean()
        repeat = data.get("repeat") or NONE
        if repeat == CUSTOM:
            return data  # the text field as written (Event.clean checks it)
        if repeat == NONE:
            if "rrule" not in self.changed_data:  # a rule typed under "Eigene Regel" counts as one
                data["rrule"] = ""
            return data
        start, until, count = data.get("start"), data.get("repeat_until"), data.get("repeat_count")
        if until and count:
            self.add_error("repeat_count", _("Bitte entweder ein Enddatum oder eine Anzahl angeben, nicht beides."))
            return data
        if not until and not count:
            self.add_error("repeat_until", _("Bitte angeben, bis wann oder wie oft der Termin wiederkehrt."))
            return data
        if start and until and until < timezone.localtime(start, local_tz()).date():
            self.add_error("repeat_until", _("Das Enddatum der Wiederholung liegt vor dem Beginn."))
            return data
        parts = [f"FREQ={FREQ[repeat]}"]
        if (data.get("repeat_interval") or 1) > 1:
            parts.append(f"INTERVAL={data['repeat_interval']}")
        if repeat == WEEKLY and data.get("repeat_weekdays"):
            parts.append("BYDAY=" + ",".join(code for code in WEEKDAY_CODES if code in data["repeat_weekdays"]))
        if repeat == MONTHLY_WEEKDAY and start:
            parts.append(f"BYDAY={nth_weekday(timezone.localtime(start, local_tz()).date())}")
        parts.append(f"UNTIL={until:%Y%m%d}" if until else f"COUNT={count}")
        data["rrule"] = ";".join(parts)
        return data


# --- the series in words while the editor changes it (events.admin: "serie-in-worten/") -----------
# The model fields it reads; the series editor's own fields come with EventAdminForm.
SERIES_MODEL_FIELDS = ["start", "end", "all_day", "rrule", "exdates"]
SERIES_FIELDS = ["start", "repeat", "repeat_interval", "repeat_weekdays", "repeat_count", "repeat_until",
                 "exdates", "rrule"]


def in_words_with_count(event) -> str:
    """"jede Woche am Dienstag, 6-mal, außer am 29.12.2026 – ergibt 5 Termine"; "" for a single date."""
    sentence = recurrence.summary(event)
    if not sentence:
        return ""
    count = recurrence.date_count(event)
    if count is None:
        return gettext("%(rule)s – ohne Enddatum") % {"rule": sentence}
    if count >= recurrence.MAX_OCCURRENCES:
        return gettext("%(rule)s – ergibt mehr als %(count)d Termine") % {"rule": sentence, "count": count}
    return ngettext("%(rule)s – ergibt %(count)d Termin", "%(rule)s – ergibt %(count)d Termine", count) % {
        "rule": sentence, "count": count}


def series_in_words(form) -> dict:
    """For a bound event form: {"text": the series in words with its number of dates, "error": whether the
    text names what is still missing or wrong}. Only the series' fields count; the rest of the form may be
    empty."""
    form.is_valid()
    for name in SERIES_FIELDS:
        if name in form.errors:
            label = form.fields[name].label if name in form.fields else name
            return {"text": gettext("%(field)s: %(error)s") % {"field": label, "error": form.errors[name][0]},
                    "error": True}
    data = form.cleaned_data
    if not data.get("start"):
        return {"text": gettext("Bitte geben Sie zuerst den Beginn an."), "error": True}
    event = Event(start=data["start"], end=data.get("end") or data["start"], all_day=bool(data.get("all_day")),
                  rrule=data.get("rrule") or "", exdates=data.get("exdates") or "")
    if event.end < event.start:
        event.end = event.start
    if not event.rrule:
        return {"text": gettext("Keine Wiederholung: ein einzelner Termin."), "error": False}
    try:
        event.rrule = recurrence.normalize_rrule(event.rrule, start=event.start)
        recurrence.parse_exdates(event.exdates)
        return {"text": in_words_with_count(event), "error": False}
    except (ValueError, TypeError, OverflowError) as error:
        return {"text": str(error), "error": True}
