"""Login brute force: django-axes locks a username/IP pair after 5 failures, in the portal's layout."""

import pytest
from django.test import RequestFactory

from familie_portal.auth import client_ip

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"


def _attempt(client, username, password, ip="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_five_failures_lock_the_account_for_this_client(client, demo_password):
    for _ in range(4):
        assert _attempt(client, "bochum", "falsch").status_code == 200  # the form again, with an error
    locked = _attempt(client, "bochum", "falsch")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Anmeldung vorübergehend gesperrt" in html
    assert "Bitte versuchen Sie es in 15 Minuten erneut." in html
    assert 'class="main-nav"' in html, "lockout page in the portal layout"
    # Locked: even the right password is refused now.
    assert _attempt(client, "bochum", demo_password).status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_ip(client, demo_password):
    for _ in range(5):
        _attempt(client, "bochum", "falsch")
    # A colleague behind the same city hall IP still logs in; so does the user from elsewhere.
    assert _attempt(client, "gelsenkirchen", demo_password).status_code == 302
    client.logout()
    assert _attempt(client, "bochum", demo_password, ip="198.51.100.20").status_code == 302


def test_success_before_the_limit_resets_the_counter(client, demo_password):
    for _ in range(4):
        _attempt(client, "iqz", "falsch")
    assert _attempt(client, "iqz", demo_password).status_code == 302
    client.logout()
    for _ in range(4):
        assert _attempt(client, "iqz", "falsch").status_code == 200


def test_client_ip_uses_the_proxy_header_only_when_configured(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert client_ip(request) == "10.0.0.1"
    settings.PORTAL_CLIENT_IP_HEADER = "X-Forwarded-For"
    assert client_ip(request) == "203.0.113.9", "the right-most entry is the one our proxy added"
