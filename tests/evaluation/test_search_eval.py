"""``pkgraph eval search`` on the sample corpus and its questions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pkgraph.errors import PkgraphError
from pkgraph.evaluation.search import (
    evaluate_search,
    format_report,
    load_questions,
    score_rankings,
)
from pkgraph.settings import Settings

QUESTIONS = Path(__file__).resolve().parents[2] / "eval" / "seeds_questions.jsonl"
METRICS = {"recall@1", "recall@5", "recall@10", "mrr@10"}


@pytest.mark.slow
def test_eval_reports_every_method_and_meets_the_targets(
    sample_corpus: Path, fresh_settings: Settings
) -> None:
    result = evaluate_search(sample_corpus, QUESTIONS, fresh_settings, k=10)
    assert set(result) == {"methods", "default"}
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
