"""
The filters of "alle Termine", shared by the list, the archive and the feeds, so a subscription
URL (`kalender.ics?veranstalter=iqz&zielgruppe=fachkraefte`) means exactly what the list shows.

Query parameters are German like the URLs: kategorie, zielgruppe, veranstalter, kommune, von, bis, q.
Unknown values make the form invalid; the views then show a message and no dates (never a 500).
"""

from datetime import date, datetime, timedelta

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.calendar import MAX_YEAR, MIN_YEAR, local_midnight
from events.models import Category, Event, TargetGroup
from managers.models import Municipality, Organisation

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class _SlugChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return getattr(obj, "display_name", None) or getattr(obj, "name", str(obj))


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), max_length=100, required=False)
    kategorie = _SlugChoiceField(
        label=_("Kategorie"), queryset=Category.objects.all(), to_field_name="slug", required=False,
        empty_label=_("alle Kategorien"),
    )
    zielgruppe = _SlugChoiceField(
        label=_("Zielgruppe"), queryset=TargetGroup.objects.all(), to_field_name="slug", required=False,
        empty_label=_("alle Zielgruppen"),
    )
    veranstalter = _SlugChoiceField(
        label=_("Veranstalter"), queryset=Organisation.objects.none(), to_field_name="slug", required=False,
        empty_label=_("alle Veranstalter"),
    )
    kommune = _SlugChoiceField(
        label=_("Kommune"), queryset=Municipality.objects.none(), to_field_name="slug", required=False,
        empty_label=_("alle Kommunen"),
    )
    von = forms.DateField(
        label=_("von"), required=False, input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    bis = forms.DateField(
        label=_("bis"), required=False, input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer only organisers and places that have public events; validation uses the same sets.
        public = Event.objects.published()
        self.fields["veranstalter"].queryset = Organisation.objects.filter(
            pk__in=public.values("organiser")
        ).order_by("name")
        self.fields["kommune"].queryset = Municipality.objects.filter(
            pk__in=public.filter(municipality__isnull=False).values("municipality")
        ).order_by("name")

    def clean_von(self):
        return self._check_year(self.cleaned_data.get("von"))

    def clean_bis(self):
        return self._check_year(self.cleaned_data.get("bis"))

    @staticmethod
    def _check_year(value):
        if value and not MIN_YEAR <= value.year <= MAX_YEAR:
            raise forms.ValidationError(
                _("Bitte ein Datum zwischen %(min)s und %(max)s wählen."), params={"min": MIN_YEAR, "max": MAX_YEAR}
            )
        return value

    def clean(self):
        data = super().clean()
        if data.get("von") and data.get("bis") and data["von"] > data["bis"]:
            raise forms.ValidationError(_("Das Datum „von“ liegt nach dem Datum „bis“."))
        return data

    # --- applying a valid form ------------------------------------------------------------------
    @property
    def is_active(self) -> bool:
        """Whether any filter is set (an invalid form counts: it was meant as one)."""
        return any(self.data.get(name) for name in self.fields)

    def filter_events(self, queryset):
        data = self.cleaned_data
        if data.get("kategorie"):
            queryset = queryset.filter(category=data["kategorie"])
        if data.get("zielgruppe"):
            queryset = queryset.filter(target_groups=data["zielgruppe"])
        if data.get("veranstalter"):
            queryset = queryset.filter(organiser=data["veranstalter"])
        if data.get("kommune"):
            queryset = queryset.filter(municipality=data["kommune"])
        if data.get("q"):
            text = data["q"]
            queryset = queryset.filter(
                Q(title_de__icontains=text) | Q(title_en__icontains=text) | Q(lead_de__icontains=text)
                | Q(lead_en__icontains=text) | Q(venue_name__icontains=text) | Q(venue_city__icontains=text)
            )
        return queryset

    def window(self, *, start: datetime, end: datetime, horizon: timedelta | None = None) -> tuple[datetime, datetime]:
        """The date range asked for, defaulting to the view's own window (`horizon` after "von" if given)."""
        if self.cleaned_data.get("von"):
            start = local_midnight(self.cleaned_data["von"])
            if horizon:
                end = start + horizon
        if self.cleaned_data.get("bis"):
            end = local_midnight(self.cleaned_data["bis"] + timedelta(days=1))
        return start, max(start, end)

    def date_range(self) -> tuple[date | None, date | None]:
        return self.cleaned_data.get("von"), self.cleaned_data.get("bis")
