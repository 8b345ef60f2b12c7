"""List, map data, GeoJSON, municipality and profile pages: the same number of queries for 10 or 1,000 profiles."""

import pytest
from django.urls import reverse

from managers.models import FamilyManager, Municipality

# Query counts measure rendering: the anonymous full-page cache would answer with none.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]

# Measured on PostgreSQL with the demo content (page tree, sidebar, mini calendar, teaser) warm: 4-25 queries.
MAX_QUERIES = 30


def _bulk_profiles(count: int) -> None:
    municipalities = list(Municipality.objects.order_by("ags"))
    profiles = FamilyManager.objects.bulk_create(
        FamilyManager(
            name=f"Massentest {i:04d}", slug=f"massentest-{i:04d}", status=FamilyManager.Status.PUBLISHED,
            consent_to_publication=True,
        )
        for i in range(count)
    )
    through = FamilyManager.municipalities.through
    through.objects.bulk_create(
        through(familymanager_id=p.pk, municipality_id=municipalities[(i * 7) % len(municipalities)].pk)
        for i, p in enumerate(profiles)
    )


def _count(client, url, assert_max) -> int:
    client.get(url)  # warm the page, menu and placeholder caches
    with assert_max(MAX_QUERIES) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


URLS = [
    ("managers:list", None, {}),
    ("managers:list", None, {"kreis": "bochum", "q": "a"}),
    ("managers:map", None, {}),
    ("managers:geojson", None, {}),
    ("managers:municipality", {"slug": "bochum"}, {}),
    ("managers:detail", {"slug": "berta-beispiel"}, {}),
]


@pytest.mark.parametrize(("name", "kwargs", "query"), URLS)
def test_query_count_does_not_grow_with_data(client, django_assert_max_num_queries, name, kwargs, query):
    from urllib.parse import urlencode

    url = reverse(name, kwargs=kwargs) + (f"?{urlencode(query)}" if query else "")
    small = _count(client, url, django_assert_max_num_queries)
    _bulk_profiles(1000)
    assert FamilyManager.objects.public().count() > 1000
    large = _count(client, url, django_assert_max_num_queries)
    assert large == small, f"{url}: {small} queries with the demo data, {large} with 1,000 more profiles"
