"""
The cache layer's primitives (familie_portal.caching): `{% cachepart %}` and `cached_data` keep a
render per generation, site, language, name and values for visitors only; `until=` sets the
timeout when a part is stored; DEBUG marks each part; writes of every kind start a new generation.
"""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import timezone, translation

from familie_portal import caching
from familie_portal.content import rows_changed

pytestmark = pytest.mark.django_db


class Counter:
    """A value whose every read counts: how often the body of a part really rendered."""

    def __init__(self):
        self.renders = 0

    def __str__(self):
        self.renders += 1
        return f"render {self.renders}"


def _render(source, user=None, **context):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    template = Template("{% load portal_cache sekizai_tags %}" + source)
    return template.render(Context({"request": request, **context})), request


PART = '{% cachepart "test:part" value %}{{ counter }}{% endcachepart %}'


def test_a_part_renders_once_per_value(portal_caches):
    counter = Counter()
    assert _render(PART, counter=counter, value=1)[0] == "render 1"
    assert _render(PART, counter=counter, value=1)[0] == "render 1"
    assert _render(PART, counter=counter, value=2)[0] == "render 2"
    assert counter.renders == 2


def test_a_new_generation_renders_anew(portal_caches):
    counter = Counter()
    _render(PART, counter=counter, value=1)
    caching.content_changed()
    assert _render(PART, counter=counter, value=1)[0] == "render 2"


def test_the_language_is_part_of_the_key(portal_caches):
    counter = Counter()
    _render(PART, counter=counter, value=1)
    with translation.override("en"):
        assert _render(PART, counter=counter, value=1)[0] == "render 2"


def test_editors_and_switched_off_caches_always_render(portal_caches, django_user_model):
    counter = Counter()
    editor = django_user_model.objects.get(username="iqz")
    _render(PART, counter=counter, value=1)
    assert _render(PART, user=editor, counter=counter, value=1)[0] == "render 2"
    portal_caches.PORTAL_CACHES = False
    assert _render(PART, counter=counter, value=1)[0] == "render 3"


UNTIL = '{% cachepart "test:until" until=until %}{{ counter }}{% endcachepart %}'


def test_until_sets_the_timeout_when_the_part_is_stored(portal_caches):
    counter = Counter()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        until = timezone.now() + timedelta(minutes=2)
        assert _render(UNTIL, counter=counter, until=until)[0] == "render 1"
        clock.shift(timedelta(minutes=1))
        assert _render(UNTIL, counter=counter, until=until)[0] == "render 1", "still valid"
        clock.shift(timedelta(minutes=1, seconds=1))
        assert _render(UNTIL, counter=counter, until=until)[0] == "render 2", "expired with its moment"


NESTED = (
    '{% cachepart "test:outer" %}[{{ outer }}{% cachepart "test:inner" until=until %}{{ inner }}{% endcachepart %}]'
    "{% endcachepart %}"
)


def test_a_part_is_kept_no_longer_than_a_part_inside_it(portal_caches):
    outer, inner = Counter(), Counter()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        until = timezone.now() + timedelta(minutes=2)
        assert _render(NESTED, outer=outer, inner=inner, until=until)[0] == "[render 1render 1]"
        clock.shift(timedelta(minutes=1))
        assert _render(NESTED, outer=outer, inner=inner, until=until)[0] == "[render 1render 1]"
        clock.shift(timedelta(minutes=1, seconds=1))
        later = timezone.now() + timedelta(minutes=2)
        assert _render(NESTED, outer=outer, inner=inner, until=later)[0] == "[render 2render 2]", (
            "the outer part expired with the inner one's moment"
        )


def test_a_part_served_from_the_cache_still_tells_its_moment(portal_caches):
    """A hit of the inner part (stored by another page) limits a new outer part just the same."""
    other = '{% cachepart "test:inner" until=until %}{{ inner }}{% endcachepart %}'
    outer, inner = Counter(), Counter()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        until = timezone.now() + timedelta(minutes=2)
        _render(other, inner=inner, until=until)
        _, request = _render(NESTED, outer=outer, inner=inner, until=until)
        assert (outer.renders, inner.renders) == (1, 1), "the inner part came from the cache"
        assert request.portal_holds_until == until, "and told the page its moment"
        clock.shift(timedelta(minutes=2, seconds=1))
        assert _render(NESTED, outer=outer, inner=inner, until=until)[0] == "[render 2render 2]"


