"""
Drafts of published content: an edit of a published event, workshop report or profile that the public
does not see until it is published (or approved by the IQZ-Redaktion).

A draft is a shadow row of the same model: `draft_of` points at the published original, its status is
"Entwurf" (so `published()`/`public()`, the search index, the sitemap, the feeds and the registrations
never see it), and there is at most one per original. Its slug is derived from the original's and never
collides; the original keeps its own.

- `save_draft(original, values)`: create or update the draft from an edited (unsaved) copy of the
  original, with its parts (`draft_children`: downloads, contributions, registration settings, …)
  and its many-to-many choices.
- `publish_draft(draft, user, at=None)`: merge the draft into the original in one transaction (the
  original keeps its pk, slug, status, publication date, calendar UID and what belongs to its life, such
  as the dates people registered for: receivers of `draft_merged` check those), record one revision
  "Entwurf übernommen" and delete the draft. With `at` in the future the draft is only marked
  (`merge_at`); `merge_due()` merges it at the first request after that moment
  (familie_portal.scheduling.catch_up) or in the daily job, and `next_change()` counts the moment.
- `discard_draft(draft)`: delete it; the original stays as it is.

Models opt in with `DraftMixin` and say which parts are copied (`draft_children`) and which of their
own fields stay the original's (`draft_keep`).
"""

import logging
import uuid

from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

# sender: the model; original: the original after its fields were copied (inside the transaction);
# draft: the draft. A receiver raises DraftError to refuse the merge (everything is rolled back).
draft_merged = Signal()

# Never copied in either direction: the row's identity, the draft bookkeeping and the life of a row.
# "veröffentlichen am" is the original's too: a draft is published by merging it.
ALWAYS_OWN = {"draft_of", "merge_at", "status", "created", "created_at", "updated", "updated_at", "published_at",
              "publish_at"}


class DraftError(Exception):
    """A draft that cannot be published (the message says why, in German)."""


class DraftMixin(models.Model):
    """Put on a content model with `status`/`Status.DRAFT`; add `one_draft_constraint(...)` to its Meta."""

    draft_of = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, editable=False, related_name="drafts",
        verbose_name=gettext_lazy("Entwurf zu"),
    )
    merge_at = models.DateTimeField(
        gettext_lazy("Entwurf übernehmen am"), null=True, blank=True, editable=False, db_index=True,
        help_text=gettext_lazy("Freigegeben: der Entwurf ersetzt die veröffentlichte Fassung zu dieser Zeit."),
    )

    # Reverse relations (related names) whose rows are part of the content: copied into the draft and
    # moved onto the original on publishing.
    draft_children: tuple[str, ...] = ()
    # Fields that belong to the original (slugs, the calendar UID): kept on publishing.
    draft_keep: tuple[str, ...] = ("slug",)

    class Meta:
        abstract = True

    @property
    def is_draft_copy(self) -> bool:
        return self.draft_of_id is not None


def one_draft_constraint(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["draft_of"], name=name)


def drafted_models() -> list[type[models.Model]]:
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, DraftMixin)]


def is_draft_copy(obj) -> bool:
    return isinstance(obj, DraftMixin) and obj.draft_of_id is not None


def draft_of(obj):
    """The draft of a published original, or None."""
    if not isinstance(obj, DraftMixin) or obj.pk is None:
        return None
    return type(obj)._default_manager.filter(draft_of=obj).first()


# --- copying -----------------------------------------------------------------------------------
def _copied_fields(model) -> list:
    own = ALWAYS_OWN | set(model.draft_keep)
    return [field for field in model._meta.concrete_fields if not field.primary_key and field.name not in own]


def _copy_fields(source, target) -> None:
    for field in _copied_fields(type(source)):
        value = getattr(source, field.attname)
        if isinstance(field, models.FileField) and getattr(value, "_committed", True):
            value = value.name or ""  # the stored file's name (a FieldFile belongs to one instance)
        setattr(target, field.attname, value)


def _free_value(model, field_name: str, base: str, max_length: int) -> str:
    stem = f"entwurf-{base}"[:max_length - 4].rstrip("-")
    value, number = stem, 1
    while model._default_manager.filter(**{field_name: value}).exists():
        number += 1
        value = f"{stem}-{number}"
    return value


def _derive_own_values(original, draft) -> None:
    """Values a draft needs of its own: free slugs, a fresh UUID."""
    model = type(original)
    for name in model.draft_keep:
        field = model._meta.get_field(name)
        value = getattr(original, field.attname)
        if isinstance(field, models.UUIDField):
            setattr(draft, field.attname, uuid.uuid4())
        elif isinstance(field, models.SlugField) and field.unique:
            setattr(draft, field.attname, _free_value(model, field.attname, value or str(original.pk),
                                                      field.max_length))
        else:
            setattr(draft, field.attname, value)


def _child_rows(source, name: str):
    relation = type(source)._meta.get_field(name)
    return relation.related_model._default_manager.filter(**{relation.field.name: source})


