"""Shared fixtures. Extraction fixtures load the spaCy model once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def extract_reports():
    """Extract summaries for report files (session-cached model and gazetteer)."""
    from generator.extract import extract_summaries
    from generator.reports import read_report

    def run(paths, gazetteer_file=None):
        reports = [read_report(Path(p), Path(p).name) for p in paths]
        return list(extract_summaries(reports, gazetteer_file=gazetteer_file))

    return run


@pytest.fixture(scope="session")
def seed_summary(extract_reports):
    return extract_reports([ROOT / "seeds" / "taliban-pakistan-border-clashes.md"])[0]


@pytest.fixture(scope="session")
def extract_text(extract_reports, tmp_path_factory):
    """Extract one report given as text (front matter optional)."""
    folder = tmp_path_factory.mktemp("reports")
    counter = iter(range(10_000))

    def run(body: str, published: str = "2025-06-10", title: str = "Report", publisher: str | None = None):
        path = folder / f"r{next(counter)}.md"
        by = f"publisher: \"{publisher}\"\n" if publisher else ""
        path.write_text(f"---\ntitle: \"{title}\"\n{by}published: {published}\n---\n{body}\n", encoding="utf-8")
        return extract_reports([path])[0]

    return run
