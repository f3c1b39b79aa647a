"""Event forms added in pass 7: the number of a recurring meeting ("17. Lernnetzwerktreffen")
and the dateline of a news item, which dates the item, not an event."""

from __future__ import annotations

import re

#: The number of a recurring meeting before its name ("17. Lernnetzwerktreffen"), not a
#: day ("am 29.11. Fachtag").
ORDINAL_BEFORE = re.compile(r"(?<![\d.])\d{1,3}\.\s+$")

#: A date alone on its line: the dateline of a news item or press release ("29. November
#: 2021" above the headline), the day it was published, not one of an event.
_DATELINE = re.compile(
    r"[ \t]*\d{1,2}\.[ \t]*(?:\d{1,2}\.|[A-ZÄÖÜ][a-zäöü]+\.?)[ \t]*\d{4}[ \t]*(?:\n|$)"
)


def is_dateline(text: str, start: int) -> bool:
    """Whether the date at ``start`` stands alone on its line, with text after it."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_DATELINE.match(text, line_start)) and "\n" in text[start:]
