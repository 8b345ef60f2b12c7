"""workshops.rendering: the Python-built cards and date lists give exactly what their templates gave."""

import pytest
from django.template import Context, Template
from django.utils import translation

from events import selectors as events_selectors
from managers.models import Organisation
from tests.workshops.factories import WorkshopFactory
from workshops import rendering
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

# The templates these functions replace, as they were (workshops/includes/workshop_card.html and
# the loop of "Weitere Veranstaltungen" in workshop_detail.html).
CARD_TEMPLATE = Template(
    '<article class="card workshop-card">\n'
    '  <{{ heading }} class="workshop-card__title"><a href="{{ workshop.get_absolute_url }}">'
    "{{ workshop.title }}</a></{{ heading }}>\n"
    '  <p class="meta">\n'
    '    <time datetime="{{ workshop.schema_date }}">{{ workshop.date_display }}</time>'
    "{% if workshop.city %} · {{ workshop.city.name }}{% endif %} · {{ workshop.series.name }}\n"
    "  </p>\n"
    "  <p>{{ workshop.teaser|truncatewords:40 }}</p>\n"
    "</article>"
)
OCCURRENCE_TEMPLATE = Template(
    """{% for event in occurrences %}<li><a href="{{ event.get_absolute_url }}">{{ event.title }}</a>, """
    """<time datetime="{{ event.start|date:'c' }}">{{ event.start|date:"DATE_FORMAT" }}</time></li>{% endfor %}"""
)


@pytest.mark.parametrize("language", ["de", "en"])
def test_cards_are_what_the_card_template_gave(language):
    WorkshopFactory(city=None, show_day=False, teaser_de=" ".join(["Wort"] * 60), title_de="A & <b>B</b>")
    WorkshopFactory(end_date="2030-01-03", date="2030-01-01")
    with translation.override(language):
        workshops = list(Workshop.objects.published().for_cards())
        assert len(workshops) > 5
        for workshop in workshops:
            for heading in ("h2", "h3"):
                expected = CARD_TEMPLATE.render(Context({"workshop": workshop, "heading": heading}))
                assert rendering.workshop_card(workshop, heading) == expected


def test_cards_escape_content():
    WorkshopFactory(title_de="<script>alert(1)</script>", teaser_de="<img src=x onerror=alert(2)>", date="2031-01-01")
    html = rendering.workshop_cards(Workshop.objects.published().for_cards().order_by("-date")[:1])
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.startswith("<li><article") and html.endswith("</article></li>")


@pytest.mark.parametrize("language", ["de", "en"])
def test_dates_are_what_the_date_template_gave(language):
    """Single dates and the dates of a series (with ?termin=), localised, in both languages."""
    iqz = Organisation.objects.get(slug="iqz")
    with translation.override(language):
        occurrences = events_selectors.organiser_events_in_year(organiser=iqz, year=2008)
        assert any(o.event.rrule for o in occurrences) and any(not o.event.rrule for o in occurrences)
        expected = OCCURRENCE_TEMPLATE.render(Context({"occurrences": occurrences}))
        assert rendering.occurrence_items(occurrences).replace("\n", "") == expected


def test_dates_escape_titles():
    from tests.events.factories import EventFactory, local

    event = EventFactory(title_de='<a href="x">böse</a>', start=local(2008, 6, 1))
    html = rendering.occurrence_items(events_selectors.organiser_events_in_year(organiser=event.organiser, year=2008))
    assert "&lt;a href=&quot;x&quot;&gt;böse&lt;/a&gt;" in html
    assert '<a href="x">' not in html
