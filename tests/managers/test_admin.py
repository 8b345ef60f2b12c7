"""Object-level permissions in the admin: IQZ manages all, each city only profiles active in it."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from managers.models import FamilyManager, Municipality

from .factories import FamilyManagerFactory, decompression_bomb_png, png_upload

# The cities' rights besides review (switched off here; tests/authz/test_review_publishing.py has review on).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_review")]

BOCHUM_PROFILE = "berta-beispiel"
GELSENKIRCHEN_PROFILE = "gerda-exempel"


def _pk(slug):
    return FamilyManager.objects.get(slug=slug).pk


def _change_url(slug):
    return reverse("admin:managers_familymanager_change", args=[_pk(slug)])


def _delete_url(slug):
    return reverse("admin:managers_familymanager_delete", args=[_pk(slug)])


def _login(client, user_by_name, username):
    client.force_login(user_by_name(username))
    return client


MATRIX = [
    # user, profile, allowed
    ("iqz", BOCHUM_PROFILE, True),
    ("iqz", GELSENKIRCHEN_PROFILE, True),
    ("bochum", BOCHUM_PROFILE, True),
    ("bochum", GELSENKIRCHEN_PROFILE, False),
    ("gelsenkirchen", GELSENKIRCHEN_PROFILE, True),
    ("gelsenkirchen", BOCHUM_PROFILE, False),
]


@pytest.mark.parametrize(("username", "slug", "allowed"), MATRIX)
def test_view_and_delete_pages(client, user_by_name, username, slug, allowed):
    _login(client, user_by_name, username)
    expected = 200 if allowed else 403
    assert client.get(_change_url(slug)).status_code == expected
    assert client.get(_delete_url(slug)).status_code == expected
    history = reverse("admin:managers_familymanager_history", args=[_pk(slug)])
    assert client.get(history).status_code == expected


@pytest.mark.parametrize(("username", "slug", "allowed"), MATRIX)
def test_delete_by_post(client, user_by_name, username, slug, allowed):
    _login(client, user_by_name, username)
    response = client.post(_delete_url(slug), {"post": "yes"})
    assert response.status_code == (302 if allowed else 403)
    assert FamilyManager.objects.filter(slug=slug).exists() is not allowed


@pytest.mark.parametrize(("username", "slug", "allowed"), MATRIX)
def test_change_by_post(client, user_by_name, username, slug, allowed):
    _login(client, user_by_name, username)
    profile = FamilyManager.objects.get(slug=slug)
    data = _form_data(profile, role="Geändert")
    response = client.post(_change_url(slug), data)
    assert response.status_code == (302 if allowed else 403), response.content.decode()[:2000]
    profile.refresh_from_db()
    assert (profile.role == "Geändert") is allowed


@pytest.mark.parametrize(
    ("username", "visible", "invisible"),
    [
        ("iqz", ["Berta Beispiel", "Gerda Exempel", "Hanna Widerruf"], []),
        ("bochum", ["Berta Beispiel", "Hanna Widerruf", "Birte Platzhalter"], ["Gerda Exempel", "Dora Demo"]),
        ("gelsenkirchen", ["Gerda Exempel", "Gisela Entwurf"], ["Berta Beispiel"]),
    ],
)
def test_changelist_shows_own_profiles_only(client, user_by_name, username, visible, invisible):
    _login(client, user_by_name, username)
    html = client.get(reverse("admin:managers_familymanager_changelist") + "?all=").content.decode()
    for name in visible:
        assert name in html
    for name in invisible:
        assert name not in html


def test_unknown_or_malformed_ids_are_404(client, user_by_name):
    _login(client, user_by_name, "bochum")
    assert client.get(reverse("admin:managers_familymanager_change", args=[999999])).status_code == 404
    assert client.get("/admin/managers/familymanager/abc/change/").status_code == 404


def test_bulk_delete_ignores_other_cities_profiles(client, user_by_name):
    _login(client, user_by_name, "bochum")
    own = FamilyManagerFactory(municipalities=[Municipality.objects.get(ags="05911000")])
    foreign = FamilyManager.objects.get(slug=GELSENKIRCHEN_PROFILE)
    client.post(
        reverse("admin:managers_familymanager_changelist"),
        {"action": "delete_selected", "_selected_action": [own.pk, foreign.pk], "post": "yes"},
    )
    assert not FamilyManager.objects.filter(pk=own.pk).exists()
    assert FamilyManager.objects.filter(pk=foreign.pk).exists()


def test_municipal_form_offers_only_the_own_municipality(client, user_by_name):
    _login(client, user_by_name, "bochum")
    response = client.get(reverse("admin:managers_familymanager_add"))
    field = response.context["adminform"].form.fields["municipalities"]
    assert list(field.queryset.values_list("ags", flat=True)) == ["05911000"]
    assert "kreis" not in response.context["adminform"].form.fields


def test_municipal_editor_cannot_add_a_profile_for_another_city(client, user_by_name):
    _login(client, user_by_name, "bochum")
    gelsenkirchen = Municipality.objects.get(ags="05513000")
    data = _form_data(None, name="Fremde Person", slug="fremde-person", municipalities=[gelsenkirchen.pk])
    response = client.post(reverse("admin:managers_familymanager_add"), data)
    assert response.status_code == 200
    assert not FamilyManager.objects.filter(slug="fremde-person").exists()


def test_municipal_edit_keeps_other_municipalities_it_cannot_see(client, user_by_name):
    _login(client, user_by_name, "bochum")
    profile = FamilyManager.objects.get(slug="birte-platzhalter")  # Bochum and Herne
    data = _form_data(profile, role="Neue Funktion", municipalities=[Municipality.objects.get(ags="05911000").pk])
    assert client.post(_change_url("birte-platzhalter"), data).status_code == 302
    assert set(profile.municipalities.values_list("ags", flat=True)) == {"05911000", "05916000"}


def test_publishing_without_consent_is_refused(client, user_by_name):
    _login(client, user_by_name, "iqz")
    data = _form_data(None, name="Ohne Einwilligung", slug="ohne-einwilligung", status="published")
    data.pop("consent_to_publication")
    response = client.post(reverse("admin:managers_familymanager_add"), data)
    assert response.status_code == 200
    assert "Ohne Einwilligung der Person kann das Profil nicht veröffentlicht werden" in response.content.decode()


def _photo_files():
    folder = Path(settings.MEDIA_ROOT) / "familienmanager"
    return set(folder.iterdir()) if folder.exists() else set()


def test_upload_of_a_decompression_bomb_is_refused_and_nothing_is_saved(client, user_by_name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _login(client, user_by_name, "bochum")
    before, files_before = FamilyManager.objects.count(), _photo_files()
    data = _form_data(None, name="Bombe", slug="bombe", photo_alt="Ein Bild")
    data["photo"] = SimpleUploadedFile("klein.png", decompression_bomb_png(), content_type="image/png")
    response = client.post(reverse("admin:managers_familymanager_add"), data)
    assert response.status_code == 200
    assert "10000 × 10000 Pixeln zu groß" in response.content.decode()
    assert FamilyManager.objects.count() == before and _photo_files() == files_before


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (("kein-bild.png", b"just some text", "image/png"), "kein gültiges Bild"),
        (("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml"), "SVG-Grafiken"),
    ],
)
def test_upload_of_non_images_is_refused(client, user_by_name, upload, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _login(client, user_by_name, "iqz")
    data = _form_data(None, name="Kein Bild", slug="kein-bild", photo_alt="x")
    data["photo"] = SimpleUploadedFile(*upload)
    response = client.post(reverse("admin:managers_familymanager_add"), data)
    assert message in response.content.decode()
    assert not FamilyManager.objects.filter(slug="kein-bild").exists()


def test_oversized_upload_is_refused(client, user_by_name, settings):
    settings.PORTAL_MAX_UPLOAD_BYTES = 200
    _login(client, user_by_name, "iqz")
    data = _form_data(None, name="Zu groß", slug="zu-gross", photo_alt="x")
    data["photo"] = png_upload(width=200, height=200, colour="#123456")
    response = client.post(reverse("admin:managers_familymanager_add"), data)
    assert "Die Datei ist zu groß" in response.content.decode()
    assert not FamilyManager.objects.filter(slug="zu-gross").exists()


def test_valid_photo_is_saved_and_deleted_with_the_profile(client, user_by_name, django_capture_on_commit_callbacks):
    _login(client, user_by_name, "bochum")
    data = _form_data(None, name="Mit Foto", slug="mit-foto", photo_alt="Porträt")
    data["photo"] = png_upload()
    assert client.post(reverse("admin:managers_familymanager_add"), data).status_code == 302
    profile = FamilyManager.objects.get(slug="mit-foto")
    path = Path(profile.photo.path)
    assert path.exists() and "mit-foto" not in path.name  # random file name
    profile.photo.get_thumbnail({"size": (120, 120)})
    thumbnails = [Path(t.path) for t in profile.photo.get_thumbnails()]
    assert thumbnails and all(t.exists() for t in thumbnails)
    with django_capture_on_commit_callbacks(execute=True):
        profile.delete()
    assert not path.exists() and not any(t.exists() for t in thumbnails)


def test_thumbnail_files_the_table_does_not_list_go_with_the_photo(django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile

    profile, other = FamilyManagerFactory(photo=png_upload()), FamilyManagerFactory(photo=png_upload())
    photo, storage = profile.photo.name, profile.photo.thumbnail_storage
    stray = storage.save(f"{photo}.240x240_q85_crop.jpg", ContentFile(b"thumbnail"))
    assert not [t for t in profile.photo.get_thumbnails() if t.name == stray], "not in easy-thumbnails' table"
    lookalike = storage.save(f"{photo.rsplit('.', 1)[0]}-x.png", ContentFile(b"another file"))
    with django_capture_on_commit_callbacks(execute=True):
        profile.delete()
    assert not storage.exists(stray) and not storage.exists(photo)
    assert storage.exists(lookalike) and other.photo.storage.exists(other.photo.name)
    storage.delete(lookalike)


def test_photo_stays_when_a_delete_is_rolled_back(client, user_by_name):
    profile = FamilyManager.objects.get(slug="berta-beispiel")
    path = Path(profile.photo.path)
    profile.delete()  # inside the test's transaction, never committed
    assert path.exists()


def _form_data(profile, **changes):
    bochum = Municipality.objects.get(ags="05911000")
    data = {
        "name": profile.name if profile else "Neue Person",
        "slug": profile.slug if profile else "neue-person",
        "photo_alt": profile.photo_alt if profile else "",
        "organisation": profile.organisation_id or "" if profile else "",
        "role": profile.role if profile else "",
        "municipalities": list(profile.municipalities.values_list("pk", flat=True)) if profile else [bochum.pk],
        "email": profile.email if profile else "",
        "phone": "", "address": "", "course": "", "certified_on": "", "certificate_number": "",
        "certificate_valid_until": "", "focus": "", "focus_en": "",
        "consent_to_publication": "on",
        "consent_date": "2009-01-10",
        "status": "draft",
    }
    if profile and profile.kreis_id:
        data["kreis"] = profile.kreis_id
    data.update(changes)
    return data
