"""
Extension point of the stored-XSS test: every model field that takes text or URLs from editors
and is rendered publicly, and how to put a payload there and find the page that shows it.

Apps add a `Target` for their models (e.g. Event.description, Report.body, Organisation.website):
`store(payloads, user)` saves the payloads through the model's normal save path (the way the
admin does; published) and returns the public URLs that render them.

`test_every_text_field_is_covered` fails when a CharField/TextField/HTMLField/URLField of a local
app is neither in a Target's `fields` nor in NOT_RENDERED with a reason - a new field cannot be
forgotten.

The app targets store one object per payload (every text field of it holding that payload, cut to
the field's length) and return every public address that shows them: detail pages in both
languages, lists and their pages, the calendar views, the map, RSS/Atom feeds, the search results
for a word of the payloads, and the home page plugins. Slugs start with "xt-" (not "xss"), so the
marker "XSS" in a page comes from the payloads, never from a link.
URL and e-mail fields take what their admin form field accepts (script schemes are refused
there; see test_url_fields_refuse_script_schemes), so the page shows what an editor could store.
"""

import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from cms.api import add_plugin, create_page, create_page_content
from cms.models import PageContent
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from filer.models import File as FilerFile
from filer.models import Image as FilerImage
from PIL import Image as PILImage

from events.models import Category, Event, EventDownload, TargetGroup
from familie_portal.demo import publish
from familie_portal.search.query import search
from familie_portal.translation import LANGUAGES, columns
from managers.models import FamilyManager, Kreis, Municipality, Organisation, Regierungsbezirk
from tests.quality.xss_payloads import EMAIL_PAYLOADS, URL_PAYLOADS
from workshops.models import Contribution, Download, Quote, RankedItem, Workshop, WorkshopSeries


@dataclass(frozen=True)
class Target:
    name: str
    fields: tuple[str, ...]  # "app_label.Model.field"
    store: Callable[[list[str], object], list[str]]


def _text_plugins(payloads, user):
    """All payloads as text plugins on one new page, German and English."""
    page = create_page("XSS-Test Text", "pages/content.html", "de", slug="xss-test-text", created_by=user)
    create_page_content("en", "XSS test text", page, slug="xss-test-text", template="pages/content.html",
                        created_by=user)
    for language in ("de", "en"):
        content = PageContent.admin_manager.get(page=page, language=language)
        placeholder = content.get_placeholders().get(slot="content")
        for payload in payloads:
            add_plugin(placeholder, "TextPlugin", language, body=payload)
        publish(content, user)
    return ["/xss-test-text/", "/en/xss-test-text/"]


def _page_attributes(payloads, user):
    """Title, page title, menu title and meta description of pages (head, navigation, breadcrumb)."""
    parent = create_page("XSS-Test Titel", "pages/content.html", "de", slug="xss-test-titel", created_by=user,
                         in_navigation=True)
    publish(PageContent.admin_manager.get(page=parent, language="de"), user)
    urls = ["/xss-test-titel/"]
    for index, payload in enumerate(payloads):
        text = payload[:255]
        child = create_page(text, "pages/content.html", "de", slug=f"x{index}", parent=parent, created_by=user,
                            in_navigation=True, page_title=text, menu_title=text, meta_description=text)
        publish(PageContent.admin_manager.get(page=child, language="de"), user)
        urls.append(f"/xss-test-titel/x{index}/")
    return urls


# --- helpers --------------------------------------------------------------------------------

def _cut(model, field: str, payload: str) -> str:
    max_length = model._meta.get_field(field).max_length
    return payload[:max_length] if max_length else payload


def _fill(obj, payload: str, *fields: str):
    """Set each field of obj to the payload (cut to the field's max_length)."""
    for field in fields:
        setattr(obj, field, _cut(type(obj), field, payload))
    return obj


def _languages(*names: str) -> tuple[str, ...]:
    """The columns of translated fields in every language (familie_portal.translation)."""
    return columns(*names)


