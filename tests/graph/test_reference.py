from __future__ import annotations

from pkgraph.extract.program_catalogue import PROGRAM_CATALOGUE
from pkgraph.gazetteer import load_gazetteer
from pkgraph.graph.reference import gazetteer_quads, program_catalogue_quads
from tests.graph.test_model import IRIS, in_memory, select


def test_gazetteer_graph_has_every_municipality_with_its_kreis() -> None:
    gazetteer = load_gazetteer()
    store = in_memory(gazetteer_quads(gazetteer, IRIS))
    rows = select(store, "SELECT ?m ?ags WHERE { ?m a pk:Municipality ; pk:ags ?ags }")
    assert len(rows) == len(gazetteer)
    assert all(row["m"] == IRIS.municipality(row["ags"]).value for row in rows)
    (bergkamen,) = select(
        store,
        """SELECT ?kreis ?label WHERE { ?m pk:ags "05978004" ; pk:inKreis ?k .
            ?k skos:prefLabel ?label ; a pk:Kreis . BIND(?k AS ?kreis) }""",
    )
    assert bergkamen["label"] == "Kreis Unna"
    licences = select(store, "SELECT ?l WHERE { ?g dcterms:license ?l }")
    assert licences


def test_program_catalogue_records_renames_and_aliases() -> None:
    store = in_memory(program_catalogue_quads(PROGRAM_CATALOGUE, IRIS))
    assert {q.graph_name for q in store} == {IRIS.programs_graph}
    programs = select(store, "SELECT ?p WHERE { ?p a pk:Program }")
    assert len(programs) == len(PROGRAM_CATALOGUE)
    renamed = {entry.key: entry.successor_of for entry in PROGRAM_CATALOGUE if entry.successor_of}
    rows = select(store, "SELECT ?new ?old WHERE { ?new pk:successorOf ?old }")
    assert {(row["new"], row["old"]) for row in rows} == {
        (IRIS.program(new).value, IRIS.program(old).value) for new, old in renamed.items()
    }
    aliases = select(store, "SELECT ?a WHERE { ?p skos:altLabel ?a }")
    assert len(aliases) == sum(len(set(entry.aliases)) for entry in PROGRAM_CATALOGUE)
