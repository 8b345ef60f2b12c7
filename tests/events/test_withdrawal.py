"""
Withdrawing or deleting an event people registered for (registrations.admin_withdrawal), through the real admin
URLs as the IQZ: the bulk "zurück in den Entwurf", the bulk and the single delete, and the status "Entwurf" chosen
in the form each ask first, naming the events and how many people are affected; nothing changes until confirmed
(an anonymous visitor still sees the event); after the confirmation each confirmed or waiting person gets one mail,
as for a cancelled date, and nobody registered for a past date or only pending is mailed.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Event
from registrations.models import EventDate, Registration, RegistrationSettings
from tests.authz.support import admin_form_data, client_as
from tests.events.factories import EventFactory, local

pytestmark = pytest.mark.django_db

NOW = local(2028, 3, 6, 9, 0)
CHANGELIST = "/admin/events/event/"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PEOPLE = {"anna@example.org": "confirmed", "bert@example.org": "confirmed", "carla@example.org": "waiting",
          "dora@example.org": "pending"}


@pytest.fixture(autouse=True)
def _clock_and_tasks(settings):
    settings.TASKS = IMMEDIATE
    with time_machine.travel(NOW, tick=False):
        yield


def _registered_event(title="Fest im Kormoranpark", slug="fest-im-kormoranpark", people=None):
    event = EventFactory(title_de=title, slug=slug, start=NOW + timedelta(days=3), status=Event.Status.PUBLISHED)
    RegistrationSettings.objects.create(event=event, enabled=True, places=10)
    date = EventDate.objects.create(event=event, start=event.start)
    past = EventDate.objects.create(event=event, start=NOW - timedelta(days=2))  # the same event held before
    Registration.objects.create(event_date=past, name="Vera Vorher", email="vera@example.org", status="confirmed")
    people = PEOPLE if people is None else people
    for email, status in people.items():
        Registration.objects.create(event_date=date, name=email.split("@")[0].title(), email=email, status=status)
    EventDate.objects.filter(pk=date.pk).update(
        confirmed=sum(s == "confirmed" for s in people.values()), waiting=sum(s == "waiting" for s in people.values()))
    EventDate.objects.filter(pk=past.pk).update(confirmed=1)
    return event


def _public(event) -> bool:
    return Client().get(f"/veranstaltungen/{event.slug}/").status_code == 200


def _active_emails(event) -> set[str]:
    return set(Registration.objects.filter(event_date__event=event, status__in=Registration.ACTIVE)
               .values_list("email", flat=True))


def _told() -> list[str]:
    return sorted(message.to[0] for message in mail.outbox)


def _assert_told_once(event_title):
    assert _told() == ["anna@example.org", "bert@example.org", "carla@example.org"]
    for message in mail.outbox:
        assert message.subject == f"Termin entfällt: „{event_title}“"
        assert "Ihre Anmeldung ist damit aufgehoben" in message.body
        assert "/veranstaltungen/" not in message.body  # the event is gone: no link to "further dates"


def test_bulk_withdrawal_asks_names_the_people_and_mails_each_after_confirmation(
        django_capture_on_commit_callbacks):
    event = _registered_event()
    quiet = EventFactory(title_de="Ohne Anmeldungen", status=Event.Status.PUBLISHED, start=NOW + timedelta(days=5))
    iqz = client_as("iqz")
    data = {"action": "unpublish", "_selected_action": [event.pk, quiet.pk]}
    with django_capture_on_commit_callbacks(execute=True):
        page = iqz.post(CHANGELIST, data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Fest im Kormoranpark" in html and "Ohne Anmeldungen" not in html.split("<form")[0].split("<table")[-1]
    assert "3 Personen sind für kommende Termine angemeldet" in html
    assert "<td>2</td><td>1</td>" in html  # confirmed, waiting
    assert "Zurückziehen und 3 Personen benachrichtigen" in html
    # Nothing happened yet.
    assert _public(event) and _public(quiet) and not mail.outbox
    assert _active_emails(event) == {*PEOPLE, "vera@example.org"}

    with django_capture_on_commit_callbacks(execute=True):
        done = iqz.post(CHANGELIST, {**data, "post": "yes"}, follow=True)
    assert "3 angemeldete Personen werden per E-Mail benachrichtigt" in done.content.decode()
    assert not _public(event) and not _public(quiet)
    _assert_told_once("Fest im Kormoranpark")
    assert _active_emails(event) == {"vera@example.org"}  # the past date is history
    row = EventDate.objects.get(event=event, start=event.start)
    assert (row.confirmed, row.waiting, row.cancelled) == (0, 0, 3)


def test_bulk_withdrawal_without_registrations_asks_nothing(django_capture_on_commit_callbacks):
    event = _registered_event(people={})
    response = client_as("iqz").post(CHANGELIST, {"action": "unpublish", "_selected_action": [event.pk]})
    assert response.status_code == 302 and not _public(event) and not mail.outbox


def test_deleting_an_event_names_the_people_and_mails_them(django_capture_on_commit_callbacks):
    event = _registered_event()
    iqz = client_as("iqz")
    delete = reverse("admin:events_event_delete", args=(event.pk,))
    html = iqz.get(delete).content.decode()
    assert "3 Personen sind für kommende Termine angemeldet" in html and "<td>2</td><td>1</td>" in html
    assert _public(event) and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        assert iqz.post(delete, {"post": "yes"}).status_code == 302
    assert not Event.objects.filter(pk=event.pk).exists() and not _public(event)
    _assert_told_once("Fest im Kormoranpark")


def test_bulk_delete_names_the_people_and_mails_them(django_capture_on_commit_callbacks):
    event = _registered_event()
    other = _registered_event("Markt am Reiherteich", "markt-am-reiherteich", {"emil@example.org": "confirmed"})
    iqz = client_as("iqz")
    data = {"action": "delete_selected", "_selected_action": [event.pk, other.pk]}
    html = iqz.post(CHANGELIST, data).content.decode()
    assert "4 Personen sind für kommende Termine angemeldet" in html
    assert "Fest im Kormoranpark" in html and "Markt am Reiherteich" in html
    assert Event.objects.filter(pk__in=[event.pk, other.pk]).count() == 2 and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        iqz.post(CHANGELIST, {**data, "post": "yes"})
    assert not Event.objects.filter(pk__in=[event.pk, other.pk]).exists()
    assert _told() == ["anna@example.org", "bert@example.org", "carla@example.org", "emil@example.org"]


def test_choosing_draft_in_the_form_asks_first_then_mails(django_capture_on_commit_callbacks):
    event = _registered_event()
    iqz = client_as("iqz")
    change = reverse("admin:events_event_change", args=(event.pk,))
    data = admin_form_data(change, status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        asked = iqz.post(change, data)
    assert asked.status_code == 200
    html = asked.content.decode()
    assert "Zurückziehen sagt die kommenden Termine ab" in html and "3 Personen" in html
    assert 'name="_cancel_registrations"' in html
    assert _public(event) and not mail.outbox and not Event.objects.filter(draft_of=event).exists()

    with django_capture_on_commit_callbacks(execute=True):
        done = iqz.post(change, {**data, "_cancel_registrations": "1"})
    assert done.status_code == 302
    assert Event.objects.get(pk=event.pk).status == Event.Status.DRAFT and not _public(event)
    _assert_told_once("Fest im Kormoranpark")


def test_a_save_of_a_registered_event_is_a_draft_and_publishing_it_cancels_nothing(
        django_capture_on_commit_callbacks):
    event = _registered_event()
    iqz = client_as("iqz")
    change = reverse("admin:events_event_change", args=(event.pk,))
    data = admin_form_data(change, title_de="Neuer Titel")
    with django_capture_on_commit_callbacks(execute=True):
        iqz.post(change, data)  # "Sichern": the IQZ's draft
    assert Event.objects.get(pk=event.pk).title_de == "Fest im Kormoranpark"
    assert Event.objects.get(draft_of=event).title_de == "Neuer Titel"
    assert "Neuer Titel" not in Client().get(f"/veranstaltungen/{event.slug}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        iqz.post(change, {**data, "_publish_now": "1"})
    assert Event.objects.get(pk=event.pk).title_de == "Neuer Titel" and _public(event)
    assert "Neuer Titel" in Client().get(f"/veranstaltungen/{event.slug}/").content.decode()
    assert not mail.outbox and _active_emails(event) == {*PEOPLE, "vera@example.org"}


def test_the_confirmation_page_reads_the_same_for_one_event_and_for_five(django_assert_max_num_queries):
    iqz = client_as("iqz")

    def queries_for(events) -> int:
        with CaptureQueriesContext(connection) as captured:
            page = iqz.post(CHANGELIST, {"action": "unpublish", "_selected_action": [e.pk for e in events]})
        assert page.status_code == 200 and page.content.decode().count("<td>2</td><td>1</td>") == len(events)
        return len(captured)

    one = queries_for([_registered_event()])
    five = [_registered_event(f"Fest {n}", f"fest-{n}") for n in range(5)]
    with django_assert_max_num_queries(one):
        queries_for(five)
