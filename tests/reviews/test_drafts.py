"""
Drafts of published content (familie_portal.drafts, reviews.admin_drafts), through the real admin URLs
with the demo users: `bochum` (review on) edits a published event or profile and the public sees nothing
of it until the IQZ approves; the IQZ's save of a report is a draft too, and "Sofort veröffentlichen"
publishes in one step; discarding; the lock while a submission waits; a draft approved for a later minute
replaces the original at that minute.
"""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from events.models import Event
from familie_portal import drafts
from managers.models import FamilyManager, Municipality, Organisation
from registrations.models import EventDate, Registration, RegistrationSettings
from reviews import services
from reviews.models import Review
from tests.authz.support import admin_form_data, client_as
from tests.events.factories import EventFactory, local
from tests.managers.factories import FamilyManagerFactory
from tests.workshops.factories import ContributionFactory, WorkshopFactory
from workshops.models import Contribution, Workshop

pytestmark = pytest.mark.django_db

OLD, NEW = "Kormoranbrücke", "Reiherwiese"
MOMENT = local(2028, 3, 6, 9, 0)  # a Monday, 9:00 in Berlin
NOW = MOMENT - timedelta(days=1)
EVENT_URLS = ["/veranstaltungen/", "/veranstaltungen/fest-kormoranbruecke/", "/veranstaltungen/2028/3/",
              "/veranstaltungen/rss/", f"/suche/?q={OLD}", f"/suche/?q={NEW}"]


def _change(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=(obj.pk,))


def _step(obj, step):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_review", args=(obj.pk, step))


def _draft_step(obj, step):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_draft", args=(obj.pk, step))


def _visitor_text(urls) -> str:
    visitor = Client()
    pages = []
    for url in urls:
        response = visitor.get(url)
        assert response.status_code == 200, url
        pages.append(response.content.decode())
    return "\n".join(pages)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def bochum_event(clock, bochum_org):
    event = EventFactory(organiser=bochum_org, title_de=f"Fest an der {OLD}", slug="fest-kormoranbruecke",
                         start=MOMENT + timedelta(hours=2))
    RegistrationSettings.objects.create(event=event, enabled=True, places=20)
    date = EventDate.objects.create(event=event, start=event.start)
    Registration.objects.create(event_date=date, name="Ria Reiher", email="ria@example.org", status="confirmed")
    return event


def _bochum_saves_a_draft(event, **changes):
    bochum = client_as("bochum")
    response = bochum.post(_change(event), admin_form_data(_change(event), **changes))
    draft = Event.objects.get(draft_of=event)
    assert response.status_code == 302 and response["Location"] == _change(draft)
    return bochum, draft


