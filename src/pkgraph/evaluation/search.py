"""``pkgraph eval search``: Recall@1/5/10 and MRR@10 of every retrieval method on a question set.

The documents of DIR, and of every ``--pool`` folder, go through the same stages as ``pkgraph
ingest`` (read, repair, segment, extract: the index adds canonical entity names to passages) into
stores of their own under ``settings.data_dir / "eval" / <hash of the folders>``; a second run
reuses them and re-indexes only documents whose content (or the pipeline version) changed.

Pool folders hold distractors: real documents that answer none of the questions. They make the
measurement look like real use, where the answering passage competes with thousands of plausible
ones; their passages are never relevant. A retrieved passage is relevant when it belongs to the
question's file(s) in DIR and its original text contains an answer snippet after whitespace
normalisation (eval/README.md).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from pkgraph.errors import PkgraphError
from pkgraph.records import Document, Extraction
from pkgraph.search.index import METHODS, SearchIndex, check_method
from pkgraph.settings import Settings

CUTOFFS = (1, 5, 10)
_MANIFEST = "indexed.json"


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    files: tuple[str, ...]
    answer_snippets: tuple[str, ...]


@dataclass(frozen=True)
class EvalPassage:
    """What relevance needs to know of an indexed passage."""

    file: str | None  # file name in DIR; None for a pool (distractor) document
    text: str  # original text, whitespace-normalised


@dataclass(frozen=True)
class EvalPool:
    """The built evaluation stores and what relevance needs to know of their content."""

    settings: Settings  # pointing at the evaluation's own data dir
    passages: dict[str, EvalPassage]  # every indexed passage, distractors included
    files: dict[str, str | None]  # doc id -> file name in DIR (None: distractor)

    def summary(self) -> dict[str, int]:
        answering = sum(1 for name in self.files.values() if name is not None)
        return {
            "passages": len(self.passages),
            "documents": len(self.files),
            "answer_documents": answering,
            "distractor_documents": len(self.files) - answering,
            "distractor_passages": sum(1 for p in self.passages.values() if p.file is None),
        }


class _DocumentStore(Protocol):
    """What :func:`sync_store` needs: the search index and the graph store both offer it."""

    def replace_document(self, document: Document, extraction: Extraction) -> Any: ...

    def remove_document(self, doc_id: str) -> Any: ...


def normalize_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def load_questions(path: Path) -> list[Question]:
    """Questions of a JSONL file; a malformed line raises an error naming file and line."""
    if not path.is_file():
        raise PkgraphError(f"--questions {path}: no such file")
    questions: list[Question] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            files = row.get("files") or [row["file"]]
            questions.append(
                Question(
                    id=str(row.get("id", number)),
                    question=row["question"],
                    files=tuple(files),
                    answer_snippets=tuple(normalize_space(s) for s in row["answer_snippets"]),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise PkgraphError(f"{path}:{number}: not a question record ({exc})") from exc
    return questions


def contains_answer(text: str, question: Question) -> bool:
    """Whether whitespace-normalised ``text`` contains one of the question's answer snippets."""
    return any(snippet in text for snippet in question.answer_snippets)


def is_relevant(passage: EvalPassage, question: Question) -> bool:
    return passage.file in question.files and contains_answer(passage.text, question)


def first_hit_rank(relevance: Sequence[bool], k: int) -> int | None:
    return next((rank for rank, hit in enumerate(relevance[:k], 1) if hit), None)


def score_rankings(rankings: Sequence[Sequence[bool]], k: int) -> dict[str, float]:
    """Recall at each cutoff up to ``k`` and MRR@k from per-question relevance lists."""
    total = len(rankings) or 1
    first_hits = [first_hit_rank(r, k) for r in rankings]
    metrics = {
        f"recall@{cut}": sum(1 for h in first_hits if h is not None and h <= cut) / total
        for cut in (*(c for c in CUTOFFS if c < k), k)
    }
    metrics[f"mrr@{k}"] = sum(1.0 / h for h in first_hits if h is not None) / total
    return {name: round(value, 4) for name, value in metrics.items()}


def evaluate_index(
    index: SearchIndex,
    passages: dict[str, EvalPassage],
    questions: Sequence[Question],
    k: int = 10,
) -> dict[str, dict[str, float]]:
    """Metrics per retrieval method of an already built index."""
    results: dict[str, dict[str, float]] = {}
    for method in METHODS:
        relevance = [
            [is_relevant(passages[pid], q) for pid, _ in index.search(q.question, k, method)]
            for q in questions
        ]
        results[method] = score_rankings(relevance, k)
    return results


def _eval_settings(folders: Sequence[Path], settings: Settings) -> Settings:
    """Settings whose data dir (and search collection, on an engine) is this combination of
    folders' own (order of pools ignored): an evaluation never writes into served stores."""
    docs, *pools = (str(f.resolve()) for f in folders)
    key_text = "\n".join([docs, *sorted(set(pools) - {docs})])
    key = hashlib.sha256(key_text.encode("utf-8")).hexdigest()[:16]
    return replace(
        settings,
        data_dir=settings.data_dir / "eval" / key,
        search_collection=f"{settings.search_collection}_eval_{key}",
        graph_url="",  # the graph of an evaluation is always its own embedded one
    )


