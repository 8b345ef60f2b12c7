#!/usr/bin/env python
"""
Data for the registration phase of `make bench` (scripts/bench.py runs it with the bench's environment, so the
tokens are signed with the server's SECRET_KEY):

    .venv/bin/python scripts/bench_registration.py setup --pool 4000 --tokens a.txt --tokens b.txt
    .venv/bin/python scripts/bench_registration.py counts
    .venv/bin/python scripts/bench_registration.py cleanup

`setup`: a published IQZ workshop a month ahead with portal registration and places for everyone (so every
confirmation takes a place under the date's row lock: one hot date, the rush when a popular workshop opens),
and `--pool` pending sign-ups per `--tokens` file, whose confirmation tokens go into that file, one a line.
Prints {"slug", "path"} as JSON. `counts`: the date's registrations by state. `cleanup`: the event and
everything of it, and the queued mail tasks (no worker runs in the bench). Idempotent.
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "familie_portal.settings.dev")

SLUG = "bench-anmeldung"


def setup(pool: int, token_files: list[str]) -> dict:
    from datetime import timedelta

    from django.utils import timezone

    from events.models import Event
    from managers.models import Organisation
    from registrations import tokens
    from registrations.models import EventDate, Registration, RegistrationSettings

    cleanup()
    organiser, _ = Organisation.objects.get_or_create(slug="iqz", defaults={"name": "IQZ"})
    start = (timezone.now() + timedelta(days=30)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = Event.objects.create(slug=SLUG, title_de="Lasttest: Werkstatt mit Anmeldung", start=start,
                                 end=start + timedelta(hours=4), organiser=organiser, status=Event.Status.PUBLISHED)
    RegistrationSettings.objects.create(event=event, enabled=True, places=10_000_000, waiting_list=True,
                                        ask_organisation=True)
    row = EventDate.objects.create(event=event, start=start)
    for number, name in enumerate(token_files):
        registrations = Registration.objects.bulk_create(
            Registration(event_date=row, name=f"Vorab {i}", email=f"vorab-{number}-{i}@example.org")
            for i in range(pool)
        )
        Path(name).write_text("".join(tokens.confirm_token(r) + "\n" for r in registrations))
    return {"slug": SLUG, "path": event.get_absolute_url()}


def counts() -> dict:
    from django.db.models import Count

    from registrations.models import EventDate, Registration

    row = EventDate.objects.get(event__slug=SLUG)
    states = dict(Registration.objects.filter(event_date=row).values_list("status").annotate(n=Count("pk")))
    return {"confirmed": row.confirmed, "states": states}


def cleanup() -> dict:
    from django_tasks_db.models import DBTaskResult

    from events.models import Event

    Event.objects.filter(slug=SLUG).delete()
    deleted, _ = DBTaskResult.objects.filter(status="READY").delete()
    return {"tasks_deleted": deleted}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["setup", "counts", "cleanup"])
    parser.add_argument("--pool", type=int, default=2000, help="pending sign-ups per tokens file")
    parser.add_argument("--tokens", action="append", default=[], help="file for confirmation tokens")
    args = parser.parse_args()
    import django

    django.setup()
    if args.command == "setup":
        print(json.dumps(setup(args.pool, args.tokens)))  # noqa: T201
    elif args.command == "counts":
        print(json.dumps(counts()))  # noqa: T201
    else:
        print(json.dumps(cleanup()))  # noqa: T201


if __name__ == "__main__":
    main()