def accepted_by_admin_form(model, field: str, candidates: list[str]) -> list[str]:
    """The candidates the admin form's field for `model.field` accepts, cleaned as it would store them."""
    model_field = model._meta.get_field(field)
    # https as the assumed scheme (Django 6's default); it does not change which schemes are refused.
    extra = {"assume_scheme": "https"} if isinstance(model_field, models.URLField) else {}
    form_field = model_field.formfield(**extra)
    accepted = []
    for candidate in candidates:
        try:
            accepted.append(form_field.clean(candidate))
        except ValidationError:
            continue
    return accepted


def _png_bytes() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), (0, 89, 79)).save(buffer, format="PNG")
    return buffer.getvalue()


def _filer_image(user) -> FilerImage:
    return FilerImage.objects.create(file=ContentFile(_png_bytes(), name="xt-bild.png"),
                                     original_filename="xt-bild.png", owner=user)


def _filer_pdf(user) -> FilerFile:
    return FilerFile.objects.create(file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="xt-dokument.pdf"),
                                    original_filename="xt-dokument.pdf", owner=user)


def _search_urls(words: tuple[str, ...], kind: str) -> list[str]:
    """Every result page of the site search for each word, in every language."""
    urls = []
    for language in LANGUAGES:
        with override(language):
            base = reverse("search")
        for word in words:
            total = search(query=word, language=language, kind=kind).total
            pages = max(1, math.ceil(total / 10))
            urls += [f"{base}?q={word}&art={kind}&page={page}" for page in range(1, pages + 1)]
    return urls


def _in_both_languages(name: str, **kwargs) -> list[str]:
    urls = []
    for language in ("de", "en"):
        with override(language):
            urls.append(reverse(name, kwargs=kwargs))
    return urls


def _pages(url: str, count: int, per_page: int) -> list[str]:
    joiner = "&" if "?" in url else "?"
    return [f"{url}{joiner}page={page}" for page in range(1, max(1, math.ceil(count / per_page)) + 1)]


# --- workshop reports ---------------------------------------------------------------------------

WORKSHOP_TEXT = _languages("title", "teaser", "body", "conclusion", "ranking_title", "ranking_high", "ranking_low",
                      "ranking_note", "image_alt", "image_caption") + ("image_credit",)
CONTRIBUTION_TEXT = ("academic_title", "name") + _languages("role", "affiliation", "topic", "summary")
QUOTE_TEXT = _languages("text", "caption", "photo_alt") + ("speaker", "photo_credit")
WORKSHOP_YEAR = 2031


def _workshops(payloads, user):
    """One published report per payload, with a talk, a quote with photo, two ranks and a download."""
    from workshops.views import WorkshopListView

    image, pdf = _filer_image(user), _filer_pdf(user)
    organiser = Organisation.objects.get(slug="iqz")
    city = Municipality.objects.get(ags="05911000")
    urls = []
    for index, payload in enumerate(payloads):
        series = _fill(WorkshopSeries(slug=f"xt-reihe-{index}"), payload, "name_de", "name_en")
        series.save()
        workshop = _fill(
            Workshop(series=series, organiser=organiser, city=city, slug_de=f"xt-bericht-{index}",
                     slug_en=f"xt-report-{index}", date=date(WORKSHOP_YEAR, 1, 1) + timedelta(days=index),
                     image=image, status=Workshop.Status.PUBLISHED),
            payload, *WORKSHOP_TEXT,
        )
        workshop.save()
        _fill(Contribution(workshop=workshop), payload, *CONTRIBUTION_TEXT).save()
        _fill(Quote(workshop=workshop, photo=image), payload, *QUOTE_TEXT).save()
        for position in (1, 2):  # first and last rank show the poles ("stark" … "schwach")
            item = RankedItem(workshop=workshop, position=position)
            _fill(item, payload, *_languages("label", "description")).save()
        _fill(Download(workshop=workshop, file=pdf), payload, *_languages("title")).save()
        urls += [workshop.get_absolute_url(language) for language in LANGUAGES]
    per_page = WorkshopListView.paginate_by
    for language in LANGUAGES:
        with override(language):
            urls += _pages(f"{reverse('workshops:list')}?year={WORKSHOP_YEAR}", len(payloads), per_page)
            urls += [reverse("workshops:feed-rss"), reverse("workshops:feed-atom")]
    urls += ["/", "/en/"]  # "Neueste Werkstattberichte" on the home page
    return urls + _search_urls(("XSS", "alert"), "workshop")


