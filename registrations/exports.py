"""Participant lists of one date as CSV and XLSX (the organiser's download in the admin)."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from registrations.selectors import participants

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _headers() -> list[str]:
    return [_("Status"), _("Name"), _("E-Mail"), _("Organisation oder Kommune"), _("Telefon"),
            _("Barrierefreiheit und Kinderbetreuung"), _("Verpflegung"), _("Anmerkungen"), _("angemeldet"),
            _("bestätigt am")]


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT") if moment else ""


def _safe(value: str) -> str:
    """No formulas: a spreadsheet would run "=HYPERLINK(…)" typed into a sign-up form (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def rows(event_date) -> list[list[str]]:
    result = []
    for registration in participants(event_date):
        needs = ", ".join([*registration.accessibility_labels, registration.accessibility_other] if
                          registration.accessibility_other else registration.accessibility_labels)
        result.append([_safe(str(value)) for value in (
            registration.get_status_display(), registration.name, registration.email, registration.organisation,
            registration.phone, needs, registration.dietary, registration.message, _when(registration.created),
            _when(registration.confirmed_at),
        )])
    return result


def _filename(event_date, extension: str) -> str:
    return f"teilnehmende-{event_date.event.slug}-{timezone.localtime(event_date.start):%Y-%m-%d}.{extension}"


def csv_response(event_date) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")  # what German spreadsheet programs open directly
    writer.writerow(_headers())
    writer.writerows(rows(event_date))
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(event_date, "csv")}"'
    return response


def xlsx_response(event_date) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Teilnehmende")[:31]
    sheet.append(_headers())
    for row in rows(event_date):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(event_date, "xlsx")}"'
    return response
