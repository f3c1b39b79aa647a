"""The words that state a participation, and what takes them back.

A municipality takes part when a clause about it has a participation word (Teilnahme,
beteiligt, Modellkommune, ausgewählt, Beitritt, schließt sich an, "ist Teil der Initiative",
"einer von 22 Standorten", "erhält ... Fördermittel", ...) or — when the clause names the
program — a visit, a duration ("seit sieben Jahren"), carrying it out ("setzt ... um") or its
support ("unterstützt ... Bochumer Projekte"). Yes/no questions, negations, modals and intents
("kann sich bewerben", "prüft eine Teilnahme") state none.
"""

from __future__ import annotations

import re

from pkgraph.extract.dates import WRITTEN_MONTH_NAMES
from pkgraph.extract.person_names import ROLE
from pkgraph.extract.text import DocumentText

#: Text within one clause (a full stop only inside a number or date: "01.08.2022").
_IN_CLAUSE = r"(?:[^.;]|\.(?=\d))"
#: Who else takes part in things: people and organisations, not municipalities.
_PEOPLE = (
    r"(?:Eltern|Kinder\w*|Jugendliche\w*|B(?:ü|u)rger\w*|Akteur\w*|Tr(?:ä|a)ger\w*|"
    r"Fachkr(?:ä|a)ft\w*|(?:Ö|O)ffentlichkeit|Partner\w*|Institution\w*|Einrichtung\w*|"
    r"Schulen|Kitas|(?:Ä|A)mter\w*|Personen|Mitarbeit\w*|Vertreter\w*|Familien)"
)
#: The scale word between an amount's digits and its currency: "1,15 Millionen Euro", "2 Mio. €".
_MILLIONS = r"(?:(?:Millionen|Mio\.?|Tsd\.?)\s*)?"
#: An event one attends ("an der Fachtagung teilgenommen").
EVENT = re.compile(
    r"Tagung|Fachtag|[Kk]onferenz|Sitzung|Workshop|Veranstaltung|[Tt]reffen|Auftakt|Podium|"
    r"Seminar|Fortbildung|Exkursion|Ausstellung|Empfang"
)
#: "tritt zum 01.08.2022 der Landesinitiative bei": the separable verb.
TRITT_BEI = rf"\btr(?:itt|eten|at|aten)\b{_IN_CLAUSE}{{0,120}}?\bbei\b"
#: Where a :data:`CUE` word can begin: a letter its words begin with ("d", "e", "n", "g" only
#: at a word start: "diese", "eine", "nimmt", "geförderte"), or a hyphenated compound
#: ("kinderstark-Kommune").
#: Implied by the pattern, the lookahead only spares the engine its forty words elsewhere.
_CUE_START = r"(?=[ABDFKMPTVZabfhimstuvw]|\b[deng]|\w-)"
#: A group a municipality can be a member of: "dem Arbeitskreis", "der Initiative",
#: "dem Präventionsnetzwerk" (not "dem Kreis": its towns are no members of a program).
_GROUP = (
    r"[\w-]*(?:[Aa]rbeitskreis|[Nn]etzwerk|[Vv]erbund|B(?:ü|u)ndnis|[Ii]nitiative|[Pp]rogramm|"
    r"[Pp]rojekt|[Aa]rbeitsgemeinschaft|[Vv]orhaben)\w*"
)
CUE = re.compile(
    rf"{_CUE_START}(?:"
    r"Teilnahme|teilnehm|teilnimmt|teilnahm|teilgenommen|"
    r"Teilnehmende\s+(?:Kommunen|St(?:ä|a)dte|Gemeinden|Kreise|Jugend(?:ä|a)mt)|"
    # "Teilnehmer des Modellvorhabens", "Teilnehmerkommunen"; not the people at a workshop
    r"\bTeilnehmer(?:innen)?\s+(?:des|der|am|an\s+(?:der|dem))\s+[\w-]*(?:[Vv]orhaben\w*|"
    r"[Pp]rogramm\w*|[Ii]nitiative|[Pp]rojekt\w*)|\bTeilnehmer(?:kommune|stadt|kreis)\w*|"
    r"\b(?:nimmt|nehmen|nahm|nahmen)\b.*\bteil\b|"
    # "beteiligt sich", "die beteiligten Kommunen"; not "Bürgerbeteiligung", "Beteiligung der
    # Eltern", "die beteiligten Träger"
    # nor the people "und vielen anderen Beteiligten" (but "Beteiligte Kommunen")
    rf"\b(?:beteilig|Beteilig(?!te[nr]?\b(?!\s+[A-ZÄÖÜ])))"
    rf"(?!\w*\s+(?:(?:der|des|von|den|die)\s+)?{_PEOPLE})|"
    r"Modellkommune|"
    # joining it: "Voerde und Dinslaken steigen in ein neues Angebot der „frühen Hilfen“ ein"
    rf"\bsteig(?:t|en)\s+(?:in|ins)\b{_IN_CLAUSE}{{0,120}}?\bein\b|\beingestiegen\b|"
    r"Programmkommune|[Aa]usgew(?:ä|a)hlt|[Bb]ewerbung|bewirbt|bewerben|beworben|"
    r"[Vv]erbund\w*werbung|Koordinator|angeschlossen|schlie(?:ß|ss)(?:t|en)\s+sich\b|"
    r"\bschloss(?:en)?\s+sich\b|"
    rf"[Bb]eitritt|beigetreten|beitreten|{TRITT_BEI}|aufgenommen|hinzugekommen|mitwirk|[Ff](?:ö|o)rderzusage|"
    # the grant notice: "hat heute in Essen die ersten Förderbescheide übergeben"
    r"F(?:ö|o)rderbescheid|Zuwendungsbescheid|Bewilligungsbescheid|"
    r"Pilot(?:kommune|stadt|städte)|Projektkommune|Förderstaffel|\bZuschlag\b|\bmit\s+dabei\b|"
    # "Neben A sind auch die Städte B, C dabei.", "Daneben sind acht Kreise dabei: A, B":
    # "dabei sein" closing the clause or opening its list
    rf"\b(?:ist|sind|war|waren)\b{_IN_CLAUSE}{{0,200}}?\bdabei(?=\s*[.!;:]|\s*$)|mitgewirkt|"
    # "Ebenfalls dabei sind A, B und C"
    r"\bdabei\s+(?:sind|ist|waren|war)\b(?=\s+(?:auch\s+|außerdem\s+)?(?:die\s+)?[A-ZÄÖÜ])|"
    # "macht deshalb bei einem landesweiten Projekt mit", "arbeitet in diesen Initiativen mit",
    # "will mitmachen"
    r"\b(?:mach|arbeite|wirk)(?:t|en|te|ten)\b[^.;:]{0,120}?\bmit\b"
    r"(?!\s+(?!(?:und|sowie|oder|aber)\b)\w)|\bmitmach|"
    # "kinderstark-Kommune", "KeKiz-Standort", "Modellstandort"
    r"\w-(?:Kommune|Standort|Modellkommune)(?:n|e|en)?\b|Modellstandort|"
    # members of the group: "Dem Arbeitskreis gehören Hattingen, Herdecke und Witten an",
    # "gehören seit 2019 dem Netzwerk an", "die der Initiative angehören"
    rf"\b[Dd](?:em|er)\s+(?:[\w-]+\s+){{0,2}}?{_GROUP}\s+(?:[\w-]+\s+){{0,3}}?"
    rf"geh(?:ö|o)r(?:t|en|te|ten)\b{_IN_CLAUSE}{{0,250}}?\ban\b(?=\s*[.;:!]|\s*$)|"
    rf"\bgeh(?:ö|o)r(?:t|en|te|ten)\s+(?:auch\s+|seit\s+\S+\s+)?(?:dem|der)\s+"
    rf"(?:[\w-]+\s+){{0,2}}?{_GROUP}{_IN_CLAUSE}{{0,80}}?\ban\b|"
    rf"\b(?:dem|der)\s+(?:[\w-]+\s+){{0,2}}?{_GROUP}\s+(?:[\w-]+\s+){{0,2}}?angeh(?:ö|o)r|"
    # "ist Teil der Landesinitiative", "einer von 22 Standorten", "eine von 18 Kommunen"
    r"\bTeil\s+(?:der|des|eines|einer|dieser|dieses)\s+[\w-]*(?:[Ii]nitiative|[Pp]rogramm|"
    r"[Nn]etzwerk|[Vv]orhaben|[Pp]rojekt)|"
    r"\beine[rs]?\s+(?:der|von)\s+(?:\d+|\w+)\s+(?:\w+\s+)?(?:Standort|Kommune|St(?:ä|a)dte|"
    r"Kreise|Gemeinden)|"
    # "in diesen vier der bislang 18 Kommunen": members of the program's group
    r"\bdiese[n]?\s+(?:\d+|zwei|drei|vier|f(?:ü|u)nf|sechs|sieben|acht)\s+der\s+"
    r"(?:[\w-]+\s+){0,3}?[\w-]*(?:Kommunen|St(?:ä|a)dte|Gemeinden|Kreise|Standorte)\b|"
    # "erhält vom LVR ... Fördermittel", "Fördergelder erhalten der Kreis X sowie die Städte"
    rf"\b(?:erh(?:ä|a)lt|erhalten|erhielt(?:en)?|bekomm(?:t|en))\b{_IN_CLAUSE}{{0,150}}?"
    r"(?:F(?:ö|o)rdermittel|F(?:ö|o)rdergeld|F(?:ö|o)rderung|Zuwendung|Zuschuss|Landesmittel|"
    rf"(?:diese|finanzielle)\s+Unterst(?:ü|u)tzung|\d\s*{_MILLIONS}(?:Euro\b|€|EUR\b))|"
    # "Weitere geförderte Initiativen sind in A, B und C": funded work in those towns
    r"\bgef(?:ö|o)rderte[n]?\s+(?:Initiativen|Projekte|Standorte|Kommunen|Netzwerke)\b|"
    # "nutzt die staatliche Förderung seit 2014"
    rf"\bnutz(?:t|en|te|ten)\b{_IN_CLAUSE}{{0,60}}?\bF(?:ö|o)rder(?:ung|mittel|programm)|"
    r"(?:F(?:ö|o)rdermittel|F(?:ö|o)rdergelder|Zuwendungen)\s+"
    r"(?:erh(?:ä|a)lt|erhalten|erhielt(?:en)?)\b|"
    # "Der LVR unterstützt nun die Stadt Wülfrath ... mit insgesamt 32 000 Euro"
    rf"\b(?:unterst(?:ü|u)tz|f(?:ö|o)rder)(?:t|en|te|ten)\b{_IN_CLAUSE}{{0,150}}?\bmit\s+"
    rf"(?:insgesamt\s+|rund\s+|jeweils\s+|bis\s+zu\s+)?\d[\d.,\s]*{_MILLIONS}(?:Euro|€|EUR)\b)"
)
#: Cues that speak of taking part only when the municipality's clause names the program near
#: it: a visit ("Die Ministerin besucht anlässlich von „kinderstark“ die Stadt X"), one of a
#: group ("darunter"), carrying it out, a duration ("seit sieben Jahren"), the program
#: supporting someone ("unterstützt das Landesprogramm ...").
#: The program starting in the town: "startet jetzt auch in X", "soll es in X erst jetzt
#: starten" (its subject the program, or "es" for it in a sentence naming it).
STARTS = re.compile(
    r"\bstarte(?:t|n|te|ten)\b[^.;]{0,120}?\bin\s+(?=[A-ZÄÖÜ])|"
    r"\bin\s+[A-ZÄÖÜ][^.;,]{0,60}?\bstarten\b|"
    # the town starting into the program: "sind die Stadt X ... in die Aktion „Y“ gestartet"
    r"\bin\s+(?:die|das|den)\s+[^.;]{0,80}?\bgestartet\b|"
    # "In Brilon ist das Netzwerk „Frühe Hilfen“ an den Start gegangen"
    r"\b[Ii]n\s+[A-ZÄÖÜ][^.;,]{0,120}?\ban\s+den\s+Start\s+(?:gegangen|gehen|geht)\b"
)
SUPPORTS = re.compile(r"\b(?:unterst(?:ü|u)tzt|f(?:ö|o)rdert|finanziert)\b")
_PROGRAM_CUE = re.compile(
    # "darunter" a member of a group — not "Leitungskräfte, darunter Bürgermeister X"
    rf"\bbesuch(?:t|te|ten)\b|\bzu\s+Besuch\b|\bBesuch(?:s|es)?\s+(?:im|in|bei)\s+(?=[A-ZÄÖÜ])|\bdarunter\b(?!\s+(?:die\s+|der\s+)?{ROLE})|"
    # carrying the program out: "setzt ... um", "wird in X umgesetzt", "eingerichtet", "aufgebaut"
    r"\bumgesetzt\b|\bumzusetzen\b|\bsetz(?:t|en|te|ten)\b[^.;]{0,80}?\bum\b|"
    r"\beingerichtet\b|\baufgebaut\b|\bbau(?:t|en|te|ten)\b[^.;]{0,60}?\bauf\b|"
    # its projects arising there: "sind im Zuge von „kinderstark“ auch in Bochum viele
    # Projekte entstanden"
    r"\bentstanden\b|\bentsteh(?:t|en)\b|"
    # the town starting it: "hat Gladbeck 2007 das Projekt „Frühe Hilfen“ gestartet"
    r"\bgestartet\b|"
    # coordinating it there: "die beim Kreis Höxter das Projekt „kinderstark“ koordiniert"
    r"\bkoordinier(?:t|en|te|ten)\b|"
    # funded within the program: "wird im Landesprogramm ... gefördert"; a start in the
    # town: "startet jetzt auch in X", "soll es in X erst jetzt starten"
    rf"\b(?:wird|werden|wurde|wurden)\b{_IN_CLAUSE}{{0,150}}?\bgef(?:ö|o)rdert\b|"
    r"\bseit\s+(?:nunmehr\s+|über\s+|mehr\s+als\s+|fast\s+|rund\s+)?(?:(?:\d+|zwei|drei|"
    r"vier|f(?:ü|u)nf|sechs|sieben|acht|neun|zehn|elf|zw(?:ö|o)lf|vielen|einigen|mehreren)\s+)?"
    r"Jahren\b|"
    # its existing or running there since a year: "Das Projekt „Frühe Hilfe“ besteht in
    # Mettmann seit 2013", "In Enger gibt es das Netzwerk „Frühe Hilfen“ bereits seit 2010",
    # "Das Landesprojekt „kinderstark“ läuft bereits seit Juli 2020 in X"
    r"\b(?:besteht|bestehen|gibt\s+es|l(?:ä|a)uft|laufen)\b[^.;]{0,120}?\bseit\s+"
    rf"(?:dem\s+Jahr\s+|(?i:{WRITTEN_MONTH_NAMES})\s+)?(?:19|20)\d\d\b|"
    # benefiting from it: "Die Stadt X profitiert vom Förderprogramm „kinderstark“", "stellt
    # der Stadt X Mittel aus dem Projekt „kinderstark“ zur Verfügung"
    r"\bprofitier(?:t|en|te|ten)\b|\b(?:Mittel|Gelder|Fördermittel)\s+aus\s+de[mr]\s+"
    r"(?:[\w-]*(?:[Pp]rojekt|[Pp]rogramm|[Ii]nitiative)|Landesprogramm)\b|"
    rf"{SUPPORTS.pattern}|{STARTS.pattern}"
)

