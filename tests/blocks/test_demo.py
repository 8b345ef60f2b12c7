"""The demo's content blocks: "Qualifizierung" and the Bochum page, shown to visitors, loaded once."""

import pytest
from django.contrib.auth import get_user_model

from blocks.demo_content import add_demo_blocks
from blocks.models import AccordionItem, ImageBlock

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/qualifizierung/", "/kommunen/bochum/"])
def test_demo_pages_show_image_download_contact_and_faq(client, url):
    html = client.get(url).content.decode()
    assert "<figcaption>Gemeinsam am Tisch" in html and "Grafik: Familienportal-Demo, CC0" in html
    assert "Häufige Fragen zur Qualifizierung</a>" in html and "(PDF, " in html
    assert 'class="block-contact"' in html
    assert html.count('<details class="block-accordion__item">') == 4


def test_loading_again_adds_nothing():
    before = (ImageBlock.objects.count(), AccordionItem.objects.count())
    add_demo_blocks(get_user_model().objects.get(username="admin"))
    assert (ImageBlock.objects.count(), AccordionItem.objects.count()) == before
