"""
Authorization matrix of the feedback inbox and the accessibility statement's dates: the IQZ-Redaktion (and the
superuser) work on them; municipal editors get no access at all (never 200, nothing written, no address shown);
anonymous visitors go to the login. Nobody adds a message in the admin (they come from the form).
"""

import pytest
from django.urls import reverse

from feedback.models import AccessibilityStatement, Feedback

from .support import ROLES, admin_form_data, client_as, denied, redirects_to_login, snapshot

pytestmark = pytest.mark.django_db

MAY_WORK = {"iqz", "admin"}
ENDPOINTS = ["list", "change", "delete", "history", "statement-list", "statement-change"]


@pytest.fixture
def feedback(db):
    return Feedback.objects.create(topic="barriere", message="Geheimer Text", name="Anna",
                                   email="anna.matrix@example.org")


def _url(endpoint, feedback):
    statement = AccessibilityStatement.objects.get()
    return {
        "list": reverse("admin:feedback_feedback_changelist"),
        "change": reverse("admin:feedback_feedback_change", args=[feedback.pk]),
        "delete": reverse("admin:feedback_feedback_delete", args=[feedback.pk]),
        "history": reverse("admin:feedback_feedback_history", args=[feedback.pk]),
        "statement-list": reverse("admin:feedback_accessibilitystatement_changelist"),
        "statement-change": reverse("admin:feedback_accessibilitystatement_change", args=[statement.pk]),
    }[endpoint]


CASES = [(role, endpoint) for role in [*ROLES, None] for endpoint in ENDPOINTS]


@pytest.mark.parametrize(("role", "endpoint"), CASES, ids=[f"{r}-{e}" for r, e in CASES])
def test_get(feedback, role, endpoint):
    response = client_as(role).get(_url(endpoint, feedback))
    if role is None:
        assert redirects_to_login(response)
    elif role in MAY_WORK:
        assert response.status_code in (200, 302)  # the statement's list leads to its one row
    else:
        assert denied(response), response.status_code
        assert b"anna.matrix@example.org" not in response.content


@pytest.mark.parametrize("role", [*ROLES, None])
def test_change_post(feedback, role):
    url = _url("change", feedback)
    data = admin_form_data(url, status="beantwortet", answer="Antwort der Rolle")
    before = snapshot(Feedback.objects.all(), "status", "answer")
    response = client_as(role).post(url, data)
    if role in MAY_WORK:
        assert response.status_code == 302
        feedback.refresh_from_db()
        assert (feedback.status, feedback.answer) == ("beantwortet", "Antwort der Rolle")
    else:
        assert denied(response) or redirects_to_login(response)
        assert snapshot(Feedback.objects.all(), "status", "answer") == before


@pytest.mark.parametrize("role", [*ROLES, None])
def test_delete_post(feedback, role):
    response = client_as(role).post(_url("delete", feedback), {"post": "yes"})
    assert Feedback.objects.filter(pk=feedback.pk).exists() is (role not in MAY_WORK)
    if role not in MAY_WORK:
        assert denied(response) or redirects_to_login(response)


@pytest.mark.parametrize("role", [*ROLES, None])
def test_nobody_adds_a_message_or_a_second_statement(role):
    for url in (reverse("admin:feedback_feedback_add"), reverse("admin:feedback_accessibilitystatement_add")):
        response = client_as(role).get(url)
        assert redirects_to_login(response) if role is None else response.status_code == 403


@pytest.mark.parametrize("role", [*ROLES, None])
def test_statement_post(role):
    statement = AccessibilityStatement.objects.get()
    url = reverse("admin:feedback_accessibilitystatement_change", args=[statement.pk])
    before = statement.reviewed_on
    response = client_as(role).post(url, {"prepared_on": "01.09.2025", "reviewed_on": "02.02.2027"})
    statement.refresh_from_db()
    if role in MAY_WORK:
        assert response.status_code == 302 and str(statement.reviewed_on) == "2027-02-02"
    else:
        assert denied(response) or redirects_to_login(response)
        assert statement.reviewed_on == before
