"""
Shared fixtures. The demo content (page tree, users, roles, each app's demo data) is loaded
once per test database, not per test: every test runs inside a transaction on top of it.
"""

import pytest
from cms.utils.apphook_reload import reload_urlconf
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from familie_portal.demo import load_demo_content

    with django_db_blocker.unblock():
        load_demo_content()
        reload_urlconf()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Page, placeholder and menu caches must not carry content from one test into another.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _german_outside_requests():
    # A request to /en/… leaves English active in the worker; reverse() in the next test must
    # not build /en/ addresses.
    from django.utils import translation

    with translation.override("de"):
        yield


@pytest.fixture
def uncached(settings):
    """Render every request, no cache at all (the test settings' default; query-count tests say so)."""
    settings.PORTAL_CACHES = False
    return settings


@pytest.fixture
def portal_caches(settings):
    """The portal's caches on, as in production (familie_portal.caching): the page cache and the parts."""
    settings.PORTAL_CACHES = True
    settings.PORTAL_PAGE_CACHE = True
    cache.clear()
    return settings


@pytest.fixture
def pages_uncached(portal_caches):
    """The parts on, the page cache off: what a page missing the page cache costs on a running site
    (the benchmark's "uncached" phase); the part tests use it to prove a save shows at once."""
    portal_caches.PORTAL_PAGE_CACHE = False
    return portal_caches


@pytest.fixture
def demo_password():
    return settings.PORTAL_DEMO_PASSWORD


def _login(client, username):
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    return user


@pytest.fixture
def iqz_client(client, db):
    _login(client, "iqz")
    return client


@pytest.fixture
def bochum_client(client, db):
    _login(client, "bochum")
    return client


@pytest.fixture
def gelsenkirchen_client(client, db):
    _login(client, "gelsenkirchen")
    return client


@pytest.fixture
def admin_client_demo(client, db):
    _login(client, "admin")
    return client


@pytest.fixture
def user_by_name(db):
    def get(username):
        return get_user_model().objects.get(username=username)

    return get
