"""Site search: German stemming and umlaut folding on PostgreSQL, never a draft, never a 500."""

import pytest
from cms.api import add_plugin, create_page
from cms.models import PageContent
from django.db import connection
from django.test.utils import CaptureQueriesContext
from djangocms_versioning.models import Version

from familie_portal.models import SearchDocument
from familie_portal.search.text import fold, query_words, snippet, tsquery

pytestmark = pytest.mark.django_db
needs_postgres = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL full-text search")


def make_page(user, title, body, *, slug, publish=True, language="de", **kwargs):
    page = create_page(title, "pages/content.html", language, slug=slug, created_by=user, **kwargs)
    content = PageContent.admin_manager.get(page=page, language=language)
    add_plugin(content.get_placeholders().get(slot="content"), "TextPlugin", language, body=body)
    if publish:
        Version.objects.get_for_content(content).publish(user)
    return content


@pytest.fixture
def admin_user_demo(user_by_name):
    return user_by_name("admin")


@pytest.fixture
def quasten_page(admin_user_demo):
    return make_page(
        admin_user_demo,
        "Quastenflosser-Seite",
        "<p>Die Familie Quastenflosser arbeitet im Büro der Kommune an der Familienfreundlichkeit.</p>",
        slug="quastenflosser",
    )


def _titles(client, query, path="/suche/"):
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    return [doc.title for doc in response.context["results"]]


# --- text helpers -----------------------------------------------------------------------------

def test_fold_spells_out_umlauts_and_drops_accents():
    assert fold("Büro Größe Café") == "buero groesse cafe"


def test_query_words_remove_tsquery_syntax():
    assert query_words("fam & | ! :* 'x' \"y\" \\ (z)") == ["fam", "x", "y", "z"]
    assert tsquery(["familie", "bochum"]) == "familie:* & bochum:*"


def test_snippet_marks_matching_word_prefixes():
    parts = snippet("Mehr Familienfreundlichkeit in Bochum", ["familienfreundlich"])
    assert ("Familienfreundlichkeit", True) in parts


# --- PostgreSQL full text ---------------------------------------------------------------------

@needs_postgres
@pytest.mark.parametrize(
    "query",
    [
        "Familien Quastenflosser",  # stemming: Familien → Familie
        "Kommunen Quastenflosser",  # stemming: Kommunen → Kommune
        "Buero Quastenflosser",  # umlaut folding: Buero → Büro
        "büro quastenflosser",
        "familienfreundlich Quastenflosser",  # prefix: → Familienfreundlichkeit
    ],
)
def test_german_stemming_umlauts_and_prefixes(client, quasten_page, query):
    assert _titles(client, query) == ["Quastenflosser-Seite"]


@needs_postgres
def test_english_content_uses_english_configuration(client, admin_user_demo):
    make_page(admin_user_demo, "Walrus page", "<p>Our walrus families meet here.</p>", slug="walrus", language="en")
    assert _titles(client, "family walrus", path="/en/suche/") == ["Walrus page"]
    assert _titles(client, "family walrus", path="/suche/") == []


@needs_postgres
def test_search_uses_the_gin_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_document_vector_gin'")
        (definition,) = cursor.fetchone()
        assert "USING gin (search_vector)" in definition
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM familie_portal_searchdocument "
            "WHERE search_vector @@ to_tsquery('german', 'famili:*')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_document_vector_gin" in plan


# --- never leaks --------------------------------------------------------------------------------

def test_drafts_never_appear_until_published_and_vanish_when_unpublished(client, admin_user_demo):
    content = make_page(admin_user_demo, "Geheimseite", "<p>Zauberwort Kandelaber</p>", slug="geheim", publish=False)
    response = client.get("/suche/", {"q": "Kandelaber"})
    assert response.context["page_obj"].paginator.count == 0
    assert b"Kandelaber</mark>" not in response.content and b"Geheimseite" not in response.content

    version = Version.objects.get_for_content(content)
    version.publish(admin_user_demo)
    assert _titles(client, "Kandelaber") == ["Geheimseite"]

    Version.objects.get(pk=version.pk).unpublish(admin_user_demo)
    assert _titles(client, "Kandelaber") == []
    assert not SearchDocument.objects.filter(title="Geheimseite").exists()


