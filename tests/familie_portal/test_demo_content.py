"""The demo command is idempotent and creates the promised page tree and logins."""

import pytest
from cms.models import Page, PageContent
from django.contrib.auth import get_user_model
from django.core.management import call_command
from djangocms_versioning.constants import PUBLISHED
from djangocms_versioning.models import Version

from familie_portal import demo
from familie_portal.demo import demo_data, demo_logins

pytestmark = pytest.mark.django_db

REQUIRED = ["start", "werkstattreihe", "veranstaltungen", "familienmanager", "qualifizierung", "impressum",
            "datenschutz", "barrierefreiheit", "kontakt", "leichte-sprache"]


def _counts():
    from django.apps import apps
    from django.db import connection

    tables = set(connection.introspection.table_names())
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in tables
    }


def test_demo_command_twice_changes_nothing(capsys):
    call_command("load_demo_content")
    first = _counts()
    call_command("load_demo_content")
    assert _counts() == first
    out = capsys.readouterr().out
    assert "familie-demo-2008" in out
    for username, role in demo_logins():
        assert username in out and role in out


def test_every_required_page_is_published_in_both_languages():
    ids = {spec["reverse_id"] for spec in demo_data(demo.__file__)["pages"]}
    assert set(REQUIRED) <= ids
    for reverse_id in REQUIRED:
        page = Page.objects.get(reverse_id=reverse_id)
        for language in ("de", "en"):
            content = PageContent.admin_manager.filter(page=page, language=language).current_content().get()
            assert Version.objects.get_for_content(content).state == PUBLISHED


def test_demo_logins_exist_with_their_roles(demo_password):
    users = get_user_model().objects.in_bulk(["admin", "iqz", "bochum", "gelsenkirchen"], field_name="username")
    assert users["admin"].is_superuser
    assert users["iqz"].groups.filter(name="IQZ-Redaktion").exists()
    assert users["bochum"].municipal_editor.municipality.name == "Bochum"
    assert users["gelsenkirchen"].municipal_editor.municipality.name == "Gelsenkirchen"
    for user in users.values():
        assert user.check_password(demo_password)


def test_relative_dates_follow_the_day_of_loading():
    from datetime import date, datetime

    import time_machine

    from events import demo as events_demo
    from events.calendar import local_tz
    from events.models import Event

    with time_machine.travel(datetime(2027, 3, 3, 9, tzinfo=local_tz()), tick=False):  # a Wednesday
        events_demo.load()
    events = Event.objects.in_bulk(field_name="slug")
    fachtag = events["fachtag-familienzentren-und-verwaltung"]
    assert (fachtag.start, fachtag.registration_deadline) == (datetime(2027, 3, 10, 10, tzinfo=local_tz()),
                                                             date(2027, 3, 6))
    course = events["qualifizierung-familienmanagement-neuer-kurs"]
    assert (course.start.date(), course.end.date()) == (date(2027, 3, 24), date(2027, 3, 25))
    # "Mittwochs": the next Wednesday after the day of loading, one week left out.
    weekly = events["offene-sprechstunde-familienbuero-gelsenkirchen"]
    assert (weekly.start.date(), weekly.exdates) == (date(2027, 3, 10), "2027-03-24")
    # The dates of 2008 stay where the original page has them.
    bochum = events["familienfreundlichkeit-die-kommunalverwaltung-im-fokus"]
    assert bochum.start == datetime(2008, 4, 15, 10, tzinfo=local_tz())
