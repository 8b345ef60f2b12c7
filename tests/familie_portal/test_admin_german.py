"""
German everywhere an editor looks: the admin pages `bochum` and `iqz` use (the index and every list and
add form it links them to, the page tree, the version list, the reusable contents, the media library,
the block forms, their own settings and password) show no English word of the packages' making and
no package name, in what a reader sees or hears: text, and the title/aria-label/placeholder/alt
attributes. Names editors typed themselves (a page title, a folder) are data, not tested here.
"""

import io
import re
from html.parser import HTMLParser

import pytest
from cms.api import add_plugin
from cms.models import PageContent
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from djangocms_versioning.models import Version
from filer.models import File, Folder
from PIL import Image as PILImage

from tests.authz.support import client_as

pytestmark = pytest.mark.django_db

# Found in these screens before they were German (whole words, case as shown).
ENGLISH = ["Pages", "Page", "Menu", "Footer", "Save", "Delete", "Add", "Edit", "Search", "Root", "Upload",
           "Icon", "Button", "kilobytes", "bytes", "Staff", "Staff-Account", "Help", "What's new", "Changed by",
           "In navigation", "Soft root", "Template", "Limit", "Cms", "Filer", "Unsorted", "Upload erfolgreich",
           "footer", "sidebar", "revision", "reference", "cache key", "tracking", "interval", "Translation",
           "Plugin", "n/a", "templatetag"]
# The informal address ("du") of a package's German catalogue.
INFORMAL = ["Du", "du", "Dein", "dein", "Deine", "wähle", "Wähle", "musst", "Bist", "lade"]
# Package names, in any case.
PACKAGES = ["django CMS", "djangocms", "filer", "django-", "Versioning", "Timed Publishing", "Rich Text", "Discord",
            "Plugin ID"]