# --- events -------------------------------------------------------------------------------------

EVENT_TEXT = _languages("title", "lead", "description") + (
    "venue_name", "venue_street", "venue_postcode", "venue_city", "image_alt", "image_credit")
XT_ORGANISER = "xt-veranstalter"


def _events(payloads, user):
    """One published event per payload (every second one past, for the archive), with its own
    category, target group and download; registration address and e-mail as the admin form takes them."""
    from events.views import PAGE_SIZE

    image, pdf = _filer_image(user), _filer_pdf(user)
    organiser = Organisation.objects.create(name="XT-Testveranstalter", slug=XT_ORGANISER)
    urls_ok = accepted_by_admin_form(Event, "registration_url", URL_PAYLOADS) or [""]
    emails_ok = accepted_by_admin_form(Event, "registration_email", EMAIL_PAYLOADS) or [""]
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    days, urls = set(), []
    for index, payload in enumerate(payloads):
        category = _fill(Category(slug=f"xt-kategorie-{index}"), payload, *_languages("name"))
        category.save()
        group = _fill(TargetGroup(slug=f"xt-zielgruppe-{index}"), payload, *_languages("name"))
        group.save()
        offset = timedelta(days=2, hours=index)
        start = now + offset if index % 2 == 0 else now - offset
        event = _fill(
            Event(slug=f"xt-termin-{index}", start=start, end=start + timedelta(hours=2), organiser=organiser,
                  category=category, image=image, status=Event.Status.PUBLISHED,
                  registration_url=urls_ok[index % len(urls_ok)],
                  registration_email=emails_ok[index % len(emails_ok)]),
            payload, *EVENT_TEXT,
        )
        event.save()
        event.target_groups.set([group])
        _fill(EventDownload(event=event, file=pdf), payload, *_languages("title")).save()
        days.add(timezone.localtime(start).date())
        for language in LANGUAGES:
            with override(language):
                urls.append(event.get_absolute_url())
    for language in ("de", "en"):
        with override(language):
            for name in ("events:upcoming", "events:archive"):
                urls += _pages(f"{reverse(name)}?organiser={XT_ORGANISER}", len(payloads) // 2 + 1, PAGE_SIZE)
            urls.append(reverse("events:upcoming"))  # filter choices: categories, target groups
            for name in ("events:rss", "events:atom"):
                urls.append(f"{reverse(name)}?organiser={XT_ORGANISER}")
            for year in sorted({day.year for day in days}):
                urls.append(reverse("events:organiser_year", args=[XT_ORGANISER, year]))
            for year, month in sorted({(day.year, day.month) for day in days}):
                urls.append(reverse("events:month", args=[year, month]))
            urls += [reverse("events:day", args=[day.year, day.month, day.day]) for day in sorted(days)]
    with override("ar"):  # the lists in a language with its own columns (cards, filter choices)
        urls += [f"{reverse('events:upcoming')}?organiser={XT_ORGANISER}", reverse("events:upcoming")]
    urls += ["/", "/en/"]  # "Nächste Termine" and the mini calendar
    return urls + _search_urls(("XSS", "alert"), "event")


# --- organisations (organisers of events and reports) --------------------------------------------

def _organisations(payloads, user):
    """An organiser per payload (name, short name, website as the admin form takes it) with an event
    and a report: shown on both detail pages, in their JSON-LD, the organiser's year and the filters."""
    websites = accepted_by_admin_form(Organisation, "website", URL_PAYLOADS) + [""]
    series = WorkshopSeries.objects.get(slug="werkstattreihe")
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=5)
    urls = []
    for index, payload in enumerate(payloads):
        organisation = _fill(Organisation(slug=f"xt-org-{index}", website=websites[index % len(websites)]),
                             payload, "name", "short_name")
        organisation.save()
        event = Event.objects.create(title_de=f"XT Termin {index}", slug=f"xt-org-termin-{index}", start=start,
                                     end=start + timedelta(hours=1), organiser=organisation,
                                     status=Event.Status.PUBLISHED)
        workshop = Workshop.objects.create(series=series, organiser=organisation, title_de=f"XT Bericht {index}",
                                           slug_de=f"xt-org-bericht-{index}", date=timezone.localdate(start),
                                           teaser_de="Vorspann", status=Workshop.Status.PUBLISHED)
        for language in ("de", "en"):
            with override(language):
                urls += [event.get_absolute_url(), workshop.get_absolute_url(language),
                         reverse("events:organiser_year", args=[organisation.slug, start.year])]
    for language in ("de", "en"):
        with override(language):
            urls += _pages(reverse("events:upcoming"), 3 * len(payloads), 20)
            urls += [reverse("events:rss"), reverse("events:atom")]
    return urls


