"""
Shared fixtures. The test database is set up once per test database, not per test, the way
production is (README, "Deployment") plus the demo content on top: `migrate` (roles, the
IQZ-Redaktion's global page permission, the media library's folder permissions), the editorial
logins, `manage.py add_municipality` for Bochum and Gelsenkirchen, then `load_demo_content` (which
adds content but no role or permission: tests/authz/test_setup.py). Every test runs inside a
transaction on top of it.
"""

import io

import pytest
from cms.utils.apphook_reload import reload_urlconf
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command

# username, what production makes of them: a superuser (createsuperuser), a member of the
# IQZ-Redaktion (a superuser adds them to the group), a city's editor (add_municipality).
EDITORIAL_LOGINS = [("admin", "superuser"), ("iqz", "IQZ-Redaktion"), ("bochum", "bochum"),
                    ("gelsenkirchen", "gelsenkirchen")]


def _set_up_as_in_production():
    from django.contrib.auth.models import Group

    User = get_user_model()
    for username, role in EDITORIAL_LOGINS:
        email, password = f"{username}@example.org", settings.PORTAL_DEMO_PASSWORD
        user = User.objects.filter(username=username).first()
        if role == "superuser":
            user = user or User.objects.create_superuser(username, email, password)
            continue
        user = user or User.objects.create_user(username, email, password, is_staff=True)
        if role == "IQZ-Redaktion":
            user.groups.add(Group.objects.get(name=role))
        else:
            call_command("add_municipality", role, editor=[username], stdout=io.StringIO())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from familie_portal.demo import load_demo_content

    with django_db_blocker.unblock():
        _set_up_as_in_production()
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
    """Render every request, none of the portal's caches (the test settings' default; query-count tests say so).
    django CMS's menu is kept as on a running site with the caches on: the counts measure rendering a page."""
    from familie_portal.settings.base import cms_cache_durations

    settings.PORTAL_CACHES = False
    settings.CMS_CACHE_DURATIONS = cms_cache_durations(True)
    return settings


@pytest.fixture
def portal_caches(settings):
    """The portal's caches on, as in production (familie_portal.caching): the page cache and the parts."""
    from familie_portal.settings.base import cms_cache_durations

    settings.PORTAL_CACHES = True
    settings.PORTAL_PAGE_CACHE = True
    settings.CMS_CACHE_DURATIONS = cms_cache_durations(True)  # django CMS's menu kept an hour, as in production
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


@pytest.fixture
def without_review(db):
    """The demo's cities publish alone (review before publishing switched off, as the IQZ may do per
    municipality): for tests of what a city's editors may do besides review (reviews/ tests the review)."""
    from managers.models import Municipality

    for municipality in Municipality.objects.filter(editors__isnull=False).distinct():
        municipality.review_required = False
        municipality.save()
