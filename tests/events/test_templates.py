"""
The calendar's markup is in templates a designer can override: a template at the same path in an
earlier TEMPLATES["DIRS"] entry wins, and each plugin instance may pick a folder of its own templates.
"""

import copy
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from events.models import MiniCalendarPluginModel, UpcomingEventsPluginModel

from .factories import EventFactory

# Renders every request (the anonymous page cache would answer the second one).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]


def _templates_first(directory) -> list[dict]:
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [str(directory), *templates[0]["DIRS"]]
    return templates


def _write(directory, path: str, text: str) -> None:
    target = directory / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)


def test_an_earlier_template_dir_overrides_the_date_card_and_the_month_grid(client, tmp_path):
    _write(tmp_path, "events/includes/event_card.html",
           '<li class="override-card">{{ occurrence.event.title }} {{ occurrence.get_absolute_url }}</li>')
    _write(tmp_path, "events/includes/month_grid.html",
           '<p class="override-grid">{{ grid.first|date:"F Y" }}{% if compact %} kompakt{% endif %}</p>')
    with override_settings(TEMPLATES=_templates_first(tmp_path)):
        html = client.get("/veranstaltungen/2008/5/").content.decode()
        assert '<p class="override-grid">Mai 2008</p>' in html, "the month page's grid"
        assert '<p class="override-grid">Mai 2008 kompakt</p>' in html, "the sidebar calendar beside it"
        assert ('<li class="override-card">Sprechstunde Familienmanagement '
                "/veranstaltungen/sprechstunde-familienmanagement-2008/?termin=2008-05-06</li>") in html
        assert 'class="event-item"' not in html
        soon = timezone.now() + timedelta(hours=1)
        EventFactory(title_de="Gleich danach", start=soon, end=soon + timedelta(hours=1))
        for url in ["/veranstaltungen/", "/veranstaltungen/veranstalter/iqz/2008/", "/veranstaltungen/2008/5/6/", "/"]:
            page = client.get(url).content.decode()
            assert 'class="override-card"' in page and 'class="event-item"' not in page, url
    assert 'class="event-item"' in client.get("/veranstaltungen/2008/5/").content.decode()


def test_a_plugin_uses_the_template_folder_chosen_for_it(client, tmp_path):
    _write(tmp_path, "events/plugins/kompakt/upcoming_events.html",
           '<p class="kompakt-upcoming">{{ upcoming.occurrences|length }} Termine</p>')
    _write(tmp_path, "events/plugins/kompakt/mini_calendar.html",
           '<p class="kompakt-calendar">{{ calendar.first|date:"F Y" }}</p>')
    folders = [("default", "Standard"), ("kompakt", "Kompakt")]
    with override_settings(TEMPLATES=_templates_first(tmp_path), EVENTS_PLUGIN_TEMPLATE_FOLDERS=folders):
        html = client.get("/").content.decode()
        assert '<section class="upcoming-events"' in html and "kompakt-upcoming" not in html, "the standard"
        UpcomingEventsPluginModel.objects.update(template_folder="kompakt", count=2)
        html = client.get("/").content.decode()
        assert '<p class="kompakt-upcoming">2 Termine</p>' in html
        assert '<section class="upcoming-events"' not in html
        MiniCalendarPluginModel.objects.update(template_folder="kompakt")
        html = client.get("/veranstaltungen/2008/5/").content.decode()
        assert '<p class="kompakt-calendar">Mai 2008</p>' in html and 'class="cal cal--mini"' not in html
        # A folder without its own template falls back to the standard one.
        UpcomingEventsPluginModel.objects.update(template_folder="gibt-es-nicht")
        assert '<section class="upcoming-events"' in client.get("/").content.decode()
