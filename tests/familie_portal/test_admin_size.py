"""
The admin at full size (issue 24, part 6): the start page, the lists of events, profiles and reports, the review
queue and django CMS's page tree answer with the same number of queries whether two or twelve municipalities are
onboarded, for the IQZ (every municipality) and for a municipal editor (their own rows and subtree only).
"""

import re

import pytest
from cms.api import create_page
from cms.models import Page
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from familie_portal.onboarding import PAGE_TEMPLATE, municipality_onboard, onboarding_setup
from managers.models import Municipality, Organisation
from tests.events.factories import EventFactory
from tests.managers.factories import FamilyManagerFactory
from tests.workshops.factories import WorkshopFactory

pytestmark = pytest.mark.django_db
GROWTH = 10  # the demo's two municipalities, then twelve


def _pages() -> dict[str, tuple[str, dict]]:
    kommunen = Page.objects.get(reverse_id="kommunen").pk
    return {
        "start": (reverse("admin:index"), {}),
        "events": (reverse("admin:events_event_changelist"), {}),
        "profiles": (reverse("admin:managers_familymanager_changelist"), {}),
        "reports": (reverse("admin:workshops_workshop_changelist"), {}),
        "reviews": (reverse("admin:reviews_review_changelist"), {}),
        "page tree": (reverse("admin:cms_pagecontent_changelist"), {"language": "de"}),
        "tree nodes": (reverse("admin:cms_pagecontent_get_tree"), {"language": "de", "openNodes[]": [kommunen]}),
    }


def _measure(client: Client, skip=()) -> dict[str, int]:
    counts = {}
    for name, (url, params) in _pages().items():
        if name in skip:
            continue
        client.get(url, params)  # warm the per-process caches (content types, sites, permissions' first reads)
        runs = []
        for _run in range(2):  # the fewer of two: the schedule's next moment is read again now and then
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, params)
            assert response.status_code == 200, name
            runs.append(len(queries))
        counts[name] = min(runs)
    return counts


def _grow(count: int) -> list[Municipality]:
    """`count` more municipalities onboarded, each with an editor, two subpages, an event, a profile, a report."""
    setup = onboarding_setup()
    grown = []
    for municipality in Municipality.objects.filter(editors__isnull=True).order_by("pk")[:count]:
        editor = get_user_model().objects.create_user(f"redaktion-{municipality.slug}", is_staff=True)
        page = municipality_onboard(municipality=municipality, editors=[editor], setup=setup).page
        for title in ("Angebote", "Beratung"):
            create_page(title, PAGE_TEMPLATE, "de", parent=page, created_by=setup.user)
        organiser = Organisation.objects.create(name=f"Stadt {municipality.name}", slug=f"org-{municipality.slug}",
                                                kind=Organisation.Kind.MUNICIPALITY, municipality=municipality)
        EventFactory(title_de=f"Fest in {municipality.name}", organiser=organiser, municipality=municipality)
        FamilyManagerFactory(name=f"Familienbüro {municipality.name}", municipalities=[municipality])
        WorkshopFactory(title_de=f"Bericht aus {municipality.name}", city=municipality, organiser=organiser)
        grown.append(municipality)
    return grown


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.mark.parametrize("username", ["iqz", "bochum"])
def test_the_admin_answers_with_the_same_queries_for_two_and_twelve_municipalities(username):
    skip = ["reports"] if username == "bochum" else []  # the reports are the IQZ's (403 for municipal editors)
    small = _measure(_client(username), skip)
    _grow(GROWTH)
    big = _measure(_client(username), skip)
    print(username, "small", small, "big", big)
    assert big == small


def _tree_ids(client: Client) -> set[int]:
    ids = set()
    for name in ("page tree", "tree nodes"):
        url, params = _pages()[name]
        ids |= {int(i) for i in re.findall(r'<li class="cms-tree-node[^>]*data-id="(\d+)"',
                                             client.get(url, params).content.decode())}
    return ids


def test_a_municipal_editor_sees_only_their_own_rows_and_subtree():
    grown = _grow(3)
    bochum = _client("bochum")
    html = {name: bochum.get(url, params).content.decode() for name, (url, params) in _pages().items()}
    for municipality in grown:
        assert f"Fest in {municipality.name}" not in html["events"]
        assert f"Familienbüro {municipality.name}" not in html["profiles"]
        assert f"Bericht aus {municipality.name}" not in html["reports"]
    own = Page.objects.get(reverse_id="kommune-bochum")
    reachable = {own.pk, *(page.pk for page in own.get_ancestor_pages())}
    ids = _tree_ids(bochum)
    assert own.pk in ids
    assert ids <= reachable | set(own.get_descendant_pages().values_list("pk", flat=True))


def test_the_iqz_sees_every_municipality_in_the_tree():
    grown = _grow(3)
    ids = _tree_ids(_client("iqz"))
    for municipality in grown:
        assert Page.objects.get(reverse_id=f"kommune-{municipality.slug}").pk in ids


def test_opening_the_municipalities_page_loads_only_the_editors_own_city():
    _grow(2)
    kommunen = Page.objects.get(reverse_id="kommunen")
    own = Page.objects.get(reverse_id="kommune-bochum")
    opened = {"language": "de", "nodeId": kommunen.pk, "openNodes[]": [kommunen.pk]}
    html = _client("bochum").get(reverse("admin:cms_pagecontent_get_tree"), opened).content.decode()
    assert {int(i) for i in re.findall(r'<li class="cms-tree-node[^>]*data-id="(\d+)"', html)} == {own.pk}
    iqz = _client("iqz").get(reverse("admin:cms_pagecontent_get_tree"), opened).content.decode()
    assert len(re.findall(r'<li class="cms-tree-node', iqz)) == kommunen.get_child_pages().count()
