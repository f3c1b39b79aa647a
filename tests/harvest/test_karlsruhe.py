"""The archived Karlsruhe system (OParl 1.1, SOMACOS) with extracted file texts: documents from
files, the search index, decisions linked to consultations, an OParl 1.1 deletion, ``--match``
on file text, SHACL. One full harvest (with the search index) is shared by the module."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from pkgraph.graph.validate import validate_store
from pkgraph.harvest import HarvestReport
from pkgraph.ingest.identity import doc_id_for
from pkgraph.search.index import SearchIndex
from pkgraph.settings import Settings
from tests.harvest.helpers import documents, harvest, select, snapshot
from tests.harvest.server import OParlServer, serve

BODY = "karlsruhe/bodies/0001"
LATEST = f"{BODY}/papers/vo/51891"  # 2025/0438 "Leitlinien gegen Kinderarmut – 3. Fortschreibung"


@pytest.fixture(scope="module")
def server() -> Iterator[OParlServer]:
    yield from serve()


@pytest.fixture(scope="module")
def harvested(
    server: OParlServer, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Settings, HarvestReport]:
    settings = Settings.from_env(
        data_dir=tmp_path_factory.mktemp("karlsruhe") / "data",
        harvest_rate=0.0,
        harvest_retries=1,
        harvest_backoff_s=0.01,
    )
    return settings, harvest(server, "karlsruhe", settings, with_index=True)


def _copy(settings: Settings, tmp_path: Path) -> Settings:
    target = tmp_path / "copy"
    shutil.copytree(settings.data_dir, target)
    return replace(settings, data_dir=target)


def test_every_list_is_walked_and_every_readable_file_is_a_document(
    harvested: tuple[Settings, HarvestReport], server: OParlServer
) -> None:
    settings, report = harvested
    assert report.complete
    assert dict(report.stored) == {
        "System": 1, "Body": 1, "Organization": 97, "Meeting": 19, "Paper": 14
    }  # fmt: skip
    assert report.files_fetched == 33  # 36 recorded texts, 3 of them empty
    assert (
        sorted(why for _, why in report.failures if "no text content" in why)
        == ["accessUrl: no text content"] * 3
    )
    stored = documents(settings)
    assert len(stored) == 14 + 33
    file_docs = [s for s in stored if "/files/" in s]
    assert len(file_docs) == 33
    (row,) = select(
        settings,
        f"""SELECT DISTINCT ?paper ?format ?title WHERE {{
          ?doc dcterms:source "{server.url(f"{BODY}/files/27964")}" ; pk:format ?format ;
               dcterms:title ?title ;
               prov:wasDerivedFrom <{server.url(f"{BODY}/files/27964")}> ; oparl:paper ?paper .
          ?paper oparl:auxiliaryFile <{server.url(f"{BODY}/files/27964")}> }}""",
    )
    # The File says application/pdf; the server sends text/plain: read as text.
    assert row["format"] == "txt"
    assert row["paper"] == server.url(f"{BODY}/papers/vo/21140")
    assert row["title"] == "Umsetzung des Jugendhilfeplans Frühe Prävention – Frühe Prävention"
    with SearchIndex.open(settings) as index:
        assert all(index.passage_ids(doc_id_for(source)) for source in stored)


def test_decisions_read_from_text_are_linked_to_consultation_and_meeting(
    harvested: tuple[Settings, HarvestReport], server: OParlServer
) -> None:
    settings, _ = harvested
    rows = select(
        settings,
        """SELECT DISTINCT ?decision ?day ?meetingDay WHERE {
          ?decision a pk:Decision ; pk:atConsultation ?c ; pk:atMeeting ?m ; pk:inDocument ?doc .
          ?c oparl:meeting ?m . ?m schema:startDate ?meetingDay .
          ?doc prov:wasDerivedFrom ?source . ?paper oparl:consultation ?c .
          FILTER (?source = ?paper || EXISTS { ?paper oparl:auxiliaryFile|oparl:mainFile ?source })
          OPTIONAL { ?decision dcterms:date ?day } }""",
    )
    assert len(rows) >= 5
    assert all(row["day"] in (None, row["meetingDay"]) for row in rows)
    assert any(row["day"] == "2008-10-21" for row in rows)  # Gemeinderat, Frühe Prävention


def test_the_graph_conforms_to_the_shapes(harvested: tuple[Settings, HarvestReport]) -> None:
    report = validate_store(harvested[0])
    assert report.conforms, report.text


def test_a_second_run_changes_nothing(
    harvested: tuple[Settings, HarvestReport], server: OParlServer, tmp_path: Path
) -> None:
    settings = _copy(harvested[0], tmp_path)
    before = snapshot(settings)
    again = harvest(server, "karlsruhe", settings, with_index=True)
    assert again.complete and again.ok and not again.stored and not again.documents
    assert snapshot(settings) == before


def test_a_deleted_paper_leaves_every_store(
    harvested: tuple[Settings, HarvestReport], server: OParlServer, tmp_path: Path
) -> None:
    settings = _copy(harvested[0], tmp_path)
    paper = server.url(LATEST)
    sources = [s for s in documents(settings) if s == paper or s in _files_of(settings, paper)]
    assert len(sources) >= 2  # the paper record and its attachments' texts
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()
    server.delete(LATEST, later, with_type=True)  # OParl 1.1: only filtered lists show it
    try:
        report = harvest(server, "karlsruhe", settings, with_index=True)
    finally:
        server.world.patches.clear()
    assert (report.deleted, report.documents["removed"]) == (1, len(sources))
    assert not set(sources) & set(documents(settings))
    assert not select(settings, f"SELECT ?p ?o WHERE {{ <{paper}> ?p ?o }}")
    with SearchIndex.open(settings) as index:
        assert not any(index.passage_ids(doc_id_for(source)) for source in sources)


def _files_of(settings: Settings, paper: str) -> set[str]:
    rows = select(
        settings, f"SELECT ?f WHERE {{ <{paper}> oparl:mainFile|oparl:auxiliaryFile ?f }}"
    )
    return {str(row["f"]) for row in rows}


def test_match_reads_file_texts_to_decide(server: OParlServer, harvest_settings: Settings) -> None:
    """ "Sozialpass" is in no paper's name, only in the text of 2019/0888's attachment."""
    report = harvest(server, "karlsruhe", harvest_settings, match="sozialpass")
    assert report.stored["Paper"] == 14
    papers = {
        row["p"]
        for row in select(
            harvest_settings, "SELECT DISTINCT ?p WHERE { ?d a pk:Document ; oparl:paper ?p }"
        )
    }
    assert papers == {server.url(f"{BODY}/papers/vo/37782")}
    (reference,) = select(
        harvest_settings, f"SELECT ?r WHERE {{ <{next(iter(papers))}> oparl:reference ?r }}"
    )
    assert reference["r"] == "2019/0888"
