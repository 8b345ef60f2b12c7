"""
Authorization matrix of the participant lists: roles × dates of three organisers × the date's page, its
participants, the CSV and XLSX downloads. The IQZ-Redaktion sees every date, a municipal editor only
their municipality's events' dates (another city's is refused: never 200), anonymous visitors go to the login.
"""

import pytest
from django.urls import reverse

from events.models import Event
from registrations.models import EventDate, Registration, RegistrationSettings

from .support import ROLES, client_as, denied, redirects_to_login

pytestmark = pytest.mark.django_db

EVENTS = {
    "stadt-bochum": "familienfest-im-stadtpark-bochum-2008",
    "stadt-gelsenkirchen": "spielestunden-in-haushalten-infoabend-2008",
    "iqz": "werkstatt-familienfreundliche-stadtplanung",
}
MAY_SEE = {"bochum": {"stadt-bochum"}, "gelsenkirchen": {"stadt-gelsenkirchen"},
           "iqz": set(EVENTS), "admin": set(EVENTS)}
ENDPOINTS = ["date", "registration", "csv", "xlsx", "message"]


@pytest.fixture
def dates(db):
    rows = {}
    for key, slug in EVENTS.items():
        event = Event.objects.get(slug=slug)
        RegistrationSettings.objects.get_or_create(event=event, defaults={"enabled": True, "places": 10})
        row = EventDate.objects.create(event=event, start=event.start, confirmed=1)
        Registration.objects.create(event_date=row, name=f"Teilnehmerin {key}", email=f"{key}@example.org",
                                    status="confirmed")
        rows[key] = row
    return rows


def _url(endpoint, row):
    if endpoint == "date":
        return reverse("admin:registrations_eventdate_change", args=[row.pk])
    if endpoint == "registration":
        return reverse("admin:registrations_registration_change", args=[row.registrations.get().pk])
    if endpoint == "message":
        return reverse("admin:registrations_eventdate_message", args=[row.pk])
    return reverse("admin:registrations_eventdate_export", args=[row.pk, endpoint])


CASES = [(role, key, endpoint) for role in [*ROLES, None] for key in EVENTS for endpoint in ENDPOINTS]


@pytest.mark.parametrize(("role", "key", "endpoint"), CASES, ids=[f"{r}-{k}-{e}" for r, k, e in CASES])
def test_participant_lists_and_exports(dates, role, key, endpoint):
    response = client_as(role).get(_url(endpoint, dates[key]))
    if role is None:
        assert redirects_to_login(response)
        return
    if key not in MAY_SEE[role]:
        assert denied(response), response.status_code
        assert f"{key}@example.org".encode() not in response.content
        return
    assert response.status_code == 200
    body = response.content if endpoint != "xlsx" else b""
    if endpoint == "csv":
        assert f"Teilnehmerin {key}" in body.decode("utf-8-sig")
        assert response["Content-Type"].startswith("text/csv")
    elif endpoint == "xlsx":
        from io import BytesIO

        from openpyxl import load_workbook

        sheet = load_workbook(BytesIO(response.content)).active
        assert [c.value for c in sheet[2]][1] == f"Teilnehmerin {key}"
    elif endpoint == "message":
        assert "An 1 bestätigte Person" in body.decode()
    else:
        assert f"{key}@example.org" in body.decode()


@pytest.mark.parametrize("role", ROLES)
def test_changelists_list_only_the_roles_dates(dates, role):
    for model in ("eventdate", "registration"):
        response = client_as(role).get(reverse(f"admin:registrations_{model}_changelist"))
        assert response.status_code == 200
        listed = set(response.context["cl"].queryset.values_list("pk", flat=True))
        expected = {(row.pk if model == "eventdate" else row.registrations.get().pk)
                    for key, row in dates.items() if key in MAY_SEE[role]}
        assert expected <= listed
        others = {(row.pk if model == "eventdate" else row.registrations.get().pk)
                  for key, row in dates.items() if key not in MAY_SEE[role]}
        assert not (others & listed)


def test_a_municipal_editor_cannot_change_another_citys_places(dates):
    row = dates["stadt-gelsenkirchen"]
    response = client_as("bochum").post(reverse("admin:registrations_eventdate_change", args=[row.pk]),
                                        {"places": "99", "registrations-TOTAL_FORMS": "0",
                                         "registrations-INITIAL_FORMS": "0"})
    assert denied(response)
    row.refresh_from_db()
    assert row.places is None


@pytest.mark.parametrize(("role", "key"), [(r, k) for r in [*ROLES, None] for k in EVENTS])
def test_a_message_goes_out_only_from_those_who_see_the_list(dates, role, key, settings,
                                                             django_capture_on_commit_callbacks):
    from django.core import mail

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(role).post(_url("message", dates[key]), {"subject": "Raumänderung", "text": "Raum 2"})
    sent = [m for m in mail.outbox if m.to == [f"{key}@example.org"]]
    if role is None or key not in MAY_SEE[role]:
        assert (redirects_to_login(response) if role is None else denied(response)) and not sent
        return
    assert response.status_code == 302 and len(sent) == 1