#: A yes/no question ("Hat sich die Stadt beworben?") states nothing; a w-question may
#: presuppose a fact ("Wie kommt sie zu der Auffassung, dass ... in Münster wirkt?").
_QUESTION_WORD = re.compile(
    r"\b(?:[Ww]ie|[Ww]as|[Ww]ann|[Ww]arum|[Ww]eshalb|[Ww]ieso|"
    r"[Ww]o(?:bei|durch|f(?:ü|u)r|mit|rin|von|zu)?|[Ww]elche\w*|[Ww]er|[Ww]em|[Ww]en|"
    r"[Ii]nwie\w+)\b"
)

#: Any cue (those needing the program named included).
ANY_CUE = re.compile(f"{CUE.pattern}|{_PROGRAM_CUE.pattern}")


def any_cue_in(doc: DocumentText, index: int) -> re.Match[str] | None:
    """``ANY_CUE.search`` over sentence ``index``, from the (shared, memoised) searches for
    :data:`CUE` and the program cues: the leftmost of the two, :data:`CUE` on a tie, as the
    alternation would choose."""
    cue = doc.search_sentence(CUE, index)
    program_cue = doc.search_sentence(_PROGRAM_CUE, index)
    if program_cue and (cue is None or program_cue.start() < cue.start()):
        return program_cue
    return cue


