"""workshops.selectors: the filter's choices."""

import datetime

import pytest
from django.utils import translation

from tests.workshops.factories import WorkshopFactory
from workshops import selectors
from workshops.models import Workshop, WorkshopSeries

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["de", "en"])
def test_filter_choices_are_the_published_years_places_and_series(language):
    other = WorkshopSeries.objects.create(name_de="Fachtage", name_en="", slug="fachtage")
    WorkshopFactory(series=other, date=datetime.date(2031, 1, 1))
    WorkshopFactory(date=datetime.date(2032, 1, 1), status=Workshop.Status.DRAFT)
    with translation.override(language):
        choices = selectors.filter_choices()
        published = Workshop.objects.published()
        assert [int(year) for year, _label in choices.years] == sorted(
            {w.date.year for w in published}, reverse=True
        )
        assert "2032" not in dict(choices.years), "drafts do not count"
        assert choices.cities == [(city.slug, city.name) for city in selectors.workshop_cities()]
        assert choices.series == [(series.slug, series.name) for series in selectors.workshop_series()]
        assert ("fachtage", "Fachtage") in choices.series, "no English name: the German one"
        if language == "en":
            assert ("werkstattreihe", "Workshop series") in choices.series
