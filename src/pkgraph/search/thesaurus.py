"""How council documents say what a question asks: related words of the genre.

A question asks "Wie ging die Abstimmung aus?", the minutes say "Einstimmig zugestimmt."; a
question asks who "darf beantragen", the program page says "antragsberechtigt sind". Neither a
stemmer nor compound splitting relates these. The table below holds such relations of German
council, funding and program language (not of any one document); a query word found in it adds
its related stems to the words channel at a lower weight (``pkgraph.search.lexical``).
"""

from __future__ import annotations

from functools import cache

#: query word (any inflection: matched by stem) -> words documents use for the same thing
RELATED: dict[str, tuple[str, ...]] = {
    # votes and decisions
    "abstimmung": ("einstimmig", "enthaltung", "gegenstimmen", "zugestimmt", "mehrheitlich"),
    "abgestimmt": ("einstimmig", "enthaltung", "gegenstimmen", "zugestimmt", "mehrheitlich"),
    "stimmergebnis": ("einstimmig", "enthaltung", "gegenstimmen", "zugestimmt", "mehrheitlich"),
    "mehrheit": ("einstimmig", "mehrheitlich", "enthaltung", "gegenstimmen"),
    "vorschlagen": ("empfiehlt", "empfehlung", "beschlussvorschlag", "beschließen"),
    "schlägt": ("empfiehlt", "empfehlung", "beschlussvorschlag"),
    "empfehlen": ("beschlussvorschlag", "vorschlag", "beschließen"),
    "entschieden": ("beschlossen", "beschluss", "zugestimmt"),
    "entscheiden": ("beschließen", "beschluss", "zustimmen"),
    "zugestimmt": ("beschlossen", "einstimmig", "zustimmung"),
    "beraten": ("beratung", "sitzung", "tagesordnung", "kenntnis"),
    # applying and eligibility
    "beantragen": ("antragsberechtigt", "antragstellung", "anträge", "förderfähig"),
    "antrag": ("antragsberechtigt", "antragstellung", "förderaufruf", "bewerbung"),
    "bewerben": ("bewerbung", "aufruf", "interessenbekundung", "teilnahme"),
    "beworben": ("bewerbung", "aufruf", "interessenbekundung", "teilnahme"),
    "interesse": ("interessiert", "interessenbekundung", "bewerbung"),
    "frist": ("bis", "spätestens", "einzureichen", "stichtag"),
    # taking part
    "teilnehmen": ("beteiligt", "aufgenommen", "mitglied", "teilnahme", "dabei"),
    "teilnehmer": ("beteiligt", "aufgenommen", "teilnehmende", "modellkommunen"),
    "beteiligen": ("teilnahme", "teilnehmen", "aufgenommen", "mitmachen"),
    "ausgewählt": ("zuschlag", "aufgenommen", "modellkommunen", "auswahl"),
    "hinzu": ("aufgenommen", "neuen", "dazugekommen", "erweitert"),
    # money
    "geld": ("euro", "mittel", "förderung", "zuwendung", "finanzierung"),
    "zuschuss": ("euro", "förderung", "zuwendung", "förderbetrag"),
    "betrag": ("euro", "höhe", "förderbetrag"),
    "kosten": ("euro", "haushalt", "finanzierung", "aufwand"),
    "finanziert": ("förderung", "mittel", "finanzierung", "euro"),
    "budget": ("euro", "millionen", "haushalt", "mittel"),
    # people and organisations
    "zuständig": ("koordinatorin", "koordinator", "koordination", "leitung", "ansprechpartnerin"),
    "leitet": ("leitung", "leiterin", "leiter", "koordination"),
    "zusammenschluss": ("netzwerk", "arbeitskreis", "verbund", "arbeitsgemeinschaft"),
    "hochschule": ("universität", "fachhochschule", "institut", "wissenschaftlich"),
    "evaluieren": ("evaluation", "evaluiert", "wissenschaftliche", "begleitung"),
    # time and age
    "alter": ("jahren", "jährige", "altersgruppe", "lebensjahr"),
    "altersgruppe": ("jahren", "jährige", "lebensjahr"),
    "zeitraum": ("laufzeit", "bis", "jahre", "angelegt"),
    "lange": ("laufzeit", "jahre", "angelegt", "befristet"),
    "termin": ("datum", "uhr", "eingeladen", "findet"),
    # aims and groups
    "ziel": ("ziele", "zielgruppe", "soll", "sollen"),
    "zielgruppe": ("richtet", "junge", "familien", "kinder"),
}


@cache
def _related_stems() -> dict[str, tuple[str, ...]]:
    """The table keyed by stem, each value the stems of the related words (own stems dropped)."""
    from pkgraph.search.analysis import analyze

    table: dict[str, tuple[str, ...]] = {}
    for word, related in RELATED.items():
        for key in analyze(word, split_compounds=False):
            own = set(analyze(word))
            stems = {s for r in related for s in analyze(r, split_compounds=False)} - own
            table[key] = tuple(sorted(set(table.get(key, ())) | stems))
    return table


def related_stems(tokens: list[str]) -> list[str]:
    """Stems related to the query's ``tokens`` that the query does not already have."""
    table = _related_stems()
    present = set(tokens)
    out: list[str] = []
    for token in tokens:
        for stem in table.get(token, ()):
            if stem not in present:
                present.add(stem)
                out.append(stem)
    return out
