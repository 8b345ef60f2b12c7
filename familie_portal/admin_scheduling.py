"""The admin's side of scheduled publishing (familie_portal.scheduling): a list column and a filter."""

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

SCHEDULE_FIELDS = ("publish_at", "withdraw_at")


def _local(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


@admin.display(description=_("Zeitplan"), ordering="publish_at")
def schedule_display(obj) -> str:
    """ "geplant ab 24.12.2026 09:00", "bis …" or "–", in local time like every admin date."""
    now = timezone.now()
    parts = []
    if obj.publish_at and obj.publish_at > now:
        parts.append(gettext("geplant ab %(moment)s") % {"moment": _local(obj.publish_at)})
    if obj.withdraw_at:
        if obj.withdraw_at <= now:
            parts.append(gettext("zurückgezogen seit %(moment)s") % {"moment": _local(obj.withdraw_at)})
        else:
            parts.append(gettext("bis %(moment)s") % {"moment": _local(obj.withdraw_at)})
    return ", ".join(parts) or "–"


class ScheduleFilter(admin.SimpleListFilter):
    title = _("Zeitplan")
    parameter_name = "zeitplan"

    def lookups(self, request, model_admin):
        return [
            ("geplant", _("geplant (erscheint später)")),
            ("endet", _("wird zurückgezogen")),
            ("abgelaufen", _("zurückgezogen (abgelaufen)")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "geplant":
            return queryset.filter(publish_at__gt=now)
        if self.value() == "endet":
            return queryset.filter(withdraw_at__gt=now)
        if self.value() == "abgelaufen":
            return queryset.filter(Q(withdraw_at__lte=now))
        return queryset
