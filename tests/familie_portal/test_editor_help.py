"""
The editors' help inside the admin (familie_portal.editor_help): one German page per task and an index, for
staff only, linked from the start page and from the django CMS toolbar's "Hilfe" menu, which replaces django
CMS's "Help" (English documentation, news, a chat community).
"""

import re

import pytest

from familie_portal.editor_help import TOPICS

pytestmark = pytest.mark.django_db

FOREIGN = ("django-cms.org", "discord", "discourse", "djangoproject.com", "Documentation", "What's new")
HELP_PAGES = ["/admin/hilfe/", *(f"/admin/hilfe/{slug}/" for slug in TOPICS)]


@pytest.mark.parametrize("username", ["bochum", "iqz", "admin"])
def test_every_help_page_answers_staff_in_german_and_links_the_others(client, user_by_name, username):
    client.force_login(user_by_name(username))
    for url in HELP_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert 'lang="de"' in html
        for slug in TOPICS:
            assert f'href="/admin/hilfe/{slug}/"' in html
        assert not any(word in html for word in FOREIGN), url


def test_each_task_page_explains_its_task(client, user_by_name):
    client.force_login(user_by_name("bochum"))
    expected = {
        "seite-bearbeiten": ["Ihre Kommunalseite bearbeiten", "<strong>Struktur</strong>", "Zur Prüfung einreichen",
                             "Alternativtext"],
        "veranstaltung": ["Neue Veranstaltung", "Wiederholung", "Ausnahmen", "Anmeldung über das Portal"],
        "profil": ["Profil anlegen", "Einwilligung in die Veröffentlichung", "sofort"],
        "pruefen": ["Zur Prüfung einreichen", "Freigeben und veröffentlichen", "Zurückgeben", "älteste zuerst"],
    }
    for slug, phrases in expected.items():
        html = client.get(f"/admin/hilfe/{slug}/").content.decode()
        for phrase in phrases:
            assert phrase in html, (slug, phrase)
        assert f"<title>{TOPICS[slug]}" in html


def test_help_is_for_staff_only(client, user_by_name, django_user_model):
    for url in HELP_PAGES:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url
    client.force_login(django_user_model.objects.create_user("besuch", "besuch@example.org", "x"))
    assert client.get("/admin/hilfe/").status_code == 302


def test_an_unknown_topic_is_not_found(client, user_by_name):
    client.force_login(user_by_name("iqz"))
    assert client.get("/admin/hilfe/gibt-es-nicht/").status_code == 404


def test_the_start_page_links_the_help(client, user_by_name):
    client.force_login(user_by_name("bochum"))
    html = client.get("/admin/").content.decode()
    assert '<a class="start-page__help" href="/admin/hilfe/">Hilfe für Redaktionen</a>' in html


@pytest.mark.parametrize("username", ["bochum", "iqz"])
def test_the_toolbar_offers_hilfe_and_no_foreign_links(client, user_by_name, username):
    client.force_login(user_by_name(username))

    html = client.get("/kommunen/bochum/?toolbar_on").content.decode()

    assert 'class="cms-toolbar' in html
    toolbar = html[html.index('class="cms-toolbar'):]
    assert ">Hilfe<" in toolbar
    for slug in TOPICS:
        assert f'href="/admin/hilfe/{slug}/"' in toolbar
    assert not any(word in html for word in FOREIGN)
    assert ">Help<" not in toolbar
    assert not re.search(r'href="https?://(?!testserver)', toolbar), "no link leaves the portal"
