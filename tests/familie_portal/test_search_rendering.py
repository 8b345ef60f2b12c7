"""
The search results as built in Python (familie_portal.search.rendering) and the passages
(text.snippet): exactly what the results template and the earlier snippet code gave.
"""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from familie_portal.models import SearchDocument
from familie_portal.search import rendering
from familie_portal.search.text import _WORD, fold, snippet

pytestmark = pytest.mark.django_db

# The loop of templates/familie_portal/search.html these functions replace, as it was.
RESULTS_TEMPLATE = Template(
    """{% for doc in results %}
    <li class="card">
      <p class="meta"><span class="badge">{{ doc.kind_label }}</span>{% if doc.date %} · """
    """<time datetime="{{ doc.date|date:'c' }}">{{ doc.date|date:"j. F Y" }}</time>{% endif %}</p>
      <h2><a href="{{ doc.url }}">{{ doc.title }}</a></h2>
      {% if doc.passage %}<p>{% for part, hit in doc.passage %}{% if hit %}<mark>{{ part }}</mark>"""
    """{% else %}{{ part }}{% endif %}{% endfor %}</p>{% endif %}
    </li>
    {% endfor %}"""
)


def reference_snippet(text: str, words: list[str], length: int = 240) -> list[tuple[str, bool]]:
    """text.snippet() before it cached folded words (kept verbatim as the reference)."""
    if not text:
        return []
    tokens = list(_WORD.finditer(text))

    def matches(token_text: str) -> bool:
        folded = fold(token_text)
        return any(folded.startswith(w[: max(3, len(w) - 2)]) for w in words)

    first = next((t for t in tokens if matches(t.group())), None)
    start = 0
    if first is not None and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    end = min(len(text), start + length)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    passage = text[start:end]
    parts: list[tuple[str, bool]] = []
    cursor = 0
    for token in _WORD.finditer(passage):
        if matches(token.group()):
            if token.start() > cursor:
                parts.append((passage[cursor : token.start()], False))
            parts.append((token.group(), True))
            cursor = token.end()
    parts.append((passage[cursor:], False))
    if start > 0:
        parts.insert(0, ("… ", False))
    if end < len(text):
        parts.append((" …", False))
    return [p for p in parts if p[0]]


WORD_LISTS = [["familie"], ["bochum", "werkstatt"], ["buero"], ["fa"], ["x" * 40], ["familienfreundlich", "kommune"]]


def test_passages_are_what_the_earlier_snippet_gave():
    texts = list(SearchDocument.objects.values_list("body", flat=True))
    texts += ["", "Büro BÜRO buero Bürokratie", "Ein " + "Familienfreundlichkeitsförderungsgesetzgebung" * 3 + " Ende"]
    assert len(texts) > 20
    for text in texts:
        for words in WORD_LISTS:
            assert snippet(text, words) == reference_snippet(text, words)


def _documents(language: str):
    documents = list(SearchDocument.objects.filter(language=language).order_by("pk"))
    for n, document in enumerate(documents):
        document.kind_label = f"Art {n} <b>"
        document.passage = snippet(document.body, ["familie", "bochum"])
    return documents


@pytest.mark.parametrize("language", ["de", "en"])
def test_results_are_what_the_results_template_gave(language):
    with translation.override(language):
        documents = _documents(language)
        assert any(d.date for d in documents) and any(not d.date for d in documents)
        assert any(hit for d in documents for _part, hit in d.passage)
        expected = RESULTS_TEMPLATE.render(Context({"results": documents}))
        assert re.sub(r"\n\s*\n", "\n", rendering.result_items(documents)).strip() == re.sub(
            r"\n\s*\n", "\n", expected
        ).strip()


def test_results_escape_everything():
    document = SearchDocument(kind="page", title="<script>alert(1)</script>", url='/x/"onmouseover="alert(2)')
    document.kind_label = "<i>Seite</i>"
    document.passage = [("<img src=x onerror=alert(3)>", False), ("<b>", True)]
    document.date = None
    html = rendering.result_items([document])
    for raw in ("<script>", "<img", "<i>", "<b>", '"onmouseover'):
        assert raw not in html
    assert "<mark>&lt;b&gt;</mark>" in html
