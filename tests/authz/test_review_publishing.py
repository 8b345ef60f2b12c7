"""
Authorization matrix of review before publishing: nobody of a municipality that needs review makes
anything public, or changes or withdraws anything public, alone — through the admin form, a crafted
POST, the bulk actions, the "Entwurf veröffentlichen" URL of a draft of a published object, or
djangocms-versioning's publish and unpublish URLs (profiles have no bulk publish action). The same endpoints
work for an editor of a municipality without review and for the IQZ; only the IQZ approves.

Each endpoint is a function (client, context) → None that tries to publish; `done(context)` says
whether the public state changed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
import reversion
from cms.models import PageContent
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from djangocms_timed_publishing.models import TimedPublishingInterval
from djangocms_versioning.constants import PUBLISHED
from djangocms_versioning.models import Version
from reversion.models import Version as HistoryVersion

from events.models import Event
from familie_portal import drafts
from familie_portal.models import ScheduledPagePublication
from managers.models import FamilyManager, Municipality
from reviews import services
from reviews.models import Review

from .support import admin_form_data, client_as

pytestmark = pytest.mark.django_db

BOCHUM_EVENT = "familienfest-im-stadtpark-bochum-2008"
BOCHUM_PROFILE = "berta-beispiel"


@dataclass
class Ctx:
    event: Event
    profile: FamilyManager
    page_draft: Version
    page_published: Version


def _make_ctx(*, event_status="draft", profile_status="draft") -> Ctx:
    event = Event.objects.get(slug=BOCHUM_EVENT)
    event.status = event_status
    event.save()
    profile = FamilyManager.objects.get(slug=BOCHUM_PROFILE)
    profile.status, profile.consent_to_publication = profile_status, True
    profile.save()
    published = Version.objects.get_for_content(
        PageContent.objects.get(page__reverse_id="kommune-bochum", language="de"))
    draft = published.copy(get_user_model().objects.get(username="admin"))
    return Ctx(event, profile, draft, published)


def _event_url(ctx, name="change"):
    return reverse(f"admin:events_event_{name}", args=(ctx.event.pk,))


def _profile_url(ctx):
    return reverse("admin:managers_familymanager_change", args=(ctx.profile.pk,))


def _event_form_post(client, ctx):
    client.post(_event_url(ctx), admin_form_data(_event_url(ctx), status="published"))


def _event_add_post(client, ctx):
    data = admin_form_data(_event_url(ctx), status="published", slug="neu-veroeffentlicht", title_de="Neu")
    for name in list(data):
        if name.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS")):
            data[name] = ["0"]
    client.post(reverse("admin:events_event_add"), data)


def _event_bulk_publish(client, ctx):
    client.post("/admin/events/event/", {"action": "publish", "_selected_action": [ctx.event.pk]})


def _event_bulk_unpublish(client, ctx):
    client.post("/admin/events/event/", {"action": "unpublish", "_selected_action": [ctx.event.pk]})


def _event_change_published(client, ctx):
    client.post(_event_url(ctx), admin_form_data(_event_url(ctx), title_de="Still geändert"))


def _event_publish_now(client, ctx):
    """ "Sofort veröffentlichen" on the form of a published event: saved in public in one step."""
    client.post(_event_url(ctx), admin_form_data(_event_url(ctx), title_de="Sofort geändert", _publish_now="1"))


def _event_delete_published(client, ctx):
    client.post(_event_url(ctx, "delete"), {"post": "yes"})


def _profile_form_post(client, ctx):
    client.post(_profile_url(ctx), admin_form_data(_profile_url(ctx), status="published"))


def _page_publish(client, ctx):
    client.post(reverse("admin:djangocms_versioning_pagecontentversion_publish", args=(ctx.page_draft.pk,)))


def _page_unpublish(client, ctx):
    client.post(reverse("admin:djangocms_versioning_pagecontentversion_unpublish", args=(ctx.page_published.pk,)))


def _event_restore(client, ctx):
    """Restore the event's version from before its status changed (django-reversion's revision view)."""
    admin = get_user_model().objects.get(username="admin")
    current = ctx.event.status
    for status in ("draft" if current == "published" else "published", current):
        with reversion.create_revision():
            reversion.set_user(admin)
            ctx.event.status = status
            ctx.event.save()
    older = HistoryVersion.objects.get_for_object(ctx.event)[1]
    url = reverse("admin:events_event_revision", args=(ctx.event.pk, older.pk))
    client.post(url, admin_form_data(url))


def _draft(original, **changes):
    """The draft of a published object with `changes` (as its change form would save it)."""
    values = type(original).objects.get(pk=original.pk)
    for name, value in changes.items():
        setattr(values, name, value)
    return drafts.save_draft(original=original, values=values)


def _event_draft_publish(client, ctx):
    draft = _draft(ctx.event, title_de="Aus dem Entwurf")
    client.post(reverse("admin:events_event_draft", args=(draft.pk, "veroeffentlichen")))


def _profile_draft_publish(client, ctx):
    draft = _draft(ctx.profile, role="Aus dem Entwurf")
    client.post(reverse("admin:managers_familymanager_draft", args=(draft.pk, "veroeffentlichen")))


def _event_public(ctx):
    return Event.objects.published().filter(pk=ctx.event.pk).exists()


@dataclass(frozen=True)
class Endpoint:
    name: str
    attempt: Callable
    done: Callable
    event_status: str = "draft"
    profile_status: str = "draft"
    nobody: bool = False  # no role changes the public state this way (drafts for everyone)


ENDPOINTS = [
    Endpoint("event-form-status-published", _event_form_post, _event_public),
    Endpoint("event-add-published", _event_add_post, lambda ctx: Event.objects.filter(
        slug="neu-veroeffentlicht", status="published").exists()),
    Endpoint("event-bulk-publish", _event_bulk_publish, _event_public),
    Endpoint("event-bulk-unpublish", _event_bulk_unpublish, lambda ctx: not _event_public(ctx), "published"),
    # A plain save of a published event is a draft for every role, the IQZ included (test_a_save_is_a_draft...).
    Endpoint("event-change-published", _event_change_published, lambda ctx: Event.objects.filter(
        pk=ctx.event.pk, title_de="Still geändert").exists(), "published", nobody=True),
    Endpoint("event-change-published-now", _event_publish_now, lambda ctx: Event.objects.filter(
        pk=ctx.event.pk, title_de="Sofort geändert").exists(), "published"),
    Endpoint("event-delete-published", _event_delete_published,
             lambda ctx: not Event.objects.filter(pk=ctx.event.pk).exists(), "published"),
    Endpoint("event-restore-published-version", _event_restore, _event_public),
    Endpoint("event-restore-draft-version", _event_restore, lambda ctx: not _event_public(ctx), "published"),
    Endpoint("profile-form-status-published", _profile_form_post,
             lambda ctx: FamilyManager.objects.public().filter(pk=ctx.profile.pk).exists()),
    Endpoint("event-draft-publish", _event_draft_publish, lambda ctx: Event.objects.filter(
        pk=ctx.event.pk, title_de="Aus dem Entwurf").exists(), "published"),
    Endpoint("profile-draft-publish", _profile_draft_publish, lambda ctx: FamilyManager.objects.public().filter(
        pk=ctx.profile.pk, role="Aus dem Entwurf").exists(), profile_status="published"),
    Endpoint("page-versioning-publish", _page_publish,
             lambda ctx: Version.objects.get(pk=ctx.page_draft.pk).state == PUBLISHED),
    Endpoint("page-versioning-unpublish", _page_unpublish,
             lambda ctx: Version.objects.get(pk=ctx.page_published.pk).state != PUBLISHED),
]
# Who publishes alone: (role, review of Bochum on?) → expected.
WHO = [("bochum", True, False), ("bochum", False, True), ("iqz", True, True), ("gelsenkirchen", False, False)]


@pytest.mark.parametrize(("role", "review", "allowed"), WHO, ids=[f"{r}-review-{v}" for r, v, _a in WHO])
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.name for e in ENDPOINTS])
def test_publish_alone(endpoint, role, review, allowed):
    municipality = Municipality.objects.get(slug="bochum")
    municipality.review_required = review
    municipality.save()
    ctx = _make_ctx(event_status=endpoint.event_status, profile_status=endpoint.profile_status)
    endpoint.attempt(client_as(role), ctx)
    assert endpoint.done(ctx) is (allowed and not endpoint.nobody)


# Who may change Bochum's published event (review of Bochum on?): their plain save writes its draft.
DRAFTERS = [("bochum", True, True), ("bochum", False, True), ("iqz", True, True), ("admin", True, True),
            ("gelsenkirchen", False, False)]


@pytest.mark.parametrize(("role", "review", "drafts_it"), DRAFTERS, ids=[f"{r}-review-{v}" for r, v, _d in DRAFTERS])
def test_a_save_of_published_content_is_a_draft_for_every_role(role, review, drafts_it):
    municipality = Municipality.objects.get(slug="bochum")
    municipality.review_required = review
    municipality.save()
    ctx = _make_ctx(event_status="published", profile_status="published")
    client = client_as(role)
    _event_change_published(client, ctx)
    client.post(_profile_url(ctx), admin_form_data(_profile_url(ctx), role="Still geändert"))
    assert Event.objects.filter(draft_of=ctx.event, title_de="Still geändert").exists() is drafts_it
    assert FamilyManager.objects.filter(draft_of=ctx.profile, role="Still geändert").exists() is drafts_it
    assert Event.objects.get(pk=ctx.event.pk).title_de != "Still geändert"
    assert FamilyManager.objects.get(pk=ctx.profile.pk).role != "Still geändert"
    assert _event_public(ctx) and FamilyManager.objects.public().filter(pk=ctx.profile.pk).exists()


@pytest.mark.parametrize("role", ["bochum", "iqz", "admin"])
def test_nobody_makes_a_draft_row_itself_public(role):
    """A draft of a published object is published by merging it, never by its own status (bulk action,
    a crafted form POST): the public would see the shadow row beside the original."""
    ctx = _make_ctx(event_status="published")
    draft = _draft(ctx.event, title_de="Schattenzeile")
    client = client_as(role)
    client.post("/admin/events/event/", {"action": "publish", "_selected_action": [draft.pk]})
    url = reverse("admin:events_event_change", args=(draft.pk,))
    client.post(url, admin_form_data(url, status="published"))
    assert Event.objects.get(pk=draft.pk).status == Event.Status.DRAFT
    assert not Event.objects.published().filter(title_de="Schattenzeile").exists()


@pytest.mark.parametrize("with_time", [False, True], ids=["at-once", "with-publication-time"])
@pytest.mark.parametrize(("role", "allowed"), [("iqz", True), ("admin", True), ("bochum", False),
                                               ("gelsenkirchen", False)])
@pytest.mark.parametrize("kind", ["event", "page"])
def test_only_the_iqz_approves(kind, role, allowed, with_time):
    """Also a crafted POST with "Veröffentlichen am": a municipal editor neither publishes nor schedules."""
    Municipality.objects.filter(slug="gelsenkirchen").update(review_required=False)
    ctx = _make_ctx()
    obj = ctx.event if kind == "event" else ctx.page_draft.content
    services.submit_for_review(obj=obj, user=get_user_model().objects.get(username="bochum"), comment="Bitte")
    if kind == "event":
        url = reverse("admin:events_event_review", args=(ctx.event.pk, "freigeben"))
    else:
        url = reverse("admin:reviews_page_review", args=(obj.pk, "freigeben"))
    later = timezone.localtime() + timedelta(days=3)
    data = {"comment": ""}
    if with_time:
        data |= {"publish_at_0": later.strftime("%d.%m.%Y"), "publish_at_1": "10:00"}
    response = client_as(role).post(url, data)
    approved = Review.objects.get().state == Review.State.APPROVED
    assert approved is allowed
    if kind == "event":
        event = Event.objects.get(pk=ctx.event.pk)
        assert (event.status == "published") is allowed
        assert (event.publish_at is not None) is (allowed and with_time)
        assert _event_public(ctx) is (allowed and not with_time)
    else:
        # With a time the draft waits for it (the public version stays public until then: page_schedule).
        assert (Version.objects.get(pk=ctx.page_draft.pk).state == PUBLISHED) is (allowed and not with_time)
        assert TimedPublishingInterval.objects.filter(version=ctx.page_draft.pk).exists() is (allowed and with_time)
        assert ScheduledPagePublication.objects.filter(version=ctx.page_draft.pk).exists() is (allowed and with_time)
    if not allowed:
        assert response.status_code in (403, 404)


def _bochum_colleague(username: str, *, editor: bool = True):
    """Another member of Bochum's Kommunale Redaktion (`editor`: with the group's rights, else staff only)."""
    from django.contrib.auth.models import Group

    from familie_portal import roles
    from managers.models import MunicipalEditor

    user = get_user_model().objects.create_user(username, is_staff=True)
    if editor:
        user.groups.add(Group.objects.get(name=roles.MUNICIPAL_GROUP))
    MunicipalEditor.objects.create(user=user, municipality=Municipality.objects.get(slug="bochum"))
    return username


WITHDRAWERS = [("bochum", True), ("kollegin", True), ("iqz", True), ("admin", True), ("gelsenkirchen", False),
               ("ohne-rechte", False)]


@pytest.mark.parametrize(("role", "allowed"), WITHDRAWERS, ids=[role for role, _a in WITHDRAWERS])
def test_who_withdraws_a_submission(role, allowed):
    """The author, another editor of the same municipality who may change the event, and the IQZ take a
    submission back (link and POST); another city's editor or a colleague without editing rights cannot."""
    Municipality.objects.filter(slug="bochum").update(review_required=True)
    if role == "kollegin":
        _bochum_colleague("kollegin")
    elif role == "ohne-rechte":
        _bochum_colleague("ohne-rechte", editor=False)
    ctx = _make_ctx()
    services.submit_for_review(obj=ctx.event, user=get_user_model().objects.get(username="bochum"), comment="Bitte")
    client = client_as(role)
    withdraw = _event_url(ctx, "withdraw")
    change = client.get(_event_url(ctx))
    assert (change.status_code == 200 and withdraw in change.content.decode()) is allowed
    response = client.post(withdraw)
    assert (Review.objects.get().state == Review.State.WITHDRAWN) is allowed
    if not allowed:
        assert response.status_code in (403, 404)
