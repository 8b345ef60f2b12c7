"""The contact form at /kontakt/ (the "Kontakt" page's application): what a visitor sends is stored once and
mailed to the IQZ, a receipt goes to the sender only when they gave an address; bad input is a form error
or a 400, never a server error, and the text typed is shown again."""

import re

import pytest
from django.core import mail
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from feedback.forms import new_token
from feedback.models import Feedback

from .conftest import URL, stored

pytestmark = pytest.mark.django_db


def test_the_page_shows_its_text_and_the_form_never_cached(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Qualifizierungszentrum für Kommunen" in html  # the page's own text above the form
    assert 'name="csrfmiddlewaretoken"' in html and 'name="token"' in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    for label in ("Barriere melden", "Frage zur Werkstattreihe", "Frage zu Veranstaltungen",
                  "Frage zur Qualifizierung", "Sonstiges"):
        assert f">{label}</option>" in html


def test_the_english_page_has_the_form_in_english(client):
    response = client.get("/en/contact/?thema=werkstattreihe")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your message" in html and "Send message" in html
    assert '<option value="werkstattreihe" selected>Question about the workshop series</option>' in html


@pytest.mark.parametrize("language", ["tr", "uk", "ar"])
def test_the_form_answers_in_the_languages_of_nrws_families(client, language):
    """Turkish, Ukrainian, Arabic: the page's application answers at the language's own address (an apphook
    serves only the languages its page has content in), its labels translated, every footer link leads there."""
    with translation.override(language):
        label, send = escape(gettext("Barriere melden")), escape(gettext("Nachricht senden"))
    footer = client.get(f"/{language}/veranstaltungen/").content.decode()
    report = f'href="/{language}/kontakt/?thema=barriere&amp;seite=%2F{language}%2Fveranstaltungen%2F#formular"'
    assert report in footer
    response = client.get(f"/{language}/kontakt/?thema=barriere")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}"' in html and 'name="token"' in html
    assert f'<option value="barriere" selected>{label}</option>' in html and send in html


def test_footer_link_prefills_topic_and_page(client):
    response = client.get("/kontakt/?thema=barriere&seite=/veranstaltungen/%3Fseite%3D2")
    html = response.content.decode()
    assert '<option value="barriere" selected>Barriere melden</option>' in html
    assert 'value="/veranstaltungen/?seite=2"' in html


@pytest.mark.parametrize("seite", ["https://evil.example/x", "//evil.example/x", "javascript:alert(1)",
                                   "http://testserver.evil.example/", "/\\evil.example", "veranstaltungen",
                                   "/a\nb", "/" + "x" * 600])
def test_a_foreign_or_malformed_page_is_not_prefilled(client, seite):
    response = client.get(URL, {"thema": "nichts", "seite": seite})
    html = response.content.decode()
    assert response.status_code == 200
    [page_input] = re.findall(r'<input[^>]*name="page"[^>]*>', html)
    assert "value=" not in page_input
    assert "evil.example" not in html
    assert "<option value=\"barriere\" selected" not in html


def test_the_footer_of_every_page_links_the_form_with_its_own_path(client, portal_caches):
    for path in ("/veranstaltungen/", "/impressum/", "/en/legal-notice/"):
        for _ in range(2):  # the second answer comes from the page cache
            html = client.get(path).content.decode()
            form = "/en/contact/" if path.startswith("/en/") else "/kontakt/"
            assert f'href="{form}?thema=barriere&amp;seite={path.replace("/", "%2F")}#formular"' in html, path


def test_a_valid_message_is_stored_and_mailed_to_the_iqz_and_a_receipt_to_the_sender(visitor):
    response = visitor.send(name="Anna Beispiel", email="anna@example.org", page="/veranstaltungen/")
    assert response.status_code == 302
    assert response["Location"] == "/kontakt/gesendet/?bestaetigung=1"
    [feedback] = stored()
    assert (feedback.topic, feedback.name, feedback.email, feedback.page, feedback.status, feedback.language) == (
        "barriere", "Anna Beispiel", "anna@example.org", "/veranstaltungen/", "neu", "de")
    to_iqz, receipt = mail.outbox
    assert to_iqz.to == ["iqz-postfach@example.org"]
    assert to_iqz.subject == "Neue Rückmeldung: Barriere melden"
    assert "Der Kalender lässt sich nicht mit der Tastatur bedienen." in to_iqz.body
    assert "http://testserver/veranstaltungen/" in to_iqz.body
    assert f"http://testserver/admin/feedback/feedback/{feedback.pk}/change/" in to_iqz.body
    assert receipt.to == ["anna@example.org"]
    assert "Guten Tag Anna Beispiel" in receipt.body and "„Barriere melden“" in receipt.body
    assert "Tastatur" not in receipt.body  # never the text: the form must not mail any text to any address
    done = visitor.client.get(response["Location"]).content.decode()
    assert "Vielen Dank für Ihre Nachricht" in done and "Eingangsbestätigung per E-Mail" in done


