"""Images and downloads come through django-filer, with alt texts, captions and credits."""

import io

import pytest
from django.core.files.base import ContentFile
from filer.models import File, Image
from PIL import Image as PILImage

from tests.workshops.factories import QuoteFactory, WorkshopFactory
from workshops.models import Download

pytestmark = pytest.mark.django_db


def _png(name="foto.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), (0, 89, 79)).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=name)


def test_downloads_are_listed_with_type_and_size(client):
    workshop = WorkshopFactory()
    pdf = File.objects.create(file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="dokumentation.pdf"),
                              original_filename="dokumentation.pdf")
    Download.objects.create(workshop=workshop, file=pdf, title_de="Dokumentation (PDF)")
    html = client.get(workshop.get_absolute_url()).content.decode()
    assert '<h2 id="downloads">Downloads</h2>' in html
    assert f'<a href="{pdf.url}">Dokumentation (PDF)</a>' in html
    assert "(PDF, " in html


def test_quote_photo_and_report_image_have_alt_text_caption_and_credit(client):
    photo = Image.objects.create(file=_png(), original_filename="foto.png")
    workshop = WorkshopFactory(image=photo, image_alt_de="Teilnehmende im Saal", image_caption_de="Im Saal",
                               image_credit="IQZ")
    QuoteFactory(workshop=workshop, photo=photo, photo_alt_de="Porträt der Rednerin", photo_credit="Stadt X",
                 caption_de="Die Rednerin")
    response = client.get(workshop.get_absolute_url())
    html = response.content.decode()
    assert 'alt="Porträt der Rednerin"' in html and "Foto: Stadt X" in html
    assert 'alt="Teilnehmende im Saal"' in html and "Im Saal" in html and "Foto: IQZ" in html
    assert '<meta property="og:image" content="http://testserver' in html
    assert 'class="pull-quote pull-quote--photo"' in html