#: A negated participation ("nicht beteiligt", "beteiligt sich nicht"): the sentence states none.
NEGATED = re.compile(
    r"\b(?:nicht|keine?n?)\s+(?:\w+\s+)?(?:teil|beteilig|Teilnahme|ausgew|angeschlossen|"
    r"beigetreten|bewor|bewerb|aufgenommen)|"
    r"\b(?:beteilig\w*|nimmt|nehmen|schlie(?:ß|ss)(?:t|en))\s+(?:sich\s+)?(?:\w+\s+)?nicht\b"
)

#: A modal: the clause states a possibility ("können sich bewerben"), not a participation.
_MODAL = re.compile(
    r"\b(?:kann|k(?:ö|o)nnen|k(?:ö|o)nnten?|k(?:ö|o)nne|d(?:ü|u)rfen|darf|soll|"
    r"sollen|sollte|sollten|m(?:ö|o)chte|m(?:ö|o)chten|will|wollen|wollte|wollten|"
    # intent and refusal: "prüft eine Teilnahme", "plant", "wurde abgelehnt"
    r"pr(?:ü|u)f(?:t|en)|erw(?:ä|a)g(?:t|en)|plan(?:t|en)|geplant|beabsichtig(?:t|en)|"
    r"(?:ü|u)berleg(?:t|en)|abgelehnt|abgesagt|zur(?:ü|u)ckgezogen)\b"
)


