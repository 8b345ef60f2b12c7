"""
"Zugangsdaten vergessen?" on the admin's login page (familie_portal.password_reset): Django's password reset
views with German pages in the admin's look and a German mail; the whole flow through the test client, with
django-axes guarding the login as deployed.
"""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

RESET = "/admin/passwort-vergessen/"
DONE = "/admin/passwort-vergessen/gesendet/"
NEW_PASSWORD = "Sonnenblume-Kanal-42"


def _link(message) -> str:
    found = re.search(r"https?://[^/\s]+(/admin/passwort-neu/[^\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_the_login_page_links_the_reset(client):
    html = client.get("/admin/login/").content.decode()
    assert f'href="{RESET}"' in html
    assert "Zugangsdaten vergessen?" in html


def test_the_whole_flow_sets_a_new_password_and_the_login_works(client, user_by_name):
    bochum = user_by_name("bochum")
    page = client.get(RESET)
    assert page.status_code == 200
    assert "Passwort vergessen" in page.content.decode() and 'lang="de"' in page.content.decode()

    response = client.post(RESET, {"email": "Bochum@example.org"})

    assert response.status_code == 302 and response["Location"] == DONE
    assert "E-Mail unterwegs" in client.get(DONE).content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["bochum@example.org"]
    assert message.subject == "Neues Passwort für das Familienportal"
    assert "Guten Tag," in message.body and "Ihr Benutzername: bochum" in message.body
    assert "Sie haben" in message.body and "password" not in message.body.lower()

    link = client.get(_link(message))  # Django moves the token into the session and redirects
    assert link.status_code == 302
    form = client.get(link["Location"])
    assert "Neues Passwort festlegen" in form.content.decode()
    done = client.post(link["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/admin/passwort-neu/fertig/"
    assert "Passwort gespeichert" in client.get(done["Location"]).content.decode()

    bochum.refresh_from_db()
    assert bochum.check_password(NEW_PASSWORD)
    login = client.post("/admin/login/?next=/admin/", {"username": "bochum", "password": NEW_PASSWORD})
    assert login.status_code == 302 and login["Location"] == "/admin/"
    assert "Meine Startseite" in client.get("/admin/").content.decode()

    client.logout()
    again = client.get(_link(message), follow=True)
    assert "Dieser Link gilt nicht mehr" in again.content.decode(), "a link works once"


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client):
    response = client.post(RESET, {"email": "niemand@example.org"})
    assert response.status_code == 302 and response["Location"] == DONE
    assert mail.outbox == []


def test_a_forged_token_gets_a_clear_page(client, user_by_name, demo_password):
    for url in ("/admin/passwort-neu/Mg/gefaelscht-123/", "/admin/passwort-neu/xx!/abc/",
                f"/admin/passwort-neu/{user_by_name('bochum').pk}/set-password/"):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Dieser Link gilt nicht mehr" in html and 'href="/admin/passwort-vergessen/"' in html
    assert user_by_name("bochum").check_password(demo_password), "nothing changed"


def test_mails_per_address_are_limited_with_the_same_answer(client):
    for _ in range(5):
        response = client.post(RESET, {"email": "iqz@example.org"})
        assert response["Location"] == DONE
    assert len(mail.outbox) == 3


def test_an_invalid_address_is_a_form_error_in_german(client):
    response = client.post(RESET, {"email": "keine-adresse"})
    assert response.status_code == 200
    assert "Fehler:" in response.content.decode()


def test_a_login_locked_by_wrong_passwords_works_again_with_the_new_password(client, user_by_name):
    for attempt in range(5):
        client.post("/admin/login/", {"username": "bochum", "password": f"falsch-{attempt}"})
    locked = client.post("/admin/login/", {"username": "bochum", "password": "falsch"})
    assert locked.status_code == 429, "django-axes locks the login"

    client.post(RESET, {"email": "bochum@example.org"})
    link = client.get(_link(mail.outbox[0]))
    client.post(link["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    login = client.post("/admin/login/?next=/admin/", {"username": "bochum", "password": NEW_PASSWORD})
    assert login.status_code == 302 and login["Location"] == "/admin/"
