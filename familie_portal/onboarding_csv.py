"""
Onboarding many municipalities from one CSV file (`manage.py add_municipality --csv FILE`).

The file has a header with the columns slug, username, email and one row per editor; a municipality with
several editors has several rows, a row without a username onboards the municipality without an editor.
UTF-8 with or without BOM, `;` (German Excel) or `,` as delimiter. The whole file is checked first
(`read_plan`); if any row is wrong, every wrong row is reported with its line number and nothing changes.
Then each municipality is onboarded in its own transaction (`run_plan`); new editors are created as staff
users without a usable password and invited by mail (familie_portal.invitations). Running it again changes
nothing and sends nothing, unless `resend` asks to invite again who has not set a password yet.
"""

import csv
import difflib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from cms.models import Page
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from familie_portal.invitations import send_invitation
from familie_portal.onboarding import municipality_onboard, onboarding_setup
from managers.models import MunicipalEditor, Municipality
from managers.municipality_pages import page_reverse_id

COLUMNS = ("slug", "username", "email")


class PlanError(Exception):
    """The file cannot be onboarded: `problems` lists every reason (German, with line numbers)."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class EditorRow:
    line: int
    username: str
    email: str


@dataclass
class MunicipalityPlan:
    municipality: Municipality
    editors: list[EditorRow] = field(default_factory=list)


@dataclass
class Summary:
    onboarded: int = 0
    already: int = 0
    editors_created: int = 0
    invited: int = 0


def _rows(text: str) -> Iterable[tuple[int, dict]]:
    text = text.removeprefix("\ufeff")
    sample = text[:4096]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=";,").delimiter
    except csv.Error:  # too little to tell from: the header decides
        first = sample.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        raise PlanError(["Die Datei ist leer."])
    header = [name.strip().lower() for name in header]
    if missing := [name for name in COLUMNS if name not in header]:
        raise PlanError([f"Zeile 1: Spalte(n) {', '.join(missing)} fehlen (erwartet: {', '.join(COLUMNS)})."])
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        yield reader.line_num, {name: (values[i].strip() if i < len(values) else "") for i, name in enumerate(header)}


def read_plan(text: str) -> list[MunicipalityPlan]:
    """The municipalities and editors of a CSV text, in file order; PlanError names every wrong row."""
    User = get_user_model()
    rows = list(_rows(text))
    municipalities = Municipality.objects.in_bulk([row["slug"] for _, row in rows], field_name="slug")
    usernames = {row["username"] for _, row in rows if row["username"]}
    users = User.objects.in_bulk(usernames, field_name=User.USERNAME_FIELD)
    links = {link.user_id: link for link in
             MunicipalEditor.objects.filter(user__in=users.values()).select_related("municipality")}
    all_slugs = None
    problems, plans, seen = [], {}, {}
    for line, row in rows:
        slug, username, email = row["slug"], row["username"], row["email"]
        municipality = municipalities.get(slug)
        if municipality is None:
            if all_slugs is None:
                all_slugs = list(Municipality.objects.values_list("slug", flat=True))
            similar = difflib.get_close_matches(slug.lower(), all_slugs, n=3, cutoff=0.6)
            hint = f" Ähnlich: {', '.join(similar)}." if similar else ""
            problems.append(f"Zeile {line}: keine Kommune mit dem Kurznamen „{slug}“.{hint}")
            continue
        plan = plans.setdefault(slug, MunicipalityPlan(municipality))
        if not username:
            if email:
                problems.append(f"Zeile {line}: E-Mail-Adresse ohne Benutzernamen.")
            continue
        row_problems = []
        try:
            User.username_validator(username)
        except ValidationError:
            row_problems.append(f"ungültiger Benutzername „{username}“")
        user = users.get(username)
        if email:
            try:
                validate_email(email)
            except ValidationError:
                row_problems.append(f"ungültige E-Mail-Adresse „{email}“")
        elif user is None:
            row_problems.append(f"für den neuen Benutzer {username} fehlt die E-Mail-Adresse")
        link = links.get(user.pk) if user else None
        if link is not None and link.municipality_id != municipality.pk:
            row_problems.append(f"{username} gehört schon zur Kommunalen Redaktion von {link.municipality.name}")
        if username in seen:
            first_line, first_slug = seen[username]
            elsewhere = "" if first_slug == slug else f" (für {first_slug}; nur eine Kommune je Benutzer)"
            row_problems.append(f"{username} steht schon in Zeile {first_line}{elsewhere}")
        else:
            seen[username] = (line, slug)
        if row_problems:
            problems.append(f"Zeile {line}: {'; '.join(row_problems)}.")
        else:
            plan.editors.append(EditorRow(line, username, email))
    if problems:
        raise PlanError(problems)
    return list(plans.values())


def run_plan(plans: list[MunicipalityPlan], *, resend: bool = False, base_url: str | None = None) -> Summary:
    """Onboard every planned municipality (one transaction each) and invite its new editors."""
    User = get_user_model()
    summary = Summary()
    setup = onboarding_setup()
    reverse_ids = [page_reverse_id(plan.municipality.slug) for plan in plans]
    existing_pages = set(Page.objects.filter(reverse_id__in=reverse_ids).values_list("reverse_id", flat=True))
    users = User.objects.in_bulk([row.username for plan in plans for row in plan.editors],
                                 field_name=User.USERNAME_FIELD)
    for plan in plans:
        with transaction.atomic():
            invite = []
            editors = []
            for row in plan.editors:
                user = users.get(row.username)
                if user is None:
                    # Without a usable password: the invitation's link sets one.
                    user = User.objects.create_user(row.username, row.email, is_staff=True)
                    summary.editors_created += 1
                    invite.append(user)
                elif resend and not user.has_usable_password() and user.email:
                    invite.append(user)
                editors.append(user)
            municipality_onboard(municipality=plan.municipality, editors=editors, setup=setup)
            for user in invite:
                send_invitation(user, plan.municipality, base_url)
            summary.invited += len(invite)
        if page_reverse_id(plan.municipality.slug) in existing_pages:
            summary.already += 1
        else:
            summary.onboarded += 1
    return summary

