"""Writing the search index: services called from signals and the rebuild command."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Value

from familie_portal.models import SearchDocument
from familie_portal.search.registry import Provider, provider_for, providers
from familie_portal.search.text import fold

# Text-search configuration per content language (PostgreSQL's built-in snowball stemmers).
CONFIGS = {"de": "german", "en": "english"}
BODY_LIMIT = 20_000


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def _vector(title: str, body: str, language: str):
    config = CONFIGS.get(language, "simple")
    return SearchVector(Value(fold(title)), weight="A", config=config) + SearchVector(
        Value(fold(body)), weight="B", config=config
    )


@transaction.atomic
def index_object(provider: Provider, obj) -> int:
    """(Re)write the documents of one object; remove them if it is no longer public."""
    content_type = ContentType.objects.get_for_model(provider.model)
    existing = SearchDocument.objects.filter(content_type=content_type, object_id=str(obj.pk))
    if not provider.is_public(obj):
        existing.delete()
        return 0
    documents = provider.documents(obj)
    existing.exclude(language__in=[d.language for d in documents]).delete()
    for document in documents:
        body = document.body[:BODY_LIMIT]
        row, _ = SearchDocument.objects.update_or_create(
            content_type=content_type,
            object_id=str(obj.pk),
            language=document.language,
            defaults={
                "kind": provider.kind,
                "title": document.title[:300],
                "body": body,
                "url": document.url,
                "date": document.date,
                "folded": fold(f"{document.title} {body}"),
            },
        )
        if uses_postgres():
            SearchDocument.objects.filter(pk=row.pk).update(
                search_vector=_vector(document.title, body, document.language)
            )
    return len(documents)


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
            count = 0
            for obj in provider.public_queryset().iterator(chunk_size=500):
                count += index_object(provider, obj)
            total += count
            if stdout:
                stdout.write(f"  {provider.kind}: {count} Dokumente")
    return total


__all__ = ["index_object", "provider_for", "rebuild", "reindex_instance", "remove_object"]
