"""The filter above the list of reports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workshops import selectors


class WorkshopFilterForm(forms.Form):
    """Year, city and series of the published reports; choices come from what exists."""

    year = forms.TypedChoiceField(label=_("Jahr"), required=False, coerce=int, empty_value=None)
    city = forms.ChoiceField(label=_("Ort"), required=False)
    series = forms.ChoiceField(label=_("Reihe"), required=False)

    def __init__(self, *args, choices: selectors.FilterChoices | None = None, **kwargs):
        """`choices`: selectors.filter_choices(), if already known (the list view keeps them in the cache)."""
        super().__init__(*args, **kwargs)
        choices = choices or selectors.filter_choices()
        everything = [("", _("alle"))]
        self.fields["year"].choices = everything + choices.years
        self.fields["city"].choices = everything + choices.cities
        self.fields["series"].choices = everything + choices.series
        # One series needs no choice; the field shows up once there is a second one.
        self.show_series = len(choices.series) > 1

    def filters(self) -> dict:
        """The valid filters; an invalid value is reported on its field and not applied."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
