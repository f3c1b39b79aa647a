"""Municipalities a participation sentence introduces as a list rather than names in its own
clauses: the items after a colon or a heading (also the rows of a table), the enumeration of the
next sentence ("... ausgewählt worden sind. Es sind die Städte A, B"), the members of a
group that takes part ("Unter den neuen Kommunen befinden sich mit A, B ..."), and the towns an
organisation works with on its program ("gemeinsam mit den Jugendämtern der Städte A, B"), and
the youth offices its offer serves or that run it ("in den Jugendamtsbezirken A und B").
"""

from __future__ import annotations

import re

from pkgraph.extract.joint_applications import find_joint_word
from pkgraph.extract.municipalities import MunicipalityHit, municipality_lists
from pkgraph.extract.participation_cues import CUE, EVENT, NEGATED
from pkgraph.extract.participation_inputs import ParticipationInputs, hits_in
from pkgraph.extract.participation_mentions import locators
from pkgraph.extract.text import DocumentText, Span

#: Opens a sentence that lists the municipalities the sentence before speaks of
#: ("... die ausgewählt worden sind. Es sind die Städte A, B sowie die Kreise C, D.").
_ENUMERATION_OPENER = re.compile(
    r"^\s*(?:(?:Es|Dies|Das)\s+sind|Dazu\s+(?:geh(?:ö|o)ren|z(?:ä|a)hlen)|"
    r"Darunter\s+(?:sind|befinden)|Zu\s+ihnen\s+(?:geh(?:ö|o)ren|z(?:ä|a)hlen)|"
    r"Im\s+Einzelnen\s+sind)\b"
)

#: A sentence speaking of a group of municipalities.
_COLLECTIVE = re.compile(
    r"\b(?:Kommunen|St(?:ä|a)dte[n]?|Gemeinden|Kreise[n]?|Standorte[n]?|Teilnehmer)\b|kommunen\b"
)

#: Opens a sentence naming members of a group ("Unter den neuen Kommunen befinden sich mit A,
#: B und C drei kreisfreie Städte", "Zu den zwölf Standorten gehören A und B").
_MEMBERS_OPENER = re.compile(
    r"^\s*(?:Unter|Zu)\s+den\s+(?:[\w-]+,?\s+){0,3}?(?:Kommunen|St(?:ä|a)dten|Gemeinden|"
    r"Kreisen|Standorten|Teilnehmer\w*|\w+kommunen)\b[^.;:]{0,60}?\s(?:befinden\s+sich|"
    r"befanden\s+sich|sind|waren|geh(?:ö|o)ren|geh(?:ö|o)rten|z(?:ä|a)hlen|z(?:ä|a)hlten)\b"
)
#: How many sentences before a group's members may say the group takes part.
MEMBERS_CONTEXT = 8

_PLURAL_PREFIX_WORDS = r"(?:St(?:ä|a)dten?|Gemeinden|Kommunen|Kreisen?|Stadt|Gemeinde|Kreis)"
#: "(gemeinsam) mit den Jugendämtern der Städte A, B" after an organisation (no municipality
#: before it): the towns take part in the organisation's program.
_WITH_ORGANISATION = re.compile(
    r"(?:gemeinsam|zusammen)\s+mit\s+(?:den|dem|der)\s+(?:(?:Jugend(?:ä|a)mtern?|Verwaltungen)\s+"
    rf"(?:der|des)\s+)?{_PLURAL_PREFIX_WORDS}?\s*$"
    # the youth offices the program's offer serves or that run it together: "für den Einsatz
    # in den Jugendamtsbezirken A und B", "eine Kooperation der Jugendämter der Städte A, B"
    r"|\bJugendamtsbezirke[n]?\s+|(?:Kooperation|Verbund|[Dd]ienst(?:es|s)?)\s+der\s+Jug"
    rf"end(?:ä|a)mter\s+(?:der\s+)?{_PLURAL_PREFIX_WORDS}?\s*$"
)

#: A list item's or table row's mark (a bullet, a number, a cell border or tab): a heading
#: introduces only such lines.
_ITEM_MARK = re.compile(r"^\s*(?:[|•*·–-]|\d+[.)])|\t")
#: A table's rule line ("|---|:---:|").
_TABLE_RULE = re.compile(r"^\s*\|?(?:\s*:?-+:?\s*\|)+\s*:?-*:?\s*$")

#: A list line longer than this is running text, not an item.
MAX_LIST_ITEM = 80
#: A list may hold one item naming no known municipality per this many that name one.
UNNAMED_ITEMS_PER_NAMED = 4


