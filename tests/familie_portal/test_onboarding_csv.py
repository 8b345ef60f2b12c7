"""`manage.py add_municipality --csv FILE`: many municipalities and their editors in one step, new editors invited
by mail with a link to set their password (familie_portal.onboarding_csv, familie_portal.invitations)."""

import io
import re

import pytest
from cms.models import Page, PageContent, PagePermission
from cms.utils.page_permissions import user_can_change_page
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from filer.models import Folder, FolderPermission

from managers.models import MunicipalEditor
from tests.familie_portal.test_onboarding import _counts

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
NEW_PASSWORD = "Sonnenblume-Kanal-42"
ROWS = [
    ("dortmund", "dortmund-a", "a@dortmund.example"),
    ("dortmund", "dortmund-b", "b@dortmund.example"),
    ("muenster", "muenster-a", "a@muenster.example"),
    ("bielefeld", "bielefeld-a", "a@bielefeld.example"),
]


@pytest.fixture(autouse=True)
def _tasks_at_once(settings):
    settings.TASKS = IMMEDIATE


def _csv(tmp_path, rows=ROWS, *, delimiter=";", bom=False, header=("slug", "username", "email")):
    text = "\n".join(delimiter.join(row) for row in [header, *rows]) + "\n"
    path = tmp_path / "kommunen.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
    return str(path)


def _add_csv(capture, path, *args):
    out = io.StringIO()
    with capture(execute=True):
        call_command("add_municipality", "--csv", path, *args, stdout=out)
    return out.getvalue()


def _link(message) -> str:
    found = re.search(r"https?://[^/\s]+(/admin/passwort-neu/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_a_csv_onboards_every_municipality_and_invites_every_new_editor(
        tmp_path, django_capture_on_commit_callbacks):
    out = _add_csv(django_capture_on_commit_callbacks, _csv(tmp_path))

    assert "3 neu aufgenommen, 0 schon vorhanden" in out and "4 Benutzer angelegt, 4 eingeladen" in out
    for slug in ("dortmund", "muenster", "bielefeld"):
        page = Page.objects.get(reverse_id=f"kommune-{slug}")
        assert PageContent.objects.filter(page=page).count() == 2  # published in German and English
    for slug, username, email in ROWS:
        user = get_user_model().objects.get(username=username)
        assert user.email == email and user.is_staff and not user.has_usable_password()
        assert user.municipal_editor.municipality.slug == slug
        assert PagePermission.objects.filter(user=user, page__reverse_id=f"kommune-{slug}").exists()
        assert FolderPermission.objects.filter(user=user, folder__parent__name="Kommunen").exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(email for _, _, email in ROWS)
    message = next(m for m in mail.outbox if m.to == ["b@dortmund.example"])
    assert message.subject == "Einladung in die Kommunale Redaktion von Dortmund"
    assert "Guten Tag," in message.body and "Sie sind" in message.body
    assert "Ihr Benutzername: dortmund-b" in message.body and "password" not in message.body.lower()


