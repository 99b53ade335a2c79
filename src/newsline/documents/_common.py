"""Small helpers shared by the document readers: decoding and date checks."""

from __future__ import annotations

import re
from datetime import date, datetime

from newsline.errors import InputError

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def decode_utf8(data: bytes, path: str) -> str:
    """Decode ``data`` as UTF-8 (a leading BOM is dropped); InputError if empty or not UTF-8."""
    if not data.strip():
        raise InputError(path, "empty file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = data[err.start]
        raise InputError(
            path, f"not UTF-8 text (byte 0x{bad:02x} at offset {err.start})"
        ) from None
    return text.removeprefix("\ufeff")


def check_date(value: str) -> str | None:
    """Return ``value`` if it is a real calendar date written YYYY-MM-DD, else None."""
    if not _ISO_DATE.fullmatch(value):
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        return None
    return value


def date_part(value: str) -> str | None:
    """The YYYY-MM-DD date of an ISO date or datetime string, or None if it is not one."""
    value = value.strip()
    day = check_date(value[:10])
    if day is None:
        return None
    if len(value) > 10:
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    return day


#: ``--dct none``: the documents have no date (any date a file gives is dropped).
NO_DCT = "none"


def resolve_dct(dct: str | None) -> str | None:
    """Check a ``--dct`` value: None, ``today`` (today's date), ``none`` (NO_DCT: no date at
    all) or a YYYY-MM-DD date."""
    if dct is None:
        return None
    if dct.strip().lower() == NO_DCT:
        return NO_DCT
    if dct.strip().lower() == "today":
        return date.today().isoformat()
    day = check_date(dct.strip())
    if day is None:
        raise InputError("--dct", f"bad date {dct!r} (expected YYYY-MM-DD, 'today' or 'none')")
    return day


def one_line(message: object) -> str:
    """Collapse a message onto one line."""
    return " ".join(str(message).split())