def listed_after(
    doc: DocumentText, index: int, inputs: ParticipationInputs
) -> list[MunicipalityHit]:
    """The municipalities of the list a sentence ending in a colon or a heading introduces
    ("Folgende Kommunen haben sich angeschlossen:", "Teilnehmende Kommunen"): the first one of
    each line, when every line of the next block is a short item naming one ("Stadt
    Grevenbroich (Rhein-Kreis Neuss)") — or a row of a table, whose header and rule lines are
    passed over."""
    sentence = doc.sentence_spans[index]
    intro = doc.text[sentence.start : sentence.end].strip()
    heading = "\n" not in intro and len(intro) <= MAX_LIST_ITEM and intro[-1:].isalnum()
    if index + 1 >= len(doc.sentence_spans) or not (intro.endswith(":") or heading):
        return []
    block = doc.sentence_spans[index + 1]
    offset = block.start
    items: list[MunicipalityHit] = []
    unnamed = 0
    for number, line in enumerate(doc.text[block.start : block.end].split("\n")):
        named = hits_in(Span(offset, offset + len(line)), inputs)
        offset += len(line) + 1
        if not line.strip() or _TABLE_RULE.match(line):
            continue
        if not named and not items and line.lstrip().startswith("|") and number < 2:
            continue  # a table's header row ("| Kommune | seit |")
        if len(line) > MAX_LIST_ITEM or (heading and not _ITEM_MARK.search(line)):
            return []
        if not named:
            unnamed += 1  # a misspelt or unknown place ("• Erfstadt") among the items
            continue
        items.append(named[0])
    return items if unnamed * UNNAMED_ITEMS_PER_NAMED <= len(items) else []


def enumerated_after(
    doc: DocumentText, index: int, inputs: ParticipationInputs
) -> list[MunicipalityHit]:
    """The municipalities the next sentence enumerates for a sentence about "the 18 towns
    and Kreise" that were selected ("Es sind die Städte A, B sowie die Kreise C, D.")."""
    sentence = doc.sentence_spans[index]
    if index + 1 >= len(doc.sentence_spans) or not _COLLECTIVE.search(
        doc.text[sentence.start : sentence.end]
    ):
        return []
    following = doc.sentence_spans[index + 1]
    text = doc.text[following.start : following.end]
    hits = hits_in(following, inputs)
    if not (_ENUMERATION_OPENER.match(text) or _opens_with_list(doc, following, hits)):
        return []
    if CUE.search(text):
        return []
    located = locators(doc, hits)
    return [h for h in hits if h.start not in located]


def _opens_with_list(doc: DocumentText, sentence: Span, hits: list[MunicipalityHit]) -> bool:
    """Whether the sentence opens with an enumeration of municipalities ("Erkelenz und
    Hückelhoven direkt, Wassenberg und Wegberg als Teil des Kreisjugendamtes.")."""
    groups = municipality_lists(doc.text, hits)
    return bool(
        groups and len(groups[0]) >= 2 and not doc.text[sentence.start : groups[0][0].start].strip()
    )


def group_members(
    doc: DocumentText, index: int, inputs: ParticipationInputs
) -> tuple[list[MunicipalityHit], Span | None]:
    """The members a sentence names of a group that takes part ("Unter den neuen Kommunen
    befinden sich mit A, B und C drei kreisfreie Städte sowie mit D und E zwei Kreise"): the
    group takes part when the sentence says so or one of the sentences shortly before speaks
    of taking part municipalities ("die teilnehmenden Kommunen"). The opener is the cue."""
    sentence = doc.sentence_spans[index]
    text = doc.text[sentence.start : sentence.end]
    opener = _MEMBERS_OPENER.match(text)
    if opener is None or EVENT.search(opener.group()):  # "Unter den Teilnehmern der Tagung"
        return [], None
    context = [
        doc.text[span.start : span.end]
        for span in doc.sentence_spans[max(0, index - MEMBERS_CONTEXT) : index + 1]
    ]
    if not any(
        CUE.search(other) and _COLLECTIVE.search(other) and not NEGATED.search(other)
        for other in context
    ):
        return [], None
    hits = hits_in(sentence, inputs)
    excluded = locators(doc, hits)  # "mit A, B ... drei Städte" names members, no partners
    cue = Span(sentence.start + opener.start(), sentence.start + opener.end())
    return [h for h in hits if h.start not in excluded], cue


def organisation_partners(
    doc: DocumentText, sentence: Span, inputs: ParticipationInputs
) -> tuple[list[MunicipalityHit], Span | None]:
    """The towns an organisation works with on its program ("Die Koordinationsstelle des LVR
    geht gemeinsam mit den Jugendämtern der Städte A, B und C nach"): no municipality leads.
    The words "gemeinsam mit" are returned as the cue."""
    hits = hits_in(sentence, inputs)
    groups = municipality_lists(doc.text, hits)
    if not groups or find_joint_word(doc.text[sentence.start : sentence.end]):
        return [], None
    first = groups[0]
    before = doc.text[max(sentence.start, first[0].start - 60) : first[0].start]
    match = _WITH_ORGANISATION.search(before)
    if not match:
        return [], None
    cue_start = first[0].start - len(before) + match.start()
    return first, Span(cue_start, cue_start + len(match.group()))