@pytest.mark.usefixtures("portal_caches")
def test_bochum_edits_a_published_event_and_the_public_sees_it_only_after_approval(bochum_event, users):
    before = _visitor_text(EVENT_URLS)
    assert OLD in before
    bochum, draft = _bochum_saves_a_draft(bochum_event, title_de=f"Fest an der {NEW}", lead_de=f"Neu: {NEW}")
    follow = bochum.get(_change(draft))
    assert "Ihre Änderungen sind als Entwurf gespeichert" in follow.content.decode()

    # The public sees the published version everywhere, the draft row nowhere.
    text = _visitor_text(EVENT_URLS)
    assert f"Fest an der {NEW}" not in text and f"Neu: {NEW}" not in text and f"Fest an der {OLD}" in text
    assert Client().get(f"/veranstaltungen/{draft.slug}/").status_code == 404
    bochum_event.refresh_from_db()
    assert bochum_event.title_de == f"Fest an der {OLD}" and bochum_event.status == Event.Status.PUBLISHED
    assert draft.slug != bochum_event.slug and draft.uid != bochum_event.uid and draft.status == Event.Status.DRAFT
    assert RegistrationSettings.objects.filter(event=draft, places=20).exists()  # the inline went along
    assert not EventDate.objects.filter(event=draft).exists()  # the registrations stay the original's

    # The draft's form: preview, compare, discard; no publishing alone. Its preview shows the new text.
    html = bochum.get(_change(draft)).content.decode()
    assert f"Entwurf zu: Fest an der {OLD}" in html
    assert draft.get_preview_url() in html and _draft_step(draft, "verwerfen") in html
    assert "Entwurf veröffentlichen" not in html and "Zur Prüfung einreichen" in html
    preview = bochum.get(draft.get_preview_url())
    assert NEW in preview.content.decode() and "preview-notice" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"]
    compare = bochum.get(reverse("admin:events_event_draft_compare", args=(draft.pk,))).content.decode()
    assert f"Fest an der {OLD}" in compare and f"Fest an der {NEW}" in compare
    # Opening the published event again leads to its draft.
    assert bochum.get(_change(bochum_event))["Location"] == _change(draft)
    # The changelist and the start page say what the row is.
    assert f"Entwurf zu: Fest an der {OLD}" in bochum.get("/admin/events/event/").content.decode()
    assert "(Entwurf zur veröffentlichten Fassung)" in bochum.get("/admin/").content.decode()

    # Submitted, approved by the IQZ: the public sees it at once, the draft is gone, nothing else changed.
    assert bochum.post(_step(draft, "einreichen"), {"comment": "Neuer Ort"}).status_code == 302
    reviews = client_as("iqz").get("/admin/reviews/review/").content.decode()
    assert reverse("admin:events_event_draft_compare", args=(draft.pk,)) in reviews
    assert client_as("iqz").post(_step(draft, "freigeben"), {"comment": ""}).status_code == 302
    text = _visitor_text(EVENT_URLS)
    assert f"Fest an der {NEW}" in text and f"Fest an der {OLD}" not in text
    event = Event.objects.get(pk=bochum_event.pk)
    assert event.title_de == f"Fest an der {NEW}" and event.slug == "fest-kormoranbruecke"
    assert event.uid == bochum_event.uid and event.status == Event.Status.PUBLISHED
    assert not Event.objects.filter(draft_of=event).exists() and not Event.objects.filter(pk=draft.pk).exists()
    assert Registration.objects.filter(event_date__event=event, email="ria@example.org").exists()
    assert RegistrationSettings.objects.filter(event=event).count() == 1
    assert Version.objects.get_for_object(event).first().revision.comment == "Entwurf übernommen"
    review = Review.objects.get()
    assert review.state == Review.State.APPROVED and review.object_id == event.pk  # the history stays


def test_a_merge_that_would_drop_a_date_with_registrations_is_refused(bochum_event, users):
    _bochum, draft = _bochum_saves_a_draft(bochum_event, start_0=["08.03.2028"], end_0=["08.03.2028"])
    assert client_as("bochum").post(_step(draft, "einreichen"), {"comment": "Verschoben"}).status_code == 302
    response = client_as("iqz").post(_step(draft, "freigeben"), {"comment": ""})
    assert response.status_code == 200 and "Anmeldungen" in response.content.decode()
    assert Event.objects.get(pk=bochum_event.pk).start == bochum_event.start
    assert Event.objects.filter(pk=draft.pk).exists() and Review.objects.get().state == Review.State.SUBMITTED


