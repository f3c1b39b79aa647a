"""HTTP content negotiation: pick the representation a client's ``Accept`` header prefers.

Every format the API serves is an :class:`Offer` with its canonical media type and the aliases
that clients send for it (SPARQLWrapper asks for ``application/turtle``, old clients for
``application/xml``). The SPARQL endpoint and the linked-data routes share this one matcher.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Offer:
    """One representation the server can produce."""

    media_type: str  # canonical, sent back as Content-Type
    aliases: tuple[str, ...] = ()
    charset: bool = True  # textual: append "; charset=utf-8"

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.charset else self.media_type

    def names(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    quality: float
    position: int  # order in the header, earlier wins ties

    def specificity(self, media_type: str) -> int:
        """2 exact, 1 ``type/*``, 0 ``*/*``, -1 no match."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != kind:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header; an absent or empty header accepts anything."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    ranges: list[MediaRange] = []
    for position, part in enumerate(header.split(",")):
        media, *params = (piece.strip() for piece in part.split(";"))
        kind, _, sub = media.lower().partition("/")
        if not kind:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append(MediaRange(kind, sub or "*", quality, position))
    return ranges


def _quality(ranges: Sequence[MediaRange], offer: Offer) -> tuple[float, int]:
    """The client's quality for ``offer`` (most specific matching range wins) and its position."""
    best: tuple[int, float, int] = (-1, 0.0, len(ranges))
    for media_range in ranges:
        for name in offer.names():
            specificity = media_range.specificity(name)
            if specificity > best[0]:
                best = (specificity, media_range.quality, media_range.position)
    return best[1], best[2]


def choose(accept: str | None, offers: Sequence[Offer]) -> Offer | None:
    """The acceptable offer with the highest quality (then client order, then server order)."""
    ranges = parse_accept(accept)
    scored = []
    for rank, offer in enumerate(offers):
        quality, position = _quality(ranges, offer)
        if quality > 0:
            scored.append((-quality, position, rank, offer))
    return min(scored, key=lambda row: row[:3])[3] if scored else None