# --- Familienmanager profiles -------------------------------------------------------------------

PROFILE_TEXT = ("name", "photo_alt", "role", "phone", "address", "course", "certificate_number", "focus",
                *columns("focus", languages=LANGUAGES[1:]))


def _profiles(payloads, user):
    """One published, consented profile per payload, every contact field shown, with a photo."""
    from managers.views import PAGE_SIZE

    bochum = Municipality.objects.get(ags="05911000")
    emails_ok = accepted_by_admin_form(FamilyManager, "email", EMAIL_PAYLOADS) or [""]
    photo = None
    urls = []
    for index, payload in enumerate(payloads):
        profile = _fill(
            FamilyManager(slug=f"xt-person-{index}", email=emails_ok[index % len(emails_ok)], show_email=True,
                          show_phone=True, show_address=True, certified_on=date(2024, 1, 1),
                          consent_to_publication=True, consent_date=date(2024, 1, 1),
                          status=FamilyManager.Status.PUBLISHED),
            payload, *PROFILE_TEXT,
        )
        if photo is None:
            profile.photo.save("xt-foto.png", ContentFile(_png_bytes()), save=False)
            photo = profile.photo.name
        else:
            profile.photo = photo
        profile.save()
        profile.municipalities.set([bochum])
        for language in LANGUAGES:
            with override(language):
                urls.append(profile.get_absolute_url())
    public_in_bochum = FamilyManager.objects.public().active_in(bochum).count()
    for language in ("de", "en"):
        with override(language):
            urls += _pages(f"{reverse('managers:list')}?kommune={bochum.slug}", public_in_bochum, PAGE_SIZE)
            urls += _pages(bochum.get_absolute_url(), public_in_bochum, PAGE_SIZE)
            urls.append(reverse("managers:map"))
    return urls + _search_urls(("XSS", "alert"), "manager")


# --- places: Regierungsbezirk, Kreis, municipality names ------------------------------------------

def _places(payloads, user):
    """A Regierungsbezirk, Kreis and municipality per payload, each with a profile, an event there and
    a report: the names show on the map (SVG labels, table), the filters, the municipality page,
    the profile, and the report's JSON-LD location."""
    series = WorkshopSeries.objects.get(slug="werkstattreihe")
    organiser = Organisation.objects.get(slug="iqz")
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=6)
    urls = []
    for index, payload in enumerate(payloads):
        rb = _fill(Regierungsbezirk(slug=f"xt-rb-{index}", key=f"{900 + index}"), payload, "name")
        rb.save()
        kreis = _fill(Kreis(slug=f"xt-kreis-{index}", key=f"9{index:04d}", regierungsbezirk=rb), payload, "name")
        kreis.save()
        municipality = _fill(
            Municipality(slug=f"xt-kommune-{index}", ags=f"99{index:06d}", kreis=kreis,
                         latitude=Decimal("51.0") + Decimal(index) / 50, longitude=Decimal("7.0")),
            payload, "name",
        )
        municipality.save()
        profile = FamilyManager.objects.create(name=f"XT Person {index}", slug=f"xt-ort-person-{index}",
                                               consent_to_publication=True, consent_date=date(2024, 1, 1),
                                               status=FamilyManager.Status.PUBLISHED)
        profile.municipalities.set([municipality])
        Event.objects.create(title_de=f"XT Termin in {index}", slug=f"xt-ort-termin-{index}", start=start,
                                     end=start + timedelta(hours=1), organiser=organiser, municipality=municipality,
                                     venue_city="Ort", status=Event.Status.PUBLISHED)
        workshop = Workshop.objects.create(series=series, organiser=organiser, city=municipality,
                                           title_de=f"XT Bericht in {index}", slug_de=f"xt-ort-bericht-{index}",
                                           date=date(2030, 1, 1), teaser_de="Vorspann",
                                           status=Workshop.Status.PUBLISHED)
        for language in ("de", "en"):
            with override(language):
                # (the event detail shows the venue, not the municipality: it is in the filter choices)
                urls += [municipality.get_absolute_url(), profile.get_absolute_url(),
                         workshop.get_absolute_url(language)]
    for language in ("de", "en"):
        with override(language):
            urls += [reverse("managers:map"), reverse("managers:list"), reverse("events:upcoming"),
                     reverse("workshops:list")]
    return urls


