"""
`{% fragment %}` (familie_portal.templatetags.portal_cache): a template part rendered once per cache
generation, language, name and the values it names, for visitors only.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import translation
from sekizai.context import SekizaiContext

from familie_portal.middleware import bump_cache_generation

pytestmark = pytest.mark.django_db

TEMPLATE = Template(
    '{% load portal_cache sekizai_tags %}{% fragment "test" month %}{{ month }}:{{ counter.next }}'
    '{% addtoblock "css" %}<link rel="stylesheet" href="/x.css">{% endaddtoblock %}{% endfragment %}'
)


class Counter:
    def __init__(self):
        self.calls = 0

    def next(self):
        self.calls += 1
        return self.calls


@pytest.fixture
def fragments_on(settings):
    settings.PORTAL_FRAGMENT_CACHE_SECONDS = 300
    return settings


def _render(user=None, **values) -> tuple[str, dict]:
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    context = SekizaiContext({"request": request, **values})
    html = TEMPLATE.render(context)
    return html, {name: list(items) for name, items in context["SEKIZAI_CONTENT_HOLDER"].items()}


def test_renders_once_per_value_and_replays_sekizai(fragments_on):
    counter = Counter()
    first, blocks = _render(month=5, counter=counter)
    again, blocks_again = _render(month=5, counter=counter)
    assert first == again == "5:1"
    assert blocks_again == blocks and blocks["css"], "the fragment's CSS reaches the page on a hit too"
    assert _render(month=6, counter=counter)[0] == "6:2"


def test_language_and_generation_are_part_of_the_key(fragments_on):
    counter = Counter()
    assert _render(month=5, counter=counter)[0] == "5:1"
    with translation.override("en"):
        assert _render(month=5, counter=counter)[0] == "5:2"
    bump_cache_generation()
    assert _render(month=5, counter=counter)[0] == "5:3"


def test_editors_and_a_switched_off_cache_always_render(fragments_on, django_user_model):
    counter = Counter()
    editor = django_user_model(username="fragment-editor")
    assert _render(editor, month=5, counter=counter)[0] == "5:1"
    assert _render(editor, month=5, counter=counter)[0] == "5:2"
    fragments_on.PORTAL_FRAGMENT_CACHE_SECONDS = 0
    assert _render(month=5, counter=counter)[0] == "5:3"
    assert _render(month=5, counter=counter)[0] == "5:4"


def test_a_fragment_needs_a_name():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load portal_cache %}{% fragment %}x{% endfragment %}")
