"""Quality regression: the extractor on the project's own answer-keyed reports.

tests/fixtures/quality/ holds reports written for this project in many styles and countries, each
with a hand-made answer key. These floors sit just under the figures measured when they were set;
a change that makes any figure drop below its floor fails here.
"""
from pathlib import Path

import pytest
import yaml

from tests.scoring import score

QUALITY = Path(__file__).resolve().parent / "fixtures" / "quality"
FLOORS = {"date": 0.92, "type": 0.92, "places": 0.82, "actors": 0.82, "casualties": 0.87,
          "attributions": 0.77, "overall": 0.87}


@pytest.fixture(scope="module")
def figures(extract_reports):
    reports = sorted((QUALITY / "reports").glob("*.md"))
    assert len(reports) >= 12
    summaries = extract_reports(reports)
    pairs = []
    for report, summary in zip(reports, summaries):
        gold = yaml.safe_load((QUALITY / "gold" / f"{report.stem}.yaml").read_text(encoding="utf-8"))
        pairs.append((summary.to_dict(), gold))
    return score(pairs)


@pytest.mark.parametrize("name", list(FLOORS))
def test_quality_floor(figures, name):
    assert figures[name] >= FLOORS[name], f"{name} fell to {figures[name]:.3f} (floor {FLOORS[name]}): {figures}"