# --- the map teaser plugin ----------------------------------------------------------------------

def _map_teasers(payloads, user):
    """All payloads as map teasers (heading, text, link text) on one new page, German and English."""
    page = create_page("XT Karte", "pages/content.html", "de", slug="xt-karte", created_by=user)
    create_page_content("en", "XT map", page, slug="xt-karte", template="pages/content.html", created_by=user)
    for language in ("de", "en"):
        content = PageContent.admin_manager.get(page=page, language=language)
        placeholder = content.get_placeholders().get(slot="content")
        for payload in payloads:
            add_plugin(placeholder, "MapTeaserPlugin", language, title=payload[:200], text=payload,
                       link_text=payload[:60])
        publish(content, user)
    return ["/xt-karte/", "/en/xt-karte/"]


# --- content blocks (blocks app) -----------------------------------------------------------------

BLOCK_TEXT = {
    "ImageBlock": ("alt", "caption", "credit"),
    "DownloadBlock": ("title",),
    "LinkBlock": ("text",),
    "TeaserGrid": ("title",),
    "TeaserCard": ("title", "text", "alt"),
    "ContactBlock": ("title", "name", "role", "organisation", "phone", "email", "address"),
    "Accordion": ("title",),
    "AccordionItem": ("question",),
    "MediaBlock": ("title", "transcript"),
}


def _external_links_accepted(candidates: list[str]) -> list[str]:
    """The addresses djangocms-link's widget accepts as external links."""
    from djangocms_link.fields import LinkFormField

    accepted = []
    for candidate in candidates:
        try:
            for validator in LinkFormField.external_link_validators:
                validator(candidate)
        except ValidationError:
            continue
        accepted.append(candidate)
    return accepted


def _blocks(payloads, user):
    """Every content block per payload on one new page (German), every text field holding the payload;
    links to the external addresses the link widget accepts, the e-mail as the admin form takes it."""
    from blocks import models as block_models

    image, pdf = _filer_image(user), _filer_pdf(user)
    video = FilerFile.objects.create(file=ContentFile(b"\x00", name="xt-film.mp4"), original_filename="xt-film.mp4",
                                     owner=user)
    vtt = FilerFile.objects.create(file=ContentFile(b"WEBVTT\n", name="xt-film.vtt"), original_filename="xt-film.vtt",
                                   owner=user)
    links = _external_links_accepted(URL_PAYLOADS) or ["https://example.org/"]
    emails = accepted_by_admin_form(block_models.ContactBlock, "email", EMAIL_PAYLOADS) or [""]
    page = create_page("XT Bausteine", "pages/content.html", "de", slug="xt-bausteine", created_by=user)
    content = PageContent.admin_manager.get(page=page, language="de")
    placeholder = content.get_placeholders().get(slot="content")

    def text(model, payload):
        model = getattr(block_models, model)
        return {field: _cut(model, field, payload) for field in BLOCK_TEXT[model.__name__]}

    for index, payload in enumerate(payloads):
        link = {"external_link": links[index % len(links)]}
        add_plugin(placeholder, "ImageBlockPlugin", "de", image=image, **text("ImageBlock", payload))
        add_plugin(placeholder, "DownloadBlockPlugin", "de", file=pdf, not_accessible=True,
                   **text("DownloadBlock", payload))
        add_plugin(placeholder, "LinkBlockPlugin", "de", link=link, **text("LinkBlock", payload))
        grid = add_plugin(placeholder, "TeaserGridPlugin", "de", **text("TeaserGrid", payload))
        add_plugin(placeholder, "TeaserCardPlugin", "de", target=grid, link=link, image=image,
                   **text("TeaserCard", payload))
        add_plugin(placeholder, "ContactBlockPlugin", "de", **{**text("ContactBlock", payload),
                                                              "email": emails[index % len(emails)]})
        accordion = add_plugin(placeholder, "AccordionPlugin", "de", **text("Accordion", payload))
        add_plugin(placeholder, "AccordionItemPlugin", "de", target=accordion, **text("AccordionItem", payload))
        add_plugin(placeholder, "MediaBlockPlugin", "de", source=video, captions=vtt, **text("MediaBlock", payload))
    publish(content, user)
    return ["/xt-bausteine/"]