def test_the_invitation_link_sets_the_password_and_the_editor_edits_only_their_municipality(
        tmp_path, client, django_capture_on_commit_callbacks):
    _add_csv(django_capture_on_commit_callbacks, _csv(tmp_path))
    message = next(m for m in mail.outbox if m.to == ["a@muenster.example"])

    link = client.get(_link(message))
    assert link.status_code == 302
    assert "Neues Passwort festlegen" in client.get(link["Location"]).content.decode()
    done = client.post(link["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/admin/passwort-neu/fertig/"

    login = client.post("/admin/login/?next=/admin/", {"username": "muenster-a", "password": NEW_PASSWORD})
    assert login.status_code == 302 and login["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    user = get_user_model().objects.get(username="muenster-a")
    assert user_can_change_page(user, Page.objects.get(reverse_id="kommune-muenster"))
    for other in ("kommune-dortmund", "kommune-bochum", "kommunen"):
        assert not user_can_change_page(user, Page.objects.get(reverse_id=other))
    # The link works once.
    client.logout()
    assert "Dieser Link gilt nicht mehr" in client.get(_link(message), follow=True).content.decode()


def test_running_it_again_changes_nothing_and_sends_nothing(tmp_path, django_capture_on_commit_callbacks):
    path = _csv(tmp_path)
    _add_csv(django_capture_on_commit_callbacks, path)
    before, users = _counts(), get_user_model().objects.count()
    mail.outbox.clear()

    out = _add_csv(django_capture_on_commit_callbacks, path)

    assert "0 neu aufgenommen, 3 schon vorhanden" in out and "0 Benutzer angelegt, 0 eingeladen" in out
    assert _counts() == before and get_user_model().objects.count() == users
    assert mail.outbox == []
    # --resend invites again whoever has not set a password yet.
    user = get_user_model().objects.get(username="dortmund-a")
    user.set_password(NEW_PASSWORD)
    user.save()
    assert "3 eingeladen" in _add_csv(django_capture_on_commit_callbacks, path, "--resend")
    assert sorted(m.to[0] for m in mail.outbox) == ["a@bielefeld.example", "a@muenster.example",
                                                     "b@dortmund.example"]


@pytest.mark.parametrize(("delimiter", "bom"), [(";", False), (",", False), (";", True), (",", True)])
def test_semicolon_comma_and_bom_all_work(tmp_path, delimiter, bom, django_capture_on_commit_callbacks):
    out = _add_csv(django_capture_on_commit_callbacks, _csv(tmp_path, delimiter=delimiter, bom=bom))
    assert "3 neu aufgenommen" in out
    assert MunicipalEditor.objects.filter(user__username__in=[r[1] for r in ROWS]).count() == 4


def test_a_row_without_username_onboards_the_municipality_without_an_editor(
        tmp_path, django_capture_on_commit_callbacks):
    out = _add_csv(django_capture_on_commit_callbacks, _csv(tmp_path, [("hamm", "", "")]))
    assert "1 neu aufgenommen" in out and "0 eingeladen" in out
    assert Page.objects.filter(reverse_id="kommune-hamm").exists()
    assert Folder.objects.filter(name="Hamm", parent__name="Kommunen").exists()
    assert not MunicipalEditor.objects.filter(municipality__slug="hamm").exists()


def test_bad_rows_are_all_named_by_line_and_nothing_changes(tmp_path, django_capture_on_commit_callbacks):
    rows = [
        *ROWS,
        ("dortmnd", "x-1", "x1@example.org"),          # line 6: unknown slug
        ("hamm", "hamm-a", "keine-adresse"),            # line 7: invalid e-mail
        ("hamm", "bochum", "bochum@example.org"),       # line 8: already Bochum's editor
        ("hagen", "dortmund-a", "a@dortmund.example"),  # line 9: the same user for a second city
        ("hagen", "", ""),
    ]
    before, users = _counts(), get_user_model().objects.count()
    with pytest.raises(CommandError) as raised:
        _add_csv(django_capture_on_commit_callbacks, _csv(tmp_path, rows))
    message = str(raised.value)
    assert "Nichts geändert, 4 Zeile(n) fehlerhaft" in message
    assert "Zeile 6: keine Kommune mit dem Kurznamen „dortmnd“. Ähnlich: dortmund" in message
    assert "Zeile 7: ungültige E-Mail-Adresse „keine-adresse“" in message
    assert "Zeile 8: bochum gehört schon zur Kommunalen Redaktion von Bochum" in message
    assert "Zeile 9: dortmund-a steht schon in Zeile 2 (für dortmund; nur eine Kommune je Benutzer)" in message
    assert _counts() == before and get_user_model().objects.count() == users
    assert mail.outbox == []


def test_a_username_editing_for_another_municipality_is_refused(tmp_path, django_capture_on_commit_callbacks):
    before = _counts()
    with pytest.raises(CommandError, match="Zeile 2: gelsenkirchen gehört schon zur Kommunalen Redaktion von "
                                           "Gelsenkirchen"):
        _add_csv(django_capture_on_commit_callbacks, _csv(tmp_path, [("dortmund", "gelsenkirchen", "")]))
    assert _counts() == before


def test_a_missing_column_and_an_unreadable_file_are_explained(tmp_path, django_capture_on_commit_callbacks):
    with pytest.raises(CommandError, match="Zeile 1: Spalte\\(n\\) email fehlen"):
        _add_csv(django_capture_on_commit_callbacks, _csv(tmp_path, [("hamm", "h")], header=("slug", "username")))
    path = tmp_path / "latin1.csv"
    path.write_bytes("slug;username;email\nmünster;m;m@example.org\n".encode("latin-1"))
    with pytest.raises(CommandError, match="nicht UTF-8"):
        _add_csv(django_capture_on_commit_callbacks, str(path))


def test_invitations_are_queued_for_the_worker_not_sent_inline(tmp_path, settings, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _add_csv(django_capture_on_commit_callbacks, _csv(tmp_path))
    assert mail.outbox == []
    queued = DBTaskResult.objects.filter(task_path="familie_portal.tasks.send_mail_task")
    assert sorted(task.args_kwargs["args"][2][0] for task in queued) == sorted(email for _, _, email in ROWS)
