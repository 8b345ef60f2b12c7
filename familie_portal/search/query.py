"""
Reading the search index.

`search_page()` is what the search page asks: the counts per kind and one page of ranked result
ids. On PostgreSQL that is ONE statement that matches (and ranks) the documents once and reads
both from the matches; counting and ranking as two queries matched every document twice, and a
common word ("Familie") matches nearly all of them, so either query scanned the whole table.
`search()` gives the same as a lazy queryset (for callers that page themselves). Nothing is
cached here: the index is read on every search, so a search never shows a stale hit.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.functional import cached_property

from familie_portal.models import SearchDocument
from familie_portal.search.index import config_for, searched_language, uses_postgres
from familie_portal.search.text import query_words, tsquery


@dataclass
class SearchResult:
    words: list[str]
    queryset: object = None
    counts: dict[str, int] = field(default_factory=dict)
    kind: str | None = None

    @property
    def total(self) -> int:
        """Number of results under the current type filter, known from the per-type counts."""
        return self.counts.get(self.kind, 0) if self.kind else sum(self.counts.values())


class CountedPaginator(Paginator):
    """A paginator that takes the count the search already knows instead of counting again."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count


def visible(now=None) -> Q:
    """Documents inside their source's publication window at this moment (scheduled publishing)."""
    now = now or timezone.now()
    return (Q(visible_from__isnull=True) | Q(visible_from__lte=now)) & (
        Q(visible_until__isnull=True) | Q(visible_until__gt=now)
    )


def in_language(language: str) -> Q:
    """The documents a visitor of `language` searches: its own; for Turkish, Ukrainian and Arabic also
    the German ones of everything not written in it (no document of its own at the prefixed address)."""
    fallback = searched_language(language)
    if fallback == language:
        return Q(language=language)
    own = SearchDocument.objects.filter(
        language=language, kind=OuterRef("kind"), url=Concat(Value(f"/{language}"), OuterRef("url"))
    )
    return Q(language=language) | (Q(language=fallback) & ~Exists(own))


def search(*, query: str, language: str, kind: str | None = None) -> SearchResult:
    """Published documents in `language` matching every word of `query` (prefixes, stemmed on PostgreSQL)."""
    words = query_words(query)
    if not words:
        return SearchResult(words=[], queryset=SearchDocument.objects.none())
    documents = SearchDocument.objects.filter(visible(), in_language(language))
    if uses_postgres():
        ts_query = SearchQuery(tsquery(words), search_type="raw", config=config_for(language))
        matching = documents.filter(search_vector=ts_query)
        ordered = matching.annotate(rank=SearchRank(F("search_vector"), ts_query)).order_by(
            "-rank", F("date").desc(nulls_last=True), "pk"
        )
    else:
        condition = Q()
        for word in words:
            condition &= Q(folded_title__contains=word) | Q(folded_body__contains=word)
        matching = documents.filter(condition)
        ordered = matching.order_by(F("date").desc(nulls_last=True), "pk")
    counts = dict(matching.values_list("kind").annotate(n=Count("pk")).order_by())
    if kind:
        ordered = ordered.filter(kind=kind)
    # Rank and sort ids only: carrying whole rows (bodies) through the sort of thousands of
    # matches costs more than the search itself. `documents()` fetches the page's rows.
    return SearchResult(words=words, queryset=ordered.values_list("pk", flat=True), counts=counts, kind=kind)


def documents(ids) -> list[SearchDocument]:
    """The documents for a page of result ids, in result order (`object_id`: an event result shows its places)."""
    ids = list(ids)
    found = SearchDocument.objects.only("kind", "language", "title", "body", "url", "date", "object_id").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


@dataclass
class SearchPage:
    """One page of results: the counts per kind (of every kind) and the Page of document ids."""

    words: list[str]
    counts: dict[str, int]
    kind: str | None
    page: Page

    @property
    def total(self) -> int:
        return _total(self.counts, self.kind)


def _total(counts: dict[str, int], kind: str | None) -> int:
    return counts.get(kind, 0) if kind else sum(counts.values())


def _page_number(number) -> int | None:
    """?page= read as Paginator.validate_number reads it: 1 if not a number, None (meaning the
    last page, as Paginator.get_page() shows then) if below 1; whether it exists is checked later."""
    try:
        if isinstance(number, float) and not number.is_integer():
            raise ValueError
        number = int(number)
    except (TypeError, ValueError):
        return 1
    return number if number >= 1 else None


# The matching documents with their rank, computed once; the counts per kind and one page of ids
# are both read from them. {matches}: the ORM's SELECT of (id, kind, date, rank).
_COUNTS_AND_PAGE = """
WITH matches (id, kind, date, rank) AS MATERIALIZED ({matches})
SELECT NULL::bigint, kind, COUNT(*) FROM matches GROUP BY kind
UNION ALL
(SELECT id, kind, NULL FROM matches {kind_filter}ORDER BY rank DESC, date DESC NULLS LAST, id LIMIT %s OFFSET %s)
"""


def counts_and_page_statement(words, language, kind, per_page: int, number: int) -> tuple[str, list]:
    """PostgreSQL: (sql, params) reading the counts per kind and the ids of page `number` at once."""
    ts_query = SearchQuery(tsquery(words), search_type="raw", config=config_for(language))
    matches = (
        SearchDocument.objects.filter(visible(), in_language(language), search_vector=ts_query)
        .annotate(rank=SearchRank(F("search_vector"), ts_query))
        .order_by()
        .values_list("pk", "kind", "date", "rank")
    )
    matches_sql, params = matches.query.sql_with_params()
    sql = _COUNTS_AND_PAGE.format(matches=matches_sql, kind_filter="WHERE kind = %s " if kind else "")
    return sql, [*params, *([kind] if kind else []), per_page, (number - 1) * per_page]


def _counts_and_page_ids(words, language, kind, per_page: int, number: int) -> tuple[dict[str, int], list[int]]:
    counts, ids = {}, []
    with connection.cursor() as cursor:
        cursor.execute(*counts_and_page_statement(words, language, kind, per_page, number))
        for pk, row_kind, count in cursor.fetchall():
            if pk is None:
                counts[row_kind] = count
            else:
                ids.append(pk)
    return counts, ids


def search_page(*, query: str, language: str, kind: str | None = None, number=1, per_page: int = 10) -> SearchPage:
    """The counts per kind and page `number` of the result ids (only `kind`'s if given), best first.

    Results, order and counts are exactly `search()`'s, paged as Paginator.get_page() pages (not a
    number: the first page; beyond the last or below 1: the last). On PostgreSQL one statement;
    two when the page asked for does not exist and the last one is read instead.
    """
    words = query_words(query)
    if not (words and uses_postgres()):
        result = search(query=query, language=language, kind=kind)
        page = CountedPaginator(result.queryset, per_page, count=result.total).get_page(number)
        return SearchPage(words=words, counts=result.counts, kind=kind, page=page)
    requested = _page_number(number)
    counts, ids = _counts_and_page_ids(words, language, kind, per_page, requested or 1)
    paginator = CountedPaginator([], per_page, count=_total(counts, kind))
    shown = requested if requested is not None and requested <= paginator.num_pages else paginator.num_pages
    if shown != (requested or 1):
        counts, ids = _counts_and_page_ids(words, language, kind, per_page, shown)
    return SearchPage(words=words, counts=counts, kind=kind, page=Page(ids, shown, paginator))
