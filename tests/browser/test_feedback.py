"""
The Done-when of issue 16's contact form, end to end as deployed: gunicorn with the portal's caches on, `manage.py
db_worker` with the production settings delivering mail over SMTP to a real SMTP server on localhost (aiosmtpd, in
this process), headless Chromium (tests/browser/feedback.mjs): an anonymous visitor on an event page follows the
footer link "Barriere melden", finds the topic and the page filled in, sends without a message (the error state),
then with an address; the IQZ's mail and the visitor's receipt arrive; the IQZ editor logs in and finds the message
in the admin. axe-core on the form and its error state at desktop and phone width; screenshots in
artifacts/screenshots/feedback-*.png.

Starts servers against committed data: serial group.
"""

import json
import subprocess
import time

import pytest
from django.conf import settings

from tests.browser.servers import portal_with_mail
from tests.browser.test_public_pages import HERE, SCREENSHOTS, browser_tools
from tests.quality.support import database_url

pytestmark = [pytest.mark.serial, pytest.mark.browser, pytest.mark.django_db]

EVENT_PATH = "/veranstaltungen/familienfreundlichkeit-die-kommunalverwaltung-im-fokus/"
IQZ_ADDRESS = "iqz-postfach@example.org"
VISITOR = {"name": "Carla Browsertest", "email": "carla.browsertest@example.org"}
MESSAGE = "Browsertest: Der Monatskalender lässt sich nicht mit der Tastatur bedienen."


def _cleanup():
    from django_tasks_db.models import DBTaskResult

    from feedback.models import Feedback

    Feedback.objects.filter(message__startswith="Browsertest:").delete()
    DBTaskResult.objects.all().delete()


def _stored() -> list[dict]:
    from feedback.models import Feedback

    return list(Feedback.objects.filter(message__startswith="Browsertest:").values(
        "topic", "page", "name", "email", "status", "language"))


@pytest.fixture(scope="module")
def feedback_run(django_db_setup, django_db_blocker, tmp_path_factory):
    chromium, node = browser_tools()
    with django_db_blocker.unblock():
        url = database_url()
        _cleanup()  # a previous run that was killed
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tmp = tmp_path_factory.mktemp("feedback")
    started = time.monotonic()
    try:
        with portal_with_mail(tmp, secret="feedback", database=url,
                              env={"PORTAL_FEEDBACK_EMAIL": IQZ_ADDRESS}) as portal:
            config = tmp / "config.json"
            config.write_text(json.dumps({
                "baseUrl": portal.server.url, "executablePath": chromium, "screenshotDir": str(SCREENSHOTS),
                "mailDir": str(portal.mail_dir), "eventPath": EVENT_PATH, "iqzAddress": IQZ_ADDRESS,
                "visitor": VISITOR, "message": MESSAGE,
                "editor": {"username": "iqz", "password": settings.PORTAL_DEMO_PASSWORD},
            }))
            result = subprocess.run([node, str(HERE / "feedback.mjs"), str(config)], cwd=HERE,
                                    capture_output=True, text=True, timeout=180)
            log = portal.server.log()
            with django_db_blocker.unblock():
                stored = _stored()
    finally:
        with django_db_blocker.unblock():
            _cleanup()
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["errors"] == [], f"{report['errors'][0]}\nsteps: {report['steps']}\nserver: {log}\n" \
                                   f"worker: {portal.worker_log[-3000:]}"
    report.update(stored=stored, worker_log=portal.worker_log, raw=portal.drop.raw,
                  seconds=time.monotonic() - started)
    return report


def test_the_footer_link_fills_in_the_topic_and_the_page(feedback_run):
    expected = {"path": "/kontakt/", "topic": "barriere", "page": EVENT_PATH}
    assert feedback_run["prefilled"]["desktop"] == expected
    assert feedback_run["prefilled"]["phone"] == expected
    # The error state keeps what was filled in.
    assert feedback_run["prefilled"]["desktop-after-error"] == {"topic": "barriere", "page": EVENT_PATH}


def test_the_error_state_names_the_field_and_points_at_it(feedback_run):
    assert "Ihre Nachricht: Bitte schreiben Sie uns Ihre Nachricht." in feedback_run["desktopErrorSummary"]
    assert "id_message_error" in feedback_run["desktopMessageDescribedBy"]


def test_the_message_is_stored_once_and_the_iqz_and_the_sender_get_their_mails(feedback_run):
    assert feedback_run["stored"] == [{"topic": "barriere", "page": EVENT_PATH, "name": VISITOR["name"],
                                       "email": VISITOR["email"], "status": "neu", "language": "de"}]
    assert feedback_run["donePath"] == "/kontakt/gesendet/"
    assert "Vielen Dank für Ihre Nachricht" in feedback_run["done"]
    iqz, receipt = feedback_run["mails"]["iqz"], feedback_run["mails"]["receipt"]
    assert iqz["subject"] == "Neue Rückmeldung: Barriere melden"
    assert MESSAGE in iqz["body"] and EVENT_PATH in iqz["body"] and VISITOR["email"] in iqz["body"]
    assert "Barriere melden" in receipt["body"] and MESSAGE not in receipt["body"]
    assert len(feedback_run["raw"]) == 2  # the reload of the confirmation sent nothing again
    assert VISITOR["email"] not in feedback_run["worker_log"]


def test_the_iqz_finds_it_in_the_admin(feedback_run):
    assert MESSAGE in feedback_run["adminChange"]
    assert VISITOR["email"] in feedback_run["adminChange"]
    assert EVENT_PATH in feedback_run["adminList"]


def test_the_form_and_its_error_state_pass_axe_and_load_nothing_from_elsewhere(feedback_run):
    assert feedback_run["axe"] == {name: [] for name in ("form", "error", "done", "form-phone", "error-phone")}
    assert feedback_run["phoneOverflow"] is False
    assert feedback_run["consoleErrors"] == [] and feedback_run["pageErrors"] == []
    assert feedback_run["foreignRequests"] == []
    for name in ("desktop-form", "desktop-error", "done", "admin-change", "phone-form", "phone-error"):
        assert (SCREENSHOTS / f"feedback-{name}.png").stat().st_size > 5_000, name
