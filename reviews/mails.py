"""The mails of review: to the IQZ-Redaktion on submission, to the author on a decision (German: the
editors' working language). Sent through the portal's mail task, after the transaction commits."""

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from familie_portal import roles
from familie_portal.tasks import send_mail_later


def object_url(obj) -> str:
    """Where an editor opens the object: the admin form, for a page its draft in the editor."""
    from cms.models import PageContent
    from cms.toolbar.utils import get_object_edit_url

    if isinstance(obj, PageContent):
        return get_object_edit_url(obj)
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=(obj.pk,))


def _send(name: str, review, obj, base_url: str, recipients: list[str]) -> None:
    if not recipients:
        return
    with translation.override("de"):
        context = {
            "review": review,
            "object_url": base_url + object_url(obj) if obj is not None else "",
            "reviews_url": base_url + reverse("admin:reviews_review_changelist"),
        }
        subject = " ".join(render_to_string(f"reviews/mail/{name}_subject.txt", context).split())
        body = render_to_string(f"reviews/mail/{name}.txt", context)
    send_mail_later(subject, body, recipients)


def send_submitted(review, obj, base_url: str) -> None:
    recipients = (get_user_model().objects.filter(groups__name=roles.IQZ_GROUP, is_active=True)
                  .exclude(email="").values_list("email", flat=True))
    _send("submitted", review, obj, base_url, sorted(set(recipients)))


def send_decided(review, obj, base_url: str) -> None:
    author = review.author
    recipients = [author.email] if author is not None and author.email else []
    _send(review.state, review, obj, base_url, recipients)
