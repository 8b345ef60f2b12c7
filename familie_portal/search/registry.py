"""
Search providers: how each kind of public thing becomes search documents.

An app declares providers in `<app>/search.py` as `PROVIDERS = [SomeProvider(), ...]`. A provider
names its model, the QuerySet of public objects, the documents of one object, and which models'
changes require reindexing (for example a profile when its municipalities change).
"""

from dataclasses import dataclass
from datetime import datetime

from familie_portal.app_modules import app_modules


@dataclass(frozen=True)
class Document:
    language: str
    title: str
    body: str
    url: str
    date: datetime | None = None


class Provider:
    kind: str = ""
    label: str = ""
    model = None

    def public_queryset(self):
        """Every object public now or scheduled to be (see `window()`); the only place this provider
        decides visibility."""
        raise NotImplementedError

    def window(self, obj) -> tuple[datetime | None, datetime | None]:
        """When the object's documents are shown: (from, until), None for no bound. The search filters
        by it when it runs, so a scheduled publish or withdraw shows at its minute (familie_portal.scheduling)."""
        return getattr(obj, "publish_at", None), getattr(obj, "withdraw_at", None)

    def documents(self, obj) -> list[Document]:
        raise NotImplementedError

    def watched(self):
        """(model, function mapping an instance of it to the objects to reindex) pairs."""
        return [(self.model, lambda instance: [instance])]


_providers: list[Provider] | None = None


def providers() -> list[Provider]:
    global _providers
    if _providers is None:
        found = []
        for module in app_modules("search"):
            found.extend(getattr(module, "PROVIDERS", []))
        _providers = found
    return _providers


def provider_for(model) -> Provider | None:
    return next((p for p in providers() if p.model is model), None)


def kinds() -> list[tuple[str, str]]:
    return [(p.kind, p.label) for p in providers()]
