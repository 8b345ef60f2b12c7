"""Reads about places and who may edit them."""

from managers.models import Municipality


def municipality_for_user(user) -> Municipality | None:
    """The municipality a Kommunale Redaktion member edits for, or None (IQZ, superusers, others)."""
    if not user.is_authenticated:
        return None
    editor = getattr(user, "municipal_editor", None)
    return editor.municipality if editor else None
