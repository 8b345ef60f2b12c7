"""Public Familienmanager profiles in the site search: name, role, organisation, places, focus.

Contact details are never indexed, whether or not a profile shows them.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from familie_portal.search.registry import Document, Provider
from familie_portal.translation import languages_written
from managers.models import FamilyManager


class FamilyManagerProvider(Provider):
    kind = "manager"
    label = _("Familienmanager/-in")
    model = FamilyManager

    def public_queryset(self):
        # Scheduled ones too: the search reads their window (`window()`) at the moment it runs.
        return (
            FamilyManager.objects.released().not_withdrawn()
            .select_related("organisation", "kreis")
            .prefetch_related("municipalities")
        )

    def documents(self, obj) -> list[Document]:
        places = [m.name for m in obj.municipalities.all()] + ([obj.kreis.name] if obj.kreis else [])
        documents = []
        for language in languages_written(obj, "focus"):
            focus = obj.translated_focus(language)
            parts = [obj.role, obj.organisation.name if obj.organisation else "", " ".join(places), obj.course, focus]
            with override(language):
                url = obj.get_absolute_url()
            documents.append(Document(language=language, title=obj.name, body=" ".join(p for p in parts if p),
                                      url=url, date=None))
        return documents


PROVIDERS = [FamilyManagerProvider()]
