"""
The filters of "alle Termine", shared by the list, the archive and the feeds, so a subscription
URL (`kalender.ics?organiser=iqz&target=fachkraefte`) means exactly what the list shows.

Query parameters (labels are German): q, category, target, organiser, municipality, from, to; values
are slugs and ISO dates (German TT.MM.JJJJ is accepted too).
Unknown values make the form invalid; the views then show a message and no dates (never a 500).
"""

from datetime import date, datetime, timedelta

from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from events.calendar import MAX_YEAR, MIN_YEAR, local_midnight
from events.models import Category, Event, TargetGroup
from familie_portal.translation import columns
from managers.models import Municipality, Organisation

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class _ChoiceIterator(ModelChoiceIterator):
    """The options from one plain query. Django's iterator() would use a server-side cursor on
    PostgreSQL (DECLARE, FETCH, CLOSE: three round trips) for each of the four lists."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class _SlugChoiceField(forms.ModelChoiceField):
    iterator = _ChoiceIterator
    widget = forms.Select

    def label_from_instance(self, obj):
        return getattr(obj, "display_name", None) or getattr(obj, "name", str(obj))


def _date_field(label) -> forms.DateField:
    return forms.DateField(
        label=label, required=False, input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), max_length=100, required=False)
    category = _SlugChoiceField(
        label=_("Kategorie"), queryset=Category.objects.only("slug", *columns("name")), to_field_name="slug",
        required=False,
        empty_label=_("alle Kategorien"),
    )
    target = _SlugChoiceField(
        label=_("Zielgruppe"), queryset=TargetGroup.objects.only("slug", *columns("name")), to_field_name="slug",
        required=False,
        empty_label=_("alle Zielgruppen"),
    )
    organiser = _SlugChoiceField(
        label=_("Veranstalter"), queryset=Organisation.objects.none(), to_field_name="slug", required=False,
        empty_label=_("alle Veranstalter"),
    )
    municipality = _SlugChoiceField(
        label=_("Kommune"), queryset=Municipality.objects.none(), to_field_name="slug", required=False,
        empty_label=_("alle Kommunen"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so the date fields are added here rather than declared.
        self.fields["from"] = _date_field(_("von"))
        self.fields["to"] = _date_field(_("bis"))
        # Offer only organisers and places that have public events; validation uses the same sets.
        public = Event.objects.published()
        self.fields["organiser"].queryset = Organisation.objects.filter(
            pk__in=public.values("organiser")
        ).only("slug", "name", "short_name").order_by("name")
        self.fields["municipality"].queryset = Municipality.objects.filter(
            pk__in=public.filter(municipality__isnull=False).values("municipality")
        ).only("slug", "name").order_by("name")

    def clean_from(self):
        return self._check_year(self.cleaned_data.get("from"))

    def clean_to(self):
        return self._check_year(self.cleaned_data.get("to"))

    @staticmethod
    def _check_year(value):
        if value and not MIN_YEAR <= value.year <= MAX_YEAR:
            raise forms.ValidationError(
                _("Bitte ein Datum zwischen %(min)s und %(max)s wählen."), params={"min": MIN_YEAR, "max": MAX_YEAR}
            )
        return value

    def clean(self):
        data = super().clean()
        if data.get("from") and data.get("to") and data["from"] > data["to"]:
            raise forms.ValidationError(_("Das Datum „von“ liegt nach dem Datum „bis“."))
        return data

    # --- applying a valid form ------------------------------------------------------------------
    @property
    def submitted_values(self) -> str:
        """What the form's HTML depends on besides published content and the language: the values as
        submitted (errors follow from them). The cache key of the rendered form (occurrence_list.html)."""
        return "&".join(f"{name}={self.data.get(name) or ''}" for name in self.fields)

    @property
    def is_active(self) -> bool:
        """Whether any filter is set (an invalid form counts: it was meant as one)."""
        return any(self.data.get(name) for name in self.fields)

    def filter_events(self, queryset):
        data = self.cleaned_data
        if data.get("category"):
            queryset = queryset.filter(category=data["category"])
        if data.get("target"):
            queryset = queryset.filter(target_groups=data["target"])
        if data.get("organiser"):
            queryset = queryset.filter(organiser=data["organiser"])
        if data.get("municipality"):
            queryset = queryset.filter(municipality=data["municipality"])
        if data.get("q"):
            text = data["q"]
            condition = Q(venue_name__icontains=text) | Q(venue_city__icontains=text)
            for name in columns("title", "lead"):
                condition |= Q(**{f"{name}__icontains": text})
            queryset = queryset.filter(condition)
        return queryset

    def window(self, *, start: datetime, end: datetime, horizon: timedelta | None = None) -> tuple[datetime, datetime]:
        """The date range asked for, defaulting to the view's own window (`horizon` after "from" if given)."""
        if self.cleaned_data.get("from"):
            start = local_midnight(self.cleaned_data["from"])
            if horizon:
                end = start + horizon
        if self.cleaned_data.get("to"):
            end = local_midnight(self.cleaned_data["to"] + timedelta(days=1))
        return start, max(start, end)

    def date_range(self) -> tuple[date | None, date | None]:
        return self.cleaned_data.get("from"), self.cleaned_data.get("to")
