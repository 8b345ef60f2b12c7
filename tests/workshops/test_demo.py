"""The Bochum report carries every fact of the original page, in data and on the page."""

import pytest
from django.urls import reverse

from workshops import demo
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

SLUG = "familienfreundlichkeit-die-kommunalverwaltung-im-fokus"

FACTS_ON_PAGE = [
    "Werkstattreihe",
    "Familienfreundlichkeit – Die Kommunalverwaltung im Fokus",
    "April 2008",
    "Bochum",
    "IQZ",
    "Übergreifende Verwaltungsstrukturen allein reichen nicht aus – für die Familienfreundlichkeit einer Kommune "
    "sind ausreichende Ressourcen und verbindliche Ziele erforderlich. Dieses Fazit zogen kommunale Fachleute im "
    "April 2008 auf einem Workshop des IQZ zum Thema „Familienfreundlichkeit von Kommunen“.",
    "Verwaltungsexperte Prof. Dr. Jörg Bogumil: „Die beste Lösung ist ein Amt für Familienpolitik.“",
    "Prof. Dr. Jörg Bogumil von der Ruhr-Universität Bochum mit einem Aufriss denkbarer Verwaltungsmodelle für den "
    "Bereich der Familienpolitik",
    "Rangfolge von „stark“ nach „schwach“",
    "Das IQZ stellt diese Modelle auf familie-in-nrw.de näher vor.",
    "Die anschließende Diskussion zeigte, dass es in nordrhein-westfälischen Kommunen bereits Mischformen dieser "
    "Idealtypen gibt.",
    "Thomas Frings",
    "Abteilungsleiter „Besondere soziale Dienste“",
    "Stadt Gelsenkirchen",
    "Praktische Erfahrungen aus der strukturellen Umsetzung des Themas „Familienfreundlichkeit“ in Gelsenkirchen",
    "nicht irgendein Verwaltungsmodell einer anderen Kommune zu übernehmen, sondern dessen Passung zu überprüfen",
    "„Spielestunden in Haushalten“",
    "unkomplizierte Kontakte zwischen Behörden und Familien",
    "Kooperation mit Wohnungsgesellschaften: Gemeinsame Mieterbefragungen seien eine preisgünstige Methode, um an "
    "relevantes Datenmaterial zu gelangen",
    "In der abschließenden Denkwerkstatt analysierten die Teilnehmenden des Workshops die Familienfreundlichkeit "
    "ihrer Kommune und tauschten Erfahrungen aus.",
]


def test_every_fact_of_the_original_page_is_shown(client):
    html = client.get(reverse("workshops:detail", kwargs={"slug": SLUG})).content.decode()
    missing = [fact for fact in FACTS_ON_PAGE if fact not in html]
    assert not missing


def test_the_facts_are_data_not_only_prose():
    workshop = Workshop.objects.select_related("city", "organiser").get(slug_de=SLUG)
    assert workshop.is_published
    assert (workshop.date.year, workshop.date.month, workshop.show_day) == (2008, 4, False)
    assert workshop.city.ags == "05911000"
    assert workshop.organiser.slug == "iqz"
    assert [item.position for item in workshop.ranked_items.all()] == [1, 2, 3, 4, 5, 6]
    assert (workshop.ranking_high_de, workshop.ranking_low_de) == ("stark", "schwach")
    bogumil, frings = workshop.contributions.all()
    assert (bogumil.full_name, bogumil.affiliation_de) == ("Prof. Dr. Jörg Bogumil", "Ruhr-Universität Bochum")
    assert (frings.full_name, frings.affiliation_de) == ("Thomas Frings", "Stadt Gelsenkirchen")
    quote = workshop.quotes.get()
    assert quote.text_de == "Die beste Lösung ist ein Amt für Familienpolitik."
    assert quote.caption_de.startswith("Verwaltungsexperte Prof. Dr. Jörg Bogumil:")
    assert all(getattr(workshop, f"{field}_en") for field in ("title", "teaser", "body", "conclusion"))


def test_series_has_reports_in_other_cities_and_years():
    published = Workshop.objects.published().select_related("city")
    assert published.count() >= 3
    assert len({w.city.name for w in published}) >= 3
    assert len({w.date.year for w in published}) >= 3


def test_demo_load_is_idempotent():
    before = {model: model.objects.count() for model in (Workshop,)}
    demo.load()
    demo.load()
    assert {model: model.objects.count() for model in before} == before
