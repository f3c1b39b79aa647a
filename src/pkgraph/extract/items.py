"""An extraction in the shape of a gold record (eval/README.md), each item with its evidence.

This is what ``pkgraph extract --json`` prints and what ``pkgraph eval extraction`` scores, so
that any scorer written against the README reads the same items the project scores itself.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from pkgraph.records import BodyMention, Decision, Evidence, Extraction

ITEM_TYPES = (
    "programs", "municipalities", "bodies", "decisions", "funding", "participations", "events",
    "persons", "doc_refs", "dates",
)  # fmt: skip
#: what the gold does not annotate but extraction finds too (printed, not scored)
EXTRA_TYPES = ("quantities",)


def evidence_fields(evidence: Evidence) -> dict[str, Any]:
    return {"quote": evidence.quote, "start": evidence.start, "end": evidence.end}


def _mentions(mentions: tuple[Evidence, ...]) -> dict[str, Any]:
    """The distinct quoted mentions, and the first one's offsets as the item's evidence."""
    first = mentions[0] if mentions else None
    return {
        "mentions": list(dict.fromkeys(m.quote for m in mentions)),
        **(evidence_fields(first) if first else {"quote": None, "start": None, "end": None}),
    }


def _deciding_body(decision: Decision, body: BodyMention | None) -> str | None:
    """The deciding body as the decision's own passage writes it ("Der Jugendhilfeausschuss
    beschließt"), else its stated name; ``body_entity`` keeps the resolved name."""
    if body is None:
        return decision.body
    ev = decision.evidence
    inside = [m.quote for m in body.mentions if ev.start <= m.start < ev.end]
    return inside[0] if inside else body.stated_name


def extraction_items(extraction: Extraction, file: str | None = None) -> dict[str, Any]:
    """One gold-shaped record for ``extraction``. ``doc_refs`` and ``dates`` stay string lists
    as in the gold; their evidence is under ``doc_refs_evidence`` and ``dates_evidence``."""
    refs = list(dict.fromkeys(r.reference for r in extraction.doc_refs))
    bodies = {b.key: b for b in extraction.bodies}
    written = {b.name: b.stated_name for b in extraction.bodies}
    programs = {p.key: p.stated_name for p in extraction.programs}
    dates = list(dict.fromkeys(d.iso for d in extraction.dates))
    return {
        "file": file if file is not None else extraction.doc_id,
        "doc_type": extraction.doc_type,
        "programs": [{"name": p.stated_name, **_mentions(p.mentions)} for p in extraction.programs],
        "municipalities": [
            {"name": m.name, "ags": m.ags, "role": m.role, **_mentions(m.mentions)}
            for m in extraction.municipalities
        ],
        "bodies": [
            {"name": b.stated_name, "kind": b.kind, "of": b.of, **_mentions(b.mentions)}
            for b in extraction.bodies
        ],
        "decisions": [
            {
                "body": _deciding_body(d, bodies.get(d.body_key or "")),
                "body_entity": d.body,
                "date": d.date,
                "kind": d.kind,
                "text_snippet": d.text,
                "vote": asdict(d.vote) if d.vote else None,
                **evidence_fields(d.evidence),
            }
            for d in extraction.decisions
        ],
        "funding": [
            {
                "amount_eur": f.amount_eur,
                "amount_text": f.amount_text,
                "funder": written.get(f.funder or "", f.funder),
                "recipient": written.get(f.recipient or "", f.recipient),
                "year": f.year,
                "purpose": f.purpose,
                "share_percent": f.share_percent,
                "own_share_percent": f.own_share_percent,
                **evidence_fields(f.evidence),
            }
            for f in extraction.funding
        ],
        "participations": [
            {
                "municipality": p.municipality,
                "program": programs.get(p.program_key, p.program),
                "since": p.since,
                "evidence": p.evidence.quote,
                **evidence_fields(p.evidence),
            }
            for p in extraction.participations
        ],
        "events": [
            {
                "name": e.name,
                "date": e.date,
                "place": e.place,
                "evidence": e.evidence.quote,
                **evidence_fields(e.evidence),
            }
            for e in extraction.events
        ],
        "persons": [
            {
                "name": p.name,
                "role": p.role,
                "organisation": p.organisation,
                **evidence_fields(p.evidence),
            }
            for p in extraction.persons
        ],
        "doc_refs": refs,
        "dates": dates,
        "doc_refs_evidence": [
            {"reference": r.reference, **evidence_fields(r.evidence)} for r in extraction.doc_refs
        ],
        "dates_evidence": [{"iso": d.iso, **evidence_fields(d.evidence)} for d in extraction.dates],
        "quantities": [
            {"value": q.value, "counted": q.counted, **evidence_fields(q.evidence)}
            for q in extraction.quantities
        ],
    }
