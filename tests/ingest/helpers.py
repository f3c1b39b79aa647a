"""Real files for the ingest tests: PDFs rendered by matplotlib, sample documents by name."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("pdf")

import matplotlib.pyplot as plt
from matplotlib.backends.backend_pdf import PdfPages

SEEDS = Path(__file__).resolve().parents[2] / "corpus" / "seeds"
CLEAN_SAMPLES = ("000_926e73689645af8e.txt", "002_a1f5b0cbbc1d22bb.txt",
                 "003_982e31faa310d561.txt", "004_0bcc7c8f61a2b24f.txt")  # fmt: skip
OCR_SAMPLE = "001_913ea547a9c01a34.txt"


def write_pdf(path: Path, pages: list[str]) -> Path:
    """A real PDF with a text layer (TrueType fonts), one page per string."""
    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(path) as pdf:
        for text in pages:
            figure = plt.figure(figsize=(8.27, 11.69))
            figure.text(0.08, 0.92, text, fontsize=10, va="top")
            pdf.savefig(figure)
            plt.close(figure)
    return path