class _ReadableText(HTMLParser):
    """What a reader sees or hears: text nodes and title/aria-label/placeholder/alt, outside scripts and
    outside what is never shown (the `hidden` attribute, Django's rows of hidden form fields, the page
    tree's hidden copy of its search form, which the tree's script submits)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_tag, self._depth = None, 0

    @staticmethod
    def _never_shown(tag, attrs) -> bool:
        classes = (attrs.get("class") or "").split()
        return (tag in ("script", "style", "template") or "hidden" in attrs and tag != "input"
                or "js-cms-pagetree-header-search-copy" in classes or ("form-row" in classes and "hidden" in classes))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._skip_tag:
            self._depth += tag == self._skip_tag
            return
        if self._never_shown(tag, attrs):
            if tag not in ("img", "input", "br", "hr", "link", "meta"):
                self._skip_tag, self._depth = tag, 1
            return
        if tag == "input" and attrs.get("type") == "hidden":
            return
        for name in ("title", "aria-label", "placeholder", "alt"):
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if self._skip_tag and tag == self._skip_tag:
            self._depth -= 1
            if not self._depth:
                self._skip_tag = None

    def handle_data(self, data):
        if not self._skip_tag and data.strip():
            self.parts.append(data.strip())


def readable_text(html: str) -> str:
    parser = _ReadableText()
    parser.feed(html)
    return "\n".join(parser.parts)


def foreign_words(text: str) -> list[str]:
    found = [word for word in ENGLISH + INFORMAL if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]
    found += [name for name in PACKAGES if name.lower() in text.lower()]
    return found


def test_the_check_finds_what_was_there():
    """The check itself: the strings editors met before, each found."""
    for before in ["django CMS › Pages", "DJANGOCMS_VERSIONING", "15 kilobytes", "einen Staff-Account",
                   "Bitte wähle einen anderen Ordner", "Zum Root Ordner zurück gehen", "footer",
                   "django CMS | urlconf revision", "Alias | Kategorie Translation"]:
        assert foreign_words(readable_text(f"<p>{before}</p>")), before
    assert foreign_words(readable_text('<img src="/static/admin/img/search.svg" alt="Search">'))
    assert foreign_words(readable_text('<span title="ImageBlockPlugin ID: 145">Bild</span>'))
    assert not foreign_words(readable_text('<div hidden><p>Pages</p></div><p class="form-row hidden">Root</p>'
                                           '<script>var Filer = 1;</script><p>Seitenbaum</p>'))


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (80, 80), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def _folder(*path) -> Folder:
    parent = None
    for name in path:
        parent, _ = Folder.objects.get_or_create(name=name, parent=parent)
    return parent


def _linked_from_index(client) -> list[str]:
    """The lists and add forms the admin index offers the editor (what they can reach)."""
    html = client.get(reverse("admin:index")).content.decode()
    links = re.findall(r'href="(/admin/[a-z_]+/[a-z_]+/(?:add/)?)"', html)
    return sorted(set(links))


def _bochum_draft() -> PageContent:
    published = Version.objects.get_for_content(PageContent.objects.get(page__reverse_id="kommune-bochum",
                                                                        language="de"))
    return published.copy(get_user_model().objects.get(username="admin")).content


def _pages(role, client) -> list[str]:
    own_folder = _folder("Kommunen", "Bochum") if role == "bochum" else _folder("Werkstattreihe")
    image = File.objects.create(folder=own_folder, original_filename="flyer.png", name="Flyer",
                                file=ContentFile(_png() * 40, name="flyer.png"))
    draft = _bochum_draft()
    placeholder = draft.placeholders.get_or_create(slot="content")[0]
    add_form = (reverse("admin:cms_placeholder_add_plugin") + f"?placeholder_id={placeholder.pk}"
                f"&plugin_language=de&plugin_position=99&plugin_type=")
    urls = _linked_from_index(client) + [
        reverse("admin:index"),
        reverse("admin:password_change"),
        reverse("admin:cms_usersettings_change"),
        reverse("admin:cms_pagecontent_changelist"),
        reverse("admin:cms_pagecontent_changelist") + "?q=Bochum",
        reverse("admin:djangocms_versioning_pagecontentversion_changelist") + f"?page={draft.page.pk}",
        reverse("admin:filer-directory_listing-root"),
        reverse("admin:filer-directory_listing", args=[own_folder.parent.pk if own_folder.parent else own_folder.pk]),
        reverse("admin:filer-directory_listing", args=[own_folder.pk]),
        reverse("admin:filer-directory_listing-unfiled_images"),
        reverse("admin:filer_file_change", args=[image.pk]),
    ] + [add_form + plugin for plugin in ("ImageBlockPlugin", "DownloadBlockPlugin", "LinkBlockPlugin",
                                          "TeaserGridPlugin", "ContactBlockPlugin", "AccordionPlugin",
                                          "TwoColumnsPlugin", "MediaBlockPlugin", "MapTeaserPlugin")]
    # the page tree's dialogs and the version list's compare
    urls += [reverse("admin:cms_pagecontent_change", args=[draft.pk]),
             reverse("admin:cms_page_actions_menu", args=[draft.page.pk]),
             reverse("admin:djangocms_versioning_pagecontentversion_compare", args=[draft.versions.get().pk])]
    if role == "iqz":
        urls += [reverse("admin:djangocms_alias_alias_changelist"), reverse("admin:djangocms_alias_alias_add"),
                 reverse("admin:djangocms_versioning_aliascontentversion_changelist"),
                 reverse("admin:cms_page_advanced", args=[draft.page.pk]),
                 reverse("admin:cms_page_get_copy_dialog", args=[draft.page.pk]),
                 reverse("admin:cms_pagecontent_duplicate", args=[draft.pk])]
    return urls


@pytest.mark.parametrize("role", ["bochum", "iqz"])
def test_the_admin_an_editor_uses_is_german_without_package_names(role):
    client = client_as(role)
    found = {}
    for url in _pages(role, client):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        hits = foreign_words(readable_text(response.content.decode()))
        if hits:
            found[url] = hits
    assert found == {}


def test_the_login_refusal_is_german_and_formal():
    response = client_as(None).post(reverse("admin:login"), {"username": "bochum", "password": "falsch"})
    text = readable_text(response.content.decode())
    assert "Bitte geben Sie Ihren Benutzername und Ihr Passwort richtig ein." in text
    assert foreign_words(text) == []


def test_an_upload_into_another_citys_folder_says_why_formally():
    folder = _folder("Kommunen", "Gelsenkirchen")
    response = client_as("bochum").post(
        reverse("admin:filer-ajax_upload", kwargs={"folder_id": folder.pk}),
        {"file": SimpleUploadedFile("bild.png", _png(), content_type="image/png")})
    assert response.status_code == 403
    assert response.json()["error"] == ("Sie dürfen in diesen Ordner nichts hochladen. Bitte öffnen Sie den Ordner "
                                        "Ihrer Kommune oder Organisation und laden Sie die Datei dort hoch.")


def test_the_media_library_says_that_files_are_public_at_once_and_clears_a_refused_upload():
    html = client_as("bochum").get(reverse("admin:filer-directory_listing",
                                           args=[_folder("Kommunen", "Bochum").pk])).content.decode()
    text = readable_text(html)
    assert "Hochgeladene Dateien sind sofort öffentlich über ihre Adresse erreichbar" in text
    # the script that says why an upload was refused, instead of leaving "Hochladen 0/1" standing
    assert "familie_portal/js/media_library_upload" in html
    assert "Das Hochladen ist beendet." in html
    # the overlay of a drop says it too
    assert html.count("Hochgeladene Dateien sind sofort öffentlich") == 2


def _structure_url(content) -> str:
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(content)
    return reverse("admin:cms_placeholder_render_object_structure", args=[content_type.pk, content.pk])


@pytest.mark.parametrize("role", ["bochum", "iqz"])
def test_the_columns_of_two_columns_are_named_by_position(role):
    draft = _bochum_draft()
    placeholder = draft.placeholders.get(slot="content")
    layout = add_plugin(placeholder, "TwoColumnsPlugin", "de")
    left = add_plugin(placeholder, "ColumnPlugin", "de", target=layout)
    right = add_plugin(placeholder, "ColumnPlugin", "de", target=layout)
    assert (left.get_short_description(), right.get_short_description()) == ("links", "rechts")
    response = client_as(role).get(_structure_url(draft))
    assert response.status_code == 200
    html = response.content.decode()
    # the structure board (the toolbar above it, with its help menu, is the start page's part)
    text = re.sub(r"\s+", " ", readable_text(html[html.index('<div class="cms-structure">'):]))
    assert "Spalte links" in text and "Spalte rechts" in text
    assert f"Spalte {left.pk}" not in text and f"Spalte {right.pk}" not in text
    assert foreign_words(text) == []


def test_a_layout_help_text_names_no_folder():
    from managers.models import MapTeaser
    from workshops.models import LatestWorkshops

    for model in (MapTeaser, LatestWorkshops):
        help_text = str(model._meta.get_field("template_folder").help_text)
        assert "/" not in help_text and "Ordner" not in help_text