def test_name_email_and_page_are_optional(visitor):
    response = visitor.send(topic="sonstiges", message="Danke für das Portal!")
    assert response["Location"] == "/kontakt/gesendet/"
    [feedback] = stored()
    assert (feedback.name, feedback.email, feedback.page) == ("", "", "")
    assert [m.to for m in mail.outbox] == [["iqz-postfach@example.org"]]
    assert "Eingangsbestätigung" not in visitor.client.get(response["Location"]).content.decode()


def test_a_full_address_of_this_site_is_kept_as_its_path(visitor):
    visitor.send(page="http://testserver/werkstattreihe/bochum/")
    assert stored()[0].page == "/werkstattreihe/bochum/"


def test_an_english_message_gets_its_receipt_in_english(visitor):
    visitor.send(url="/en/contact/", email="ben@example.org")
    assert stored()[0].language == "en"
    receipt = mail.outbox[1]
    assert receipt.subject == "Your message has been received"


def _errors(response):
    return response.content.decode()


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"message": ""}, "message", "Bitte schreiben Sie uns Ihre Nachricht."),
    ({"message": "   "}, "message", "Bitte schreiben Sie uns Ihre Nachricht."),
    ({"message": "x" * 5001}, "message", "höchstens 5000 Zeichen"),
    ({"email": "keine-adresse"}, "email", "gültige E-Mail-Adresse"),
    ({"page": "https://evil.example/"}, "page", "Adresse dieses Portals"),
    ({"page": "//evil.example/"}, "page", "Adresse dieses Portals"),
    ({"topic": ""}, "topic", "Bitte wählen Sie ein Thema."),
    ({"topic": "werbung"}, "topic", "keine gültige Auswahl"),
    ({"name": "Anna\x07"}, "name", "unzulässige Zeichen"),
])
def test_bad_input_is_an_accessible_form_error_with_the_text_kept(visitor, fields, field, message):
    response = visitor.send(**{"name": "Anna", **fields})
    html = response.content.decode()
    assert response.status_code == 200
    assert stored() == [] and mail.outbox == []
    assert message in html
    assert 'class="errorlist feedback__summary" role="alert"' in html
    assert f'<a href="#id_{field}">' in html  # the summary leads to the field
    assert f'aria-describedby="id_{field}_error' in html or f'aria-describedby="id_{field}_helptext id_{field}_error' \
        in html
    assert f'id="id_{field}_error"' in html
    assert "<title>Fehler:" in html
    if field != "message":
        assert "Der Kalender lässt sich nicht mit der Tastatur bedienen." in html  # nothing typed is lost


def test_a_forged_or_missing_token_is_refused_with_400_and_the_text_kept(visitor):
    for token in ("gefälscht", new_token()[:-2] + "xx", ""):
        response = visitor.client.post(URL, {"topic": "barriere", "message": "Mein Text", "token": token})
        html = response.content.decode()
        assert response.status_code == 400
        assert "Mein Text" in html and "noch einmal" in html
        assert re.search(r'name="token" value="[^"]+"', html)  # a fresh key to send again
    assert stored() == [] and mail.outbox == []


def test_sending_the_same_form_twice_stores_and_mails_once(visitor):
    token = new_token()
    first = visitor.send(token=token, email="anna@example.org")
    second = visitor.send(token=token, email="anna@example.org")
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert len(stored()) == 1
    assert len(mail.outbox) == 2


def test_the_honeypot_stores_nothing_and_looks_like_success(visitor):
    response = visitor.send(website="http://spam.example/")
    assert response.status_code == 302 and response["Location"] == "/kontakt/gesendet/"
    assert stored() == [] and mail.outbox == []


def test_rate_limit_per_ip(visitor, settings):
    settings.PORTAL_FEEDBACK_LIMIT_PER_IP = 2
    assert [visitor.send().status_code for _ in range(3)] == [302, 302, 429]
    response = visitor.send(message="Noch ein Versuch")
    assert response.status_code == 429
    assert "sehr viele Nachrichten" in response.content.decode()
    assert "Noch ein Versuch" in response.content.decode()
    assert Feedback.objects.count() == 2


def test_rate_limit_per_email_does_not_count_against_registrations(visitor, settings):
    settings.PORTAL_FEEDBACK_LIMIT_PER_EMAIL = 1
    assert visitor.send(email="anna@example.org").status_code == 302
    assert visitor.send(email="ANNA@example.org ").status_code == 429
    assert visitor.send(email="bert@example.org").status_code == 302
    from registrations import ratelimit as registration_limits

    settings.PORTAL_REGISTRATION_LIMIT_PER_EMAIL = 1
    assert registration_limits.email_over_limit("anna@example.org") is False


def test_csrf_is_required(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(URL, {"topic": "barriere", "message": "x",
                                                            "token": new_token()})
    assert response.status_code == 403
    assert stored() == []


def test_the_form_page_queries_stay_few(client, uncached, django_assert_max_num_queries):
    client.get(URL)
    with django_assert_max_num_queries(30):
        client.get(URL)
