"""
The editors' help, inside the admin (staff only): one page per task, written for this portal, and an index.
Linked from the start page and from the django CMS toolbar's "Hilfe" menu (familie_portal.cms_toolbars).
The texts are templates (templates/admin/help/<topic>.html); this module only knows their names.
"""

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# slug in the address: title. The order is the index's and the toolbar menu's.
TOPICS = {
    "seite-bearbeiten": _("Seite bearbeiten"),
    "veranstaltung": _("Veranstaltung mit Serie und Anmeldung"),
    "profil": _("Profil (Familienmanager) pflegen"),
    "pruefen": _("Prüfen und Freigeben"),
}


def topics() -> list[tuple[str, str]]:
    """(title, address) of every help page, in order."""
    return [(title, reverse("editor-help-topic", args=[slug])) for slug, title in TOPICS.items()]


def _context(request, **extra):
    return {**admin.site.each_context(request), "topics": topics(), **extra}


@staff_member_required
def help_index(request):
    return render(request, "admin/help/index.html", _context(request, title=_("Hilfe für Redaktionen")))


@staff_member_required
def help_topic(request, topic: str):
    if topic not in TOPICS:
        raise Http404
    return render(request, f"admin/help/{topic}.html", _context(request, title=TOPICS[topic], topic=topic))
