"""``pkgraph eval search`` on the sample corpus and on dev documents mixed with distractors."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from pkgraph.cli import main
from pkgraph.errors import PkgraphError
from pkgraph.evaluation.search import (
    build_pool,
    evaluate_search,
    format_report,
    load_questions,
    score_rankings,
)
from pkgraph.settings import Settings

EVAL = Path(__file__).resolve().parents[2] / "eval"
QUESTIONS = EVAL / "seeds_questions.jsonl"
METRICS = {"recall@1", "recall@5", "recall@10", "mrr@10"}
DEV_FILES = (
    "001_neuss_lvr-foerdermittel-neusser-norden.txt",
    "002_nrw_bertelsmann-teilnehmer-modellvorhaben.txt",
)
DISTRACTOR_FILES = (
    "009_rhein-kreis-neuss_bedarfsplan-tageseinrichtungen.txt",
    "064_luebeck_anfrage-kinderarmut-sozialausschuss-2019.txt",
    "136_hochsauerlandkreis_regionales-bildungsnetzwerk-staatlich-kommunale-zusammenarbeit.txt",
)


@dataclass(frozen=True)
class SmallPool:
    """Two real dev documents with their questions, and real distractors in a pool folder."""

    docs: Path
    pool: Path
    questions: Path
    count: int


def make_small_pool(folder: Path) -> SmallPool:
    docs, pool = folder / "docs", folder / "pool"
    docs.mkdir(parents=True)
    pool.mkdir()
    for name in DEV_FILES:
        shutil.copy(EVAL / "dev" / "docs" / name, docs / name)
    for name in DISTRACTOR_FILES:
        shutil.copy(EVAL / "distractors" / "docs" / name, pool / name)
    lines = [
        line
        for line in (EVAL / "dev" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip() and json.loads(line)["file"] in DEV_FILES
    ]
    questions = folder / "questions.jsonl"
    questions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return SmallPool(docs, pool, questions, len(lines))


@pytest.fixture()
def small_pool(tmp_path: Path) -> SmallPool:
    return make_small_pool(tmp_path / "input")


@pytest.mark.slow
def test_eval_reports_every_method_and_meets_the_targets(
    sample_corpus: Path, fresh_settings: Settings
) -> None:
    result = evaluate_search(sample_corpus, QUESTIONS, fresh_settings, k=10)
    assert set(result) == {"questions", "pool", "model", "methods", "default"}
    assert result["pool"]["distractor_documents"] == 0
    assert set(result["methods"]) == {"lexical", "dense", "hybrid"}
    for metrics in result["methods"].values():
        assert set(metrics) == METRICS
        assert metrics["recall@1"] <= metrics["recall@5"] <= metrics["recall@10"] <= 1.0
        assert metrics["recall@1"] <= metrics["mrr@10"] <= metrics["recall@10"]
    default = result["default"]
    assert default["method"] == fresh_settings.search_method
    assert {k: v for k, v in default.items() if k != "method"} == result["methods"][
        default["method"]
    ]
    assert default["recall@10"] >= 0.95
    assert default["mrr@10"] >= 0.75
    report = format_report(result)
    assert all(method in report for method in result["methods"]) and "mrr@10" in report

    again = evaluate_search(sample_corpus, QUESTIONS, fresh_settings, k=10)
    assert again == result
    assert len(list((fresh_settings.data_dir / "eval").iterdir())) == 1


def test_score_rankings_counts_first_relevant_rank() -> None:
    metrics = score_rankings([[False, True], [True], [False] * 12, []], k=10)
    assert metrics["recall@1"] == 0.25
    assert metrics["recall@5"] == metrics["recall@10"] == 0.5
    assert metrics["mrr@10"] == pytest.approx((0.5 + 1.0) / 4, abs=1e-4)


def test_questions_accept_file_or_files(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    rows = [
        {"id": "a", "question": "Wer?", "file": "x.txt", "answer_snippets": ["eins  zwei"]},
        {"id": "b", "question": "Wo?", "files": ["x.txt", "y.txt"], "answer_snippets": ["drei"]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    first, second = load_questions(path)
    assert first.files == ("x.txt",) and first.answer_snippets == ("eins zwei",)
    assert second.files == ("x.txt", "y.txt")


def test_bad_question_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(PkgraphError, match="no such file"):
        load_questions(tmp_path / "missing.jsonl")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"question": "Wer?"}\n', encoding="utf-8")
    with pytest.raises(PkgraphError, match=r"broken\.jsonl:1"):
        load_questions(broken)


def test_bad_docs_dir_is_named(tmp_path: Path, fresh_settings: Settings) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps({"question": "Wer?", "file": "a.txt", "answer_snippets": ["x"]}),
        encoding="utf-8",
    )
    with pytest.raises(PkgraphError, match="--docs"):
        evaluate_search(tmp_path / "nowhere", questions, fresh_settings)


def test_pool_passages_are_indexed_but_never_relevant(
    small_pool: SmallPool, fresh_settings: Settings
) -> None:
    alone = build_pool(small_pool.docs, [], fresh_settings)
    mixed = build_pool(small_pool.docs, [small_pool.pool], fresh_settings)
    assert mixed.settings.data_dir != alone.settings.data_dir
    assert set(alone.passages) < set(mixed.passages)
    summary = mixed.summary()
    assert summary["answer_documents"] == len(DEV_FILES)
    assert summary["distractor_documents"] == len(DISTRACTOR_FILES)
    assert summary["passages"] == len(mixed.passages)
    assert summary["distractor_passages"] == len(mixed.passages) - len(alone.passages)
    distractors = {pid for pid, p in mixed.passages.items() if p.file is None}
    assert distractors == set(mixed.passages) - set(alone.passages)


def test_a_document_in_docs_and_pool_counts_as_answering(
    small_pool: SmallPool, fresh_settings: Settings
) -> None:
    shutil.copy(small_pool.docs / DEV_FILES[0], small_pool.pool / DEV_FILES[0])
    pool = build_pool(small_pool.docs, [small_pool.pool], fresh_settings)
    assert sorted(name for name in pool.files.values() if name) == sorted(DEV_FILES)


@pytest.mark.slow
def test_eval_search_with_pool_from_the_command_line(
    small_pool: SmallPool, fresh_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["eval", "search", "--docs", str(small_pool.docs), "--questions"]
    argv += [str(small_pool.questions), "--pool", str(small_pool.pool), "--json"]
    argv += ["--data-dir", str(fresh_settings.data_dir)]
    assert main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["questions"] == small_pool.count
    assert result["pool"]["distractor_documents"] == len(DISTRACTOR_FILES)
    assert set(result["methods"]) == {"lexical", "dense", "hybrid"}
    assert result["default"]["recall@10"] >= 0.8
    report = format_report(result)
    assert f"pool {result['pool']['passages']} passages" in report

    assert main(argv) == 0  # the second run reuses the stores and measures the same
    assert json.loads(capsys.readouterr().out) == result
    assert len(list((fresh_settings.data_dir / "eval").iterdir())) == 1


def test_bad_pool_dir_is_named(small_pool: SmallPool, fresh_settings: Settings) -> None:
    with pytest.raises(PkgraphError, match="--pool"):
        build_pool(small_pool.docs, [small_pool.pool / "missing"], fresh_settings)
