"""
Site search: one index table (`familie_portal.models.SearchDocument`) for every public thing.

Only public content is ever written to the index: each app's provider decides with the app's own
`published()`/`public()` QuerySet, and unpublishing, withdrawing consent or deleting removes the
document. A search therefore cannot leak drafts, whatever the query.

On PostgreSQL the index holds a stored `tsvector` (GIN-indexed) built with the German or English
text-search configuration; on SQLite a folded-text match without stemming is the fallback.
"""


def __getattr__(name):
    # The registry looks for `<app>.search.PROVIDERS`; for this app that is this package.
    if name == "PROVIDERS":
        from familie_portal.search.pages import PageProvider

        return [PageProvider()]
    raise AttributeError(name)
