"""
familie_portal.search.query.search_page(): the counts per kind and one page of result ids, in one
statement on PostgreSQL, exactly what search() and Django's Paginator give.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from familie_portal.search.query import CountedPaginator, counts_and_page_statement, search, search_page

pytestmark = pytest.mark.django_db
needs_postgres = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL full-text search")


def _reference(query, language, kind, number, per_page):
    result = search(query=query, language=language, kind=kind)
    page = CountedPaginator(result.queryset, per_page, count=result.total).get_page(number)
    return result.counts, list(page.object_list), page.number, page.paginator.num_pages


CASES = [
    ("Familie", "de", None),
    ("familie", "de", "event"),
    ("Familie", "de", "workshop"),
    ("Familien Bochum", "de", None),
    ("family", "en", None),
    ("family", "en", "manager"),
    ("Werkstattreihe", "de", "page"),
    ("gibtsnichtwort", "de", None),
    ("", "de", None),
]


@pytest.mark.parametrize(("query", "language", "kind"), CASES)
@pytest.mark.parametrize("number", [1, 2, "3", 99, 0, -1, "abc", None, 1.5, "1.0"])
def test_same_results_counts_and_pages_as_search(query, language, kind, number):
    per_page = 2  # several pages with the demo content
    expected = _reference(query, language, kind, number, per_page)
    result = search_page(query=query, language=language, kind=kind, number=number, per_page=per_page)
    assert (result.counts, list(result.page.object_list), result.page.number, result.page.paginator.num_pages) == (
        expected
    )
    assert result.total == result.page.paginator.count


@needs_postgres
def test_one_statement_for_counts_and_page():
    with CaptureQueriesContext(connection) as queries:
        result = search_page(query="Familie", language="de", number=1, per_page=3)
    assert len(queries) == 1
    assert result.total > 3 and len(result.page.object_list) == 3
    with CaptureQueriesContext(connection) as queries:
        last = search_page(query="Familie", language="de", number=999, per_page=3)
    assert len(queries) == 2, "a page beyond the last: the last page is read"
    assert last.page.number == last.page.paginator.num_pages


@pytest.fixture
def many_documents():
    """A few thousand indexed documents, so the planner sees an index worth using."""
    from django.contrib.contenttypes.models import ContentType

    from familie_portal.models import SearchDocument
    from familie_portal.search.index import update_vectors

    content_type = ContentType.objects.get_for_model(SearchDocument)
    SearchDocument.objects.bulk_create(
        SearchDocument(
            content_type=content_type, object_id=f"masse-{n}", language=language, kind="event",
            title=f"Familienfest {n}", body="Ein Fest für Familien mit Kindern in der Stadt", url=f"/x/{n}/",
            folded_title=f"familienfest {n}", folded_body="ein fest fuer familien mit kindern in der stadt",
        )
        for n in range(2500)
        for language in ("de", "en")
    )
    update_vectors()
    with connection.cursor() as cursor:
        # What autovacuum does on a live site: index entries out of GIN's pending list, statistics.
        cursor.execute("SELECT gin_clean_pending_list('search_document_vector_gin')")
        cursor.execute("ANALYZE familie_portal_searchdocument")


@needs_postgres
@pytest.mark.parametrize("kind", [None, "page"])
def test_selective_words_use_the_gin_index(many_documents, kind):
    """The one statement keeps the GIN index for a selective search, and matches the documents once."""
    sql, params = counts_and_page_statement(["quastenflosser"], "de", kind, 10, 1)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on search_document_vector_gin" in plan
    assert "Seq Scan" not in plan
    assert plan.count("on familie_portal_searchdocument") == 1, "the documents are matched once"


@needs_postgres
def test_many_documents_same_results(many_documents):
    for query, kind, number in [("Familie", None, 1), ("Familienfest", "event", 7), ("fest kinder", None, 500)]:
        expected = _reference(query, "de", kind, number, 10)
        result = search_page(query=query, language="de", kind=kind, number=number, per_page=10)
        assert (result.counts, list(result.page.object_list), result.page.number) == expected[:3]


def test_search_page_view_shows_counts_and_pages(client):
    response = client.get("/suche/", {"q": "Familie", "page": "2"})
    assert response.status_code == 200
    page = response.context["page_obj"]
    expected = _reference("Familie", "de", None, "2", 10)
    assert [doc.pk for doc in response.context["results"]] == expected[1]
    assert page.number == expected[2]
    assert response.context["total"] == sum(expected[0].values())
