"""
The portal as deployed, for the browser stories that send mail (registration, feedback, review): an SMTP
sink in this process (aiosmtpd, `MailDrop`), `manage.py db_worker` with the production settings delivering
the mail over SMTP to it, and gunicorn with the portal's caches on (tests.quality.support.Server).

    with portal_with_mail(tmp, secret="review", database=url, env={...}) as portal:
        ... portal.server.url, portal.mail_dir, portal.drop.raw ...
    portal.worker_log  # after the block: everything is stopped
"""

import email
import email.policy
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller

from tests.quality.support import ROOT, Server, free_port


class MailDrop:
    """aiosmtpd handler: every message received, as {to, subject, body} (its text part) in one JSON file per
    recipient, written whole (rename) so the browser script never reads half a file."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0
        self.raw = []

    async def handle_DATA(self, server, session, envelope):
        self.raw.append(envelope.content)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",)).get_content()
        subject = " ".join(str(message["subject"]).split())  # unfolded
        attachments = [part.get_filename() for part in message.iter_attachments()]
        for recipient in envelope.rcpt_tos:
            self.count += 1
            target = self.folder / f"{self.count:04d}.json"
            partial = target.with_suffix(".part")
            partial.write_text(json.dumps({"to": recipient, "subject": subject, "body": body,
                                           "attachments": attachments}))
            partial.rename(target)
        return "250 Message accepted"


def start_worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.1"],
        cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def stop(process: subprocess.Popen) -> str:
    """Stop a process started here; its output."""
    process.terminate()
    try:
        output, _ = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return output or ""


@dataclass
class Portal:
    drop: MailDrop
    mail_dir: Path
    server: Server | None = None
    worker_log: str = field(default="")

    def mails(self) -> list[str]:
        return sorted(os.listdir(self.mail_dir))


@contextmanager
def portal_with_mail(tmp: Path, *, secret: str, database: str, env: dict | None = None) -> Iterator[Portal]:
    """SMTP sink, worker and gunicorn (caches on, 4 threads; `env` added to the server's environment), all
    stopped when the block ends, also when it fails (the worker's output is then in `worker_log`)."""
    mail_dir = tmp / "mail"
    mail_dir.mkdir()
    portal = Portal(drop=MailDrop(mail_dir), mail_dir=mail_dir)
    smtp = Controller(portal.drop, hostname="127.0.0.1", port=free_port())
    smtp.start()
    worker = start_worker({"DJANGO_SETTINGS_MODULE": "familie_portal.settings.production", "DATABASE_URL": database,
                           "SECRET_KEY": f"{secret}-browsertest-" + "s" * 40, "ALLOWED_HOSTS": "127.0.0.1",
                           "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}"})
    try:
        portal.server = Server(env={"DATABASE_URL": database, "CONN_MAX_AGE": "60", "PORTAL_CACHES": "true",
                                    **(env or {})}, threads=4)
        yield portal
    finally:
        if portal.server is not None:
            portal.server.stop()
        portal.worker_log = stop(worker)
        smtp.stop()
