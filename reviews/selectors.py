"""Reads for an editor's start page: what waits for review, what came back.

For the IQZ-Redaktion "waiting" is everything submitted (oldest first: whoever waits longest comes
first); for anybody else it is what they submitted themselves."""

from django.db.models import Exists, OuterRef

from reviews.models import Review
from reviews.services import may_review


def waiting_for_review(user):
    reviews = Review.objects.waiting().select_related("author", "content_type")
    if may_review(user):
        return reviews.order_by("submitted_at", "pk")
    return reviews.filter(author=user)


def returned_to(user):
    """Returned submissions of `user` not submitted again since (newest first)."""
    newer = Review.objects.filter(content_type=OuterRef("content_type"), object_id=OuterRef("object_id"),
                                  submitted_at__gt=OuterRef("submitted_at"))
    return (Review.objects.returned().filter(author=user).exclude(Exists(newer))
            .select_related("reviewer", "content_type").order_by("-decided_at", "-pk"))


def approved_for_later(user, now):
    """Submissions of `user` approved for a publication still to come (the soonest first)."""
    return (Review.objects.approved_for_later(now).filter(author=user)
            .select_related("content_type").order_by("publish_at", "pk"))
