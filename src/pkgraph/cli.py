"""The ``pkgraph`` command line. Handlers are thin: they parse, call the library, print. The
commands that fill and maintain the stores are in :mod:`pkgraph.cli_stores`; the ones that
read, export and measure are here, with the parser.

Heavy modules (torch, faiss, the graph store) are imported inside the handlers so that
``pkgraph --help`` and ``pkgraph stats`` stay fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from pkgraph.cli_stores import (
    cmd_check,
    cmd_harvest,
    cmd_ingest,
    cmd_migrate,
    cmd_remove,
    cmd_stats,
    print_json,
)
from pkgraph.errors import PkgraphError
from pkgraph.settings import Settings

Handler = Callable[[argparse.Namespace, Settings], int]


# --- handlers ---------------------------------------------------------------------------------


#: Exit code of a command stopped by Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 130


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from pkgraph.graph.validate import validate_store
    from pkgraph.service_link import refuse_beside_service

    refuse_beside_service(settings, "validate", readers=True)

    report = validate_store(settings)
    print(report.text)
    return 0 if report.conforms else 1


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from pkgraph.service_link import refuse_beside_service

    refuse_beside_service(settings, "export", readers=True)
    output = Path(args.output) if args.output else None
    if args.what == "network":
        from pkgraph.network import export_network

        if not args.kind:
            raise PkgraphError("export network: name a KIND (e.g. participation, funding)")
        export_network(args.kind, args.format or "graphml", output, settings)
        return 0
    if args.format in ("csv", "parquet", "xlsx"):
        return _export_tables(args, settings, output)
    from pkgraph.graph.export import export_dataset

    export_dataset(settings, args.format or "trig", output, document=args.document)
    return 0


def _export_tables(args: argparse.Namespace, settings: Settings, output: Path | None) -> int:
    """The research tables with the RDF dump, datapackage.json and dcat.ttl, into a folder."""
    from pkgraph.datapackage import export_tables

    if output is None or args.document:
        raise PkgraphError(f"export dataset --format {args.format}: give a folder with --output")
    for path in export_tables(settings, args.format, output):
        print(path)
    return 0


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from pkgraph.search.service import SearchFilters, search_passages
    from pkgraph.service_link import refuse_beside_service

    refuse_beside_service(settings, "search", readers=True)

    filters = SearchFilters(
        municipality=args.municipality,
        program=args.program,
        doc_type=args.doc_type,
        date_from=args.date_from,
        date_to=args.date_to,
    )
    hits = search_passages(args.query, settings, k=args.k, method=args.method, filters=filters)
    if args.json:
        print_json([hit.to_dict() for hit in hits])
        return 0
    for rank, hit in enumerate(hits, 1):
        print(hit.format_text(rank))
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from pkgraph.ask import answer_question
    from pkgraph.service_link import refuse_beside_service

    refuse_beside_service(settings, "ask", readers=True)

    answer = answer_question(args.question, settings)
    if args.json:
        print_json(answer.to_dict())
    else:
        print(answer.format_text())
    return 0


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    from pkgraph.extract.report import extract_paths, format_summary

    failed = 0
    for path, record in extract_paths([Path(p) for p in args.paths], settings):
        if isinstance(record, str):
            print(f"error: {path}: {record}", file=sys.stderr)
            failed += 1
        elif args.json:
            print(json.dumps(record, ensure_ascii=False, default=str), flush=True)
        else:
            print(format_summary(record), flush=True)
    return 1 if failed else 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    if args.target == "extraction":
        from pkgraph.evaluation.extraction import evaluate_extraction, format_report

        if not args.gold:
            raise PkgraphError("eval extraction: --gold FILE is required")
        result = evaluate_extraction(
            Path(args.docs), Path(args.gold), per_document=args.per_document
        )
    else:
        if args.target == "search":
            from pkgraph.evaluation.search import evaluate_search as evaluate
            from pkgraph.evaluation.search import format_report
        else:
            from pkgraph.evaluation.ask import evaluate_ask as evaluate
            from pkgraph.evaluation.ask import format_report

        if not args.questions:
            raise PkgraphError(f"eval {args.target}: --questions FILE is required")
        pools = [Path(p) for p in args.pool or []]
        result = evaluate(Path(args.docs), Path(args.questions), settings, args.k, pools)
    if args.json:
        print_json(result)
    else:
        print(format_report(result))
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from pkgraph_api.app import create_app

    settings = replace(settings, host=args.host or settings.host, port=args.port or settings.port)
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        timeout_graceful_shutdown=10,
    )
    return 0


# --- parser -----------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        help="where stores and indexes live (env PKGRAPH_DATA_DIR; default ./index)",
    )
    parser = argparse.ArgumentParser(prog="pkgraph", description=__doc__, parents=[common])
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    p = add("ingest", cmd_ingest, "ingest files or folders through the whole pipeline")
    p.add_argument("paths", nargs="+", help="files (.txt .md .html .htm .pdf) or folders")
    p.add_argument("--no-index", action="store_true", help="skip the search index stage")

    p = add("remove", cmd_remove, "remove documents (by source path/URL or doc id) everywhere")
    p.add_argument("sources", nargs="+")

    p = add("stats", cmd_stats, "print what is stored")
    p.add_argument("--json", action="store_true")

    p = add("harvest", cmd_harvest, "harvest a council information system (docs/HARVEST.md)")
    p.add_argument("protocol", choices=["oparl"], help="the API the system speaks")
    p.add_argument("url", help="the OParl System (or Body) URL")
    p.add_argument("--body", help="only this body (its id URL, last id segment or name)")
    p.add_argument(
        "--since", help="ask only for objects modified since (ISO date-time; default: last run)"
    )
    p.add_argument(
        "--match", metavar="WORDS", help="regex: ingest only papers whose name/reference/text match"
    )
    p.add_argument("--max-papers", type=int, metavar="N", help="stop after N papers (a trial run)")
    p.add_argument("--no-index", action="store_true", help="skip the search index stage")
    p.add_argument("--json", action="store_true", help="the run's report as JSON")

    p = add("check", cmd_check, "check that documents, graphs, passages and vectors agree")
    p.add_argument("--repair", action="store_true", help="restore agreement from the documents")
    p.add_argument("--json", action="store_true")

    add("validate", cmd_validate, "validate the stored graph against ontology/shapes.ttl")

    p = add(
        "migrate",
        cmd_migrate,
        "copy the graph and search index to a SPARQL 1.1 store / Milvus, or --back (resumable)",
    )
    p.add_argument("--graph", metavar="URL", help="the SPARQL store's base URL (graph_url)")
    p.add_argument("--search", metavar="URL", help="the search engine's URL (search_url)")
    p.add_argument(
        "--back", action="store_true", help="copy from those stores into the embedded ones"
    )
    p.add_argument(
        "--from-data-dir", metavar="DIR", help="the data dir of the embedded stores (--data-dir)"
    )

    p = add("export", cmd_export, "export the dataset (ttl|trig|nq|jsonld) or a network")
    p.add_argument("what", nargs="?", choices=["dataset", "network"], default="dataset")
    p.add_argument(
        "kind",
        nargs="?",
        help="participation | municipalities | funding | decisions | ego:<IRI> (with 'network')",
    )
    p.add_argument(
        "--format",
        help="dataset: ttl|trig|nq|jsonld, or csv|parquet|xlsx for the tables (with --output "
        "FOLDER); network: graphml|gexf|csv",
    )
    p.add_argument("--document", help="export only this document's graph (source or doc id)")
    p.add_argument("--output", "-o", help="file (or folder for csv); default stdout")

    p = add("search", cmd_search, "search passages with a German question or keywords")
    p.add_argument("query")
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--method", choices=["lexical", "dense", "hybrid"])
    p.add_argument("--municipality", help="name or AGS; a Kreis includes its municipalities")
    p.add_argument("--program", help="program name or alias")
    p.add_argument("--doc-type", help="e.g. Sitzungsvorlage")
    p.add_argument("--date-from", help="YYYY-MM-DD")
    p.add_argument("--date-to", help="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")

    p = add("ask", cmd_ask, "answer a German question with graph facts and cited passages")
    p.add_argument("question")
    p.add_argument("--json", action="store_true")

    p = add("extract", cmd_extract, "print what extraction finds in files or folders")
    p.add_argument("paths", nargs="+", help="files (.txt .md .html .htm .pdf) or folders")
    p.add_argument(
        "--json", action="store_true", help="JSON Lines, one gold-shaped record per document"
    )

    p = add("eval", cmd_eval, "measure extraction or search against a gold set")
    p.add_argument("target", choices=["extraction", "search", "ask"])
    p.add_argument("--docs", required=True, help="folder of documents")
    p.add_argument("--gold", help="gold facts JSONL (extraction)")
    p.add_argument("--questions", help="questions JSONL (search, ask)")
    p.add_argument(
        "--pool",
        action="append",
        metavar="DIR",
        help="folder of distractor documents indexed beside --docs (search, ask; repeatable)",
    )
    p.add_argument("--k", type=int, default=10)
    p.add_argument(
        "--per-document", action="store_true", help="list each document's misses and false facts"
    )
    p.add_argument("--json", action="store_true")

    p = add("serve", cmd_serve, "serve the HTTP API and pages")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    settings = Settings.from_env(data_dir=getattr(args, "data_dir", None))
    try:
        return int(args.handler(args, settings))
    except PkgraphError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            "interrupted: what was reported done is stored; the same command goes on from there",
            file=sys.stderr,
        )
        return INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
