"""Templates a site puts before the portal's own (a designer's or a municipality's markup)."""

import copy
from pathlib import Path

from django.conf import settings
from django.test import override_settings


def templates_first(directory: Path, templates: dict[str, str]) -> override_settings:
    """Writes `templates` ({path: markup}) into `directory` and returns settings with `directory`
    first in TEMPLATES["DIRS"] (use as a context manager)."""
    for path, markup in templates.items():
        (directory / path).parent.mkdir(parents=True, exist_ok=True)
        (directory / path).write_text(markup, encoding="utf-8")
    engines = copy.deepcopy(settings.TEMPLATES)
    engines[0]["DIRS"] = [directory, *engines[0]["DIRS"]]
    return override_settings(TEMPLATES=engines)
