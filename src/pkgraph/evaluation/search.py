"""``pkgraph eval search``: Recall@1/5/10 and MRR@10 of every retrieval method on a question set.

The documents of DIR go through the same stages as ``pkgraph ingest`` (read, repair, segment,
extract: the index adds canonical entity names to passages) into a search index of their own under
``settings.data_dir / "eval" / <hash of DIR>``; a second run reuses it and re-indexes only
documents whose content changed. A retrieved passage is relevant when it belongs to the
question's file(s) and its original text contains an answer snippet after whitespace
normalisation (eval/README.md).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

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

    file: str
    text: str  # original text, whitespace-normalised


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


def is_relevant(passage: EvalPassage, question: Question) -> bool:
    return passage.file in question.files and any(
        snippet in passage.text for snippet in question.answer_snippets
    )


def score_rankings(rankings: Sequence[Sequence[bool]], k: int) -> dict[str, float]:
    """Recall at each cutoff up to ``k`` and MRR@k from per-question relevance lists."""
    total = len(rankings) or 1
    first_hits = [next((rank for rank, hit in enumerate(r[:k], 1) if hit), None) for r in rankings]
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


def _eval_settings(docs_dir: Path, settings: Settings) -> Settings:
    key = hashlib.sha256(str(docs_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return replace(settings, data_dir=settings.data_dir / "eval" / key)


def _read_documents(docs_dir: Path, settings: Settings) -> list[tuple[Document, Extraction]]:
    from pkgraph.extract import extract_document
    from pkgraph.ingest import build_document, read_document
    from pkgraph.ingest.files import iter_input_files

    if not docs_dir.is_dir():
        raise PkgraphError(f"--docs {docs_dir}: not a folder")
    documents = [
        build_document(read_document(p, settings), settings) for p in iter_input_files([docs_dir])
    ]
    if not documents:
        raise PkgraphError(f"--docs {docs_dir}: no supported documents in it")
    return [(document, extract_document(document)) for document in documents]


def sync_index(
    index: SearchIndex, documents: Sequence[tuple[Document, Extraction]], manifest_path: Path
) -> None:
    """Make ``index`` hold exactly ``documents``, re-indexing only what changed since last run."""
    indexed: dict[str, str] = (
        json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    )
    current = {d.doc_id: d.content_hash for d, _ in documents}
    for doc_id in set(indexed) - set(current):
        index.remove_document(doc_id)
    for document, extraction in documents:
        if indexed.get(document.doc_id) != document.content_hash:
            index.replace_document(document, extraction)
    index.save()
    manifest_path.write_text(json.dumps(current, sort_keys=True), encoding="utf-8")


def evaluate_search(
    docs_dir: Path, questions_file: Path, settings: Settings, k: int = 10
) -> dict[str, Any]:
    """Build (or reuse) an index over ``docs_dir`` and measure every method on the questions."""
    questions = load_questions(questions_file)
    default_method = check_method(settings.search_method)
    eval_settings = _eval_settings(docs_dir, settings)
    documents = _read_documents(docs_dir, eval_settings)
    passages = {
        p.passage_id: EvalPassage(file=d.name, text=normalize_space(p.text))
        for d, _ in documents
        for p in d.passages
    }
    with SearchIndex.open(eval_settings) as index:
        sync_index(index, documents, eval_settings.search_dir / _MANIFEST)
        methods = evaluate_index(index, passages, questions, k)
    return {"methods": methods, "default": {"method": default_method, **methods[default_method]}}


def format_report(result: dict[str, Any]) -> str:
    """A table with one row per method and the default marked."""
    columns = list(result["default"].keys())[1:]
    lines = [f"{'method':10}" + "".join(f"{c:>11}" for c in columns)]
    for method, metrics in result["methods"].items():
        mark = " *" if method == result["default"]["method"] else ""
        lines.append(f"{method:10}" + "".join(f"{metrics[c]:>11.3f}" for c in columns) + mark)
    lines.append("* default method (Settings.search_method)")
    return "\n".join(lines)
