"""The IQZ-Redaktion works on feedback in the admin (real demo users): the list with its filters, status and
answer, "answered on" set by itself, "Antwort senden" mails the answer. And the accessibility statement's
dates, which the statement page shows as edited."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from feedback.models import AccessibilityStatement, Feedback

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def feedback(db):
    return Feedback.objects.create(topic="barriere", message="Kontrast zu schwach", name="Anna",
                                   email="anna@example.org", page="/veranstaltungen/")


def _change(client, feedback, capture=None, **data):
    url = reverse("admin:feedback_feedback_change", args=[feedback.pk])
    return client.post(url, {"status": feedback.status, "answer": feedback.answer, "_save": "Sichern", **data})


def test_the_list_filters_by_topic_and_status(iqz_client, feedback):
    Feedback.objects.create(topic="sonstiges", message="Lob", status="beantwortet")
    url = reverse("admin:feedback_feedback_changelist")
    html = iqz_client.get(url).content.decode()
    assert "Barriere melden" in html and "/veranstaltungen/" in html
    assert "?status__exact=beantwortet" in html and "?topic__exact=barriere" in html
    only_barriers = iqz_client.get(url, {"topic__exact": "barriere"}).content.decode()
    assert only_barriers.count('class="action-select"') == 1
    assert iqz_client.get(url, {"status__exact": "neu"}).content.decode().count('class="action-select"') == 1


def test_the_change_form_shows_the_message_and_nobody_adds_one(iqz_client, feedback):
    html = iqz_client.get(reverse("admin:feedback_feedback_change", args=[feedback.pk])).content.decode()
    assert "Kontrast zu schwach" in html and "anna@example.org" in html
    assert '<a href="/veranstaltungen/">/veranstaltungen/</a>' in html
    assert iqz_client.get(reverse("admin:feedback_feedback_add")).status_code == 403


def test_answered_on_is_set_when_the_status_becomes_answered_and_cleared_when_it_goes_back(iqz_client, feedback):
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=BERLIN), tick=False):
        assert _change(iqz_client, feedback, status="in_bearbeitung").status_code == 302
        feedback.refresh_from_db()
        assert feedback.answered_at is None
        _change(iqz_client, feedback, status="beantwortet", answer="Per Telefon geklärt.")
    feedback.refresh_from_db()
    assert feedback.answered_at == datetime(2026, 3, 2, 10, 0, tzinfo=BERLIN)
    with time_machine.travel(datetime(2026, 3, 5, 10, 0, tzinfo=BERLIN)):
        _change(iqz_client, feedback, status="beantwortet", answer="Per Telefon geklärt, Kontrast erhöht.")
    feedback.refresh_from_db()
    assert feedback.answered_at == datetime(2026, 3, 2, 10, 0, tzinfo=BERLIN)  # kept on later edits
    _change(iqz_client, feedback, status="in_bearbeitung")
    feedback.refresh_from_db()
    assert feedback.answered_at is None
    assert mail.outbox == []  # saving alone mails nobody


def test_send_answer_mails_the_sender_and_marks_the_message_answered(iqz_client, feedback, settings,
                                                                     django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        response = _change(iqz_client, feedback, answer="Danke, wir haben den Kontrast erhöht.", send_answer="on")
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == "beantwortet" and feedback.answered_at and feedback.answer_sent_at
    [answer] = mail.outbox
    assert answer.to == ["anna@example.org"]
    assert answer.subject == "Antwort auf Ihre Nachricht: Barriere melden"
    assert "Danke, wir haben den Kontrast erhöht." in answer.body and "Kontrast zu schwach" in answer.body


def test_send_answer_without_address_or_text_is_a_form_error(iqz_client, feedback):
    response = _change(iqz_client, feedback, answer="", send_answer="on")
    assert response.status_code == 200 and "Bitte schreiben Sie zuerst die Antwort." in response.content.decode()
    feedback.email = ""
    feedback.save()
    response = _change(iqz_client, feedback, answer="Danke", send_answer="on")
    assert "keine E-Mail-Adresse" in response.content.decode()
    feedback.refresh_from_db()
    assert feedback.status == "neu" and mail.outbox == []


def test_municipal_editors_have_no_access(bochum_client, feedback):
    for url in (reverse("admin:feedback_feedback_changelist"),
                reverse("admin:feedback_feedback_change", args=[feedback.pk]),
                reverse("admin:feedback_accessibilitystatement_changelist")):
        assert bochum_client.get(url).status_code == 403
    response = _change(bochum_client, feedback, status="beantwortet", answer="gehackt")
    assert response.status_code == 403
    feedback.refresh_from_db()
    assert feedback.status == "neu" and feedback.answer == ""
    assert "Rückmeldungen" not in bochum_client.get(reverse("admin:index")).content.decode()


def test_the_statement_page_shows_the_review_date_edited_in_the_admin(iqz_client, client, portal_caches):
    statement = AccessibilityStatement.objects.get()
    assert "zuletzt am 1. September 2026 überprüft" in client.get("/barrierefreiheit/").content.decode()
    list_url = reverse("admin:feedback_accessibilitystatement_changelist")
    change_url = reverse("admin:feedback_accessibilitystatement_change", args=[statement.pk])
    assert iqz_client.get(list_url)["Location"] == change_url  # one row: the list leads to it
    response = iqz_client.post(change_url, {"prepared_on": "01.09.2025", "reviewed_on": "15.11.2026",
                                            "_save": "Sichern"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AccessibilityStatement.objects.get().reviewed_on == date(2026, 11, 15)
    iqz_client.logout()
    html = client.get("/barrierefreiheit/").content.decode()  # cached before: the save shows at once
    assert "Diese Erklärung wurde am 1. September 2025 erstellt. Sie wurde zuletzt am 15. November 2026 überprüft." \
        in html
    english = client.get("/en/accessibility/").content.decode()
    assert "It was last reviewed on 15 November 2026." in english


def test_the_statement_follows_the_eu_model(client):
    html = client.get("/barrierefreiheit/").content.decode()
    for heading in ("Stand der Vereinbarkeit mit den Anforderungen", "Nicht barrierefreie Inhalte",
                    "Erstellung dieser Erklärung", "Feedback und Kontaktangaben", "Durchsetzungsverfahren"):
        assert f"<h2>{heading}</h2>" in html
    assert 'href="/kontakt/?thema=barriere#formular"' in html
    assert "Ombudsstelle für barrierefreie Informationstechnik" in html
    assert "ombudsstelle-barrierefreie-it@mags.nrw.de" in html
