"""Every recorded quirk of fragments/quirks/ (and of the worlds), served from the loopback
server, and bad input: wrong types, dangling references, malformed JSON."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest

from pkgraph.harvest.client import HarvestError, OParlClient
from pkgraph.harvest.mapping import meeting_quads
from pkgraph.harvest.objects import ags_of, check_object, clean_text, is_deleted, parse_datetime
from pkgraph.harvest.walk import bodies_of, fetch_object, iter_list
from pkgraph.settings import Settings
from tests.harvest.helpers import documents, harvest, state_objects
from tests.harvest.server import DATA, OParlServer

QUIRKS = DATA / "fragments" / "quirks"
KREFELD = "https://ris.krefeld.de/webservice/oparl/v1.0/"
LEIPZIG = "https://ratsinfo.leipzig.de/bi/oparl/1.0/"
SINCE = "2021-01-01T00:00:00+01:00"


def _quirk(name: str) -> str:
    return (QUIRKS / name).read_text("utf-8")


@pytest.fixture()
def client(harvest_settings: Settings) -> Iterator[OParlClient]:
    with OParlClient(harvest_settings) as http:
        yield http


def test_a_body_served_where_the_body_list_belongs_is_taken_as_the_list(
    oparl_server: OParlServer, client: OParlClient
) -> None:
    oparl_server.rebases[KREFELD] = "krefeld/"
    system = {"id": KREFELD + "system", "type": "https://schema.oparl.org/1.0/System",
              "body": KREFELD + "body"}  # fmt: skip
    oparl_server.extra["krefeld/system"] = (200, "application/json", json.dumps(system))
    body = _quirk("krefeld-body-served-at-body-list-url.json")
    oparl_server.extra["krefeld/body"] = (200, "application/json", body)

    found, bodies = bodies_of(client, oparl_server.url("krefeld/system"))

    assert found is not None and [b["name"] for b in bodies] == ["Stadt Krefeld"]
    assert ags_of(bodies[0]) == "05114000"  # "051140000": nine digits, cut to the AGS


def test_an_empty_filtered_list_answered_with_404_is_empty(
    oparl_server: OParlServer, client: OParlClient
) -> None:
    error_body = _quirk("krefeld-404-empty-filtered-list.json")
    oparl_server.extra["krefeld/body/1/paper"] = (404, "text/html", error_body)
    url = oparl_server.url("krefeld/body/1/paper")

    assert list(iter_list(client, url, "Paper", since=SINCE)) == []
    with pytest.raises(HarvestError, match=r"krefeld/body/1/paper: list page: HTTP 404"):
        list(iter_list(client, url, "Paper"))


def test_sessionnet_paging_with_p_and_no_self_link_is_followed(
    oparl_server: OParlServer, client: OParlClient
) -> None:
    oparl_server.rebases[LEIPZIG] = "leipzig/"
    page_2 = _quirk("leipzig-papers-page-2.json")
    oparl_server.extra["leipzig/papers.asp?body=2387&p=2"] = (200, "application/json", page_2)
    last = json.dumps({"data": [], "links": {"prev": "papers.asp?body=2387&p=2"}})
    oparl_server.extra["leipzig/papers.asp?body=2387&p=3"] = (200, "application/json", last)

    pages = list(iter_list(client, oparl_server.url("leipzig/papers.asp?body=2387&p=2"), "Paper"))

    assert [len(p.objects) for p in pages] == [1, 0] and not pages[0].errors
    assert pages[1].url.endswith("papers.asp?body=2387&p=3")
    paper = pages[0].objects[0]
    assert clean_text(paper["name"]) == (
        "Konzept der Stadt Leipzig zur fairen und nachhaltigen Beschaffung (eRis: DS V/3966)"
    )


def test_a_server_that_drops_the_filter_from_next_links_gets_it_back(
    oparl_server: OParlServer, client: OParlClient
) -> None:
    first = {"data": [], "links": {"next": oparl_server.url("x/list?page=2")}}
    oparl_server.extra["x/list"] = (200, "application/json", json.dumps(first))
    oparl_server.extra["x/list?page=2"] = (200, "application/json", '{"data": []}')

    pages = list(iter_list(client, oparl_server.url("x/list"), "Paper", since=SINCE))

    assert len(pages) == 2 and "modified_since=" in pages[1].url


def test_raw_control_characters_in_json_strings_are_read(
    oparl_server: OParlServer, client: OParlClient
) -> None:
    broken = _quirk("braunschweig-paper-1664.broken-json")
    oparl_server.extra["bs/paper"] = (200, "application/json", broken)
    oparl_server.extra["bs/cut"] = (200, "application/json", broken[:200])

    paper = fetch_object(client, oparl_server.url("bs/paper"), "Paper")
    assert clean_text(paper["name"]).startswith("Volkshochschule Braunschweig e. V. Umwandlung")
    with pytest.raises(HarvestError, match=r"bs/cut: malformed JSON"):
        fetch_object(client, oparl_server.url("bs/cut"))


def test_tombstones_without_type_and_broken_offsets_are_accepted() -> None:
    tombstone = json.loads(_quirk("krefeld-file-2-19309-deleted-without-type.json"))
    assert is_deleted(check_object(tombstone, "test", "File"))
    body = json.loads(_quirk("bonn-body-2019.json"))
    term = body["legislativeTerm"][0]
    assert parse_datetime(term["startDate"]) == dt.datetime(
        1971, 5, 4, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert check_object(body, "test", "Body") is body


def test_an_auxiliary_file_sent_as_one_object_is_mapped(harvest_settings: Settings) -> None:
    from pkgraph.graph.iris import IriScheme

    meeting = check_object(json.loads(_quirk("bonn-meeting-664-auxiliaryFile-object.json")), "t")
    quads = meeting_quads(meeting, IriScheme.from_settings(harvest_settings))
    files = {q.object.value for q in quads if q.predicate.value.endswith("auxiliaryFile")}
    assert files == {"https://www.bonn.sitzung-online.de/public/oparl/files?id=268781&dtyp=134"}


def test_a_wrongly_typed_object_is_reported_by_name_and_retried_once_fixed(
    oparl_server: OParlServer, harvest_settings: Settings
) -> None:
    paper_id = "huertgenwald/body/1/paper/2835"
    entry = oparl_server.world.manifest["objects"][paper_id]
    good = oparl_server.world.resolve(entry["file"], entry["pointer"])
    oparl_server.patch(paper_id, {**good, "consultation": 5})

    report = harvest(oparl_server, "huertgenwald", harvest_settings)

    assert report.complete and report.stored["Paper"] == 25
    assert (
        oparl_server.url(paper_id),
        "field 'consultation': expected a list, got a number",
    ) in report.failures
    oparl_server.world.patches.clear()  # the server fixes it (without a new 'modified')
    again = harvest(oparl_server, "huertgenwald", harvest_settings)
    assert again.stored == {"Paper": 1} and oparl_server.url(paper_id) in documents(
        harvest_settings
    )


def test_a_dangling_reference_is_reported_and_the_run_goes_on(
    oparl_server: OParlServer, harvest_settings: Settings
) -> None:
    meeting_id = "huertgenwald/body/1/meeting/805"
    entry = oparl_server.world.manifest["objects"][meeting_id]
    meeting = oparl_server.world.resolve(entry["file"], entry["pointer"])
    missing = "http://oparl.test/huertgenwald/body/1/organization/9-99"
    broken = "http://oparl.test/huertgenwald/body/1/organization/9-98"
    oparl_server.extra["huertgenwald/body/1/organization/9-98"] = (200, "application/json", "{")
    oparl_server.patch(
        meeting_id, {**meeting, "organization": [*meeting["organization"], missing, broken]}
    )

    report = harvest(oparl_server, "huertgenwald", harvest_settings)

    failures = dict(report.failures)
    origin = f"dangling reference from {oparl_server.url(meeting_id)}"
    assert failures[oparl_server.url("huertgenwald/body/1/organization/9-99")] == (
        f"{origin}: HTTP 404"
    )
    assert failures[oparl_server.url("huertgenwald/body/1/organization/9-98")].startswith(
        f"{origin}: malformed JSON"
    )
    assert report.complete and report.stored["Meeting"] == 5
    assert len([k for k, (t, _) in state_objects(harvest_settings).items() if t == "Paper"]) == 26


def test_the_ags_of_real_bodies_finds_their_municipality() -> None:
    """29 recorded Body objects (Meine Stadt Transparent's test data): seven-digit AGS of
    SD.NET, Krefeld's nine digits, twelve-digit RGS; outside NRW or without a key: none."""
    from pkgraph.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    linked = {}
    for path in sorted((DATA / "fragments" / "mst" / "bodies").glob("*.json")):
        body = json.loads(path.read_text("utf-8"))
        ags = ags_of(body)
        entry = gazetteer.by_ags(ags) if ags else None
        if entry is not None:
            linked[path.stem] = entry.name
            assert entry.name.split()[-1] in body["name"], path.name
    assert len(linked) == 24
    assert linked["gemeinde-huertgenwald"] == "Hürtgenwald"
    assert linked["stadt-krefeld"] == "Krefeld" and linked["gemeinde-schwalmtal"] == "Schwalmtal"
