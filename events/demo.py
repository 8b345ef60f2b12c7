"""
Demo events, read from `events/demo.yaml`: the IQZ's year 2008 from the original page (the Bochum
workshop in April, several dates in May so the sidebar calendar of May 2008 has linked days, a
monthly "Sprechstunde" with a summer break), and dates relative to the day of loading so "alle
Termine" is never empty. Idempotent: events are matched by slug; relative dates move with each run.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from events.calendar import local_tz
from events.models import Category, Event, TargetGroup
from familie_portal.demo import demo_data
from familie_portal.translation import LANGUAGES
from managers.models import Municipality, Organisation
from workshops.models import Workshop

_WHEN = ("day", "from", "to", "days", "targets", "exdates")


def _day(value, today: date) -> date:
    """A date, {in_days: N} (today + N days) or {next_weekday: W} (the next weekday W after today)."""
    if isinstance(value, date):
        return value
    if "next_weekday" in value:
        return today + timedelta(days=(value["next_weekday"] - today.weekday()) % 7 or 7)
    return today + timedelta(days=value["in_days"])


def _fields(spec: dict, today: date) -> dict:
    """The Event fields of one entry of the data: its dates made absolute, local times attached."""
    fields = {key: value for key, value in spec.items() if key not in (*_WHEN, "slug")}
    first = _day(spec["day"], today)
    last = first + timedelta(days=spec.get("days", 1) - 1)
    if "from" in spec:
        fields["start"] = datetime.combine(first, time.fromisoformat(spec["from"]), tzinfo=local_tz())
        fields["end"] = datetime.combine(last, time.fromisoformat(spec["to"]), tzinfo=local_tz())
    else:
        fields.update(all_day=True, start=datetime.combine(first, time(0), tzinfo=local_tz()),
                      end=datetime.combine(last, time(0), tzinfo=local_tz()))
    if "registration_deadline" in spec:
        fields["registration_deadline"] = _day(spec["registration_deadline"], today)
    exdates = [first + timedelta(weeks=d["weeks_after_start"]) if isinstance(d, dict) else d
               for d in spec.get("exdates", [])]
    if exdates:
        fields["exdates"] = ",".join(d.isoformat() for d in exdates)
    return fields


@transaction.atomic
def load(*, stdout=None) -> None:
    data = demo_data(__file__)
    categories, targets = {}, {}
    for vocabulary, model, rows in ((categories, Category, data["categories"]),
                                    (targets, TargetGroup, data["target_groups"])):
        for position, row in enumerate(rows):
            vocabulary[row["slug"]] = model.objects.update_or_create(
                slug=row["slug"], defaults={**{f"name_{code}": row.get(code, "") for code in LANGUAGES},
                                            "position": position}
            )[0]
    organisations = Organisation.objects.in_bulk(field_name="slug")
    municipalities = Municipality.objects.in_bulk({e.get("municipality") for e in data["events"]} - {None},
                                                  field_name="slug")
    # A past workshop has its report: the Bochum workshop links to the Werkstattreihe's report.
    reports = Workshop.objects.in_bulk([e["slug"] for e in data["events"]], field_name="slug_de")
    today = timezone.localdate()
    for spec in data["events"]:
        fields = _fields(spec, today)
        fields.update(
            organiser=organisations[spec["organiser"]],
            category=categories[spec["category"]],
            municipality=municipalities.get(spec.get("municipality")),
            status=spec.get("status", Event.Status.PUBLISHED),
            report=reports.get(spec["slug"]),
        )
        event, _created = Event.objects.update_or_create(slug=spec["slug"], defaults=fields)
        event.target_groups.set([targets[slug] for slug in spec["targets"]])
    if stdout:
        stdout.write(f"Veranstaltungen: {len(data['events'])} Demo-Termine geladen.")