def test_the_iqz_saves_a_report_as_a_draft_and_publishes_it():
    report = WorkshopFactory(title_de=f"Werkstatt an der {OLD}", slug_de="werkstatt-kormoranbruecke")
    ContributionFactory(workshop=report, name="Dora Dohle")
    iqz = client_as("iqz")
    html = iqz.get(_change(report)).content.decode()
    assert 'name="_publish_now"' in html and "Sofort veröffentlichen" in html
    assert "„Sichern“ speichert Ihre Änderungen als Entwurf" in html
    # The normal save ("Sichern") of the IQZ writes a draft, as everyone's does.
    response = iqz.post(_change(report), admin_form_data(_change(report), title_de=f"Werkstatt an der {NEW}"))
    draft = Workshop.objects.get(draft_of=report)
    assert response["Location"] == _change(draft)
    assert "Ihre Änderungen sind als Entwurf gespeichert" in iqz.get(_change(draft)).content.decode()
    assert Workshop.objects.get(pk=report.pk).title_de == f"Werkstatt an der {OLD}"
    assert NEW not in Client().get(report.get_absolute_url()).content.decode()
    assert list(draft.contributions.values_list("name", flat=True)) == ["Dora Dohle"]
    # Opening the report again leads the IQZ to its draft too (a save there would overwrite the draft).
    assert iqz.get(_change(report))["Location"] == _change(draft)

    html = iqz.get(_change(draft)).content.decode()
    assert "Entwurf veröffentlichen" in html and 'name="_publish_now"' in html
    assert iqz.get(_draft_step(draft, "veroeffentlichen")).status_code == 200
    assert iqz.post(_draft_step(draft, "veroeffentlichen"))["Location"] == _change(report)
    report.refresh_from_db()
    assert report.title_de == f"Werkstatt an der {NEW}" and report.slug_de == "werkstatt-kormoranbruecke"
    assert NEW in Client().get(report.get_absolute_url()).content.decode()
    assert list(Contribution.objects.filter(workshop=report).values_list("name", flat=True)) == ["Dora Dohle"]
    assert not Workshop.objects.filter(draft_of=report).exists()
    assert Version.objects.get_for_object(report).first().revision.comment == "Entwurf übernommen"


def test_publish_now_on_a_published_report_saves_it_in_public_at_once():
    report = WorkshopFactory(title_de="Direkt")
    data = admin_form_data(_change(report), title_de="Direkt geändert", _publish_now="1")
    response = client_as("iqz").post(_change(report), data)
    assert response.status_code == 302 and response["Location"] == _change(report)
    assert Workshop.objects.get(pk=report.pk).title_de == "Direkt geändert"
    assert not Workshop.objects.filter(draft_of=report).exists()
    assert "Direkt geändert" in Client().get(report.get_absolute_url()).content.decode()


def test_a_new_publication_time_is_not_lost_in_a_draft():
    """A plain save drafts; a draft keeps no "veröffentlichen am": the form says so instead of dropping it."""
    report = WorkshopFactory(title_de="Mit Termin")
    later = {"publish_at_0": "01.06.2031", "publish_at_1": "10:00"}
    iqz = client_as("iqz")
    response = iqz.post(_change(report), admin_form_data(_change(report), title_de="Mit Termin geändert", **later))
    assert response.status_code == 200
    assert "übernimmt keinen neuen Termin" in response.content.decode()
    assert not Workshop.objects.filter(draft_of=report).exists()
    assert Workshop.objects.get(pk=report.pk).title_de == "Mit Termin"
    # Who may publish alone chooses "Sofort veröffentlichen": the time is kept on the object itself.
    data = admin_form_data(_change(report), title_de="Mit Termin geändert", _publish_now="1", **later)
    assert iqz.post(_change(report), data).status_code == 302
    report.refresh_from_db()
    assert report.title_de == "Mit Termin geändert" and report.publish_at.year == 2031


def test_publish_now_on_a_draft_saves_and_publishes_it_in_one_step():
    report = WorkshopFactory(title_de=f"Werkstatt an der {OLD}")
    iqz = client_as("iqz")
    iqz.post(_change(report), admin_form_data(_change(report), title_de="Erster Entwurf"))
    draft = Workshop.objects.get(draft_of=report)
    data = admin_form_data(_change(draft), title_de=f"Werkstatt an der {NEW}", _publish_now="1")
    response = iqz.post(_change(draft), data)
    assert response["Location"] == _change(report)
    assert "Ihre Änderungen sind veröffentlicht" in iqz.get(_change(report)).content.decode()
    assert not Workshop.objects.filter(pk=draft.pk).exists()
    assert f"Werkstatt an der {NEW}" in Client().get(report.get_absolute_url()).content.decode()


