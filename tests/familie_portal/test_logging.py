"""Request ids and JSON log lines (familie_portal.logging): one id from the proxy through every record."""

import io
import json
import logging
import os
import subprocess
import sys
import uuid

import pytest

from familie_portal.logging import JsonFormatter, RequestIdFilter
from tests.quality.support import ROOT


@pytest.fixture
def json_log():
    """The production handler's pieces on django.request: what the portal writes while answering."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def test_a_valid_request_id_from_the_proxy_is_kept(client):
    response = client.get("/livez", headers={"x-request-id": "3f2a9c1e-proxy-42"})
    assert response["X-Request-ID"] == "3f2a9c1e-proxy-42"


@pytest.mark.parametrize("given", ["", "two words", "x" * 65, "id\nfake: line", "ä-umlaut", "a;b"])
def test_anything_else_gets_a_new_uuid(client, given):
    response = client.get("/livez", headers={"x-request-id": given} if given else {})
    assert str(uuid.UUID(response["X-Request-ID"])) == response["X-Request-ID"]


def test_every_request_gets_its_own_id(client):
    assert client.get("/livez")["X-Request-ID"] != client.get("/livez")["X-Request-ID"]


@pytest.mark.django_db
def test_log_records_of_a_request_carry_its_id_and_no_personal_data(client, json_log):
    response = client.get("/gibt-es-nicht/?email=anna%40example.org", headers={"x-request-id": "req-4711"},
                          REMOTE_ADDR="198.51.100.23")
    assert response.status_code == 404
    assert response["X-Request-ID"] == "req-4711"
    records = json_log()
    assert records, "Django logs the 404"
    assert {record["request_id"] for record in records} == {"req-4711"}
    assert records[0]["level"] == "WARNING" and records[0]["logger"] == "django.request"
    assert records[0]["status_code"] == 404
    text = json.dumps(records)
    assert "anna" not in text and "example.org" not in text and "198.51.100.23" not in text
    # Outside a request the id is "-".
    logging.getLogger("django.request").warning("outside")
    assert json_log()[-1]["request_id"] == "-"


def test_json_lines_hold_exceptions_and_simple_extras_only():
    record = logging.makeLogRecord({"name": "portal", "levelname": "ERROR", "msg": "failed %s", "args": ("x",)})
    record.request = object()  # Django attaches the request: never written
    record.attempt = 2
    try:
        raise ValueError("boom")
    except ValueError:
        record.exc_info = sys.exc_info()
    RequestIdFilter().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "failed x" and entry["attempt"] == 2 and entry["request_id"] == "-"
    assert "ValueError: boom" in entry["exc"]
    assert "request" not in entry


def test_production_logs_json_lines_and_development_readable_ones():
    code = "import django, logging; django.setup(); logging.getLogger('portal.test').warning('hello %s', 'log')"
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    production = {**base, "DJANGO_SETTINGS_MODULE": "familie_portal.settings.production",
                  "SECRET_KEY": "k" * 50, "DATABASE_URL": "postgres://u@127.0.0.1:1/db", "ALLOWED_HOSTS": "x.example"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=production, capture_output=True, text=True,
                            timeout=60, check=True)
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["message"] == "hello log" and entry["request_id"] == "-" and entry["level"] == "WARNING"
    dev = {**base, "DJANGO_SETTINGS_MODULE": "familie_portal.settings.dev"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=dev, capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stderr.strip().splitlines()[-1].endswith("WARNING portal.test [-] hello log")
