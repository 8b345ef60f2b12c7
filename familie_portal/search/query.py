"""Reading the search index: one query for results, one for counts per kind."""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.utils.functional import cached_property

from familie_portal.models import SearchDocument
from familie_portal.search.index import CONFIGS, uses_postgres
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


def search(*, query: str, language: str, kind: str | None = None) -> SearchResult:
    """Published documents in `language` matching every word of `query` (prefixes, stemmed on PostgreSQL)."""
    words = query_words(query)
    if not words:
        return SearchResult(words=[], queryset=SearchDocument.objects.none())
    documents = SearchDocument.objects.filter(language=language)
    if uses_postgres():
        ts_query = SearchQuery(tsquery(words), search_type="raw", config=CONFIGS.get(language, "simple"))
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
    """The documents for a page of result ids, in result order."""
    ids = list(ids)
    found = SearchDocument.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
