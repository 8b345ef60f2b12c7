"""scripts/bench_data.py's full-size mode (`--municipalities N`, `make bench`'s size phase): municipalities
onboarded with one editor each and a ten-page tree in three levels below each city page, published, as a
visitor and the editor meet them."""

import importlib.util
from pathlib import Path

import pytest
from cms.models import Page
from cms.utils.page_permissions import user_can_change_page

from managers.models import MunicipalEditor, Municipality
from managers.municipality_pages import page_reverse_id

pytestmark = pytest.mark.django_db

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "bench_data.py"


@pytest.fixture(scope="module")
def bench_data():
    spec = importlib.util.spec_from_file_location("bench_data", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shape(page) -> list:
    """The tree below `page` as (title, children) in tree order, as TREE writes it."""
    return [(child.get_title("de"), tuple(_shape(child))) for child in page.get_child_pages()]


def test_municipalities_are_onboarded_with_an_editor_and_a_ten_page_tree(bench_data, client):
    before = set(Municipality.objects.filter(editors__isnull=False).values_list("pk", flat=True))

    assert bench_data.municipalities(3) == 3

    new = Municipality.objects.filter(editors__isnull=False).exclude(pk__in=before).order_by("pk")
    assert new.count() == 3
    expected = _expected(bench_data.TREE)
    for municipality in new:
        link = MunicipalEditor.objects.select_related("user").get(municipality=municipality)
        assert link.user.username == f"redaktion-{municipality.slug}" and link.user.is_staff
        city = Page.objects.get(reverse_id=page_reverse_id(municipality.slug))
        assert _shape(city) == expected
        below = city.get_descendants()
        assert below.count() == 10
        assert max(page.depth for page in below) == city.depth + 3
        # published: a visitor sees the deepest page; the city's editor may change it
        deepest = below.get(depth=city.depth + 3)
        assert client.get(deepest.get_absolute_url("de")).status_code == 200
        assert user_can_change_page(link.user, deepest)


def _expected(branches):
    return [(title, tuple(_expected(children))) for title, children in branches]


def test_onboarding_again_takes_the_next_municipalities_and_none_twice(bench_data):
    bench_data.municipalities(2)
    onboarded = Municipality.objects.filter(editors__isnull=False).count()
    pages = Page.objects.count()

    assert bench_data.municipalities(0) == 0
    assert bench_data.municipalities(1) == 1

    assert Municipality.objects.filter(editors__isnull=False).count() == onboarded + 1
    assert Page.objects.count() == pages + 11  # the city's page and its ten
