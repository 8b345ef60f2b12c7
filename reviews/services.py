"""
The rules of review before publishing, for every kind of content (pages, events, workshop reports,
Familienmanager profiles):

    Entwurf → "Zur Prüfung eingereicht" (comment) → freigegeben (published) | "Zurückgegeben" (comment)

- `may_publish_alone(user, obj)`: THE rule who may make something public (or change or withdraw
  something public) without a second pair of eyes: superusers and the IQZ-Redaktion always; a member
  of the Kommunale Redaktion only when their municipality does not need review
  (`Municipality.review_required`, default on); nobody else.
- `submit_for_review`, `approve`, `return_to_author`: the three steps; each mails the other side
  (IQZ on submission, the author on a decision) through familie_portal.tasks.send_mail_later.
  What is submitted may be the draft of a published object (familie_portal.drafts): approving merges it.
- `withdraw`: a submission is taken back before a decision ("Zurückgezogen") by its author, by whoever
  else may change the object (an editor of the same municipality) or by the IQZ-Redaktion
  (`may_withdraw`); while it waits, nobody but the IQZ-Redaktion changes the object (`locked_for`).
- A draft of a published object that the IQZ approved for a later moment (`approved_for_later`) waits
  for that moment: it is not submitted again.
- Pages: djangocms-versioning asks django CMS's page permission whether a user may publish
  (`PagePermission.can_publish`); `sync_page_publish_rights` keeps it equal to the rule above.
"""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from familie_portal import drafts, roles
from managers.selectors import municipality_for_user
from reviews import kinds, mails
from reviews.models import Review


class ReviewError(Exception):
    """A step that cannot be taken (the message says why, in German)."""


APPROVED_FOR_LATER = gettext_lazy("Dieser Entwurf ist schon freigegeben und ersetzt die veröffentlichte Fassung "
                                  "zum geplanten Zeitpunkt; er wird nicht noch einmal eingereicht.")


def may_review(user) -> bool:
    """Approve or return submissions: the IQZ-Redaktion (and superusers), never a municipal editor."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return municipality_for_user(user) is None and user.groups.filter(name=roles.IQZ_GROUP).exists()


def may_publish_alone(user, obj=None) -> bool:
    """May `user` make `obj` public, or change or withdraw it while public, without a review?

    `obj` is accepted so that call sites state what they ask about; today the answer depends on
    the user's role and municipality only (a municipal editor edits nothing but their own city's)."""
    if may_review(user):
        return True
    municipality = municipality_for_user(user)
    return municipality is not None and not municipality.review_required


def approved_for_later(obj) -> bool:
    """A draft of a published object approved for a later moment (familie_portal.drafts: `merge_at`)."""
    return drafts.is_draft_copy(obj) and obj.merge_at is not None


def open_review(obj) -> Review | None:
    return Review.objects.for_object(obj).waiting().select_related("author").first()


def last_review(obj) -> Review | None:
    return Review.objects.for_object(obj).select_related("author", "reviewer").first()


@transaction.atomic
def submit_for_review(*, obj, user, comment: str, base_url: str = "") -> Review:
    comment = comment.strip()
    if not comment:
        raise ReviewError(_("Bitte schreiben Sie der IQZ-Redaktion einen Kommentar."))
    if kinds.is_public(obj):
        raise ReviewError(_("Dieser Inhalt ist schon veröffentlicht."))
    if approved_for_later(obj):
        raise ReviewError(str(APPROVED_FOR_LATER))
    if open_review(obj) is not None:
        raise ReviewError(_("Dieser Inhalt liegt der IQZ-Redaktion schon zur Prüfung vor."))
    review = Review.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=obj.pk,
        title=kinds.title(obj)[:300], author=user, comment=comment,
    )
    mails.send_submitted(review, obj, base_url)
    return review


def locked_for(user, obj) -> Review | None:
    """The open submission that keeps `user` from changing `obj` (only the IQZ edits while it waits)."""
    if obj is None or obj.pk is None or may_review(user):
        return None
    return open_review(obj)


def may_withdraw(user, review: Review, *, may_change: bool = False) -> bool:
    """Who submitted, the IQZ-Redaktion, and whoever else may change the object but for the lock
    (`may_change`: the admin's answer for an editor of the same municipality); nobody else."""
    if not user.is_authenticated or not user.is_active:
        return False
    return review.author_id == user.pk or may_review(user) or may_change


@transaction.atomic
def withdraw(*, review: Review, user, may_change: bool = False) -> Review:
    """Take the submission back (may_withdraw()); the object can be changed again."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.state != Review.State.SUBMITTED:
        raise ReviewError(_("Über diese Einreichung ist schon entschieden."))
    if not may_withdraw(user, review, may_change=may_change):
        raise ReviewError(_("Zurückziehen kann, wer eingereicht hat, wer den Inhalt bearbeiten darf, "
                            "oder die IQZ-Redaktion."))
    review.state, review.decided_at = Review.State.WITHDRAWN, timezone.now()
    review.save(update_fields=["state", "decided_at"])
    return review


def _decide(review: Review, user, state: str, comment: str) -> Review:
    if not may_review(user):
        raise ReviewError(_("Nur die IQZ-Redaktion prüft eingereichte Inhalte."))
    if review.state != Review.State.SUBMITTED:
        raise ReviewError(_("Über diese Einreichung ist schon entschieden."))
    if review.author_id == user.pk:
        raise ReviewError(_("Eigene Einreichungen prüft eine andere Person der IQZ-Redaktion."))
    review.state, review.reviewer, review.decision_comment = state, user, comment.strip()
    review.decided_at = timezone.now()
    review.save(update_fields=["state", "reviewer", "decision_comment", "decided_at"])
    return review


@transaction.atomic
def approve(*, review: Review, user, comment: str = "", publish_at: datetime | None = None,
            base_url: str = "") -> Review:
    """Publish what was submitted (its current state), at once or from `publish_at` on (a moment not
    in the future: at once), and tell the author."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    obj = review.target
    if obj is None:
        raise ReviewError(_("Der eingereichte Inhalt existiert nicht mehr."))
    _decide(review, user, Review.State.APPROVED, comment)
    if publish_at is not None and publish_at > review.decided_at:
        review.publish_at = publish_at
        review.save(update_fields=["publish_at"])
    obj = kinds.publish(obj, user, at=review.publish_at) or obj  # a draft of a published object: its original
    mails.send_decided(review, obj, base_url)
    return review


@transaction.atomic
def return_to_author(*, review: Review, user, comment: str, base_url: str = "") -> Review:
    if not comment.strip():
        raise ReviewError(_("Bitte schreiben Sie, was noch zu ändern ist."))
    review = Review.objects.select_for_update().get(pk=review.pk)
    _decide(review, user, Review.State.RETURNED, comment)
    mails.send_decided(review, review.target, base_url)
    return review


def sync_page_publish_rights(municipality=None) -> int:
    """Give the municipal editors' page permissions `can_publish` exactly when they may publish alone.

    Saved one by one (a handful of rows) so that django CMS's permission cache is cleared by its signals."""
    from cms.models import PagePermission

    permissions = PagePermission.objects.filter(user__municipal_editor__isnull=False).select_related(
        "user__municipal_editor__municipality")
    if municipality is not None:
        permissions = permissions.filter(user__municipal_editor__municipality=municipality)
    changed = 0
    for permission in permissions:
        can_publish = not permission.user.municipal_editor.municipality.review_required
        if permission.can_publish != can_publish:
            permission.can_publish = can_publish
            permission.save()
            changed += 1
    return changed
