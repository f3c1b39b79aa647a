"""Graph store benchmark: load throughput and grouped-aggregate SPARQL latency.

Synthesises council documents in the shape of the real model (passages, mentions, funding,
participations, decisions, events with provenance: the quads come from
``pkgraph.graph.model.document_quads`` on generated records), then measures

1. bulk load into the on-disk Oxigraph store (``GraphStore.bulk_load``), triples/s;
2. transactional loading per document (``GraphStore.replace_document``) and in the ingest's
   batches (``GraphStore.write_documents``, ``WRITE_BATCH`` documents per insert), triples/s;
3. two grouped aggregate queries on the store (union default graph), and the same queries on
   rdflib's in-memory ``Dataset`` holding the same quads, with the ratio;
4. with ``--sample``: triples per document of the real sample corpus through the pipeline.

    .venv/bin/python benchmarks/bench_store.py                # 1M triples
    .venv/bin/python benchmarks/bench_store.py --triples 200000 --no-rdflib
    .venv/bin/python benchmarks/bench_store.py --sample --triples 0
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sized
from functools import partial
from pathlib import Path

from pyoxigraph import Quad, RdfFormat
from rdflib import Dataset

from pkgraph.extract.program_catalogue import PROGRAM_CATALOGUE
from pkgraph.gazetteer import Municipality, load_gazetteer
from pkgraph.graph.descriptions import bulk_quads
from pkgraph.graph.iris import IriScheme
from pkgraph.graph.model import document_quads
from pkgraph.graph.reference import gazetteer_quads
from pkgraph.graph.store import GraphStore
from pkgraph.graph.terms import serialize_bytes
from pkgraph.graph.vocab import PREFIXES
from pkgraph.ingest.batches import WRITE_BATCH
from pkgraph.records import (
    BodyKind,
    BodyMention,
    Decision,
    Document,
    DocumentMetadata,
    Event,
    Evidence,
    Extraction,
    Funding,
    MunicipalityMention,
    Participation,
    Passage,
    ProgramMention,
    RepairedText,
)
from pkgraph.settings import PROJECT_ROOT, Settings

SAMPLE_CORPUS = PROJECT_ROOT / "corpus" / "seeds"

FUNDERS: tuple[tuple[str, str, BodyKind], ...] = (
    (
        "landesregierung-nordrhein-westfalen",
        "Landesregierung Nordrhein-Westfalen",
        "state_government",
    ),
    ("europaeischer-sozialfonds", "Europäischer Sozialfonds", "agency"),
    ("bertelsmann-stiftung", "Bertelsmann Stiftung", "foundation"),
    ("landschaftsverband-rheinland", "Landschaftsverband Rheinland", "agency"),
    ("mkffi", "Ministerium für Kinder, Familie, Flüchtlinge und Integration", "ministry"),
)
FILLER = (
    "Die Präventionskette soll Angebote für Kinder und Familien vor Ort verbinden.",
    "Die Koordinierungsstelle berichtet regelmäßig im Jugendhilfeausschuss.",
    "Ziel ist es, Übergänge von der Kita in die Grundschule besser zu begleiten.",
    "Die Netzwerkpartner aus Jugendhilfe, Gesundheit und Schule arbeiten eng zusammen.",
    "Im Sozialraum werden niedrigschwellige Beratungsangebote ausgebaut.",
)
FUNDING_BY_FUNDER_YEAR = """
SELECT ?funder ?year (SUM(?amount) AS ?total) (COUNT(?f) AS ?n) WHERE {
  ?f a pk:Funding ; schema:funder ?funder ; pk:fundingYear ?year ; pk:amountEUR ?amount .
} GROUP BY ?funder ?year ORDER BY ?funder ?year"""
MENTIONS_PER_KREIS = """
SELECT ?kreis (COUNT(?m) AS ?mentions) WHERE {
  ?m a pk:Mention ; pk:mentionOf ?place .
  ?place pk:inKreis ?k .
  ?k skos:prefLabel ?kreis .
} GROUP BY ?kreis ORDER BY DESC(?mentions)"""
QUERIES = {
    "funding per funder+year": FUNDING_BY_FUNDER_YEAR,
    "mentions per Kreis": MENTIONS_PER_KREIS,
}


class _Text:
    """Builds a document text sentence by sentence and remembers where each quote lies."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, sentence: str, quote: str, extractor: str, rng: random.Random) -> Evidence:
        start = self.length + sentence.index(quote)
        self.parts.append(sentence + " ")
        self.length += len(sentence) + 1
        return Evidence(start, start + len(quote), quote, extractor, round(rng.uniform(0.5, 1), 2))

    def filler(self, rng: random.Random) -> None:
        sentence = rng.choice(FILLER) + ("\n\n" if rng.random() < 0.3 else " ")
        self.parts.append(sentence)
        self.length += len(sentence)


