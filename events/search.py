"""Published events in the site search (one document per event and language it is written in; series once)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from events.models import Event
from familie_portal.search.registry import Document, Provider
from familie_portal.search.text import html_to_text
from familie_portal.translation import languages_written


class EventProvider(Provider):
    kind = "event"
    label = _("Veranstaltung")
    model = Event

    def public_queryset(self):
        # Scheduled ones too: the search reads their window (`window()`) at the moment it runs.
        return (
            Event.objects.released().not_withdrawn()
            .select_related("organiser", "municipality", "category")
            .prefetch_related("target_groups")
        )

    def documents(self, obj) -> list[Document]:
        documents = []
        for language in languages_written(obj, "title", "lead", "description"):
            with override(language):
                parts = [
                    obj.lead,
                    html_to_text(obj.description),
                    obj.venue_name,
                    obj.venue_city,
                    obj.organiser.name,
                    obj.category.name if obj.category else "",
                    " ".join(group.name for group in obj.target_groups.all()),
                ]
                documents.append(Document(language=language, title=obj.title, body=" ".join(p for p in parts if p),
                                          url=obj.get_absolute_url(), date=obj.start))
        return documents


PROVIDERS = [EventProvider()]
