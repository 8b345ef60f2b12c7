from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from familie_portal import onboarding_csv
from familie_portal.onboarding import OnboardingError, municipality_onboard
from managers.models import Municipality


class Command(BaseCommand):
    help = (
        "Onboard a municipality (idempotent): its page under Kommunen in German and English, its media "
        "folder Kommunen/<Name>, and the given users as its Kommunale Redaktion (page and folder "
        "permissions, MunicipalEditor link). With --csv FILE (columns slug;username;email, one row per "
        "editor): every municipality of the file, new editors created and invited by mail."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="slug of an NRW municipality, e.g. bochum")
        parser.add_argument("--csv", metavar="FILE", help="a CSV file: slug, username, email (one row per editor)")
        parser.add_argument("--resend", action="store_true",
                            help="with --csv: invite again the file's editors who have not set a password yet")
        parser.add_argument("--editor", action="append", default=[], metavar="USERNAME",
                            help="an existing user who edits for the municipality (repeatable)")
        parser.add_argument("--create-editors", action="store_true",
                            help="create missing editors as staff users without a usable password")

    def handle(self, *args, slug, editor, create_editors, csv, resend, **options):
        if csv:
            if slug or editor:
                raise CommandError("Entweder eine Kommune (mit --editor) oder --csv angeben, nicht beides.")
            return self._from_csv(csv, resend=resend)
        if not slug:
            raise CommandError("Bitte den Kurznamen einer Kommune angeben (oder --csv DATEI).")
        municipality = Municipality.objects.filter(slug=slug).first()
        if municipality is None:
            similar = list(Municipality.objects.filter(slug__startswith=slug[:3]).values_list("slug", flat=True)[:5])
            hint = f" Ähnlich: {', '.join(similar)}." if similar else ""
            raise CommandError(f"Keine Kommune mit dem Kurznamen „{slug}“.{hint}")
        User = get_user_model()
        users = User.objects.in_bulk(editor, field_name=User.USERNAME_FIELD)
        missing = [name for name in dict.fromkeys(editor) if name not in users]
        if missing and not create_editors:
            raise CommandError(
                f"Unbekannte Benutzer: {', '.join(missing)} (erst anlegen, oder --create-editors angeben)."
            )
        try:
            with transaction.atomic():
                for name in missing:
                    # Without a usable password: the superuser sets one (or the user resets it).
                    users[name] = User.objects.create_user(name, is_staff=True)
                    self.stdout.write(f"Benutzer {name} angelegt (ohne Passwort).")
                result = municipality_onboard(
                    municipality=municipality, editors=[users[name] for name in dict.fromkeys(editor)]
                )
        except OnboardingError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"{municipality.name}: Seite {result.page.get_absolute_url('de')}, Medienordner "
            f"{result.folder.pretty_logical_path}, Redaktion: "
            f"{', '.join(e.user.get_username() for e in result.editors) or '–'}."
        ))

    def _from_csv(self, path, *, resend):
        try:
            with open(path, encoding="utf-8-sig", newline="") as file:
                text = file.read()
        except OSError as exc:
            raise CommandError(f"Die Datei {path} lässt sich nicht lesen: {exc.strerror}.") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"Die Datei {path} ist nicht UTF-8-kodiert (in Excel: „CSV UTF-8“ speichern).") from exc
        try:
            plans = onboarding_csv.read_plan(text)
            summary = onboarding_csv.run_plan(plans, resend=resend)
        except onboarding_csv.PlanError as exc:
            raise CommandError(
                f"Nichts geändert, {len(exc.problems)} Zeile(n) fehlerhaft:\n" + "\n".join(exc.problems)
            ) from exc
        except OnboardingError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Kommunen: {summary.onboarded} neu aufgenommen, {summary.already} schon vorhanden. "
            f"Redaktion: {summary.editors_created} Benutzer angelegt, {summary.invited} eingeladen."
        ))
