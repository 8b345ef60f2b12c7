"""
The links in the mails: signed with SECRET_KEY (django.core.signing), so nobody can make one up.

- Confirmation: the registration's random id, time-stamped; valid for
  settings.PORTAL_REGISTRATION_CONFIRM_HOURS (then the sign-up has expired).
- Management (see, cancel, delete): the same id under another salt, valid as long as the registration exists.
"""

import uuid

from django.conf import settings
from django.core import signing

_CONFIRM_SALT = "registrations.confirm"
_MANAGE_SALT = "registrations.manage"


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def confirm_token(registration) -> str:
    return signing.TimestampSigner(salt=_CONFIRM_SALT).sign(registration.uuid.hex)


def manage_token(registration) -> str:
    return signing.Signer(salt=_MANAGE_SALT).sign(registration.uuid.hex)


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(hex=value)
    except ValueError as exc:
        raise TokenInvalid from exc


def uuid_from_confirm_token(token: str) -> uuid.UUID:
    max_age = settings.PORTAL_REGISTRATION_CONFIRM_HOURS * 3600
    try:
        return _uuid(signing.TimestampSigner(salt=_CONFIRM_SALT).unsign(token, max_age=max_age))
    except signing.SignatureExpired as exc:
        raise TokenExpired from exc
    except signing.BadSignature as exc:
        raise TokenInvalid from exc


def uuid_from_manage_token(token: str) -> uuid.UUID:
    try:
        return _uuid(signing.Signer(salt=_MANAGE_SALT).unsign(token))
    except signing.BadSignature as exc:
        raise TokenInvalid from exc
