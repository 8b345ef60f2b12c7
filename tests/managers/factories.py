import io
import struct
import zlib

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from managers.models import FamilyManager


class FamilyManagerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FamilyManager
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Testperson Nummer {n}")
    slug = factory.Sequence(lambda n: f"testperson-{n}")
    role = "Familienbüro"
    status = FamilyManager.Status.PUBLISHED
    consent_to_publication = True
    consent_date = factory.Faker("date_object")

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)


def png_bytes(width=32, height=32, colour="#00594f") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name="foto.png", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(**kwargs), content_type="image/png")


def decompression_bomb_png(width=10_000, height=10_000) -> bytes:
    """A valid 1-bit PNG that declares width × height pixels but is only ~12 KB on disk.

    Written chunk by chunk (streaming zlib), so the test itself never holds the pixels.
    """

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte + packed pixels
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(row) for _ in range(height)]
    parts.append(compressor.flush())
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b"")
