"""Network build and export times on synthetic graphs of 1k and 10k documents.

Each synthetic document holds what a council paper about a prevention program typically yields:
three participations, one joint application of 3–6 municipalities of one Kreis, one grant and
one decision, written through the real graph model into a real on-disk store. Each of the 8
programs runs in a fixed share of the Kreise (about 45 municipalities each, the size of "Kein
Kind zurücklassen!" or "Kommunale Präventionsketten"). Prints seconds per
network and export format. Run: ``.venv/bin/python benchmarks/bench_network.py [N ...]``.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

import networkx as nx

from pkgraph.gazetteer import load_gazetteer
from pkgraph.graph.descriptions import bulk_quads
from pkgraph.graph.iris import IriScheme
from pkgraph.graph.model import document_quads
from pkgraph.graph.store import GraphStore
from pkgraph.network import (
    NETWORK_BUILDERS,
    ego_network,
    network_from_source,
    write_network,
)
from pkgraph.records import (
    Decision,
    Document,
    DocumentMetadata,
    Evidence,
    Extraction,
    Funding,
    JointApplication,
    Participation,
    Passage,
    RepairedText,
)
from pkgraph.settings import Settings

PROGRAMS = [f"program-{n}" for n in range(8)]
TEXT = "Der Rat beschließt die Teilnahme am Programm. " * 20
T = TypeVar("T")


def synthetic_document(number: int, rng: random.Random) -> tuple[Document, Extraction]:
    """One document with participations, a joint application, a grant and a decision."""
    gazetteer = load_gazetteer()
    kreise = [m for m in gazetteer if m.is_kreis]
    kreis = rng.choice(kreise)
    members = gazetteer.members(kreis.ags) or [kreis]
    doc_id = f"{number:016x}"
    evidence = Evidence(0, 40, TEXT[:40], "bench", 0.9)
    passage = Passage(doc_id, 0, 0, len(TEXT), TEXT, TEXT)
    program = PROGRAMS[kreise.index(kreis) % len(PROGRAMS)]  # programs run in some Kreise
    participants = rng.sample(members, min(3, len(members)))
    applicants = rng.sample(members, min(rng.randint(3, 6), len(members)))
    document = Document(
        doc_id=doc_id,
        source=f"/bench/{doc_id}.txt",
        format="txt",
        content_hash=doc_id,
        repaired=RepairedText(TEXT, TEXT, tuple(range(len(TEXT) + 1))),
        metadata=DocumentMetadata(title=f"Vorlage {number}", date="2019-01-01"),
        passages=(passage,),
    )
    year = rng.randint(2012, 2024)
    extraction = Extraction(
        doc_id=doc_id,
        participations=tuple(
            Participation(m.ags, m.name, program, program, str(year), evidence)
            for m in participants
        ),
        joint_applications=(
            JointApplication(
                tuple(m.ags for m in applicants),
                tuple(m.name for m in applicants),
                program,
                None,
                evidence,
            ),
        ),
        funding=(
            Funding(
                float(rng.randint(10, 500) * 1000),
                "Betrag",
                "Land NRW",
                "land-nrw",
                kreis.name,
                f"ags:{kreis.ags}",
                year,
                None,
                None,
                None,
                program,
                evidence,
            ),
        ),
        decisions=(
            Decision(
                f"Rat ({kreis.name})",
                f"rat-{kreis.ags}",
                f"{year}-06-01",
                "Beschluss",
                "Der Rat beschließt.",
                None,
                program,
                None,
                evidence,
            ),
        ),
    )
    return document, extraction


def timed(label: str, action: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = action()
    print(f"  {label:32} {time.perf_counter() - started:8.3f} s")
    return result


def bench(documents: int) -> None:
    rng = random.Random(documents)
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings.from_env(data_dir=Path(folder))
        iris = IriScheme.from_settings(settings)
        print(f"{documents} documents")
        described: set[str] = set()
        with GraphStore.open(settings) as store:
            timed(
                "load store",
                lambda: store.bulk_load(
                    quad
                    for n in range(documents)
                    for quad in bulk_quads(
                        document_quads(*synthetic_document(n, rng), iris), described
                    )
                ),
            )
            print(f"  {'quads':32} {store.count_triples():8d}")
        with GraphStore.open(settings, read_only=True) as store:
            graphs: dict[str, nx.Graph[str]] = {}
            for kind in NETWORK_BUILDERS:
                graphs[kind] = timed(f"build {kind}", partial(network_from_source, store, kind))
                print(
                    f"  {'':32} {graphs[kind].number_of_nodes():6d} nodes "
                    f"{graphs[kind].number_of_edges():8d} edges"
                )
            center = max(graphs["municipalities"], key=graphs["municipalities"].degree)
            timed("build ego (radius 2)", lambda: ego_network(store, center, radius=2))
        for fmt in ("graphml", "gexf", "csv"):
            target = Path(folder) / f"municipalities.{fmt}"
            timed(
                f"export municipalities {fmt}",
                partial(write_network, graphs["municipalities"], fmt, target),
            )


if __name__ == "__main__":
    for size in [int(arg) for arg in sys.argv[1:]] or [1_000, 10_000]:
        bench(size)
