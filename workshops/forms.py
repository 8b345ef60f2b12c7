"""The filter above the list of reports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from familie_portal.forms import PlainChoices
from workshops import selectors


class WorkshopFilterForm(forms.Form):
    """Year, city and series of the published reports; choices come from what exists."""

    year = forms.TypedChoiceField(label=_("Jahr"), required=False, coerce=int, empty_value=None)
    city = forms.ChoiceField(label=_("Ort"), required=False)
    series = forms.ChoiceField(label=_("Reihe"), required=False)

    def __init__(self, *args, choices: selectors.FilterChoices | None = None, **kwargs):
        """`choices`: selectors.filter_choices(), if already known (the list view caches them)."""
        super().__init__(*args, **kwargs)
        choices = choices or selectors.filter_choices()
        everything = [("", _("alle"))]
        self.fields["year"].choices = PlainChoices(everything + choices.years)
        self.fields["city"].choices = PlainChoices(everything + choices.cities)
        self.fields["series"].choices = PlainChoices(everything + choices.series)
        # One series needs no choice; the field shows up once there is a second one.
        self.show_series = len(choices.series) > 1

    def cache_vary(self) -> tuple | None:
        """What the form's HTML depends on besides its choices: bound or not, and the (valid) values.

        None while a value is invalid: the form then shows the raw value and an error, not cached.
        """
        if not self.is_bound:
            return (False,)
        if not self.is_valid():
            return None
        return (True, *(self.cleaned_data.get(name) or "" for name in ("year", "city", "series")))

    def filters(self) -> dict:
        """The valid filters; an invalid value is reported on its field and not applied."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