def test_a_part_valid_until_a_past_moment_is_not_stored(portal_caches):
    counter = Counter()
    past = timezone.now() - timedelta(seconds=1)
    _render(UNTIL, counter=counter, until=past)
    assert _render(UNTIL, counter=counter, until=past)[0] == "render 2"


def test_debug_marks_each_part_with_its_name_and_key(portal_caches):
    portal_caches.DEBUG = True
    html, request = _render(PART, counter=Counter(), value=1)
    key = caching.part_key(request, "test:part", 1)
    assert html == f"<!-- part test:part {key} -->render 1<!-- /part test:part -->"


def test_css_added_inside_a_part_is_refused(portal_caches):
    source = '{% cachepart "test:css" %}{% addtoblock "css" %}<link>{% endaddtoblock %}{% endcachepart %}'
    with pytest.raises(TemplateSyntaxError, match="link CSS and JS in the base template"):
        _render(source)


class TokenUser(Counter):
    """A body that asks for the visitor's CSRF token, as a form inside a part would."""

    def __init__(self, request):
        super().__init__()
        self.request = request

    def __str__(self):
        from django.middleware.csrf import get_token

        get_token(self.request)
        return super().__str__()


def test_a_part_using_the_csrf_token_is_not_stored(portal_caches):
    source = '{% load portal_cache %}{% cachepart "test:csrf" %}{{ counter }}{% endcachepart %}'
    counter, renders = TokenUser(None), []
    for _ in range(2):
        counter.request = RequestFactory().get("/")
        counter.request.user = AnonymousUser()
        renders.append(Template(source).render(Context({"request": counter.request, "counter": counter})))
    assert renders == ["render 1", "render 2"], "each visitor's part rendered for them"


def test_cached_data_computes_once_per_generation(portal_caches):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert caching.cached_data(request, "test:data", compute, "a") == 1
    assert caching.cached_data(request, "test:data", compute, "a") == 1
    caching.content_changed()
    request.cache_generation = None  # a new request
    assert caching.cached_data(request, "test:data", compute, "a") == 2


def test_cached_data_until_may_follow_from_the_value(portal_caches):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    calls = []
    past = timezone.now() - timedelta(seconds=1)
    for _ in range(2):
        caching.cached_data(request, "test:until", lambda: calls.append(1) or past, until=lambda value: value)
    assert len(calls) == 2, "a value that is already over is not kept"


def test_a_change_inside_a_transaction_starts_a_generation_again_at_commit(django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        before = caching.generation()
        caching.content_changed()
        during = caching.generation()
    assert before < during < caching.generation()
    assert len(callbacks) == 1


@pytest.mark.parametrize("write", ["update", "bulk_update", "bulk_create"])
def test_writes_that_skip_save_start_a_new_generation(write):
    from events.models import Category

    received = []

    def receiver(sender, pks, **kwargs):
        received.append((sender, sorted(pks)))

    rows_changed.connect(receiver)
    try:
        before = caching.generation()
        category = Category.objects.order_by("pk").first()
        if write == "update":
            Category.objects.filter(pk=category.pk).update(name_de="Neu")
        elif write == "bulk_update":
            category.name_de = "Neu"
            Category.objects.bulk_update([category], ["name_de"])
        else:
            created = Category.objects.bulk_create([Category(slug="neu-bulk", name_de="Neu")])
            category = created[0]
        assert caching.generation() != before
        assert received == [(Category, [category.pk])]
    finally:
        rows_changed.disconnect(receiver)


def test_an_evicted_generation_never_comes_back():
    first = caching.generation()
    cache.delete(caching.GENERATION_KEY)
    assert caching.generation() != first