def test_who_needs_review_cannot_publish_now(bochum_event, users):
    bochum = client_as("bochum")
    assert 'name="_publish_now"' not in bochum.get(_change(bochum_event)).content.decode()
    data = admin_form_data(_change(bochum_event), title_de="Sofort?", _publish_now="1")
    draft_url = bochum.post(_change(bochum_event), data)["Location"]
    draft = Event.objects.get(draft_of=bochum_event)
    assert draft_url == _change(draft) and 'name="_publish_now"' not in bochum.get(draft_url).content.decode()
    bochum.post(_change(draft), admin_form_data(_change(draft), title_de="Sofort!", _publish_now="1"))
    assert Event.objects.get(pk=draft.pk).title_de == "Sofort!"  # saved as the draft, nothing more
    assert Event.objects.get(pk=bochum_event.pk).title_de == f"Fest an der {OLD}"
    assert "Sofort" not in Client().get("/veranstaltungen/fest-kormoranbruecke/").content.decode()


def test_bochum_edits_a_published_profile_through_a_draft(users):
    bochum_city, herne = Municipality.objects.get(slug="bochum"), Municipality.objects.get(slug="herne")
    profile = FamilyManagerFactory(name=f"Kim an der {OLD}", slug="kormoranbruecke-kim",
                                   municipalities=[bochum_city, herne])
    bochum = client_as("bochum")
    data = admin_form_data(_change(profile), name=f"Kim an der {NEW}", municipalities=[str(bochum_city.pk)])
    response = bochum.post(_change(profile), data)  # bochum's form offers Bochum alone
    draft = FamilyManager.objects.get(draft_of=profile)
    assert response["Location"] == _change(draft)
    assert set(draft.municipalities.all()) == {bochum_city, herne}  # also the city bochum cannot choose
    public = "/familienmanager/profil/kormoranbruecke-kim/"
    assert OLD in Client().get(public).content.decode()
    assert not FamilyManager.objects.public().filter(pk=draft.pk).exists()

    assert bochum.post(_step(draft, "einreichen"), {"comment": "Neuer Name"}).status_code == 302
    assert client_as("iqz").post(_step(draft, "freigeben"), {"comment": ""}).status_code == 302
    profile.refresh_from_db()
    assert profile.name == f"Kim an der {NEW}" and profile.slug == "kormoranbruecke-kim"
    assert set(profile.municipalities.all()) == {bochum_city, herne}
    assert NEW in Client().get(public).content.decode()
    assert not FamilyManager.objects.filter(pk=draft.pk).exists()


def test_discarding_a_draft_keeps_the_published_version(bochum_event):
    bochum, draft = _bochum_saves_a_draft(bochum_event, title_de="Verworfen")
    assert bochum.get(_draft_step(draft, "verwerfen")).status_code == 200
    assert bochum.post(_draft_step(draft, "verwerfen"))["Location"] == _change(bochum_event)
    assert not Event.objects.filter(pk=draft.pk).exists()
    assert Event.objects.get(pk=bochum_event.pk).title_de == f"Fest an der {OLD}"
    assert not Version.objects.get_deleted(Event).filter(object_id=str(draft.pk)).exists()  # nothing to recover


