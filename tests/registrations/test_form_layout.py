"""The consent in the sign-up form as GOV.UK-style forms have it: the checkbox, then its label on the same line."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_the_consent_checkbox_sits_before_its_label_on_one_line(client, event):
    html = client.get(f"/anmeldung/{event.slug}/").content.decode()
    block = re.search(r'<div class="registration__field registration__field--consent">(.*?)</div>', html, re.S)
    assert block, "the consent has its own container"
    inner = block.group(1)
    box, label = inner.index('type="checkbox"'), inner.index('<label for="id_consent"')
    assert box < label, "checkbox first, then its label"
    assert "registrations/registrations.css" in html.split("</head>")[0]

    css = (Path(settings.BASE_DIR) / "static/registrations/registrations.css").read_text()
    rules = dict(re.findall(r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", css, flags=re.S)))
    rules = {selector.strip(): body for selector, body in rules.items()}
    container = rules[".registration__field--consent"]
    assert re.search(r"display:\s*(grid|flex)", container), "box and label side by side"
    assert "display: inline" in rules[".registration__field--consent > label"], "not a block above or below"
