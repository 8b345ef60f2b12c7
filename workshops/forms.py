"""The filter above the list of reports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workshops import selectors


class WorkshopFilterForm(forms.Form):
    """Year, city and series of the published reports; choices come from what exists."""

    year = forms.TypedChoiceField(label=_("Jahr"), required=False, coerce=int, empty_value=None)
    city = forms.ChoiceField(label=_("Ort"), required=False)
    series = forms.ChoiceField(label=_("Reihe"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("alle"))]
        self.fields["year"].choices = everything + [(str(year), str(year)) for year in selectors.workshop_years()]
        self.fields["city"].choices = everything + [(city.slug, city.name) for city in selectors.workshop_cities()]
        series = [(item.slug, item.name) for item in selectors.workshop_series()]
        self.fields["series"].choices = everything + series
        # One series needs no choice; the field shows up once there is a second one.
        self.show_series = len(series) > 1

    def filters(self) -> dict:
        """The valid filters; an invalid value is reported on its field and not applied."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
