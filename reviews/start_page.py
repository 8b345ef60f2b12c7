"""What the editor's start page shows of reviews (see familie_portal.editorial): what waits for the IQZ
(for the IQZ everything waiting, for anybody else what they submitted), what came back to them, and what
of theirs the IQZ approved for a later publication."""

from django.utils.translation import gettext as _

from familie_portal.editorial import Entries, Item, entries, local_time, waiting_since
from reviews import mails
from reviews.selectors import approved_for_later, returned_to, waiting_for_review
from reviews.services import may_review


def _item(review, detail: str) -> Item:
    target = review.target
    return Item(review.title, mails.object_url(target) if target is not None else "", detail)


def items(user, now) -> dict[str, Entries]:
    if not user.is_staff:
        return {}
    if may_review(user):  # everything waiting, oldest first, with who handed it in and how long it waits
        return {"in_review": entries(waiting_for_review(user).prefetch_related("target"), lambda review: _item(
            review, _("%(waiting)s · eingereicht %(when)s von %(author)s: %(comment)s") % {
                "waiting": waiting_since(review.submitted_at, now=now), "when": local_time(review.submitted_at),
                "author": review.author.get_full_name() or review.author.get_username() if review.author else "–",
                "comment": review.comment}))}
    return {
        "in_review": entries(waiting_for_review(user).prefetch_related("target"), lambda review: _item(
            review, _("eingereicht %(when)s: %(comment)s") % {
                "when": local_time(review.submitted_at), "comment": review.comment})),
        "returned": entries(returned_to(user).prefetch_related("target"), lambda review: _item(
            review, _("zurückgegeben %(when)s: %(comment)s") % {
                "when": local_time(review.decided_at), "comment": review.decision_comment})),
        "approved": entries(approved_for_later(user, now).prefetch_related("target"), lambda review: _item(
            review, _("freigegeben, %(note)s") % {"note": review.publication_note})),
    }
