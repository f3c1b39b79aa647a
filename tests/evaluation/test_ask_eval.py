"""``pkgraph eval ask``: answers of ``/ask`` scored on dev documents mixed with distractors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pkgraph.cli import main
from pkgraph.evaluation.ask import format_report, score_answers
from pkgraph.settings import Settings
from tests.evaluation.test_search_eval import DISTRACTOR_FILES, make_small_pool

METRICS = {"fact_hit@1", "fact_hit@5", "answer_mrr@10", "no_fact_share", "p50_ms", "p95_ms"}


def test_score_answers_counts_facts_items_and_latency() -> None:
    facts = [[False, True], [], [True]]
    items = [[False, True, False], [False, False, True], [True]]
    metrics = score_answers(facts, items, [0.010, 0.020, 0.030], k=10)
    assert metrics["fact_hit@1"] == pytest.approx(1 / 3, abs=1e-4)
    assert metrics["fact_hit@5"] == pytest.approx(2 / 3, abs=1e-4)
    assert metrics["answer_mrr@10"] == pytest.approx((0.5 + 1 / 3 + 1.0) / 3, abs=1e-4)
    assert metrics["no_fact_share"] == pytest.approx(1 / 3, abs=1e-4)
    assert metrics["p50_ms"] == pytest.approx(20.0)
    assert metrics["p95_ms"] == pytest.approx(29.0)


@pytest.mark.slow
def test_eval_ask_with_pool_from_the_command_line(
    tmp_path: Path, fresh_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    small = make_small_pool(tmp_path / "input")
    argv = ["eval", "ask", "--docs", str(small.docs), "--questions", str(small.questions)]
    argv += ["--pool", str(small.pool), "--json", "--data-dir", str(fresh_settings.data_dir)]
    assert main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["questions"] == small.count
    assert result["pool"]["distractor_documents"] == len(DISTRACTOR_FILES)
    metrics = result["metrics"]
    assert set(metrics) == METRICS
    assert 0.0 <= metrics["fact_hit@1"] <= metrics["fact_hit@5"] <= 1.0
    assert 0.0 < metrics["answer_mrr@10"] <= 1.0
    assert 0.0 < metrics["p50_ms"] <= metrics["p95_ms"]
    assert "answer_mrr@10" in format_report(result)
