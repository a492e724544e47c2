"""Quality regression: the extractor on the project's own answer-keyed reports.

tests/fixtures/quality/ holds reports written for this project in many styles and countries, each
with a hand-made answer key. These floors sit just under the figures measured when they were set;
a change that makes any figure drop below its floor fails here.
"""
from pathlib import Path

import pytest
import yaml

from tests.scoring import score

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# quality/: news reports in many styles; holdout/: wire briefs, news wikis, military and UN
# releases, embassy statements; holdout2-5/: real published VOA, Wikinews, CENTCOM and embassy
# reports keyed blind (holdout6-11 likewise). Each holdout set was scored before the extractor had seen it (see its
# SOURCES.md), then used to find faults; the floors hold what was won since.
FLOORS = {
    "quality": {"date": 0.92, "type": 0.92, "places": 0.82, "actors": 0.84, "casualties": 0.90,
                "attributions": 0.79, "overall": 0.89},
    "holdout": {"date": 0.90, "type": 0.92, "places": 0.78, "actors": 0.76, "casualties": 0.85,
                "attributions": 0.87, "overall": 0.86},
    "holdout2": {"date": 0.92, "type": 0.82, "places": 0.82, "actors": 0.72, "casualties": 0.76,
                 "attributions": 0.82, "overall": 0.82},
    "holdout3": {"date": 0.82, "type": 0.88, "places": 0.80, "actors": 0.55, "casualties": 0.78,
                 "attributions": 0.80, "overall": 0.77},
    "holdout4": {"date": 0.88, "type": 0.88, "places": 0.75, "actors": 0.54, "casualties": 0.81,
                 "attributions": 0.79, "overall": 0.78},
    "holdout5": {"date": 0.95, "type": 0.88, "places": 0.77, "actors": 0.55, "casualties": 0.80,
                 "attributions": 0.75, "overall": 0.80},
    "holdout6": {"date": 0.88, "type": 0.90, "places": 0.75, "actors": 0.63, "casualties": 0.81,
                 "attributions": 0.80, "overall": 0.77},
    "holdout7": {"date": 0.90, "type": 0.90, "places": 0.82, "actors": 0.61, "casualties": 0.86,
                 "attributions": 0.77, "overall": 0.82},
    "holdout8": {"date": 0.88, "type": 0.95, "places": 0.71, "actors": 0.66, "casualties": 0.74,
                 "attributions": 0.82, "overall": 0.77},
    "holdout9": {"date": 0.75, "type": 0.82, "places": 0.70, "actors": 0.53, "casualties": 0.82,
                 "attributions": 0.83, "overall": 0.75},
    "holdout10": {"date": 0.88, "type": 0.88, "places": 0.73, "actors": 0.75, "casualties": 0.64,
                  "attributions": 0.80, "overall": 0.76},
    # six reports only: one report moves a figure by a sixth, so these floors sit a little lower
    "holdout11": {"date": 0.80, "type": 0.80, "places": 0.62, "actors": 0.60, "casualties": 0.95,
                  "attributions": 0.68, "overall": 0.75},
    # five and eight reports, mostly official statements
    "holdout12": {"date": 0.95, "type": 0.95, "places": 0.85, "actors": 0.82, "casualties": 0.70,
                  "attributions": 0.95, "overall": 0.88},
    "holdout13": {"date": 0.82, "type": 0.82, "places": 0.95, "actors": 0.40, "casualties": 0.73,
                  "attributions": 0.82, "overall": 0.77},
    # nine and four wire-style news reports
    "holdout14": {"date": 0.84, "type": 0.75, "places": 0.84, "actors": 0.75, "casualties": 0.82,
                  "attributions": 0.73, "overall": 0.80},
    "holdout15": {"date": 0.95, "type": 0.95, "places": 0.86, "actors": 0.70, "casualties": 0.93,
                  "attributions": 0.58, "overall": 0.84},
    # seven reports, mostly protests and riots
    "holdout16": {"date": 0.95, "type": 0.64, "places": 0.74, "actors": 0.64, "casualties": 0.66,
                  "attributions": 0.70, "overall": 0.74},
    # nine UN statements and UN News items, mostly attacks on peacekeepers
    "holdout18": {"date": 0.95, "type": 0.84, "places": 0.85, "actors": 0.64, "casualties": 0.55,
                  "attributions": 0.58, "overall": 0.75},
    # six reports: air strikes, hostages freed, a peace deal, an arrest
    "holdout17": {"date": 0.80, "type": 0.95, "places": 0.70, "actors": 0.52, "casualties": 0.75,
                  "attributions": 0.73, "overall": 0.76},
    # blind sets of this session: VOA and Wikinews news (19), official releases (20), and a mix from Latin
    # America, South-East Asia and West/Central Africa (21, scored blind after the session's other work)
    "holdout19": {"date": 0.95, "type": 0.75, "places": 0.85, "actors": 0.70, "casualties": 0.84,
                  "attributions": 0.70, "overall": 0.82},
    "holdout20": {"date": 0.95, "type": 0.95, "places": 0.60, "actors": 0.64, "casualties": 0.64,
                  "attributions": 0.83, "overall": 0.79},
    "holdout21": {"date": 0.85, "type": 0.75, "places": 0.60, "actors": 0.74, "casualties": 0.78,
                  "attributions": 0.78, "overall": 0.77},    # blind sets of the next session, ten reports each: South Asia, Middle East and East Africa (22);
    # Caucasus, Central Asia, Sahel, Latin America (23); Wikinews and VOA from Bangladesh to Peru (24);
    # military releases and statements (25); ordinary-length VOA news (26); Wikinews and VOA from eight
    # countries new to the sets (27)
    "holdout22": {"date": 0.85, "type": 0.95, "places": 0.74, "actors": 0.56, "casualties": 0.83,
                  "attributions": 0.84, "overall": 0.80},
    "holdout23": {"date": 0.65, "type": 0.75, "places": 0.64, "actors": 0.60, "casualties": 0.82,
                  "attributions": 0.88, "overall": 0.74},
    "holdout24": {"date": 0.65, "type": 0.85, "places": 0.75, "actors": 0.61, "casualties": 0.68,
                  "attributions": 0.82, "overall": 0.75},
    "holdout25": {"date": 0.95, "type": 0.95, "places": 0.77, "actors": 0.72, "casualties": 0.85,
                  "attributions": 0.73, "overall": 0.84},
    "holdout26": {"date": 0.55, "type": 0.75, "places": 0.64, "actors": 0.62, "casualties": 0.64,
                  "attributions": 0.86, "overall": 0.70},
    "holdout27": {"date": 0.85, "type": 0.65, "places": 0.59, "actors": 0.55, "casualties": 0.70,
                  "attributions": 0.81, "overall": 0.70},
    # blind sets of the session after: eight reports each, VOA, Wikinews, DoD and an embassy statement (30);
    # Wikinews, military releases, State Department, an embassy alert, a Senate release (31)
    "holdout30": {"date": 0.85, "type": 0.95, "places": 0.84, "actors": 0.60, "casualties": 0.88,
                  "attributions": 0.75, "overall": 0.82},
    "holdout31": {"date": 0.95, "type": 0.95, "places": 0.85, "actors": 0.75, "casualties": 0.80,
                  "attributions": 0.53, "overall": 0.82},
    # blind sets of the session after that: Wikinews, State Department, an OSCE mission, an embassy alert and
    # statement (32); Wikinews, State Department, USAID, VOA, the White House (33)
    "holdout32": {"date": 0.85, "type": 0.60, "places": 0.80, "actors": 0.70, "casualties": 0.70,
                  "attributions": 0.69, "overall": 0.72},
    "holdout33": {"date": 0.60, "type": 0.72, "places": 0.75, "actors": 0.66, "casualties": 0.87,
                  "attributions": 0.85, "overall": 0.75},
    # and two more of that session: VOA and a UN release (34); State Department, VOA, a UN statement (35)
    "holdout34": {"date": 0.48, "type": 0.72, "places": 0.57, "actors": 0.84, "casualties": 0.74,
                  "attributions": 0.80, "overall": 0.70},
    "holdout35": {"date": 0.72, "type": 0.72, "places": 0.75, "actors": 0.68, "casualties": 0.77,
                  "attributions": 0.55, "overall": 0.70},
    # blind sets of the session after: UN statements, CENTCOM, embassy statements, VOA (36); UN statements and a
    # UN News story, State Department, embassy statements (37)
    "holdout36": {"date": 0.85, "type": 0.95, "places": 0.75, "actors": 0.62, "casualties": 0.80,
                  "attributions": 0.70, "overall": 0.78},
    "holdout37": {"date": 0.95, "type": 0.95, "places": 0.80, "actors": 0.67, "casualties": 0.92,
                  "attributions": 0.43, "overall": 0.79},
    # and two scored after that round: VOA, UN, State Department, CENTCOM (38); VOA, UN, State Department, an
    # embassy alert, Wikinews (39)
    "holdout38": {"date": 0.85, "type": 0.60, "places": 0.68, "actors": 0.90, "casualties": 0.64,
                  "attributions": 0.68, "overall": 0.72},
    "holdout39": {"date": 0.60, "type": 0.72, "places": 0.86, "actors": 0.73, "casualties": 0.75,
                  "attributions": 0.50, "overall": 0.70},
}
SMALL_SETS = {"holdout11": 6, "holdout12": 5, "holdout13": 8, "holdout14": 9, "holdout15": 4,
              "holdout16": 7, "holdout17": 6, "holdout18": 9, "holdout19": 9,
              "holdout20": 10, "holdout21": 10, "holdout22": 10, "holdout23": 10, "holdout24": 10,
              "holdout25": 10, "holdout26": 10, "holdout27": 10, "holdout30": 8,
              "holdout31": 8, "holdout32": 8, "holdout33": 8,
              "holdout34": 8, "holdout35": 8, "holdout36": 8, "holdout37": 8,
              "holdout38": 8, "holdout39": 8}   # the rest: 12+


@pytest.fixture(scope="module")
def figures(extract_reports):
    out = {}
    for corpus in FLOORS:
        reports = sorted((FIXTURES / corpus / "reports").glob("*.md"))
        assert len(reports) >= SMALL_SETS.get(corpus, 12)   # no set silently emptied
        summaries = extract_reports(reports)
        pairs = []
        for report, summary in zip(reports, summaries):
            gold = yaml.safe_load((FIXTURES / corpus / "gold" / f"{report.stem}.yaml").read_text(encoding="utf-8"))
            pairs.append((summary.to_dict(), gold))
        out[corpus] = score(pairs)
    return out


@pytest.mark.parametrize("corpus,name", [(c, n) for c in FLOORS for n in FLOORS[c]])
def test_quality_floor(figures, corpus, name):
    got = figures[corpus][name]
    assert got >= FLOORS[corpus][name], f"{corpus} {name} fell to {got:.3f} (floor {FLOORS[corpus][name]}): {figures[corpus]}"
