"""The text editor offers what the design styles, in German, and pasted HTML is cleaned to the same set."""

import json
import re

import pytest
from cms.models import PageContent
from django.contrib.auth import get_user_model
from django.urls import reverse
from djangocms_text.models import Text
from djangocms_versioning.models import Version

from tests.authz.support import client_as

pytestmark = pytest.mark.django_db

PASTED = (
    '<h1>Titel</h1><h2 class="text-danger">Abschnitt</h2><p style="color:red">Ein <span style="font-size:3em">'
    '<font color="red">roter</font></span> Satz mit <img src="/x.png"> Bild, <small>klein</small>, <kbd>Strg</kbd>'
    ', <mark>markiert</mark>.</p><table><tr><td>Zelle</td></tr></table>'
    '<ul><li><strong>fett</strong> <em>kursiv</em></li></ul><blockquote><p>Zitat</p></blockquote>'
    '<p><a href="https://example.org/" class="btn" onclick="x()">Link</a></p><h4>Klein</h4>'
)


@pytest.fixture
def placeholder():
    admin = get_user_model().objects.get(username="admin")
    published = Version.objects.get_for_content(
        PageContent.objects.get(page__reverse_id="kommune-bochum", language="de"))
    return published.copy(admin).content.placeholders.get_or_create(slot="content")[0]


def _add_url(placeholder):
    return (reverse("admin:cms_placeholder_add_plugin")
            + f"?placeholder_id={placeholder.pk}&plugin_type=TextPlugin&plugin_language=de&plugin_position=9")


def test_pasted_html_is_cleaned_to_the_editor_set(placeholder):
    response = client_as("bochum").post(_add_url(placeholder), {"body": PASTED})
    assert response.status_code == 200
    body = Text.objects.filter(placeholder=placeholder).latest("pk").body
    tags = set(re.findall(r"<([a-z0-9-]+)", body))
    assert tags <= {"p", "h2", "h4", "ul", "li", "strong", "em", "blockquote", "a"}, tags
    for gone in ("style=", "class=", "onclick", "<img", "<font", "<span", "<small", "<kbd", "<mark", "<table", "<h1"):
        assert gone not in body, gone
    # the text survives, only the markup goes
    for kept in ("Titel", "Abschnitt", "roter", "Zelle", "klein", 'href="https://example.org/"'):
        assert kept in body, kept


def test_editor_offers_paragraph_h2_h4_lists_bold_italic_links_quotes_in_german(placeholder):
    response = client_as("bochum").get(_add_url(placeholder))
    html = response.content.decode()
    [options] = re.findall(r'<script id="cms-cfg-[^"]*" type="application/json">(.*?)</script>', html, re.S) or [
        None]
    toolbar = json.loads(options)["options"]["toolbar"]
    items = {item for group in toolbar if isinstance(group, list) for item in group}
    assert items == {"Paragraph", "Heading2", "Heading3", "Heading4", "Bold", "Italic", "BulletedList",
                     "NumberedList", "Blockquote", "Link", "Unlink", "RemoveFormat", "Undo", "Redo"}
    [labels] = re.findall(r'<script id="cms-editor-cfg" type="application/json">(.*?)</script>', html, re.S)
    lang = json.loads(labels)["lang"]
    assert lang["Redo"]["title"] == "Wiederholen"
    assert lang["Bold"]["title"] != "Bold"