def test_bochum_cannot_publish_the_draft_alone(bochum_event, users):
    bochum, draft = _bochum_saves_a_draft(bochum_event, title_de="Allein veröffentlicht")
    assert bochum.get(_draft_step(draft, "veroeffentlichen")).status_code == 403
    assert bochum.post(_draft_step(draft, "veroeffentlichen")).status_code == 403
    bochum.post(_change(draft), admin_form_data(_change(draft), status="published"))
    bochum.post("/admin/events/event/", {"action": "publish", "_selected_action": [draft.pk]})
    assert bochum.post(_step(draft, "freigeben"), {"comment": ""}).status_code == 403
    assert Event.objects.get(pk=draft.pk).status == Event.Status.DRAFT
    assert Event.objects.get(pk=bochum_event.pk).title_de == f"Fest an der {OLD}"
    assert "Allein" not in Client().get("/veranstaltungen/fest-kormoranbruecke/").content.decode()


def test_the_iqz_bulk_publish_leaves_drafts_alone(bochum_event):
    _bochum, draft = _bochum_saves_a_draft(bochum_event, title_de="Nicht per Sammelaktion")
    client_as("iqz").post("/admin/events/event/", {"action": "publish", "_selected_action": [draft.pk]})
    assert Event.objects.get(pk=draft.pk).status == Event.Status.DRAFT
    assert not Event.objects.published().filter(title_de="Nicht per Sammelaktion").exists()


def test_forged_ids_answer_404(bochum_event, bochum_draft):
    bochum = client_as("bochum")
    for url in (_draft_step(bochum_draft, "veroeffentlichen"), _draft_step(bochum_event, "verwerfen"),
                reverse("admin:events_event_draft_compare", args=(bochum_event.pk,)),
                _draft_step(bochum_draft, "unbekannt"),
                reverse("admin:events_event_draft", args=(999999, "verwerfen")),
                reverse("admin:events_event_withdraw", args=(bochum_draft.pk,))):
        assert bochum.post(url).status_code == 404, url


def test_waiting_for_review_is_read_only_until_withdrawn(bochum_draft, users):
    bochum = client_as("bochum")
    assert bochum.post(_step(bochum_draft, "einreichen"), {"comment": "Bitte prüfen"}).status_code == 302
    html = bochum.get(_change(bochum_draft)).content.decode()
    assert "Liegt der IQZ-Redaktion zur Prüfung vor" in html and 'name="_save"' not in html
    withdraw = reverse("admin:events_event_withdraw", args=(bochum_draft.pk,))
    assert withdraw in html
    data = admin_form_data(_change(bochum_draft), title_de="Während der Prüfung")
    assert bochum.post(_change(bochum_draft), data).status_code == 403
    delete = reverse("admin:events_event_delete", args=(bochum_draft.pk,))
    assert bochum.post(delete, {"post": "yes"}).status_code == 403
    assert bochum.post(_step(bochum_draft, "einreichen"), {"comment": "Noch einmal"}).status_code == 403
    assert Review.objects.count() == 1 and Event.objects.get(pk=bochum_draft.pk).title_de == "Bochumer Elterncafé"
    assert client_as("gelsenkirchen").post(withdraw).status_code in (403, 404)

    # The IQZ can still edit it.
    iqz_data = admin_form_data(_change(bochum_draft), title_de="Von der IQZ korrigiert")
    assert client_as("iqz").post(_change(bochum_draft), iqz_data).status_code == 302

    assert bochum.get(withdraw).status_code == 200
    assert bochum.post(withdraw)["Location"] == _change(bochum_draft)
    assert Review.objects.get().state == Review.State.WITHDRAWN
    assert bochum.post(withdraw).status_code == 404  # nothing waits any more
    assert 'name="_save"' in bochum.get(_change(bochum_draft)).content.decode()
    assert bochum.post(_change(bochum_draft), data).status_code == 302
    assert Event.objects.get(pk=bochum_draft.pk).title_de == "Während der Prüfung"


