"""Refusals that tell the editor why (the admin's styled 403 page shows their message)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


class RefusedWithReason(PermissionDenied):
    """A 403 whose message (German, for the editor) the admin's error page shows instead of the general one."""


class OtherMunicipality(RefusedWithReason):
    def __init__(self, what=None):
        super().__init__(what or _("Dieser Eintrag gehört nicht zu Ihrer Kommune. Sie können nur die Einträge "
                                   "Ihrer eigenen Kommune bearbeiten."))
