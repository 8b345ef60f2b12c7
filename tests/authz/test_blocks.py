"""
Authorization matrix of the content blocks: roles × pages × block types, through the structure
board's add-plugin endpoint. Both editorial roles hold the block permissions; which pages they may
put them on is django CMS's page permission (a municipal editor: their own municipality's page).
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.blocks.support import filer_file, filer_image

from .support import ROLES, client_as
from .test_cms_pages import MARKER, PAGES, make_ctx, page_rights

pytestmark = pytest.mark.django_db


def _form(kind, admin):
    if kind == "ImageBlockPlugin":
        return {"image": filer_image(admin, width=120, height=80).pk, "alt": "Rechteck"}
    if kind == "DownloadBlockPlugin":
        return {"file": filer_file(admin, "az-flyer.pdf").pk, "title": "Flyer", "document_language": "de"}
    if kind == "LinkBlockPlugin":
        return {"text": "Extern", "link_0": "external_link", "link_1": "https://example.org/", "style": "link"}
    if kind == "ContactBlockPlugin":
        return {"name": "Erika Muster", "email": "erika@example.org", "email_as_link": "on"}
    if kind == "AccordionPlugin":
        return {"title": "Fragen"}
    if kind == "TwoColumnsPlugin":
        return {"ratio": "1-1"}
    if kind == "MapTeaserPlugin":
        return {"title": "Karte", "show_map": "on", "template_folder": "default"}
    raise AssertionError(kind)


KINDS = ["ImageBlockPlugin", "DownloadBlockPlugin", "LinkBlockPlugin", "ContactBlockPlugin", "AccordionPlugin",
         "TwoColumnsPlugin", "MapTeaserPlugin"]
CASES = [(role, rid, kind) for kind in KINDS for role in ROLES for rid in PAGES]


@pytest.mark.parametrize(("role", "reverse_id", "kind"), CASES, ids=[f"{k}-{r}-{p}" for r, p, k in CASES])
def test_add_block(role, reverse_id, kind):
    ctx = make_ctx(reverse_id)
    placeholder = ctx.marker.placeholder
    before = placeholder.get_plugins("de").count()
    data = _form(kind, get_user_model().objects.get(username="admin"))
    url = (reverse("admin:cms_placeholder_add_plugin")
           + f"?placeholder_id={placeholder.pk}&plugin_type={kind}&plugin_language=de&plugin_position=9")
    response = client_as(role).post(url, data)
    added = placeholder.get_plugins("de").count() > before
    if "change" in page_rights(role, reverse_id):
        assert response.status_code == 200 and added, response.content.decode()[:400]
    else:
        assert response.status_code != 200 and not added
        assert MARKER not in response.content.decode(errors="replace")