def copy_children(rows, *, fk_name: str, target) -> None:
    """New rows like `rows` (model instances, possibly edited and unsaved) belonging to `target`."""
    for row in rows:
        row.pk = None
        row.id = None
        row._state.adding = True
        setattr(row, fk_name, target)
        row.save()


def _m2m_values(source) -> dict[str, list]:
    return {field.name: list(getattr(source, field.name).all()) for field in type(source)._meta.many_to_many}


@transaction.atomic
def save_draft(*, original, values, m2m: dict[str, list] | None = None, children: dict | None = None):
    """
    Create or update the draft of `original` from `values` (an unsaved, edited instance of the original;
    `original` itself as it is stored). `m2m`: field name → chosen objects (default: the original's);
    `children`: related name → rows to keep (edited instances; default: copies of the original's rows).
    Returns the draft.
    """
    model = type(original)
    draft = model._default_manager.select_for_update().filter(draft_of=original).first()
    if draft is None:
        draft = model(draft_of=original)
        _derive_own_values(original, draft)
    _copy_fields(values, draft)
    draft.status = model.Status.DRAFT
    draft.save()
    for name, chosen in (m2m if m2m is not None else _m2m_values(original)).items():
        getattr(draft, name).set(chosen)
    for name in model.draft_children:
        relation = model._meta.get_field(name)
        rows = children[name] if children is not None and name in children else list(_child_rows(original, name))
        _child_rows(draft, name).delete()
        copy_children(rows, fk_name=relation.field.name, target=draft)
    return draft


def copy_to_draft(original):
    """A draft exactly like the published original (or its existing draft)."""
    existing = draft_of(original)
    return existing or save_draft(original=original, values=original)


# --- publishing --------------------------------------------------------------------------------
def publish_draft(draft, *, user, at=None) -> object:
    """Publish `draft` now (or mark it for `at`); returns the original, which then shows the draft's content."""
    if not is_draft_copy(draft):
        raise DraftError(_("Das ist kein Entwurf einer veröffentlichten Fassung."))
    if at is not None and at > timezone.now():
        draft.merge_at = at
        draft.save(update_fields=["merge_at", *(["updated"] if hasattr(draft, "updated") else [])])
        return draft.draft_of
    return merge(draft, user=user)


@transaction.atomic
def merge(draft, *, user=None, comment: str | None = None):
    import reversion
    from reversion.models import Version

    model = type(draft)
    draft = model._default_manager.select_for_update().get(pk=draft.pk)
    original = model._default_manager.select_for_update().get(pk=draft.draft_of_id)
    with reversion.create_revision():
        _copy_fields(draft, original)
        original.save()
        for name, chosen in _m2m_values(draft).items():
            getattr(original, name).set(chosen)
        for name in model.draft_children:
            relation = model._meta.get_field(name)
            _child_rows(original, name).delete()
            _child_rows(draft, name).update(**{relation.field.name: original})
        draft_merged.send(sender=model, original=original, draft=draft)
        reversion.add_to_revision(original)
        reversion.set_user(user)
        reversion.set_comment(comment or _("Entwurf übernommen"))
    _hand_reviews_over(draft, original)
    Version.objects.get_for_object(draft).delete()  # the draft's own history goes with it
    draft.delete()
    return original


@transaction.atomic
def discard_draft(draft) -> object:
    from reversion.models import Version

    original = draft.draft_of
    _hand_reviews_over(draft, original, withdraw_open=True)
    Version.objects.get_for_object(draft).delete()
    draft.delete()
    return original


def _hand_reviews_over(draft, original, *, withdraw_open: bool = False) -> None:
    """The reviews of a draft become the original's history (the draft row goes)."""
    from django.apps import apps

    if not apps.is_installed("reviews"):
        return
    from reviews.models import Review

    reviews = Review.objects.for_object(draft)
    if withdraw_open:
        reviews.waiting().update(state=Review.State.WITHDRAWN, decided_at=timezone.now())
    reviews.update(object_id=original.pk)


def merge_due(now=None) -> int:
    """Merge every draft approved for a moment that has come (catch_up(), the daily job)."""
    now = now or timezone.now()
    merged = 0
    for model in drafted_models():
        for pk in list(model._default_manager.filter(draft_of__isnull=False, merge_at__lte=now)
                       .values_list("pk", flat=True)):
            try:
                with transaction.atomic():
                    draft = model._default_manager.select_for_update(skip_locked=True).filter(
                        pk=pk, merge_at__lte=now).first()
                    if draft is None:  # taken by a parallel request
                        continue
                    merge(draft, comment=_("Entwurf übernommen (geplant)"))
                    merged += 1
            except DraftError as error:
                logger.warning("Scheduled draft not merged: %s", error, extra={"model": model._meta.label})
                model._default_manager.filter(pk=pk).update(merge_at=None)
    return merged


def start_page_title(obj, title: str) -> str:
    """How the editor's start page names a row: a draft of a published object says so."""
    return _("%(title)s (Entwurf zur veröffentlichten Fassung)") % {"title": title} if is_draft_copy(obj) else title