def test_a_waiting_draft_of_a_published_event_is_locked_too(bochum_event, users):
    data = admin_form_data(_change(bochum_event), title_de="Heimlich")  # the form while it has no draft
    bochum, draft = _bochum_saves_a_draft(bochum_event, title_de="Erster Entwurf")
    bochum.post(_step(draft, "einreichen"), {"comment": "Bitte prüfen"})
    # A crafted save of the published event's form would update the waiting draft: refused.
    assert bochum.post(_change(bochum_event), data).status_code == 403
    assert Event.objects.get(pk=draft.pk).title_de == "Erster Entwurf"


@pytest.mark.usefixtures("portal_caches")
def test_a_draft_approved_for_9_replaces_the_original_at_9(users, bochum_org):
    urls = ["/veranstaltungen/", "/veranstaltungen/fest-kormoranbruecke/", "/veranstaltungen/rss/"]
    with time_machine.travel(MOMENT - timedelta(hours=1), tick=False):
        event = EventFactory(title_de=f"Fest an der {OLD}", slug="fest-kormoranbruecke",
                             start=MOMENT + timedelta(hours=2))
        draft = drafts.copy_to_draft(event)
        draft.title_de = f"Fest an der {NEW}"
        draft.save()
        assert drafts.publish_draft(draft, user=users["iqz"], at=MOMENT) == event
        assert Event.objects.get(pk=draft.pk).merge_at == MOMENT
        # Approved: who needs review changes it no further.
        Event.objects.filter(pk=event.pk).update(organiser=Organisation.objects.get(slug="stadt-bochum-test"))
        Event.objects.filter(pk=draft.pk).update(organiser=Organisation.objects.get(slug="stadt-bochum-test"))
        data = admin_form_data(_change(draft), title_de="Nach der Freigabe")
        assert client_as("bochum").post(_change(draft), data).status_code == 403
    for moment in (MOMENT - timedelta(minutes=1), MOMENT - timedelta(seconds=30)):
        with time_machine.travel(moment, tick=False):
            text = _visitor_text(urls)  # the second time from the caches
            assert OLD in text and NEW not in text
    with time_machine.travel(MOMENT, tick=False):
        text = _visitor_text(urls)
    assert NEW in text and f"Fest an der {OLD}" not in text
    assert not Event.objects.filter(pk=draft.pk).exists()
    assert Event.objects.get(pk=event.pk).title_de == f"Fest an der {NEW}"


def test_with_the_caches_off_the_first_request_after_the_moment_merges_it(users, bochum_org):
    """As in `make run` (no caches): the approved draft is public from its moment, not from the daily job."""
    with time_machine.travel(MOMENT - timedelta(hours=1), tick=False):
        event = EventFactory(title_de=f"Markt an der {OLD}", slug="markt-kormoranbruecke",
                             start=MOMENT + timedelta(hours=2))
        draft = drafts.copy_to_draft(event)
        draft.title_de = f"Markt an der {NEW}"
        draft.save()
        drafts.publish_draft(draft, user=users["iqz"], at=MOMENT)
    with time_machine.travel(MOMENT - timedelta(minutes=1), tick=False):
        assert OLD in Client().get("/veranstaltungen/markt-kormoranbruecke/").content.decode()
    with time_machine.travel(MOMENT, tick=False):
        html = Client().get("/veranstaltungen/markt-kormoranbruecke/").content.decode()
    assert f"Markt an der {NEW}" in html
    assert not Event.objects.filter(pk=draft.pk).exists()


def test_the_daily_job_merges_what_is_due(users):
    from familie_portal.tasks import SCHEDULED_JOBS, merge_approved_drafts

    assert merge_approved_drafts in SCHEDULED_JOBS["daily"]
    later = local(2040, 1, 2, 9, 0)
    event = EventFactory(title_de="Alt")
    draft = drafts.copy_to_draft(event)
    Event.objects.filter(pk=draft.pk).update(title_de="Neu")
    drafts.publish_draft(Event.objects.get(pk=draft.pk), user=users["iqz"], at=later)
    assert drafts.merge_due() == 0
    with time_machine.travel(later + timedelta(minutes=1)):
        assert merge_approved_drafts.call() == 1
    assert Event.objects.get(pk=event.pk).title_de == "Neu"


