"""Content blocks: what a visitor sees after publishing, what the plugin forms refuse, who may add them."""

import re

import pytest
from cms.models import PageContent
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from djangocms_versioning.models import Version

from events.models import Event
from familie_portal.roles import IQZ_GROUP, MUNICIPAL_GROUP
from tests.authz.support import client_as

from .support import add_every_block, filer_file, filer_image

pytestmark = pytest.mark.django_db

BOCHUM = "/kommunen/bochum/"


@pytest.fixture
def admin_user_():
    return get_user_model().objects.get(username="admin")


@pytest.fixture
def bochum_draft(admin_user_):
    published = Version.objects.get_for_content(
        PageContent.objects.get(page__reverse_id="kommune-bochum", language="de"))
    return published.copy(admin_user_)


def _content_placeholder(version):
    return version.content.placeholders.get_or_create(slot="content")[0]


def test_visitor_sees_every_block_after_publish(client, bochum_draft, admin_user_):
    event = Event.objects.published().first()
    add_every_block(_content_placeholder(bochum_draft), "de", admin_user_, event=event)
    assert "Bildunterschrift BT" not in client.get(BOCHUM).content.decode()
    bochum_draft.publish(admin_user_)

    html = client.get(BOCHUM).content.decode()
    # image: description, responsive sizes, lazy, caption and credit
    image = re.search(r'<img src="[^"]+" srcset="([^"]+)"[^>]*alt="Ein grünes Rechteck"[^>]*>', html)
    assert image and image.group(1).count("w,") == 2 and 'loading="lazy"' in image.group(0)
    assert re.search(r"<figcaption>Bildunterschrift BT <span class=\"block-credit\">Foto: BT, CC0</span>", html)
    # download: type, size, language, the note linking the accessibility statement
    assert re.search(r"Flyer BT</a>\s*<span class=\"block-download__meta\">\(PDF, 15\xa0Bytes, Deutsch\)", html)
    assert 'href="/barrierefreiheit/">Erklärung zur Barrierefreiheit</a>' in html
    # external link marked as such, as a button
    assert re.search(r'<a href="https://example.org/" class="button is-external">Extern BT'
                     r'<span class="visually-hidden"> \(externer Link\)</span></a>', html)
    # teaser card linking an event, decorative image
    assert f'<a href="{event.get_absolute_url()}">Karte BT</a>' in html
    assert re.search(r'<img class="block-teaser__image"[^>]*alt=""', html)
    # contact: e-mail as plain text (the editor's choice), phone dialable
    assert "erika@example.org" in html and "mailto:erika@example.org" not in html
    assert 'href="tel:0234910-0"' not in html and 'href="tel:02349100"' in html
    # accordion without script, two columns
    assert re.search(r"<details class=\"block-accordion__item\">\s*<summary>Frage BT\?</summary>", html)
    assert "Antwort BT" in html and 'block-columns--2-1' in html and "Spalte zwei BT" in html
    # video with captions and transcript; audio
    assert re.search(r'<track kind="captions" src="[^"]+\.vtt" srclang="de" label="Deutsch" default>', html)
    assert "<audio controls" in html and "Gehörter Text BT" in html
    # the strict visitor CSP: no inline style anywhere in the blocks
    main = html[html.index("<main"):html.index("</main>")]
    assert " style=" not in main and "<script" not in main


def test_municipal_and_iqz_editors_may_add_every_block_and_the_map_teaser():
    for group_name in (IQZ_GROUP, MUNICIPAL_GROUP):
        codenames = set(Group.objects.get(name=group_name).permissions.values_list("content_type__app_label",
                                                                                  "codename"))
        for model in ("imageblock", "downloadblock", "linkblock", "teasergrid", "teasercard", "contactblock",
                      "accordion", "accordionitem", "twocolumns", "mediablock"):
            assert ("blocks", f"add_{model}") in codenames, (group_name, model)
        assert ("managers", "add_mapteaser") in codenames


def test_bochum_is_offered_every_block_and_the_map_teaser(bochum_draft):
    from cms.plugin_pool import plugin_pool

    user = get_user_model().objects.get(username="bochum")
    names = {plugin.__name__ for plugin in plugin_pool.get_all_plugins(placeholder=_content_placeholder(bochum_draft))
             if user.has_perm(f"{plugin.model._meta.app_label}.add_{plugin.model._meta.model_name}")}
    assert {"ImageBlockPlugin", "DownloadBlockPlugin", "LinkBlockPlugin", "TeaserGridPlugin", "ContactBlockPlugin",
            "AccordionPlugin", "TwoColumnsPlugin", "MediaBlockPlugin", "MapTeaserPlugin", "TextPlugin"} <= names
    assert "LinkPlugin" not in names


def _add_plugin_url(placeholder, plugin_type):
    return (reverse("admin:cms_placeholder_add_plugin")
            + f"?placeholder_id={placeholder.pk}&plugin_type={plugin_type}&plugin_language=de&plugin_position=9")


@pytest.mark.parametrize(("data", "error_field"), [
    ({"alt": "", "caption": "Ohne Beschreibung"}, "alt"),
    ({"alt": "", "decorative": "on"}, None),
    ({"alt": "Ein grünes Rechteck"}, None),
])
def test_image_block_needs_alt_text_or_the_decorative_tick(bochum_draft, admin_user_, data, error_field):
    placeholder = _content_placeholder(bochum_draft)
    image = filer_image(admin_user_, width=200, height=100)
    before = placeholder.get_plugins("de").filter(plugin_type="ImageBlockPlugin").count()
    response = client_as("bochum").post(_add_plugin_url(placeholder, "ImageBlockPlugin"),
                                        {"image": image.pk, "credit": "", **data})
    saved = placeholder.get_plugins("de").filter(plugin_type="ImageBlockPlugin").count() > before
    if error_field:
        assert response.status_code == 200 and not saved
        form = response.context["adminform"].form
        assert error_field in form.errors
        assert form["caption"].value() == "Ohne Beschreibung"  # what was typed stays
    else:
        assert saved, response.content.decode()[:500]


@pytest.mark.parametrize(("name", "field"), [("bt-bild.png", "file")])
def test_download_block_takes_documents_only(bochum_draft, admin_user_, name, field):
    placeholder = _content_placeholder(bochum_draft)
    upload = filer_file(admin_user_, name, b"x")
    response = client_as("iqz").post(_add_plugin_url(placeholder, "DownloadBlockPlugin"),
                                     {"file": upload.pk, "title": "Bild als Download", "document_language": "de"})
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors


def test_video_needs_captions(bochum_draft, admin_user_):
    placeholder = _content_placeholder(bochum_draft)
    video = filer_file(admin_user_, "bt-film.mp4", b"\x00")
    response = client_as("iqz").post(_add_plugin_url(placeholder, "MediaBlockPlugin"),
                                     {"title": "Film", "source": video.pk, "captions_language": "de",
                                      "transcript": "Text"})
    assert response.status_code == 200
    assert "captions" in response.context["adminform"].form.errors


def test_two_columns_come_with_their_columns(bochum_draft):
    placeholder = _content_placeholder(bochum_draft)
    response = client_as("bochum").post(_add_plugin_url(placeholder, "TwoColumnsPlugin"), {"ratio": "1-1"})
    assert response.status_code == 200
    assert placeholder.get_plugins("de").filter(plugin_type="ColumnPlugin").count() == 2
