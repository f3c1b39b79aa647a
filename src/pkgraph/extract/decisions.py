"""Decisions: the Beschlussvorschlag / Beschluss of a council paper (one per body it addresses),
the result of minutes ("Beschluss: einstimmig beschlossen"), the rows of its Beratungsfolge,
and decisions the text reports ("Der Kreistag hat in der Sitzung vom 12.12.2018 ...
zugestimmt").

Precision first: a proposal is only reported with a deciding body the document names — in the
decision text, the consultation table, the session the minutes record, or a sentence about who
decides. Only a resolution the minutes record (it was taken; the annotator of such an extract
cannot know more than the text either) is kept without a body. Dates come from the body's
consultation row or the session; never guessed. How decisions are written down (sections,
results, votes, kinds) is :mod:`pkgraph.extract.decision_text`; where they are taken
(Beratungsfolge, session) :mod:`pkgraph.extract.decision_setting`; decisions a text only
reports :mod:`pkgraph.extract.decision_reports`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pkgraph.extract.bodies import BodyHit
from pkgraph.extract.decision_reports import (
    distinct_acts,
    reported_decision_sentences,
    reported_decisions,
)
from pkgraph.extract.decision_sessions import (
    consultation_decisions,
    motions_to_sessions,
    session_consultations,
)
from pkgraph.extract.decision_setting import (
    DECIDING_KINDS,
    HEAD_CHARS,
    SUBMITTED_TO,
    DecisionInputs,
    Setting,
    deciding_body_from_text,
    find_setting,
    make_decision,
    session_date,
    submitted_sessions,
)
from pkgraph.extract.decision_text import (
    MOTION,
    Result,
    Section,
    decision_kind,
    find_results,
    find_sections,
    parse_vote,
    text_before_result,
    vote_window,
)
from pkgraph.extract.text import DocumentText, Span
from pkgraph.records import Decision, Vote

__all__ = [
    "DecisionInputs",
    "decision_kind",
    "extract_decisions",
    "find_sections",
    "parse_vote",
    "reported_decision_sentences",
]

#: "empfiehlt dem Rat, folgenden Beschluss zu fassen:" — the body after it is recommended to.
_RECOMMENDS = re.compile(r"\bempfiehlt\s+(?:dem|der|den)\s+$")
_RECOMMENDED_TEXT = re.compile(
    r"(?:Beschluss\s+zu\s+fassen|zu\s+beschlie(?:ß|ss)en)\s*:", re.IGNORECASE
)
#: The shortest text a recommended resolution spells out.
MIN_TEXT_CHARS = 20
#: A passive mandate after a body: it is given the task, someone else decides.
_MANDATED = re.compile(
    r"\s+(?:wird|werden)\b[^.\n]{0,150}?\b(?:beauftragt|gebeten|ersucht|aufgefordert)\b"
)
#: An item of a decision text that a body leads ("- Der Ausschuss ... nimmt ...").
_BULLET = re.compile(r"\s*(?:[-–•*]|\(?\d{1,2}[.)]|[a-z]\))?[ \t]*")
_ITEM_LEAD = re.compile(_BULLET.pattern + r"(?:Der|Die|Das)\s+")
_VERB_BEFORE = re.compile(
    r"\b(?:beschlie(?:ß|ss)t|nimmt|stimmt|beauftragt|empfiehlt|genehmigt|bestätigt)\s+"
    r"(?:der|die|das)\s+$"
)


@dataclass(frozen=True)
class Item:
    """One decision of a section: its body (None: the section's), text span and kind."""

    body: BodyHit | None
    span: Span
    kind: str | None = None
    #: A recommendation's addressee proposes, it has not resolved.
    proposed: bool = False


# --- items of a decision section --------------------------------------------------------------


def _items(doc: DocumentText, span: Span, hits: list[BodyHit]) -> list[Item]:
    """The decisions of one section: one per body that leads an item of it ("- Der Ausschuss
    für Schule nimmt ...", "- Der Kinder- und Jugendausschuss empfiehlt ..."), split again
    where a body recommends a resolution to another; else the whole section. A body that an
    earlier item recommends a resolution to only proposes."""
    leads = [h for h in hits if _leads_item(doc.text, span, h)]
    if len({h.key for h in leads}) < 2:
        subject = next((h for h in hits if _is_subject_of(doc.text, span, h)), None)
        return _split_recommendation(doc, Item(subject, span), hits)
    items: list[Item] = []
    addressees: set[str] = set()
    for lead, following in zip(leads, [*leads[1:], None], strict=True):
        end = _lead_start(doc.text, span, following) if following else span.end
        item = Item(lead, Span(_item_start(doc.text, span, lead), end))
        if lead.key in addressees:
            item = replace(item, kind="Beschlussvorschlag", proposed=True)
        if addressee := _addressee(doc, item, hits):
            addressees.add(addressee.key)
        items.extend(_split_recommendation(doc, item, hits))
    return items


def _item_start(text: str, span: Span, hit: BodyHit) -> int:
    """Where the item a body leads begins: its article, after any bullet or number."""
    start = _lead_start(text, span, hit)
    bullet = _BULLET.match(text, start)
    return bullet.end() if bullet else start


def _is_subject_of(text: str, span: Span, hit: BodyHit) -> bool:
    """The body decides in the text: it leads an item, or follows the verb ("Auf Empfehlung
    des Ausschusses beschließt der Rat"); a body the text only mentions does not."""
    return _leads_item(text, span, hit) or bool(_VERB_BEFORE.search(text[span.start : hit.start]))


def _leads_item(text: str, span: Span, hit: BodyHit) -> bool:
    """The body opens an item as its subject; not one the item mandates ("Der Unterausschuss
    Jugendhilfeplanung wird mit der Beratung beauftragt")."""
    start = _lead_start(text, span, hit)
    if _ITEM_LEAD.fullmatch(text[start : hit.start]) is None:
        return False
    return _MANDATED.match(text, hit.end) is None


def _lead_start(text: str, span: Span, hit: BodyHit) -> int:
    """The start of the line a body's item opens on; hard-wrapped text may leave the article
    alone on the line before ("Der\nJugendhilfeausschuss ... nimmt")."""
    start = _line_start(text, hit.start)
    if start == hit.start and start > 0:
        start = _line_start(text, start - 1)
    return max(span.start, start)


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _addressee(doc: DocumentText, item: Item, hits: list[BodyHit]) -> BodyHit | None:
    """The body an item recommends a resolution to ("empfiehlt dem Rat, ...")."""
    for hit in hits:
        inside = item.span.start <= hit.start < item.span.end and hit != item.body
        if inside and _RECOMMENDS.search(doc.text[item.span.start : hit.start][-25:]):
            return hit
    return None


def _split_recommendation(doc: DocumentText, item: Item, hits: list[BodyHit]) -> list[Item]:
    """ "X empfiehlt dem Rat, folgenden Beschluss zu fassen: ..." → X recommends, and the Rat
    has a proposal: the text after the colon."""
    addressee = _addressee(doc, item, hits)
    if addressee is None:
        return [item]
    tail = _RECOMMENDED_TEXT.search(doc.text, addressee.end, item.span.end)
    if tail is None or len(doc.text[tail.end() : item.span.end].strip()) < MIN_TEXT_CHARS:
        return [item]  # "empfiehlt dem Rat, die Teilnahme zu beschließen.": one decision
    return [
        Item(item.body, Span(item.span.start, tail.end()), "Empfehlung"),
        Item(addressee, Span(tail.end(), item.span.end), "Beschlussvorschlag", proposed=True),
    ]


# --- decisions of the paper -------------------------------------------------------------------


def _is_resolution(section: Section, results: list[Result], doc: DocumentText) -> bool:
    """A Beschluss of minutes: headed so, or with a result line right after it."""
    if section.heading == "Beschluss":
        return True
    after = section.text_span.end
    return any(after <= r.span.start <= after + 200 and r.taken for r in results) or any(
        r.taken and r.span.end <= section.text_span.start and r.span.start < HEAD_CHARS
        for r in results
    )


def _default_body(resolution: bool, setting: Setting, fallback: BodyHit | None) -> BodyHit | None:
    """Who decides a section that names no body: the session of minutes for a resolution,
    the deciding consultation for a proposal, else a sentence about who decides."""
    if resolution:
        return setting.session_body or setting.deciding or fallback
    return setting.deciding or fallback


def _date(
    doc: DocumentText, inputs: DecisionInputs, setting: Setting, body: BodyHit, resolved: bool
) -> str | None:
    date = setting.consultation_date(body)
    if date is not None:
        return date
    if resolved:
        if setting.session_date and body.key == getattr(setting.session_body, "key", body.key):
            return setting.session_date
        return session_date(doc, body, inputs.body_hits)
    return session_date(doc, body, inputs.body_hits, SUBMITTED_TO)


def _resolution_vote(text: str, window: str, span: Span, results: list[Result]) -> Vote | None:
    """The vote after the resolution, else the one its page states first ("Beschluss:
    Mehrheitlich abgelehnt / Abstimmung: Ja: 9, Nein: 31" above the text)."""
    vote = parse_vote(window)
    if vote is not None:
        return vote
    before = [r for r in results if r.span.end <= span.start and r.span.start < HEAD_CHARS]
    return parse_vote(" ".join(text[r.span.start : r.span.end] for r in before)) if before else None


#: A session's outcome that only recommends: "Beschluss: ungeändert empfohlen".
_RECOMMENDED = re.compile(r"\bempfohlen\b")
_RESOLVED = re.compile(r"\b(?:beschlossen|abgelehnt|zugestimmt)\b")


def _recommendation(doc: DocumentText, span: Span, results: list[Result]) -> Result | None:
    """The result line saying the session only recommended the resolution at ``span`` (at the
    head of the page or right after the text), if it says so."""
    for result in results:
        near = result.span.start < HEAD_CHARS or span.end <= result.span.start <= span.end + 200
        line = doc.text[result.span.start : result.span.end]
        if near and result.taken and _RECOMMENDED.search(line) and not _RESOLVED.search(line):
            return result
    return None


def _recommended_to_council(
    doc: DocumentText,
    inputs: DecisionInputs,
    setting: Setting,
    body: BodyHit | None,
    recommendation: Result | None,
    vote: Vote | None,
) -> Decision | None:
    """Minutes whose session recommended ("ungeändert empfohlen") a resolution of the council
    ("Der Rat beschließt ..."): the session's own act, the council deciding later."""
    if recommendation is None or body is None or body.kind != "council":
        return None
    if setting.session_body is not None and setting.session_body.key == body.key:
        return None
    span = recommendation.span
    return make_decision(
        doc, inputs, setting.session_body, span, setting.session_date, "Empfehlung", vote, 0.7
    )


def _section_decisions(
    doc: DocumentText, inputs: DecisionInputs, setting: Setting, results: list[Result]
) -> list[Decision]:
    decisions: dict[tuple[str | None, str | None, str], Decision] = {}
    proposals: list[Decision] = []  # proposals without a body
    fallback = deciding_body_from_text(doc, inputs)
    for section in find_sections(doc.text):
        span = section.text_span
        resolution = _is_resolution(section, results, doc)
        recommendation = _recommendation(doc, span, results) if resolution else None
        named = [
            h
            for h in inputs.body_hits
            if span.start <= h.start < span.end and h.kind in DECIDING_KINDS
        ]
        window = vote_window(doc.text, span)
        to = section.addressee
        addressees = [h for h in inputs.body_hits if to and to.start <= h.start < to.end]
        items = (
            [Item(addressees[0], span, "Beschlussvorschlag", proposed=True)]
            if addressees
            else _items(doc, span, named)
        )
        # a motion goes to the session it is put on the agenda of ("folgenden Antrag auf die
        # Tagesordnung des Jugendhilfeausschusses am 12.02.2019 zu setzen")
        agenda = submitted_sessions(doc, inputs.body_hits) if section.heading == MOTION else []
        for item in items:
            body = item.body or (agenda[0][0] if agenda else None)
            body = body or _default_body(resolution, setting, fallback)
            resolved = resolution and not item.proposed
            vote = _resolution_vote(doc.text, window, span, results) if resolved else None
            if resolved and (
                recommended := _recommended_to_council(
                    doc, inputs, setting, body, recommendation, vote
                )
            ):
                decisions.setdefault((recommended.body_key, recommended.date, ""), recommended)
                resolved, vote, item = False, None, replace(item, kind="Beschlussvorschlag")
            # a paper's proposal that names no body is kept when nothing else decides
            unnamed = body is None and not resolved
            if unnamed and section.heading not in ("Beschlussvorschlag", MOTION):
                continue
            if body and section.heading == MOTION:  # the sessions the motion is put to
                date = session_date(doc, body, inputs.body_hits)
            else:
                date = _date(doc, inputs, setting, body, resolved) if body else setting.session_date
            text = doc.text[item.span.start : item.span.end]
            decision = make_decision(
                doc,
                inputs,
                body,
                item.span,
                date,
                item.kind or (MOTION if section.heading == MOTION else decision_kind(text)),
                vote,
                0.85 if item.body else 0.75,
            )
            if unnamed:
                proposals.append(decision)
            else:
                decisions.setdefault((decision.body_key, date, decision.text), decision)
    # the paper's own proposal that names no body beside those it puts to a body ("Der
    # Bericht wird zur Kenntnis genommen." before "Beschlussvorschlag für den Ausschuss: ...")
    named_texts = {d.text for d in decisions.values()}
    return list(decisions.values()) + [p for p in proposals[:1] if p.text not in named_texts]


def _result_decisions(
    doc: DocumentText, inputs: DecisionInputs, setting: Setting, results: list[Result]
) -> list[Decision]:
    """Minutes that record only a result ("Beratungsergebnis: einstimmig beschlossen"): one
    resolution, by the session's body when the document names one."""
    taken = [r for r in results if r.taken]
    if not taken:
        return []
    result = taken[0]
    body = setting.session_body or setting.deciding
    date = _date(doc, inputs, setting, body, True) if body else setting.session_date
    text = doc.text[result.span.start : result.span.end]
    # the counts may stand in the next result line ("Abstimmung: Ja: 9, Nein: 2")
    following = [r for r in results if result.span.start <= r.span.start <= result.span.end + 200]
    counted = doc.text[result.span.start : following[-1].span.end]
    quoted = result.span
    if (before := text_before_result(doc.text, result.span)) and before.start < HEAD_CHARS:
        quoted, text = before, doc.text[before.start : before.end]  # the resolution's text
    elif body is None and (opening := _opening_resolution(doc, inputs)):
        body, quoted = opening
        text = doc.text[quoted.start : quoted.end]
        date = _date(doc, inputs, setting, body, True)
    return [
        make_decision(
            doc, inputs, body, quoted, date, decision_kind(text), parse_vote(counted), 0.7
        )
    ]


#: "Der Jugendhilfeausschuss empfiehlt ...": a paragraph its body opens as subject.
_OPENING = re.compile(r"\s*(?:Der|Die|Das)\s+$")


def _opening_resolution(doc: DocumentText, inputs: DecisionInputs) -> tuple[BodyHit, Span] | None:
    """An extract of minutes that opens with the resolution ("Der Jugendhilfeausschuss
    empfiehlt dem Rat, ... zuzustimmen.") and ends with its result: the body and the text of
    that first paragraph."""
    first = next((h for h in inputs.body_hits if h.kind in DECIDING_KINDS), None)
    if first is None or first.start > HEAD_CHARS or not _OPENING.fullmatch(doc.text[: first.start]):
        return None
    end = doc.text.find("\n\n", first.start)
    end = len(doc.text) if end < 0 else end
    paragraph = doc.text[first.start : end]
    if not re.search(r"^\S*\s+(?:" + _DECIDING_VERB + r")\b", doc.text[first.end : end]):
        return None
    start = len(doc.text[: first.start]) - len(doc.text[: first.start].lstrip())
    return first, Span(start, first.start + len(paragraph.rstrip()))


#: The verb right after the opening body: it resolves, recommends, takes note.
_DECIDING_VERB = (
    r"beschlie(?:ß|ss)t|empfiehlt|stimmt|nimmt|beauftragt|genehmigt|bestätigt|billigt|"
    r"beschloss|empfahl|stimmte|nahm"
)


#: A body's resolution in the present tense, as a paper proposes it: "Der Rat beschließt, ...".
_PROPOSING_VERB = re.compile(
    r"\s+(?:beschlie(?:ß|ss)t|empfiehlt|stimmt|nimmt|beauftragt|genehmigt|billigt)\b"
)


def _headless_proposals(
    doc: DocumentText, inputs: DecisionInputs, setting: Setting
) -> list[Decision]:
    """A paper whose resolutions open paragraphs near its head without a "Beschlussvorschlag"
    heading ("Der Jugendhilfeausschuss empfiehlt dem Rat, ...", "Der Rat beschließt, ..."):
    one proposal per paragraph; not a resolution a report quotes after a colon ("hat ... den
    folgenden Beschluss gefasst:")."""
    decisions = []
    for hit in inputs.body_hits:
        start = _line_start(doc.text, hit.start)
        if (
            hit.start >= HEAD_CHARS
            or hit.kind not in DECIDING_KINDS
            or not _OPENING.fullmatch("\n" + doc.text[start : hit.start])
            or not re.search(
                r"(?:^|[^:\s])\s*\n[ \t]*\n\s*$", doc.text[max(0, start - 400) : start]
            )
            or not _PROPOSING_VERB.match(doc.text, hit.end)
        ):
            continue
        end = doc.text.find("\n\n", hit.start)
        span = Span(start, len(doc.text) if end < 0 else end)
        text = doc.text[span.start : span.end]
        date = _date(doc, inputs, setting, hit, False)
        kind = decision_kind(text)
        kind = "Beschlussvorschlag" if kind == "Beschluss" else kind  # proposed, not taken
        decisions.append(make_decision(doc, inputs, hit, span, date, kind, None, 0.7))
    return decisions


def extract_decisions(doc: DocumentText, inputs: DecisionInputs) -> tuple[Decision, ...]:
    """Decisions of the paper itself (each body of each decision section, else the result its
    minutes record), its Beratungsfolge rows, then the decisions it reports, one per body and
    date."""
    setting = find_setting(doc, inputs)
    results = find_results(doc.text)
    own = _section_decisions(doc, inputs, setting, results)
    if not own:
        own = (
            _result_decisions(doc, inputs, setting, results)
            or motions_to_sessions(doc, inputs)
            or _headless_proposals(doc, inputs, setting)
        )
    decided = {(d.body_key, d.date) for d in own}
    own += consultation_decisions(doc, inputs, setting, decided)
    if own:
        own += session_consultations(doc, inputs, decided)
    skip = [section.text_span for section in find_sections(doc.text)] + [r.span for r in results]
    seen = {(d.body_key, d.date) for d in own}
    reported = distinct_acts(reported_decisions(doc, inputs, skip))
    return _without_repeats(own) + tuple(d for d in reported if (d.body_key, d.date) not in seen)


def _without_repeats(decisions: list[Decision]) -> tuple[Decision, ...]:
    """A page that repeats its resolution (a teaser cut off, then the full text) states one
    decision: of two of one body, date and kind whose texts begin alike, the longer."""
    kept: list[Decision] = []
    for decision in decisions:
        same = next(
            (
                i
                for i, other in enumerate(kept)
                if (other.body_key, other.date, other.kind)
                == (decision.body_key, decision.date, decision.kind)
                and (other.text.startswith(decision.text) or decision.text.startswith(other.text))
            ),
            None,
        )
        if same is None:
            kept.append(decision)
        elif len(decision.text) > len(kept[same].text):
            kept[same] = decision
    return tuple(kept)
