"""The rules of reviews.services: who may publish alone, the three steps, their mails, the selectors."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from events.models import Event
from reviews import selectors, services
from reviews.models import Review
from tests.reviews.conftest import set_review

pytestmark = pytest.mark.django_db


def test_municipalities_need_review_by_default(users):
    assert not services.may_publish_alone(users["bochum"])
    assert services.may_publish_alone(users["iqz"]) and services.may_publish_alone(users["admin"])
    set_review("bochum", False)
    assert services.may_publish_alone(get_user_model().objects.get(username="bochum"))
    assert not services.may_publish_alone(users["gelsenkirchen"])


def test_only_the_iqz_reviews(users):
    set_review("bochum", False)
    assert services.may_review(users["iqz"]) and services.may_review(users["admin"])
    assert not services.may_review(users["bochum"]) and not services.may_review(users["gelsenkirchen"])


def test_submit_approve_mails_both_sides(users, bochum_draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        review = services.submit_for_review(obj=bochum_draft, user=users["bochum"], comment="Bitte prüfen",
                                            base_url="https://portal.test")
    assert [message.to for message in mail.outbox] == [["iqz@example.org"]]
    assert "Bochumer Elterncafé" in mail.outbox[0].subject and "Bitte prüfen" in mail.outbox[0].body
    assert f"https://portal.test/admin/events/event/{bochum_draft.pk}/change/" in mail.outbox[0].body
    assert list(selectors.waiting_for_review(users["iqz"])) == [review]
    assert list(selectors.waiting_for_review(users["bochum"])) == [review]
    assert list(selectors.waiting_for_review(users["gelsenkirchen"])) == []

    with django_capture_on_commit_callbacks(execute=True):
        services.approve(review=review, user=users["iqz"], comment="Schön")
    bochum_draft.refresh_from_db()
    assert bochum_draft.status == Event.Status.PUBLISHED
    assert Event.objects.published().filter(pk=bochum_draft.pk).exists()
    assert mail.outbox[-1].to == ["bochum@example.org"] and "Freigegeben" in mail.outbox[-1].subject
    assert Review.objects.get(pk=review.pk).state == Review.State.APPROVED


def test_return_with_comment_reaches_the_author(users, bochum_draft, django_capture_on_commit_callbacks):
    review = services.submit_for_review(obj=bochum_draft, user=users["bochum"], comment="Bitte prüfen")
    with pytest.raises(services.ReviewError):
        services.return_to_author(review=review, user=users["iqz"], comment="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.return_to_author(review=review, user=users["iqz"], comment="Uhrzeit fehlt")
    bochum_draft.refresh_from_db()
    assert bochum_draft.status == Event.Status.DRAFT
    assert mail.outbox[-1].to == ["bochum@example.org"] and "Uhrzeit fehlt" in mail.outbox[-1].body
    assert [r.pk for r in selectors.returned_to(users["bochum"])] == [review.pk]
    # Submitted again: no longer "returned", waiting again.
    again = services.submit_for_review(obj=bochum_draft, user=users["bochum"], comment="Uhrzeit ergänzt")
    assert list(selectors.returned_to(users["bochum"])) == []
    assert list(selectors.waiting_for_review(users["bochum"])) == [again]


def test_a_municipal_editor_cannot_decide(users, bochum_draft):
    set_review("bochum", False)
    review = services.submit_for_review(obj=bochum_draft, user=users["gelsenkirchen"], comment="x")
    for step in (services.approve, services.return_to_author):
        with pytest.raises(services.ReviewError):
            step(review=review, user=users["bochum"], comment="selbst freigegeben")
    bochum_draft.refresh_from_db()
    assert bochum_draft.status == Event.Status.DRAFT


def test_no_second_open_submission_and_no_comment_no_submission(users, bochum_draft, bochum_published):
    with pytest.raises(services.ReviewError):
        services.submit_for_review(obj=bochum_draft, user=users["bochum"], comment="")
    services.submit_for_review(obj=bochum_draft, user=users["bochum"], comment="eins")
    with pytest.raises(services.ReviewError):
        services.submit_for_review(obj=bochum_draft, user=users["bochum"], comment="zwei")
    with pytest.raises(services.ReviewError):
        services.submit_for_review(obj=bochum_published, user=users["bochum"], comment="schon öffentlich")
