"""Every notebook runs top to bottom on the sample build; its figures go to tests/artifacts."""

from __future__ import annotations

import base64
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from pkgraph.settings import Settings
from tests.conftest import ARTIFACTS, ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def save_figures(notebook: nbformat.NotebookNode, stem: str) -> list[Path]:
    """Write every PNG output of ``notebook`` to ARTIFACTS as ``{stem}-{cell}-{n}.png``."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{stem}-*.png"):
        old.unlink()
    written: list[Path] = []
    for number, cell in enumerate(notebook.cells):
        for n, output in enumerate(cell.get("outputs", [])):
            png = output.get("data", {}).get("image/png")
            if png:
                path = ARTIFACTS / f"{stem}-{number:02d}-{n}.png"
                path.write_bytes(base64.b64decode(png))
                written.append(path)
    return written


def test_all_three_notebooks_are_there() -> None:
    assert [p.name for p in NOTEBOOKS] == [
        "01_sparql_for_researchers.ipynb",
        "02_network_exploration.ipynb",
        "03_semantic_search.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_the_sample_build(
    path: Path, sample_build: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PKGRAPH_DATA_DIR", str(sample_build.data_dir))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=600,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()  # raises CellExecutionError naming the cell on any error
    figures = save_figures(notebook, path.stem)
    if path.stem.startswith("02"):
        assert len(figures) >= 5, figures