TARGETS: list[Target] = [
    Target("text plugin", ("djangocms_text.Text.body",), _text_plugins),
    Target("page title, menu title, meta description",
           ("cms.PageContent.title", "cms.PageContent.page_title", "cms.PageContent.menu_title",
            "cms.PageContent.meta_description"), _page_attributes),
    Target("workshop report, talks, quotes, ranks, downloads, series",
           tuple(f"workshops.Workshop.{f}" for f in WORKSHOP_TEXT)
           + tuple(f"workshops.Contribution.{f}" for f in CONTRIBUTION_TEXT)
           + tuple(f"workshops.Quote.{f}" for f in QUOTE_TEXT)
           + tuple(f"workshops.RankedItem.{f}" for f in _languages("label", "description"))
           + tuple(f"workshops.Download.{f}" for f in _languages("title"))
           + tuple(f"workshops.WorkshopSeries.{f}" for f in _languages("name"))
           # every app target's search result pages show the indexed title and a passage of the body
           + ("familie_portal.SearchDocument.title", "familie_portal.SearchDocument.body"),
           _workshops),
    Target("event, category, target group, download",
           tuple(f"events.Event.{f}" for f in EVENT_TEXT + ("registration_url", "registration_email"))
           + tuple(f"events.{model}.{f}" for model in ("Category", "TargetGroup", "EventDownload")
                   for f in _languages("title" if model == "EventDownload" else "name")),
           _events),
    Target("organisation", ("managers.Organisation.name", "managers.Organisation.short_name",
                            "managers.Organisation.website"), _organisations),
    Target("Familienmanager profile", tuple(f"managers.FamilyManager.{f}" for f in PROFILE_TEXT + ("email",)),
           _profiles),
    Target("Regierungsbezirk, Kreis, municipality names",
           ("managers.Regierungsbezirk.name", "managers.Kreis.name", "managers.Municipality.name"), _places),
    Target("map teaser plugin",
           ("managers.MapTeaser.title", "managers.MapTeaser.text", "managers.MapTeaser.link_text"), _map_teasers),
    Target("content blocks",
           tuple(f"blocks.{model}.{field}" for model, fields in BLOCK_TEXT.items() for field in fields), _blocks),
]

# Text/URL fields of local apps that are never rendered on a public page, or are not text an
# editor writes (with why).
NOT_RENDERED: dict[str, str] = {
    "managers.Regierungsbezirk.key": "official key from the shipped data file; not shown on public pages",
    "managers.Kreis.key": "official key from the shipped data file; not shown on public pages",
    "managers.Municipality.ags": "official AGS from the shipped data file; only in the GeoJSON (JSON-encoded)",
    "events.Event.rrule": "parsed and rewritten by Event.save() (RFC 5545, invalid rules raise); pages show dates",
    "events.Event.exdates": "parsed into dates by Event.clean(); pages show the resulting dates only",
    "familie_portal.SearchDocument.object_id": "primary key of the indexed object; never shown",
    "familie_portal.SearchDocument.language": "language code set by the indexer; never shown",
    "familie_portal.SearchDocument.kind": "provider key set by the indexer; shown as its fixed label",
    "familie_portal.SearchDocument.url": "built by the indexer from get_absolute_url() (slugs), not editor text",
    "familie_portal.SearchDocument.folded_title": "search input only (folded title); never shown",
    "familie_portal.SearchDocument.folded_body": "search input only, emptied once the vector is built; never shown",
}
