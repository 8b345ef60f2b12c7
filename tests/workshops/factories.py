import datetime

import factory

from managers.models import Municipality, Organisation
from workshops.models import Contribution, Quote, RankedItem, Workshop, WorkshopSeries


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    series = factory.LazyFunction(lambda: WorkshopSeries.objects.get(slug="werkstattreihe"))
    organiser = factory.LazyFunction(lambda: Organisation.objects.get(slug="iqz"))
    city = factory.LazyFunction(lambda: Municipality.objects.get(ags="05911000"))
    title_de = factory.Sequence(lambda n: f"Testwerkstatt {n}")
    title_en = factory.Sequence(lambda n: f"Test workshop {n}")
    slug_de = factory.Sequence(lambda n: f"testwerkstatt-{n}")
    slug_en = factory.Sequence(lambda n: f"test-workshop-{n}")
    date = factory.Sequence(lambda n: datetime.date(2000, 1, 1) + datetime.timedelta(days=n % 3000))
    teaser_de = "Ein Vorspann."
    teaser_en = "A lead."
    body_de = "<p>Bericht.</p>"
    status = Workshop.Status.PUBLISHED


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    workshop = factory.SubFactory(WorkshopFactory)
    position = factory.Sequence(int)
    name = factory.Sequence(lambda n: f"Person {n}")
    role_de = "Fachfrau"
    affiliation_de = "Stadt Beispiel"


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    workshop = factory.SubFactory(WorkshopFactory)
    speaker = "Person"
    text_de = "Ein Satz."


class RankedItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RankedItem

    workshop = factory.SubFactory(WorkshopFactory)
    position = factory.Sequence(lambda n: n + 1)
    label_de = factory.Sequence(lambda n: f"Rang {n}")


def bulk_published_workshops(count: int, *, year: int = 2001, **overrides) -> list[Workshop]:
    """Many published reports at once, each with a quote, a ranked item and a contribution."""
    template = WorkshopFactory.build()
    workshops = Workshop.objects.bulk_create(
        [
            Workshop(
                series=template.series, organiser=template.organiser, city=template.city,
                title_de=f"Massenbericht {year}-{n}", title_en=f"Bulk report {year}-{n}",
                slug_de=f"massenbericht-{year}-{n}", slug_en=f"bulk-report-{year}-{n}",
                date=datetime.date(year, 1, 1) + datetime.timedelta(days=n % 360),
                teaser_de="Vorspann", status=Workshop.Status.PUBLISHED, **overrides,
            )
            for n in range(count)
        ]
    )
    Quote.objects.bulk_create([Quote(workshop=w, speaker="X", text_de="Zitat") for w in workshops])
    RankedItem.objects.bulk_create([RankedItem(workshop=w, position=1, label_de="Eins") for w in workshops])
    Contribution.objects.bulk_create([Contribution(workshop=w, name="Y") for w in workshops])
    return workshops
