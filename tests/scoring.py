"""The project's own quality figures for extraction, computed against answer-keyed fixtures.

Same answer-key format as the shared evaluation (tests/fixtures/quality/gold/*.yaml): event
date and type accuracy; places, actors, casualty rows (status + count) and attributions as
precision / recall / F1 with greedy one-to-one matching on folded names (0.88 similarity).
Kept here so the suite runs in a user's clone, with no shared evaluation folder.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata

PLACE_WORDS = {"province", "district", "city", "region", "state", "governorate", "county", "village",
               "town", "prefecture", "department", "municipality", "oblast", "area"}


def fold(text, drop=frozenset()) -> str:
    if text is None:
        return ""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[’'`]s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    words = [w for w in text.split() if w not in drop]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def accepted(entry, drop=frozenset()) -> list[str]:
    if entry is None:
        return []
    items = entry if isinstance(entry, list) else [entry]
    flat = []
    for item in items:
        flat.extend(item if isinstance(item, list) else [item])
    return [n for n in (fold(i, drop) for i in flat) if n]


def similar(candidate: str, names: list[str]) -> bool:
    if not candidate or not names:
        return False
    if candidate in names:
        return True
    return max(difflib.SequenceMatcher(None, candidate, n).ratio() for n in names) >= 0.88


def matched(system: list, gold: list, ok) -> int:
    pairs = sorted(((ok(s, g), i, j) for i, s in enumerate(system) for j, g in enumerate(gold)), reverse=True)
    used_s, used_g, n = set(), set(), 0
    for good, i, j in pairs:
        if good and i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            n += 1
    return n


class Tally:
    def __init__(self):
        self.tp = self.sys = self.gold = 0

    def add(self, tp, sys, gold):
        self.tp += tp
        self.sys += sys
        self.gold += gold

    @property
    def f1(self) -> float:
        p = self.tp / self.sys if self.sys else float(not self.gold)
        r = self.tp / self.gold if self.gold else float(not self.sys)
        return 2 * p * r / (p + r) if p + r else 0.0


def _day(value):
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10]


def score(pairs: list[tuple[dict, dict]]) -> dict[str, float]:
    """pairs of (summary as plain data, answer key) -> the headline figures."""
    date_ok = type_ok = 0
    places, actors, casualties, sources = Tally(), Tally(), Tally(), Tally()
    for summary, gold in pairs:
        date_ok += _day(summary["event"]["date"]) == _day(gold.get("event_date"))
        type_ok += summary["event"]["type"] == gold.get("event_type")
        s_places = [fold(x["name"], PLACE_WORDS) for x in summary["locations"]]
        g_places = [accepted(x["name"], PLACE_WORDS) for x in gold.get("locations") or []]
        places.add(matched(s_places, g_places, similar), len(s_places), len(g_places))
        s_actors = [fold(a["name"]) for a in summary["actors"]]
        g_actors = [accepted(a) for a in gold.get("actors") or []]
        actors.add(matched(s_actors, g_actors, similar), len(s_actors), len(g_actors))
        s_cas = summary["casualties"]
        g_cas = gold.get("casualties") or []
        casualties.add(matched(s_cas, g_cas, lambda s, g: s["status"] == g["status"] and s["count"] == g["count"]),
                       len(s_cas), len(g_cas))
        said = {fold(c["by"]) for c in summary["claims"]} | {fold(c["claimed_by"]) for c in s_cas}
        said.discard("")
        g_src = [accepted(a) for a in gold.get("attributions") or []]
        sources.add(matched(sorted(said), g_src, similar), len(said), len(g_src))
    n = len(pairs)
    figures = {"date": date_ok / n, "type": type_ok / n, "places": places.f1, "actors": actors.f1,
               "casualties": casualties.f1, "attributions": sources.f1}
    figures["overall"] = sum(figures.values()) / len(figures)
    return figures
