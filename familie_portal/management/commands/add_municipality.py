from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from familie_portal.onboarding import OnboardingError, municipality_onboard
from managers.models import Municipality


class Command(BaseCommand):
    help = (
        "Onboard a municipality (idempotent): its page under Kommunen in German and English, its media "
        "folder Kommunen/<Name>, and the given users as its Kommunale Redaktion (page and folder "
        "permissions, MunicipalEditor link)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="slug of an NRW municipality, e.g. bochum")
        parser.add_argument("--editor", action="append", default=[], metavar="USERNAME",
                            help="an existing user who edits for the municipality (repeatable)")
        parser.add_argument("--create-editors", action="store_true",
                            help="create missing editors as staff users without a usable password")

    def handle(self, *args, slug, editor, create_editors, **options):
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