def _passages(doc_id: str, text: str, size: int = 800) -> tuple[Passage, ...]:
    passages: list[Passage] = []
    start = 0
    while start < len(text):
        end = text.find(" ", start + size)
        end = len(text) if end == -1 else end + 1
        passages.append(
            Passage(doc_id, len(passages), start, end, text[start:end], text[start:end])
        )
        start = end
    return tuple(passages)


def synthetic_document(
    number: int, rng: random.Random, places: list[Municipality]
) -> tuple[Document, Extraction]:
    """One council document with typical facts, every one quoting its own sentence."""
    doc_id = hashlib.sha256(f"synthetic-{number}".encode()).hexdigest()[:16]
    author, other = rng.choice(places), rng.choice(places)
    program = rng.choice(PROGRAM_CATALOGUE)
    text = _Text()
    mentions: list[Evidence] = []
    fundings, participations, decisions, events = [], [], [], []
    for _ in range(3):
        key, funder, _kind = rng.choice(FUNDERS)
        year, amount = rng.randint(2012, 2024), rng.randrange(5_000, 2_000_000, 250)
        amount_text = f"{amount:,} Euro".replace(",", ".")
        evidence = text.add(
            f"{funder} fördert {author.name} im Jahr {year} mit {amount_text}.",
            amount_text,
            "funding",
            rng,
        )
        fundings.append(
            Funding(
                float(amount),
                amount_text,
                funder,
                key,
                author.name,
                f"ags:{author.ags}",
                year,
                "Koordinierung der Präventionskette",
                None,
                None,
                program.key,
                evidence,
            )
        )
        text.filler(rng)
    for place in (author, other):
        since = str(rng.randint(2012, 2022))
        evidence = text.add(
            f"{place.name} nimmt seit {since} an „{program.name}“ teil.",
            place.name,
            "participations",
            rng,
        )
        mentions.append(evidence)
        participations.append(
            Participation(place.ags, place.name, program.key, program.name, since, evidence)
        )
        text.filler(rng)
    for _ in range(2):
        day = f"{rng.randint(2012, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        evidence = text.add(
            f"Der Rat beschließt am {day} die Fortführung des Programms.",
            "Der Rat beschließt",
            "decisions",
            rng,
        )
        decisions.append(
            Decision(
                f"Rat ({author.name})",
                f"rat-{author.ags}",
                day,
                "Beschluss",
                evidence.quote,
                None,
                program.key,
                None,
                evidence,
            )
        )
        evidence = text.add(
            f"Am {day} fand die Netzwerkkonferenz in {other.name} statt.",
            "Netzwerkkonferenz",
            "events",
            rng,
        )
        events.append(Event("Netzwerkkonferenz", day, other.name, other.ags, evidence))
        text.filler(rng)
    original = "".join(text.parts)
    document = Document(
        doc_id=doc_id,
        source=f"synthetic://{number}",
        format="txt",
        content_hash=hashlib.sha256(original.encode()).hexdigest(),
        repaired=RepairedText(original, original, tuple(range(len(original) + 1))),
        metadata=DocumentMetadata(
            title=f"Sachstand {program.name}",
            doc_type="Sitzungsvorlage",
            reference=f"SV-{number}",
            date="2020-01-15",
        ),
        passages=_passages(doc_id, original),
    )
    council = BodyMention(
        f"rat-{author.ags}", f"Rat ({author.name})", "council", author.name, author.ags, ()
    )
    funders = (BodyMention(key, name, kind, None, None, ()) for key, name, kind in FUNDERS)
    bodies = (*funders, council)
    extraction = Extraction(
        doc_id=doc_id,
        doc_type="Sitzungsvorlage",
        extractor_version="bench",
        programs=(ProgramMention(program.key, program.name, tuple(mentions[:1])),),
        municipalities=(
            MunicipalityMention(author.ags, author.name, "author", tuple(mentions[:1])),
            MunicipalityMention(other.ags, other.name, "participant", tuple(mentions[1:])),
        ),
        bodies=bodies,
        decisions=tuple(decisions),
        funding=tuple(fundings),
        participations=tuple(participations),
        events=tuple(events),
    )
    return document, extraction


def synthetic_corpus(
    triples: int, seed: int = 7
) -> Iterator[tuple[Document, Extraction, list[Quad]]]:
    """Documents until ``triples`` quads have been produced, each with the quads writing it
    adds: its graph and the descriptions of the entities no earlier document named."""
    rng = random.Random(seed)
    places = [m for m in load_gazetteer() if not m.is_kreis]
    iris = IriScheme.from_settings(Settings())
    described = {iris.program(entry.key).value for entry in PROGRAM_CATALOGUE}
    produced, number = 0, 0
    while produced < triples:
        document, extraction = synthetic_document(number, rng, places)
        quads = bulk_quads(document_quads(document, extraction, iris), described)
        produced += len(quads)
        number += 1
        yield document, extraction, quads


Corpus = list[tuple[Document, Extraction, list[Quad]]]


def timed(run: Callable[[], Sized], repeat: int) -> tuple[float, int]:
    """Median seconds of ``repeat`` runs, and the size of the last result."""
    seconds, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        size = len(run())
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), size