def test_a_profile_photo_shared_with_its_draft_stays_when_the_draft_goes(django_capture_on_commit_callbacks):
    from django.core.files.storage import default_storage

    from tests.managers.factories import png_upload

    profile = FamilyManagerFactory(name="Mit Foto", photo=png_upload(), photo_alt="Porträt")
    name = profile.photo.name
    with django_capture_on_commit_callbacks(execute=True):
        drafts.discard_draft(drafts.copy_to_draft(profile))
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        draft = drafts.copy_to_draft(profile)
        draft.photo = png_upload("neu.png", colour="#aa0000")
        draft.save()
    assert default_storage.exists(name)  # still the published profile's
    with django_capture_on_commit_callbacks(execute=True):
        drafts.merge(draft)
    profile.refresh_from_db()
    assert profile.photo.name != name and default_storage.exists(profile.photo.name)
    assert not default_storage.exists(name)  # the replaced photo went with the merge


def test_an_approved_draft_waiting_for_its_moment_is_not_submitted_again(users, bochum_event):
    """Review leftover: no "Zur Prüfung einreichen" on it, and a crafted POST is refused with the reason."""
    bochum, draft = _bochum_saves_a_draft(bochum_event, title_de="Freigegeben für später")
    assert bochum.post(_step(draft, "einreichen"), {"comment": "Bitte prüfen"}).status_code == 302
    approve = client_as("iqz").post(_step(draft, "freigeben"), {
        "comment": "", "publish_at_0": MOMENT.strftime("%d.%m.%Y"), "publish_at_1": "09:00"})
    assert approve.status_code == 302
    assert Event.objects.get(pk=draft.pk).merge_at == MOMENT
    html = bochum.get(_change(draft)).content.decode()
    assert _step(draft, "einreichen") not in html and "Zur Prüfung einreichen" not in html
    response = bochum.post(_step(draft, "einreichen"), {"comment": "Noch einmal"}, follow=True)
    assert "ist schon freigegeben und ersetzt die veröffentlichte Fassung zum geplanten Zeitpunkt" in (
        response.content.decode())
    assert list(Review.objects.values_list("state", flat=True)) == [Review.State.APPROVED]
    with pytest.raises(services.ReviewError):
        services.submit_for_review(obj=Event.objects.get(pk=draft.pk), user=users["bochum"], comment="Direkt")


def test_a_draft_of_a_public_event_starts_without_the_originals_publication_time(users, bochum_event):
    """Review leftover (checked, already so): the original's past "veröffentlichen am" is not the draft's, and
    merging the draft (at once or at an approved moment) leaves the public event public with its own."""
    published_at = NOW - timedelta(days=3)
    Event.objects.filter(pk=bochum_event.pk).update(publish_at=published_at)
    bochum_event.refresh_from_db()
    bochum, draft = _bochum_saves_a_draft(bochum_event, title_de="Neuer Titel")
    assert draft.publish_at is None
    form = bochum.get(_change(draft)).context["adminform"].form
    assert "publish_at" not in form.fields  # the draft's moment is set by the approval
    bochum.post(_step(draft, "einreichen"), {"comment": "Bitte prüfen"})
    client_as("iqz").post(_step(draft, "freigeben"), {
        "comment": "", "publish_at_0": MOMENT.strftime("%d.%m.%Y"), "publish_at_1": "09:00"})
    assert Event.objects.published().filter(pk=bochum_event.pk, title_de=bochum_event.title_de).exists()
    with time_machine.travel(MOMENT + timedelta(minutes=1), tick=False):
        assert drafts.merge_due() == 1
        event = Event.objects.get(pk=bochum_event.pk)
        assert (event.title_de, event.publish_at) == ("Neuer Titel", published_at)
        assert Event.objects.published().filter(pk=event.pk).exists()
