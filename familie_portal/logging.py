"""
Logs as JSON lines with the request id (production), readable lines with it (development).

The proxy sets `X-Request-ID` (nginx: `$request_id`, deploy/nginx/familie_portal.conf) and logs it in
its access log; `RequestIdMiddleware` takes it over when it looks like an id ([A-Za-z0-9-]{1,64},
anything else could forge log lines or carry data), otherwise makes a new one (uuid4), keeps it in a
context variable for the rest of the request and returns it in the response's `X-Request-ID`
header. `RequestIdFilter` puts it on every log record as `request_id` ("-" outside requests: the
worker, management commands), so one id connects nginx's line, gunicorn's and the portal's.

No personal data: the formatter writes the time, level, logger, message, request id, exception and
only simple extra fields; never the request object Django attaches to its records (cookies,
headers, the query string with what a visitor typed), and the portal's own messages name paths,
never query strings, e-mail addresses or IP addresses. Client IPs appear only in nginx's access log,
shortened there (see the nginx configuration).
"""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"[A-Za-z0-9-]{1,64}")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
# Attributes every LogRecord has; anything else on a record is an `extra`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id", "request", "taskName"}


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    """First in settings.MIDDLEWARE: every later middleware's and view's log records carry the id."""

    def __init__(self, get_response):
        from django.core.signals import request_finished

        self.get_response = get_response
        # Not reset when this middleware returns: Django logs 4xx/5xx responses after the chain.
        request_finished.connect(_end_of_request, dispatch_uid="familie_portal.logging.request_id")

    def __call__(self, request):
        given = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = given if _VALID_ID.fullmatch(given) else str(uuid.uuid4())
        request.request_id = request_id
        _request_id.set(request_id)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response


def _end_of_request(**kwargs) -> None:
    _request_id.set("-")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request_id, exc."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD and isinstance(value, str | int | float | bool) and name not in entry:
                entry[name] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def logging_config(*, json_lines: bool, level: str) -> dict:
    """settings.LOGGING: JSON lines (production) or readable lines (development), both with the request id."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "familie_portal.logging.RequestIdFilter"}},
        "formatters": {
            "json": {"()": "familie_portal.logging.JsonFormatter"},
            "readable": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_id"],
                "formatter": "json" if json_lines else "readable",
            },
        },
        "root": {"handlers": ["console"], "level": level},
    }