def print_throughput(label: str, quads: int, seconds: float, note: str) -> None:
    print(
        f"{label:17} {quads:>10,} quads in {seconds:7.2f} s = "
        f"{quads / seconds:>9,.0f} triples/s  {note}"
    )


def bench_oxigraph(corpus: Corpus, data_dir: Path, repeat: int) -> dict[str, float]:
    """Bulk load, query latencies (returned by query name), then per-document replacement."""
    quads = [quad for _document, _extraction, document_quads in corpus for quad in document_quads]
    latencies = {}
    with GraphStore.open(Settings.from_env(data_dir=data_dir / "bulk")) as store:
        store.ensure_reference_data()
        started = time.perf_counter()
        store.bulk_load(quads)
        store.flush()
        note = f"(store: {store.count_triples():,} quads with reference graphs)"
        print_throughput("bulk load", len(quads), time.perf_counter() - started, note)
        for name, query in QUERIES.items():
            latencies[name], groups = timed(partial(store.select, query), repeat)
            print(
                f"oxigraph {name:25} {latencies[name] * 1000:9.1f} ms  "
                f"({groups} groups, median of {repeat})"
            )
    with GraphStore.open(Settings.from_env(data_dir=data_dir / "replace")) as store:
        started = time.perf_counter()
        loaded = sum(
            store.replace_document(document, extraction) for document, extraction, _ in corpus
        )
        note = f"({len(corpus):,} transactions, modelling included)"
        print_throughput("replace_document", loaded, time.perf_counter() - started, note)
    with GraphStore.open(Settings.from_env(data_dir=data_dir / "batches")) as store:
        pairs = [(document, extraction) for document, extraction, _ in corpus]
        started = time.perf_counter()
        loaded = sum(
            store.write_documents(pairs[start : start + WRITE_BATCH])
            for start in range(0, len(pairs), WRITE_BATCH)
        )
        note = f"(batches of {WRITE_BATCH}, as pkgraph ingest; modelling included)"
        print_throughput("write_documents", loaded, time.perf_counter() - started, note)
    return latencies


def rdflib_rows(dataset: Dataset, query: str) -> list[object]:
    return list(dataset.query(query, initNs=PREFIXES))


def bench_rdflib(corpus: Corpus, latencies: dict[str, float]) -> None:
    """The same quads and queries on rdflib's in-memory Dataset (union default graph)."""
    quads = gazetteer_quads(load_gazetteer(), IriScheme.from_settings(Settings()))
    quads += [quad for _document, _extraction, document_quads in corpus for quad in document_quads]
    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(data=serialize_bytes(quads, RdfFormat.N_QUADS), format="nquads")
    print(f"rdflib parse      {len(quads):>10,} quads in {time.perf_counter() - started:7.2f} s")
    for name, query in QUERIES.items():
        latency, groups = timed(partial(rdflib_rows, dataset, query), 1)
        ratio = latency / latencies[name]
        print(
            f"rdflib   {name:25} {latency * 1000:9.1f} ms  ({groups} groups) "
            f"-> Oxigraph {ratio:.0f}x faster"
        )


def bench_sample(data_dir: Path) -> None:
    """Triples per document of the sample corpus through the real pipeline (no search index)."""
    from pkgraph.pipeline import ingest_paths

    settings = Settings.from_env(data_dir=data_dir / "sample")
    ingest_paths([SAMPLE_CORPUS], settings, progress=lambda _message: None, with_index=False)
    with GraphStore.open(settings, read_only=True) as store:
        counts = {doc_id: store.count_triples(doc_id) for doc_id in store.document_ids()}
        sources = {
            str(row["doc"]).rsplit("/", 1)[-1]: Path(str(row["source"])).name
            for row in store.select("SELECT ?doc ?source WHERE { ?doc dcterms:source ?source }")
        }
        for doc_id, count in sorted(counts.items(), key=lambda item: sources[item[0]]):
            print(f"sample {sources[doc_id]:32} {count:6,} triples")
        print(f"sample mean {statistics.mean(counts.values()):,.0f} triples per document")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--triples", type=int, default=1_000_000, help="synthetic quads to load")
    parser.add_argument("--repeat", type=int, default=5, help="runs per Oxigraph query")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib comparison")
    parser.add_argument("--sample", action="store_true", help="report triples per sample doc")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pkgraph-bench-") as tmp:
        if args.sample:
            bench_sample(Path(tmp))
        if args.triples <= 0:
            return
        started = time.perf_counter()
        corpus = list(synthetic_corpus(args.triples))
        produced = sum(len(quads) for _document, _extraction, quads in corpus)
        print(
            f"synthesised       {produced:>10,} quads in {len(corpus):,} documents "
            f"({produced / len(corpus):.0f} per document) in {time.perf_counter() - started:.1f} s"
        )
        latencies = bench_oxigraph(corpus, Path(tmp), args.repeat)
        if not args.no_rdflib:
            bench_rdflib(corpus, latencies)


if __name__ == "__main__":
    main()
