"""RSS and Atom of upcoming dates, ordered by the date of the event (not by when it was entered)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events import selectors
from events.filters import EventFilterForm
from familie_portal.discovery import FeedLink

FEED_SIZE = 50


class UpcomingEventsFeed(Feed):
    def get_object(self, request, *args, **kwargs):
        form = EventFilterForm(request.GET)
        form.is_valid()
        return form

    def title(self):
        return f"{_('Veranstaltungen')} – {settings.PORTAL_SITE_NAME}"

    def link(self):
        return reverse("events:upcoming")

    def description(self):
        return _("Die nächsten Termine des Veranstaltungskalenders.")

    def items(self, form):
        if not form.is_valid():
            return []
        events = form.filter_events(selectors.public_events())
        return selectors.upcoming_occurrences(now=timezone.now(), events=events, limit=FEED_SIZE)

    def item_title(self, occurrence):
        return occurrence.title

    def item_description(self, occurrence):
        # Readers render <description> as HTML; the lead is plain text, so it is escaped here.
        fmt = "DATE_FORMAT" if occurrence.all_day else "DATETIME_FORMAT"
        when = date_filter(timezone.localtime(occurrence.start), fmt)
        return escape(f"{when} – {occurrence.event.lead}" if occurrence.event.lead else when)

    def item_link(self, occurrence):
        return occurrence.get_absolute_url()

    def item_guid(self, occurrence):
        return f"{occurrence.event.uid}/{occurrence.start.isoformat()}"

    item_guid_is_permalink = False

    def item_pubdate(self, occurrence):
        return occurrence.event.created

    def item_updateddate(self, occurrence):
        return occurrence.event.updated

    def item_categories(self, occurrence):
        return [occurrence.event.category.name] if occurrence.event.category_id else []


class UpcomingEventsAtomFeed(UpcomingEventsFeed):
    feed_type = Atom1Feed
    subtitle = UpcomingEventsFeed.description


# Listed on the "Feeds und Kalender" page.
DISCOVERY = [
    FeedLink(gettext_lazy("Alle Termine (Kalender-Abo)"),
             gettext_lazy("iCalendar nach RFC 5545; dieselben Filter wie die Terminliste, z. B. "
                          "?organiser=iqz&target=fachkraefte"),
             "events:ical", "iCal"),
    FeedLink(gettext_lazy("Nächste Termine"), gettext_lazy("Kommende Veranstaltungen nach Datum"), "events:rss",
             "RSS"),
    FeedLink(gettext_lazy("Nächste Termine"), gettext_lazy("Kommende Veranstaltungen nach Datum"), "events:atom",
             "Atom"),
]
