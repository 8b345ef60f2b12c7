"""A search result's markup is a template a site can override (same path, earlier in TEMPLATES["DIRS"])."""

import pytest

from tests.template_overrides import templates_first

pytestmark = pytest.mark.django_db


def test_an_overriding_search_result_changes_the_results(client, uncached, tmp_path):
    result = ('<li data-marker="override">{{ document.kind_label }}: {{ document.title }}'
              '{% for part, is_match in document.passage %}{% if is_match %}[{{ part }}]{% endif %}{% endfor %}</li>')
    with templates_first(tmp_path, {"familie_portal/includes/search_result.html": result}):
        html = client.get("/suche/", {"q": "Familienfreundlichkeit Bochum"}).content.decode()
    assert ('<li data-marker="override">Werkstattbericht: Familienfreundlichkeit – Die Kommunalverwaltung im Fokus'
            in html)
    assert "[Familienfreundlichkeit]" in html
    assert '<li class="card">' not in html


def test_a_result_marks_its_matches_and_escapes_the_rest(client, uncached):
    html = client.get("/suche/", {"q": "Familienfreundlichkeit Bochum"}).content.decode()
    results = html[html.index('<ol class="card-list search-results">'):html.index("</ol>")]
    assert '<p class="meta"><span class="badge">Werkstattbericht</span> · <time datetime="2008-04-' in results
    assert ('<h2><a href="/werkstattreihe/familienfreundlichkeit-die-kommunalverwaltung-im-fokus/">'
            "Familienfreundlichkeit – Die Kommunalverwaltung im Fokus</a></h2>") in results
    assert "<mark>Familienfreundlichkeit</mark>" in results
