"""Writing the search index: services called from signals and the rebuild command."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.urls import NoReverseMatch

from familie_portal import translation
from familie_portal.models import SearchDocument
from familie_portal.search.registry import Provider, provider_for, providers
from familie_portal.search.text import fold

# Text-search configuration per content language (PostgreSQL's built-in snowball stemmers).
CONFIGS = {"de": "german", "en": "english"}
# Languages whose pages, reports and events are mostly the German text (Turkish, Ukrainian, Arabic):
# their visitors search their own language's documents (written only for what is translated, and
# holding the German text of the fields that are not) and the German documents of everything else;
# a German result leads to the page under their prefix (/tr/veranstaltungen/...). Their documents
# are mixed German and translated text, so they are stemmed like the German ones (the German stemmer
# leaves Arabic and Cyrillic words as they are), and one query matches both.
SEARCHED_INSTEAD = "de"


def searched_language(language: str) -> str:
    """The language whose documents stand in for those `language` has none of."""
    return language if language in CONFIGS else SEARCHED_INSTEAD


def config_for(language: str) -> str:
    return CONFIGS.get(language) or CONFIGS[SEARCHED_INSTEAD]


def result_url(url: str, *, searched: str, language: str) -> str:
    """A German result's address for a visitor of a language without an index of its own."""
    return url if searched == language or not url.startswith("/") else f"/{language}{url}"
BODY_LIMIT = 20_000


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def update_vectors(queryset=None) -> None:
    """Compute the stored tsvector from the folded text, in one UPDATE per language.

    On PostgreSQL the folded body is only the vector's input: it is emptied in the same UPDATE,
    which keeps rows narrow (the ranking reads every matching row).
    """
    if not uses_postgres():
        return
    queryset = SearchDocument.objects.all() if queryset is None else queryset
    for language in dict.fromkeys([*CONFIGS, *translation.LANGUAGES]):
        config = config_for(language)
        queryset.filter(language=language).exclude(folded_body="", search_vector__isnull=False).update(
            search_vector=SearchVector("folded_title", weight="A", config=config)
            + SearchVector("folded_body", weight="B", config=config),
            folded_body="",
        )


@transaction.atomic
def index_object(provider: Provider, obj) -> int:
    """(Re)write the documents of one object; remove them if it is no longer public."""
    content_type = ContentType.objects.get_for_model(provider.model)
    existing = SearchDocument.objects.filter(content_type=content_type, object_id=str(obj.pk))
    # Index what the database holds, fetched through the public queryset: an instance from a
    # signal may carry unsaved or unparsed values, and a non-public object has no documents.
    public = provider.public_queryset().filter(pk=obj.pk).first()
    if public is None:
        existing.delete()
        return 0
    documents = _documents(provider, public)
    existing.exclude(language__in=[d.language for d in documents]).delete()
    for document in documents:
        SearchDocument.objects.update_or_create(
            content_type=content_type,
            object_id=str(obj.pk),
            language=document.language,
            defaults=_row(provider, document, public),
        )
    update_vectors(existing)
    return len(documents)


def _documents(provider: Provider, obj) -> list:
    """The object's documents; none while it has no public address (its apphook is not on a page yet)."""
    try:
        return [d for d in provider.documents(obj) if d.url]
    except NoReverseMatch:
        return []


def _row(provider: Provider, document, obj) -> dict:
    body = document.body[:BODY_LIMIT]
    title = document.title[:300]
    visible_from, visible_until = provider.window(obj)
    return {
        "visible_from": visible_from,
        "visible_until": visible_until,
        "kind": provider.kind,
        "title": title,
        "body": body,
        "url": document.url[:500],
        "date": document.date,
        "folded_title": fold(title),
        "folded_body": fold(body),
    }


def bulk_add(provider: Provider, objects, batch_size: int = 1000) -> int:
    """Index many public objects at once (rebuild, benchmarks); vectors computed afterwards."""
    content_type = ContentType.objects.get_for_model(provider.model)
    rows = [
        SearchDocument(content_type=content_type, object_id=str(obj.pk), language=document.language,
                       **_row(provider, document, obj))
        for obj in objects
        for document in _documents(provider, obj)
    ]
    SearchDocument.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)


def remove_object(model, pk) -> None:
    content_type = ContentType.objects.get_for_model(model)
    SearchDocument.objects.filter(content_type=content_type, object_id=str(pk)).delete()


def reindex_instance(instance) -> None:
    """Reindex whatever depends on a changed instance (used by signal handlers)."""
    for provider in providers():
        for model, resolve in provider.watched():
            if isinstance(instance, model):
                for obj in resolve(instance):
                    if obj is not None:
                        index_object(provider, obj)


def rebuild(stdout=None) -> int:
    """Rebuild the whole index from the public querysets."""
    total = 0
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        for provider in providers():
            count = bulk_add(provider, provider.public_queryset().iterator(chunk_size=500))
            total += count
            if stdout:
                stdout.write(f"  {provider.kind}: {count} Dokumente")
        update_vectors()
    return total


__all__ = ["index_object", "provider_for", "rebuild", "reindex_instance", "remove_object"]
