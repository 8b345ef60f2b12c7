"""
Helpers of the authorization matrix: who is who, what a form posts, and whether rows changed.

A forbidden request must neither answer 200 nor write. "Writes" is checked with a snapshot of the
rows a request could touch (count and the fields an attack would change), taken before and after.
"""

from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

ROLES = ["bochum", "gelsenkirchen", "iqz", "admin"]


def client_as(role: str | None) -> Client:
    """A test client logged in as a demo user (None: anonymous)."""
    client = Client()
    if role:
        client.force_login(get_user_model().objects.get(username=role))
    return client


def redirects_to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def denied(response) -> bool:
    """Refused without showing anything: 403/404, a method refusal, or a redirect elsewhere."""
    return response.status_code in (302, 400, 403, 404, 405)


class _FormParser(HTMLParser):
    """Collects what a browser would submit from the page's first POST form other than the logout form."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self._in_form = False
        self._done = False
        self._select: str | None = None
        self._select_multiple = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._done:
            return
        if tag == "form" and attrs.get("method", "").lower() == "post" and attrs.get("id") != "logout-form":
            self._in_form = True
        if not self._in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(name, attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select, self._select_multiple = name, "multiple" in attrs
            self.data.setdefault(name, [])
            self._first_option = None
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in attrs:
                self._add(self._select, value)
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            if not self.data[self._select] and not self._select_multiple and self._first_option is not None:
                self._add(self._select, self._first_option)
            if not self.data[self._select]:
                del self.data[self._select]
            self._select = None
        elif tag == "textarea" and self._textarea:
            self._add(self._textarea, "".join(self._text).lstrip("\n"))
            self._textarea = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True


def form_data(html: str) -> dict[str, list[str]]:
    parser = _FormParser()
    parser.feed(html)
    return parser.data


def admin_form_data(url: str, **changes) -> dict:
    """The values the superuser's browser would post from an admin form, with `changes` applied.

    Taking the form as the superuser lets a test post a complete, valid form as a user who may
    not even open it (the crafted request an attacker would send).
    """
    response = client_as("admin").get(url)
    assert response.status_code == 200, (url, response.status_code)
    data = form_data(response.content.decode())
    data.pop("csrfmiddlewaretoken", None)
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    return data


def snapshot(queryset, *fields):
    """Count and the given fields of every row: equal before and after a refused request."""
    return queryset.count(), sorted(queryset.values_list("pk", *fields))
