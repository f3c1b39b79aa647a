"""Person forms added in pass 7: a common word as a surname after a salutation or role
("Frau Klein antwortete", "Sachkundiger Bürger Becker begrüßt"), and a person in a role they
act in ("Eva Muster als Moderatorin")."""

from __future__ import annotations

import re

from pkgraph.extract.person_names import FULL_NAME, ROLE

#: After "Frau/Herr Surname": a lowercase word (a verb, "und") or punctuation.
AFTER_SURNAME = re.compile(r"\s*[,.;:)]|\s+(?:[a-zäöüß]+\b)")
#: After "Role Surname": its verb ("Sachkundiger Bürger Becker begrüßt"), the sentence end or
#: a subordinate clause — not the rest of a field of work ("Fachbereichsleiterin Jugend und
#: Familie", "Leiterin Jugend, Soziales").
VERB_AFTER_SURNAME = re.compile(
    r"\s+(?!(?:und|sowie|oder|für|der|des|im|in|am|an|von|vom|zur|zum|mit)\b)[a-zäöüß]+\b|"
    r"\s*[.;:!?](?!\w)|,\s+(?:dass|wie|ob|weil|als|die|der|das|den|dem)\b"
)

#: "den Eva Muster als externe Projektbegleiterin betreut": a person in a role they act in.
AS_ROLE = re.compile(
    rf"(?P<name>{FULL_NAME})\s+als\s+(?:[a-zäöüß]+e[nrs]?\s+)?(?P<role>{ROLE})(?![\wäöüß])"
)

#: "Hauptreferentin ist Dr. Antje Muster": a role, then the person who holds it.
ROLE_IS = re.compile(
    rf"(?<![\wäöüß])(?P<role>{ROLE})\s+(?:ist|war|wird|bleibt)\s+(?P<name>{FULL_NAME})(?![\wäöüß])"
)
