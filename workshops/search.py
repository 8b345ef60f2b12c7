"""Published workshop reports in the site search, with their talks, quotes and ranked list."""

from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from familie_portal.search.registry import Document, Provider
from familie_portal.search.text import html_to_text
from familie_portal.translation import languages_written
from workshops.models import Contribution, Quote, RankedItem, Workshop


class WorkshopProvider(Provider):
    kind = "workshop"
    label = _("Werkstattbericht")
    model = Workshop

    def public_queryset(self):
        # Scheduled ones too: the search reads their window (`window()`) at the moment it runs.
        return (
            Workshop.objects.released().not_withdrawn()
            .select_related("city", "organiser", "series")
            .prefetch_related("contributions", "quotes", "ranked_items")
        )

    def documents(self, obj) -> list[Document]:
        date = timezone.make_aware(datetime.combine(obj.date, time(12)))
        documents = []
        for language in languages_written(obj, "title", "teaser", "body", "conclusion"):
            parts = [
                obj.translated("teaser", language),
                html_to_text(obj.translated("body", language)),
                html_to_text(obj.translated("conclusion", language)),
                obj.city.name if obj.city else "",
                obj.organiser.name,
            ]
            for contribution in obj.contributions.all():
                parts += [contribution.full_name, contribution.translated("role", language),
                          contribution.translated("affiliation", language), contribution.translated("topic", language),
                          html_to_text(contribution.translated("summary", language))]
            parts += [quote.translated("text", language) for quote in obj.quotes.all()]
            parts += [item.translated("label", language) for item in obj.ranked_items.all()]
            documents.append(Document(
                language=language,
                title=obj.translated("title", language),
                body=" ".join(p for p in parts if p),
                url=obj.get_absolute_url(language),
                date=date,
            ))
        return documents

    def watched(self):
        # A change to a talk, quote or ranked item changes what the report is found by.
        return [
            (Workshop, lambda workshop: [workshop]),
            (Contribution, lambda item: [item.workshop]),
            (Quote, lambda item: [item.workshop]),
            (RankedItem, lambda item: [item.workshop]),
        ]


PROVIDERS = [WorkshopProvider()]
