"""The recorded fragments of Bonn (ALLRIS, OParl 1.1) and Wuppertal (SOMACOS, OParl 1.0),
each harvested as a small system of its own: the real objects behind a synthesized System/list
where the recording has none."""

from __future__ import annotations

import json

from pkgraph.harvest import HarvestOptions, HarvestReport, harvest_oparl
from pkgraph.settings import Settings
from tests.harvest.helpers import select
from tests.harvest.server import DATA, OParlServer

FRAGMENTS = DATA / "fragments"
BONN = "https://www.bonn.sitzung-online.de/public/oparl/"
WUPPERTAL = "http://oparl.wuppertal.de/oparl/"
EMPTY = json.dumps({"data": [], "links": {}})


def _json(value: object) -> tuple[int, str, str]:
    return 200, "application/json", value if isinstance(value, str) else json.dumps(value)


def _harvest(server: OParlServer, rel: str, settings: Settings) -> HarvestReport:
    options = HarvestOptions(server.url(rel), with_index=False)
    return harvest_oparl(options, settings, progress=lambda _m: None)


def test_bonn_allris_papers_with_query_string_ids(
    oparl_server: OParlServer, harvest_settings: Settings
) -> None:
    oparl_server.rebases[BONN] = "bonn/"
    oparl_server.rebases["https://www.bonn.sitzung-online.de/public/"] = "bonn-web/"
    system = {"id": BONN + "system", "type": "https://schema.oparl.org/1.1/System",
              "body": BONN + "bodies"}  # fmt: skip
    body = json.loads((FRAGMENTS / "quirks" / "bonn-body-2019.json").read_text("utf-8"))
    papers = (FRAGMENTS / "bonn" / "papers_all_third_page.json").read_text("utf-8")
    oparl_server.extra.update(
        {
            "bonn/system": _json(system),
            "bonn/bodies": _json({"data": [body], "links": {}}),
            "bonn/organizations?body=1": _json(EMPTY),
            "bonn/persons?body=1": _json(EMPTY),
            "bonn/meetings?body=1": _json(EMPTY),
            "bonn/papers?body=1": _json(papers),  # page 3 of 1,019, with prev/next
            "bonn/papers?page=4": _json(EMPTY),
        }
    )

    report = _harvest(oparl_server, "bonn/system", harvest_settings)

    assert report.complete and report.stored["Paper"] == 20
    paper = oparl_server.url("bonn/papers?id=2022914")
    (row,) = select(
        harvest_settings,
        f"""SELECT ?role ?authoritative ?modified WHERE {{
          <{paper}> oparl:consultation ?c . ?c oparl:role ?role ;
              oparl:authoritative ?authoritative .
          <{oparl_server.url("bonn/bodies?id=1")}> dcterms:modified ?modified }}""",
    )
    assert row == {"role": "Entscheidung", "authoritative": 1, "modified": row["modified"]}
    assert str(row["modified"]).startswith("2019-12-15T05:01:23+01:00")  # sent as "+01::00"
    failures = dict(report.failures)
    organization = oparl_server.url("bonn/organizations?typ=gr&id=352")
    assert failures[organization].endswith(": HTTP 404")
    assert failures[organization].startswith("dangling reference from ")
    main_file = oparl_server.url("bonn/files?id=2976115&dtyp=130")
    assert failures[main_file] == "file content not available (accessUrl: HTTP 404)"


def test_wuppertal_meeting_with_organizations_the_server_did_not_deliver(
    oparl_server: OParlServer, harvest_settings: Settings
) -> None:
    oparl_server.rebases[WUPPERTAL] = "wuppertal/"
    text = {name: (FRAGMENTS / "wuppertal" / f"{name}.json").read_text("utf-8")
            for name in ("system", "body", "meeting")}  # fmt: skip
    oparl_server.extra.update(
        {
            "wuppertal/system": _json(text["system"]),
            "wuppertal/bodies": _json(f'{{"data": [{text["body"]}]}}'),
            "wuppertal/bodies/0001/organizations": _json(EMPTY),
            "wuppertal/bodies/0001/people": _json(EMPTY),
            "wuppertal/bodies/0001/papers": _json(EMPTY),
            "wuppertal/bodies/0001/meetings": _json(f'{{"data": [{text["meeting"]}]}}'),
        }
    )

    report = _harvest(oparl_server, "wuppertal/system", harvest_settings)

    assert report.complete and report.stored["Meeting"] == 1
    meeting = oparl_server.url("wuppertal/bodies/0001/meetings/19160")
    dangling = {
        url for url, why in report.failures if why.startswith(f"dangling reference from {meeting}")
    }
    assert dangling == {
        oparl_server.url("wuppertal/bodies/0001/organizations/gr/230"),
        oparl_server.url("wuppertal/bodies/0001/organizations/gr/231"),
    }
    (row,) = select(
        harvest_settings,
        f"SELECT ?name ?day WHERE {{ <{meeting}> schema:name ?name ; schema:startDate ?day }}",
    )
    assert row == {"name": "SI/0507/20", "day": "2020-09-29"}