def _read_folder(folder: Path, option: str, settings: Settings) -> list[Document]:
    from pkgraph.ingest import build_document, read_document
    from pkgraph.ingest.files import select_input_files

    if not folder.is_dir():
        raise PkgraphError(f"{option} {folder}: not a folder")
    documents = [
        build_document(read_document(f.path, settings, f.source), settings)
        for f in select_input_files([folder]).files
    ]
    if not documents:
        raise PkgraphError(f"{option} {folder}: no supported documents in it")
    return documents


def sync_store(
    store: _DocumentStore,
    documents: Sequence[Document],
    extraction_of: Callable[[Document], Extraction],
    manifest_path: Path,
    commit: Callable[[], None] = lambda: None,
) -> None:
    """Make ``store`` hold exactly ``documents``, re-indexing only what changed since last run.

    The manifest records each document's content hash with the pipeline version, so a changed
    extractor or segmenter re-indexes everything, as ``pkgraph ingest`` would. It is written
    after ``commit``, so an interrupted run re-indexes rather than trusting a half-saved store.
    """
    from pkgraph.pipeline import PIPELINE_VERSION

    indexed: dict[str, str] = (
        json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    )
    current = {d.doc_id: f"{d.content_hash} {PIPELINE_VERSION}" for d in documents}
    for doc_id in set(indexed) - set(current):
        store.remove_document(doc_id)
    for document in documents:
        if indexed.get(document.doc_id) != current[document.doc_id]:
            store.replace_document(document, extraction_of(document))
    commit()
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(current, sort_keys=True), encoding="utf-8")


def build_pool(
    docs_dir: Path,
    pool_dirs: Sequence[Path],
    settings: Settings,
    *,
    with_graph: bool = False,
) -> EvalPool:
    """Read DIR and the pool folders and bring the evaluation's stores up to date.

    The search index is always built; ``with_graph`` also builds the graph store (with its
    reference data), which ``eval ask`` needs. A document found in DIR and in a pool counts as
    DIR's. Extraction runs only for documents a store has to (re-)index.
    """
    from pkgraph.extract import extract_document
    from pkgraph.graph.store import GraphStore

    eval_settings = _eval_settings([docs_dir, *pool_dirs], settings)
    answering = _read_folder(docs_dir, "--docs", eval_settings)
    files: dict[str, str | None] = {d.doc_id: d.name for d in answering}
    documents = list(answering)
    for pool_dir in pool_dirs:
        for document in _read_folder(pool_dir, "--pool", eval_settings):
            if document.doc_id not in files:
                files[document.doc_id] = None
                documents.append(document)
    extractions: dict[str, Extraction] = {}  # each document extracted at most once, if at all

    def extraction_of(document: Document) -> Extraction:
        if document.doc_id not in extractions:
            extractions[document.doc_id] = extract_document(document)
        return extractions[document.doc_id]

    with SearchIndex.open(eval_settings) as index:
        manifest = eval_settings.search_dir / _MANIFEST
        sync_store(index, documents, extraction_of, manifest, index.save)
    if with_graph:
        with GraphStore.open(eval_settings) as graph:
            graph.ensure_reference_data()
            manifest = eval_settings.data_dir / "graph.json"
            sync_store(graph, documents, extraction_of, manifest)
    passages = {
        p.passage_id: EvalPassage(file=files[d.doc_id], text=normalize_space(p.text))
        for d in documents
        for p in d.passages
    }
    return EvalPool(eval_settings, passages, files)


def evaluate_search(
    docs_dir: Path,
    questions_file: Path,
    settings: Settings,
    k: int = 10,
    pool_dirs: Sequence[Path] = (),
) -> dict[str, Any]:
    """Build (or reuse) an index over ``docs_dir`` + pools and measure every method."""
    questions = load_questions(questions_file)
    default_method = check_method(settings.search_method)
    pool = build_pool(docs_dir, pool_dirs, settings)
    with SearchIndex.open(pool.settings) as index:
        methods = evaluate_index(index, pool.passages, questions, k)
    return {
        "questions": len(questions),
        "pool": pool.summary(),
        "model": settings.embedding_model,
        "methods": methods,
        "default": {"method": default_method, **methods[default_method]},
    }


def format_pool(result: dict[str, Any]) -> str:
    pool = result["pool"]
    return (
        f"{result['questions']} questions; pool {pool['passages']} passages of "
        f"{pool['documents']} documents ({pool['answer_documents']} answering, "
        f"{pool['distractor_documents']} distractors with {pool['distractor_passages']} passages)"
    )


def format_report(result: dict[str, Any]) -> str:
    """A table with one row per method and the default marked, under the pool size."""
    columns = list(result["default"].keys())[1:]
    lines = [format_pool(result) + f"; model {result['model']}"]
    lines.append(f"{'method':10}" + "".join(f"{c:>11}" for c in columns))
    for method, metrics in result["methods"].items():
        mark = " *" if method == result["default"]["method"] else ""
        lines.append(f"{method:10}" + "".join(f"{metrics[c]:>11.3f}" for c in columns) + mark)
    lines.append("* default method (Settings.search_method)")
    return "\n".join(lines)