#: An infinitive of purpose ("um Familien helfen zu können", "um teilnehmen zu können"):
#: neither its modal nor its participation word is the clause's.
_PURPOSE = re.compile(r"\b[Uu]m\b[^,.;]{0,150}?\bzu\s+\w+")


#: "soll es in X erst jetzt starten": a start decided, not a possibility — with the program
#: (not a town) as subject, "soll" is no modal here.
_DECIDED_START = re.compile(
    r"\bsoll(?:en)?(?=\s+(?:es|sie|das\s+\w+)\s+in\s+[^.;,]{0,80}?\bstarten\b)"
)


#: Where what follows the cue is another clause or predicate, whose modal is not the cue's:
#: "beteiligt sich seit 2025 am Landesprogramm, weil wir … stärken möchten", "ist Teil der
#: Initiative und beabsichtigt, …".
_NEXT_CLAUSE = re.compile(
    r",\s*(?:weil|da|damit|um|wenn|obwohl|sodass|so\s+dass|denn|sondern|nachdem)\b|\s+und\s+"
)


#: A second predicate in the indicative, joined by "und": "will die Angebote verbinden und
#: nimmt am Modellprogramm teil" — the first one's modal is not its.
_AND_FINITE = re.compile(
    r"\s+und\s+(?=(?:nimmt|beteiligt|ist|gehört|macht|arbeitet|erhält|bekommt|zählt)\b)"
)


def states(clause: str, cue: re.Pattern[str]) -> bool:
    """Whether ``clause`` has the cue and no modal in the cue's own predicate (from an
    indicative joined by "und" before it to its clause end), an infinitive of purpose
    aside."""
    clause = _DECIDED_START.sub("", _PURPOSE.sub(" ", clause))
    found = cue.search(clause)
    if found is None:
        return False
    after = _NEXT_CLAUSE.search(clause, found.end())
    joined = [m.end() for m in _AND_FINITE.finditer(clause) if m.end() <= found.start()]
    start = joined[-1] if joined else 0
    return not _MODAL.search(clause[start : after.start() if after else len(clause)])


def is_yes_no_question(text: str) -> bool:
    """A question without a question word ("Hat sich die Stadt beworben?")."""
    return text.rstrip().endswith("?") and not _QUESTION_WORD.search(text)
