"""The event page stays in the anonymous page cache (no form, no token, no personal data on it); the
registration pages never enter it; a confirmation shows on the cached page at once."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import link

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portal_caches")]


def test_the_event_page_is_cached_and_follows_confirmations(visitor, event, django_assert_num_queries):
    url = event.get_absolute_url()
    first = visitor.get(url)
    assert "noch 2 Plätze frei" in first.content.decode()
    with django_assert_num_queries(0):
        assert visitor.get(url).content == first.content
    assert "csrfmiddlewaretoken" not in first.content.decode() and "Set-Cookie" not in first.headers

    visitor.sign_up(event)
    assert visitor.get(url).content == first.content, "a pending sign-up takes no place"
    visitor.post(link(mail.outbox[0], "bestaetigen"))
    page = visitor.get(url).content.decode()
    assert "noch 1 Platz frei" in page
    assert "anna@example.org" not in page and "Anna Beispiel" not in page


def test_registration_pages_are_never_stored(client, event):
    url = f"/anmeldung/{event.slug}/"
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200 and "csrfmiddlewaretoken" in response.content.decode()
        assert "no-cache" in response["Cache-Control"] and len(queries) > 0
