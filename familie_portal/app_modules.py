"""The one way the portal finds what each app contributes: an optional module per app.

`<app>/roles.py` (permissions), `<app>/demo.py` (demo content), `<app>/start_page.py` (the editor's
start page, familie_portal.editorial), `<app>/search.py` (search
providers), `<app>/sitemaps.py`, `<app>/feeds.py` (the "Feeds und Kalender" page).
"""

from collections.abc import Iterator
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.conf import settings


def app_modules(name: str, *, include_project: bool = True) -> Iterator[ModuleType]:
    """`<app>.<name>` of every local app (settings.LOCAL_APPS) that has one, in INSTALLED_APPS order.

    Third-party apps are never asked. A module that exists but fails to import raises; only a
    missing module is skipped.
    """
    for config in apps.get_app_configs():
        if config.name not in settings.LOCAL_APPS or (not include_project and config.name == "familie_portal"):
            continue
        dotted = f"{config.name}.{name}"
        try:
            yield import_module(dotted)
        except ModuleNotFoundError as exc:
            if exc.name != dotted:
                raise
