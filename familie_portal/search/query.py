"""Reading the search index: one query for results, one for counts per kind."""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Count, F, Q

from familie_portal.models import SearchDocument
from familie_portal.search.index import CONFIGS, uses_postgres
from familie_portal.search.text import query_words, tsquery


@dataclass
class SearchResult:
    words: list[str]
    queryset: object = None
    counts: dict[str, int] = field(default_factory=dict)


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
            condition &= Q(folded__contains=word)
        matching = documents.filter(condition)
        ordered = matching.order_by(F("date").desc(nulls_last=True), "pk")
    counts = dict(matching.values_list("kind").annotate(n=Count("pk")).order_by())
    if kind:
        ordered = ordered.filter(kind=kind)
    return SearchResult(words=words, queryset=ordered, counts=counts)
