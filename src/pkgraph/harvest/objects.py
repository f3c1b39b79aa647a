"""Reading OParl objects as servers really send them.

The specification is strict; servers are not. This module accepts the deviations recorded from
real systems (tombstones without ``type``, ``auxiliaryFile`` as one object instead of a list,
``+01::00`` offsets, seven-digit AGS, hard line breaks and no-break spaces in names) and turns
everything else that is wrong into a :class:`HarvestError` naming the object, so one bad object
never stops a run.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pkgraph.harvest.client import HarvestError

OParlObject = dict[str, Any]

#: Top-level object types a harvest stores, in the order a body's lists are walked: the
#: organizations and persons first, so that meetings and papers find what they refer to.
LIST_KINDS: tuple[tuple[str, str], ...] = (
    ("organization", "Organization"),
    ("person", "Person"),
    ("meeting", "Meeting"),
    ("paper", "Paper"),
)

_STRING_FIELDS = frozenset(
    {"name", "reference", "paperType", "date", "start", "end", "role", "number", "result",
     "accessUrl", "downloadUrl", "mimeType", "text", "ags", "rgs", "organizationType",
     "classification", "startDate", "endDate", "modified", "created", "familyName", "givenName"}
)  # fmt: skip
#: Fields holding a list of objects or URLs; some servers send a single one (Bonn ALLRIS).
_LIST_FIELDS = frozenset(
    {"consultation", "auxiliaryFile", "agendaItem", "organization", "membership",
     "underDirectionOf", "originatorPerson", "originatorOrganization", "legislativeTerm"}
)  # fmt: skip
_OBJECT_FIELDS = frozenset({"mainFile", "invitation", "resultsProtocol", "verbatimProtocol",
                            "resolutionFile"})  # fmt: skip
_SPACES = re.compile(r"\s+")
_BROKEN_OFFSET = re.compile(r"([+-]\d{2})::?(\d{2})$")


def type_name(obj: OParlObject) -> str | None:
    """``"https://schema.oparl.org/1.0/Paper"`` -> ``"Paper"``; None when the object has none."""
    value = obj.get("type")
    if not isinstance(value, str) or not value.strip():
        return None
    return value.rstrip("/").rsplit("/", 1)[-1]


def is_deleted(obj: OParlObject) -> bool:
    return obj.get("deleted") is True


def as_list(value: Any) -> list[Any]:
    """A list field as a list: absent -> [], one object or URL -> [it]."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def clean_text(value: Any) -> str | None:
    """A label: whitespace (line breaks, no-break spaces, doubled spaces) collapsed."""
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", value).strip()
    return text or None


def ref(value: Any) -> str | None:
    """The URL of a reference given as a URL or as an embedded object."""
    if isinstance(value, dict):
        value = value.get("id")
    return value.strip() if isinstance(value, str) and value.strip() else None


def parse_datetime(value: Any) -> dt.datetime | None:
    """An OParl date-time or date, timezone-aware (UTC when none is given); None if unreadable.

    Accepts ALLRIS's ``+01::00`` offsets.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = _BROKEN_OFFSET.sub(r"\1:\2", value.strip().replace("Z", "+00:00"))
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def iso_date(value: Any) -> str | None:
    """The calendar date (``YYYY-MM-DD``) of an OParl date or date-time, as the server meant it."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return value.strip()
    parsed = parse_datetime(value)
    return parsed.date().isoformat() if parsed else None


def ags_of(body: OParlObject) -> str | None:
    """The eight-digit AGS of a Body: from ``ags`` (SD.NET drops the leading zero, sends
    ``"5358016"``; Krefeld pads to nine digits) or else from the twelve-digit ``rgs``."""
    ags = body.get("ags")
    if isinstance(ags, str) and ags.strip().isdigit():
        digits = ags.strip()
        if len(digits) == 7:
            return "0" + digits
        if len(digits) >= 8:
            return digits[:8]
    rgs = body.get("rgs")
    if isinstance(rgs, str) and rgs.strip().isdigit() and len(rgs.strip()) == 12:
        rgs = rgs.strip()
        return rgs[:5] + rgs[9:]
    return None


def check_object(obj: Any, url: str, expected: str | None = None) -> OParlObject:
    """``obj`` if it is a well-formed OParl object (of type ``expected``, when given).

    Tombstones need only an ``id``. Raises HarvestError naming the object and the field.
    """
    if not isinstance(obj, dict):
        raise HarvestError(url, f"expected an OParl object, got JSON {type(obj).__name__}")
    object_id = obj.get("id")
    if not isinstance(object_id, str) or not object_id.startswith(("http://", "https://")):
        raise HarvestError(url, "object without an 'id' URL")
    if is_deleted(obj):
        return obj
    where = object_id
    kind = type_name(obj)
    if kind is None:
        raise HarvestError(where, "object without 'type'")
    if expected is not None and kind != expected:
        raise HarvestError(where, f"expected type {expected}, got {kind}")
    for key, value in obj.items():
        if value is None:
            continue
        if key in _STRING_FIELDS and not isinstance(value, str):
            raise HarvestError(where, f"field '{key}': expected a string, got {_kind(value)}")
        if key in _LIST_FIELDS and not isinstance(value, list | dict | str):
            raise HarvestError(where, f"field '{key}': expected a list, got {_kind(value)}")
        if key in _OBJECT_FIELDS and not isinstance(value, dict | str):
            raise HarvestError(where, f"field '{key}': expected an object, got {_kind(value)}")
    return obj


def _kind(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }.get(type(value), f"a {type(value).__name__}")