def test_new_draft_of_published_page_does_not_leak_into_results(client, admin_user_demo):
    content = make_page(admin_user_demo, "Entwurfsprobe", "<p>Alte Fassung Leuchtturm</p>", slug="probe")
    draft = Version.objects.get_for_content(content).copy(admin_user_demo)
    text = draft.content.get_placeholders().get(slot="content").get_plugins("de").first().get_bound_plugin()
    text.body = "<p>Neue Fassung Windrad</p>"
    text.save()
    assert _titles(client, "Windrad") == []
    assert _titles(client, "Leuchtturm") == ["Entwurfsprobe"]


def test_login_required_pages_are_not_indexed(client, admin_user_demo):
    make_page(admin_user_demo, "Intern", "<p>Nur intern Pelikan</p>", slug="intern", login_required=True)
    assert _titles(client, "Pelikan") == []


# --- the page ---------------------------------------------------------------------------------------

def test_empty_query_shows_hints(client):
    response = client.get("/suche/")
    assert response.status_code == 200
    assert "Suchtipps" in response.content.decode()


def test_results_show_type_date_and_highlight(client, quasten_page):
    html = client.get("/suche/", {"q": "Quastenflosser"}).content.decode()
    assert '<span class="badge">Seite</span>' in html
    assert "<mark>Quastenflosser</mark>" in html
    assert '<a href="/quastenflosser/">Quastenflosser-Seite</a>' in html


def test_filter_by_type(client, quasten_page):
    assert _titles(client, "Quastenflosser") == ["Quastenflosser-Seite"]
    response = client.get("/suche/", {"q": "Quastenflosser", "art": "page"})
    assert [d.title for d in response.context["results"]] == ["Quastenflosser-Seite"]
    response = client.get("/suche/", {"q": "Quastenflosser", "art": "gibtsnicht"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "query_string",
    [
        "q=" + "familie%20" * 2000,  # 18,000 characters
        "q=" + "x" * 10000,
        "q=%26%7C%21%3A%2A%27%22%5C",  # & | ! :* ' " \
        "q=familie:*%20%26%20!bochum",
        "q=%FF%FE%FD",  # not UTF-8
        "q=familie&page=abc",
        "q=familie&page=-1",
        "q=familie&page=99999",
        "q[]=a&art[]=b",
    ],
)
def test_hostile_queries_give_a_normal_page(client, query_string):
    response = client.get(f"/suche/?{query_string}")
    assert response.status_code == 200
    assert "Suche" in response.content.decode()


def test_search_query_count_is_constant(client, uncached, quasten_page, django_assert_max_num_queries):
    client.get("/suche/", {"q": "familie"})
    with django_assert_max_num_queries(25):
        assert client.get("/suche/", {"q": "familie"}).status_code == 200


@needs_postgres
def test_results_follow_every_change_of_the_index(client, admin_user_demo, uncached):
    """The search reads the index on every request, in one statement."""
    first = make_page(admin_user_demo, "Erste Seeadler-Seite", "<p>Seeadler</p>", slug="seeadler-1")
    assert _titles(client, "Seeadler") == ["Erste Seeadler-Seite"]
    with CaptureQueriesContext(connection) as queries:
        assert _titles(client, "Seeadler") == ["Erste Seeadler-Seite"]
    assert len([q for q in queries.captured_queries if "search_vector" in q["sql"]]) == 1, "one statement"
    make_page(admin_user_demo, "Zweite Seeadler-Seite", "<p>Seeadler</p>", slug="seeadler-2")
    assert sorted(_titles(client, "Seeadler")) == ["Erste Seeadler-Seite", "Zweite Seeadler-Seite"]
    Version.objects.get_for_content(first).unpublish(admin_user_demo)
    assert _titles(client, "Seeadler") == ["Zweite Seeadler-Seite"]
