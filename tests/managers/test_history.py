"""
Restoring an older version of a Familienmanager profile through the admin's history
(django-reversion) keeps every municipality the version names, also a second city.
"""

import pytest
import reversion
from django.contrib.auth import get_user_model
from django.urls import reverse
from reversion.models import Version

from managers.models import FamilyManager, Municipality
from tests.authz.support import client_as, form_data

pytestmark = pytest.mark.django_db
BOCHUM, HERNE, GELSENKIRCHEN = "05911000", "05916000", "05513000"


def _cities(profile) -> set[str]:
    return set(profile.municipalities.values_list("ags", flat=True))


def _versions(profile, *states):
    """One revision per state: (role, the profile's municipalities by AGS)."""
    admin = get_user_model().objects.get(username="admin")
    for role, cities in states:
        with reversion.create_revision():
            reversion.set_user(admin)
            profile.role = role
            profile.save()
            profile.municipalities.set(Municipality.objects.filter(ags__in=cities))
    return list(Version.objects.get_for_object(profile))  # newest first


def _restore(client, url):
    """What the editor's browser posts from the version's form (their own choices of cities)."""
    form = client.get(url)
    assert form.status_code == 200
    data = form_data(form.content.decode())
    data.pop("csrfmiddlewaretoken", None)
    return client.post(url, data)


@pytest.mark.parametrize("role", ["iqz", "bochum"])
@pytest.mark.usefixtures("without_review")
def test_restoring_a_version_with_two_cities_keeps_both(role):
    profile = FamilyManager.objects.get(slug="birte-platzhalter")
    newer, older = _versions(profile, ("Leitung", {BOCHUM, HERNE}), ("Neue Leitung", {BOCHUM}))[:2]
    assert _cities(profile) == {BOCHUM}
    url = reverse("admin:managers_familymanager_revision", args=[profile.pk, older.pk])
    client = client_as(role)
    response = _restore(client, url)
    assert response.status_code == 302, response.content.decode()[:3000]
    profile.refresh_from_db()
    assert profile.role == "Leitung"
    assert _cities(profile) == {BOCHUM, HERNE}


@pytest.mark.usefixtures("without_review")
def test_restoring_a_version_as_the_iqz_with_three_cities():
    profile = FamilyManager.objects.get(slug="birte-platzhalter")
    newer, older = _versions(profile, ("Leitung", {BOCHUM, HERNE, GELSENKIRCHEN}), ("Neu", {HERNE}))[:2]
    url = reverse("admin:managers_familymanager_revision", args=[profile.pk, older.pk])
    client = client_as("iqz")
    assert _restore(client, url).status_code == 302
    assert _cities(profile) == {BOCHUM, HERNE, GELSENKIRCHEN}


def test_restoring_a_draft_profile_under_review_keeps_the_second_city():
    """Review on (the default): the city's editor restores a version of a profile that is not public."""
    profile = FamilyManager.objects.get(slug="birte-platzhalter")
    FamilyManager.objects.filter(pk=profile.pk).update(status=FamilyManager.Status.DRAFT)
    profile.refresh_from_db()
    newer, older = _versions(profile, ("Leitung", {BOCHUM, HERNE}), ("Neue Leitung", {BOCHUM}))[:2]
    url = reverse("admin:managers_familymanager_revision", args=[profile.pk, older.pk])
    assert _restore(client_as("bochum"), url).status_code == 302
    profile.refresh_from_db()
    assert (profile.role, _cities(profile)) == ("Leitung", {BOCHUM, HERNE})
