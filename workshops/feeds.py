"""RSS and Atom feeds of the published reports, in the language of the URL (/…/feed/rss/, /en/…/feed/rss/)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from familie_portal.discovery import FeedLink
from workshops.models import Workshop
from workshops.seo import meta_description


class LatestWorkshopsRssFeed(Feed):
    def title(self):
        return _("Werkstattreihe – Berichte")

    def description(self):
        return _("Die neuesten Berichte aus der Werkstattreihe des IQZ.")

    def link(self):
        return reverse("workshops:list")

    def items(self):
        return Workshop.objects.published().for_list().order_by("-date", "-pk")[:20]

    def item_title(self, item):
        return item.title

    # Readers render <description> as HTML; the teaser is plain text, autoescaped by the template.
    description_template = "workshops/feeds/description.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["description"] = meta_description(kwargs["item"], 500)
        return context

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.organiser.name

    def item_categories(self, item):
        return [item.series.name] + ([item.city.name] if item.city else [])


class LatestWorkshopsAtomFeed(LatestWorkshopsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


# Listed on the "Feeds und Kalender" page.
DISCOVERY = [
    FeedLink(gettext_lazy("Werkstattberichte"), gettext_lazy("Neue Berichte der Werkstattreihe"),
             "workshops:feed-rss", "RSS"),
    FeedLink(gettext_lazy("Werkstattberichte"), gettext_lazy("Neue Berichte der Werkstattreihe"),
             "workshops:feed-atom", "Atom"),
]
