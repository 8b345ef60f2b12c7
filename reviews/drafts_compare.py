"""What a draft changes against its published original (the admin's "Vergleich mit der veröffentlichten
Fassung"): one row per field, related choice or part whose value differs, as plain text."""

from django.db import models
from django.utils.html import strip_tags

from familie_portal.drafts import ALWAYS_OWN


def _text(obj, field) -> str:
    if field.choices:
        return str(dict(field.flatchoices).get(getattr(obj, field.attname), getattr(obj, field.attname)) or "")
    if field.is_relation:
        related = getattr(obj, field.name)
        return str(related) if related is not None else ""
    value = getattr(obj, field.attname)
    if isinstance(field, models.FileField):
        return value.name or ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return strip_tags(str(value)) if value not in (None, "") else ""


def _part(row, parent_field) -> tuple:
    """A part's values without its id and its parent (the draft's parts are copies)."""
    return tuple(getattr(row, field.attname) for field in type(row)._meta.concrete_fields
                 if not field.primary_key and field != parent_field)


def differences(original, draft) -> list[dict]:
    model = type(original)
    own = ALWAYS_OWN | set(model.draft_keep)
    rows = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in own or not field.editable:
            continue
        old, new = _text(original, field), _text(draft, field)
        if old != new:
            rows.append({"label": field.verbose_name, "old": old, "new": new})
    for field in model._meta.many_to_many:
        old = sorted(str(obj) for obj in getattr(original, field.name).all())
        new = sorted(str(obj) for obj in getattr(draft, field.name).all())
        if old != new:
            rows.append({"label": field.verbose_name, "old": ", ".join(old), "new": ", ".join(new)})
    for name in model.draft_children:
        relation = model._meta.get_field(name)
        manager = relation.related_model._default_manager
        old_rows = list(manager.filter(**{relation.field.name: original}))
        new_rows = list(manager.filter(**{relation.field.name: draft}))
        if [_part(row, relation.field) for row in old_rows] != [_part(row, relation.field) for row in new_rows]:
            rows.append({"label": relation.related_model._meta.verbose_name_plural,
                         "old": "; ".join(map(str, old_rows)), "new": "; ".join(map(str, new_rows))})
    return rows
