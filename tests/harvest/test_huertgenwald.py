"""The recorded Hürtgenwald system (OParl 1.0, SD.NET): full walk, incremental runs, deletions,
``--match``, ``--max-papers``; every test against the loopback server."""

from __future__ import annotations

import datetime as dt
from urllib.parse import unquote

from pkgraph.harvest.run import SINCE_OVERLAP
from pkgraph.ingest.identity import doc_id_for
from pkgraph.search.index import SearchIndex
from pkgraph.settings import Settings
from tests.harvest.helpers import documents, harvest, quads, select, snapshot, state_objects
from tests.harvest.server import OParlServer

BODY = "huertgenwald/body/1"
PREVENTION_PAPER = f"{BODY}/paper/2512"  # "Kreisweite Präventionskonferenz ... Gut aufwachsen"


def _later() -> str:
    """A ``modified`` after any run of the test: the server changed the object just now."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()


def test_the_full_walk_stores_every_object_and_a_document_per_paper(
    oparl_server: OParlServer, harvest_settings: Settings
) -> None:
    report = harvest(oparl_server, "huertgenwald", harvest_settings)

    assert report.complete
    assert dict(report.stored) == {
        "System": 1, "Body": 1, "Organization": 22, "Person": 49, "Meeting": 5, "Paper": 26
    }  # fmt: skip
    assert (report.tombstones, report.deleted) == (5, 0)  # listed tombstones of unknown objects
    assert report.documents == {"added": 26}
    # The PDFs were not recorded: every file is a reported failure naming the File, and the
    # run says so in its exit status; the papers still became documents from their records.
    assert report.failures and not report.ok
    assert all("/file/" in url and "not available" in why for url, why in report.failures)
    papers = {k for k, (kind, _) in state_objects(harvest_settings).items() if kind == "Paper"}
    assert len(papers) == 26 and set(documents(harvest_settings)) == papers  # source = paper IRI


def test_the_prevention_paper_its_consultation_and_meeting_are_in_the_graph(
    oparl_server: OParlServer, harvest_settings: Settings
) -> None:
    harvest(oparl_server, "huertgenwald", harvest_settings)
    paper = oparl_server.url(PREVENTION_PAPER)
    rows = select(
        harvest_settings,
        f"""SELECT DISTINCT ?doc ?title ?reference ?type ?meetingName ?day ?number ?result ?orgName
        WHERE {{
          ?doc a pk:Document ; prov:wasDerivedFrom <{paper}> ; dcterms:title ?title ;
               pk:reference ?reference ; pk:documentType ?type ;
               dcterms:source "{paper}" .
          <{paper}> a oparl:Paper ; oparl:consultation ?consultation .
          ?consultation oparl:paper <{paper}> ; oparl:meeting ?meeting ;
               oparl:organization ?org ; oparl:agendaItem ?item .
          ?meeting a pk:Meeting ; schema:name ?meetingName ; schema:startDate ?day ;
               oparl:agendaItem ?item .
          ?item oparl:number ?number ; oparl:result ?result ; oparl:consultation ?consultation .
          ?org a pk:Council ; skos:prefLabel ?orgName .
        }}""",
    )
    assert len(rows) == 1
    row = rows[0]
    assert str(row["title"]).startswith("Kreisweite Präventionskonferenz des Kreises Düren")
    assert '"Gut aufwachsen im Kreis Düren". Verantwortung' in str(row["title"])  # no line breaks
    assert (row["reference"], row["type"]) == ("137/2015", "Beschlussvorlage")
    assert (row["meetingName"], row["day"], row["number"]) == (
        "Gemeinderat (12. Sitzung)", "2015-10-22", "3."
    )  # fmt: skip
    assert row["result"] == "einstimmig, 0 Enthaltungen."
    assert row["orgName"] == "Gemeinderat"
    # SD.NET sends the AGS as "5358016" (leading zero lost): linked to the gazetteer anyway,
    # and the body's municipality issued the paper's document.
    (body,) = select(
        harvest_settings,
        f"SELECT ?m WHERE {{ <{oparl_server.url(BODY)}> pk:municipality ?m . "
        f"<{row['doc']}> pk:issuedBy ?m }}",
    )
    assert str(body["m"]).endswith("/id/municipality/05358016")


def test_persons_carry_their_memberships_with_roles_and_dates(
    oparl_server: OParlServer, harvest_settings: Settings
) -> None:
    harvest(oparl_server, "huertgenwald", harvest_settings)
    membership = oparl_server.url(f"{BODY}/membership/50-1-8-13")  # an id that is no integer
    (row,) = select(
        harvest_settings,
        f"""SELECT ?name ?org ?role ?start ?end WHERE {{
          <{membership}> a oparl:Membership ; org:member ?person ; org:organization ?o ;
              oparl:role ?role ; oparl:startDate ?start ; oparl:endDate ?end .
          ?person foaf:name ?name . ?o skos:prefLabel ?org }}""",
    )
    assert row == {
        "name": "Herr Peter Huppertz",
        "org": "Gemeinderat",
        "role": "Mitglied",
        "start": "2002-05-16",
        "end": "2009-10-20",
    }


def test_a_second_run_asks_only_for_changes_and_changes_nothing(
    oparl_server: OParlServer, harvest_settings: Settings
) -> None:
    first = harvest(oparl_server, "huertgenwald", harvest_settings)
    before = snapshot(harvest_settings)
    oparl_server.log.clear()

    second = harvest(oparl_server, "huertgenwald", harvest_settings)

    asked_from = dt.datetime.fromisoformat(first.started) - SINCE_OVERLAP
    assert second.since == asked_from.isoformat() and second.complete and second.ok
    assert not second.stored and second.documents == {} and second.deleted == 0
    assert snapshot(harvest_settings) == before
    list_requests = [k for k in oparl_server.log if "?" in k and k.startswith(BODY + "/")]
    assert len(list_requests) == 4  # one (empty) filtered page per list
    for request in list_requests:  # the offset travels encoded: "+" would arrive as a space
        assert "modified_since=" in request and "%2B00%3A00" in request
        assert unquote(request.split("modified_since=")[1]) == second.since


def test_changed_papers_are_replaced_and_deleted_ones_removed_everywhere(
    oparl_server: OParlServer, harvest_settings: Settings
) -> None:
    harvest(oparl_server, "huertgenwald", harvest_settings, with_index=True)
    paper = oparl_server.url(PREVENTION_PAPER)
    changed_id = f"{BODY}/paper/2835"
    changed = oparl_server.world.resolve(
        *oparl_server.world.manifest["objects"][changed_id].values()
    )
    oparl_server.patch(
        changed_id, {**changed, "name": "Präventionskonferenz 2017", "modified": _later()}
    )
    oparl_server.delete(PREVENTION_PAPER, _later())  # SD.NET tombstone: no type

    report = harvest(oparl_server, "huertgenwald", harvest_settings, with_index=True)

    assert report.complete  # (the changed paper's files are missing: reported)
    assert report.stored == {"Paper": 1} and (report.tombstones, report.deleted) == (1, 1)
    assert report.documents == {"replaced": 1, "removed": 1}
    stored = documents(harvest_settings)
    assert paper not in stored and oparl_server.url(changed_id) in stored
    assert not [q for q in quads(harvest_settings) if paper in q]  # graph: paper and document
    assert paper not in state_objects(harvest_settings)
    source = oparl_server.url(changed_id)
    (title,) = select(
        harvest_settings, f'SELECT ?t WHERE {{ ?d dcterms:source "{source}"; dcterms:title ?t }}'
    )
    assert title["t"] == "Präventionskonferenz 2017"
    with SearchIndex.open(harvest_settings) as index:
        assert not index.passage_ids(doc_id_for(paper))
        assert index.passage_ids(doc_id_for(oparl_server.url(changed_id)))


def test_match_limits_the_documents_not_the_oparl_facts(
    oparl_server: OParlServer, harvest_settings: Settings
) -> None:
    report = harvest(
        oparl_server, "huertgenwald", harvest_settings, match="Präventionskette|präventionskonf"
    )

    assert report.stored["Paper"] == 26  # every paper's OParl facts
    assert set(documents(harvest_settings)) == {
        oparl_server.url(PREVENTION_PAPER),
        oparl_server.url(f"{BODY}/paper/2835"),
    }


def test_max_papers_stops_early_and_the_next_run_completes_without_duplicates(
    oparl_server: OParlServer, harvest_settings: Settings
) -> None:
    trial = harvest(oparl_server, "huertgenwald", harvest_settings, max_papers=4)
    assert not trial.complete and trial.stored["Paper"] == 4
    assert len(documents(harvest_settings)) == 4

    rest = harvest(oparl_server, "huertgenwald", harvest_settings)

    assert rest.since is None  # an incomplete run does not move the incremental point
    assert rest.complete and rest.stored["Paper"] == 22 and rest.unchanged >= 4
    assert len(documents(harvest_settings)) == 26


def test_every_pkgraph_term_the_harvest_writes_is_declared_and_the_graph_conforms(
    oparl_server: OParlServer, harvest_settings: Settings
) -> None:
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF

    from pkgraph.graph.validate import validate_store
    from pkgraph.graph.vocab import PK
    from pkgraph.settings import ONTOLOGY_FILE

    harvest(oparl_server, "huertgenwald", harvest_settings)
    ontology = Graph().parse(ONTOLOGY_FILE)
    used = {
        str(row["t"])
        for row in select(
            harvest_settings,
            "SELECT DISTINCT ?t WHERE { GRAPH ?g { { ?s ?t ?o } UNION { ?s a ?t } } "
            f'FILTER (STRSTARTS(STR(?g), "{harvest_settings.base_iri}graph/oparl/")) }}',
        )
    }
    pk_terms = {t for t in used if t.startswith(PK)}
    assert {PK + "municipality", PK + "Meeting", PK + "Council"} <= pk_terms
    assert {t for t in pk_terms if not set(ontology.objects(URIRef(t), RDF.type))} == set()
    report = validate_store(harvest_settings)
    assert report.conforms, report.text
