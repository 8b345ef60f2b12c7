"""Fixtures of the review tests: mail delivered at once, events of Bochum, review switched off on demand."""

import pytest
from django.contrib.auth import get_user_model

from events.models import Event
from managers.models import Municipality, Organisation
from tests.events.factories import EventFactory

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_at_once(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def bochum_org(db):
    municipality = Municipality.objects.get(slug="bochum")
    return Organisation.objects.get_or_create(
        slug="stadt-bochum-test", defaults={"name": "Stadt Bochum (Test)", "kind": "municipality",
                                             "municipality": municipality})[0]


@pytest.fixture
def bochum_draft(bochum_org):
    return EventFactory(organiser=bochum_org, status=Event.Status.DRAFT, title_de="Bochumer Elterncafé")


@pytest.fixture
def bochum_published(bochum_org):
    return EventFactory(organiser=bochum_org, status=Event.Status.PUBLISHED, title_de="Bochumer Familienfest")


@pytest.fixture
def users(db):
    return {user.username: user for user in get_user_model().objects.filter(
        username__in=["admin", "iqz", "bochum", "gelsenkirchen"])}


def set_review(slug: str, required: bool) -> None:
    """As the IQZ does in the admin: a save (the page permissions follow through the signal)."""
    municipality = Municipality.objects.get(slug=slug)
    municipality.review_required = required
    municipality.save()
