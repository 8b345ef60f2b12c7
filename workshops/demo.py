"""
Demo content of the Werkstattreihe, read from `workshops/demo.yaml`: the Bochum report of April
2008 (the portal's original page, every fact of it) and three fictional reports of later years,
so that the list, its filters and its pagination have something to show. Idempotent: rows are
found by natural keys.
"""

from django.db import transaction

from familie_portal.demo import demo_data
from managers.models import Municipality, Organisation
from workshops.models import Contribution, Quote, RankedItem, Workshop, WorkshopSeries

_CHILDREN = ("quotes", "ranking", "contributions")


def _report(spec: dict, *, series: WorkshopSeries, organiser: Organisation) -> Workshop:
    fields = {key: value for key, value in spec.items() if key not in (*_CHILDREN, "slug_de")}
    fields.update(series=series, organiser=organiser, city=Municipality.objects.get(slug=spec["city"]),
                  status=Workshop.Status.PUBLISHED)
    workshop, _ = Workshop.objects.update_or_create(slug_de=spec["slug_de"], defaults=fields)
    for position, quote in enumerate(spec.get("quotes", []), start=1):
        Quote.objects.update_or_create(workshop=workshop, position=position, defaults=quote)
    for position, item in enumerate(spec.get("ranking", []), start=1):
        RankedItem.objects.update_or_create(
            workshop=workshop, position=position, defaults={"label_de": item["de"], "label_en": item["en"]}
        )
    for position, contribution in enumerate(spec.get("contributions", []), start=1):
        Contribution.objects.update_or_create(workshop=workshop, position=position, defaults=contribution)
    return workshop


@transaction.atomic
def load(*, stdout=None) -> None:
    data = demo_data(__file__)
    series_spec = dict(data["series"])
    series, _ = WorkshopSeries.objects.update_or_create(slug=series_spec.pop("slug"), defaults=series_spec)
    organiser = Organisation.objects.get(slug=data["organiser"])
    for spec in data["reports"]:
        _report(spec, series=series, organiser=organiser)
    if stdout is not None:
        stdout.write(f"Werkstattreihe: {len(data['reports'])} Berichte (Bochum 2008 und erfundene Beispiele)\n")
