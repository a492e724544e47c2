"""Merged incidents kept between builds: reused only while their summaries' files are unchanged,
re-linked to the summaries the build loaded, and dropped when the code that merges them changes."""
from __future__ import annotations

import shutil
from pathlib import Path

import generator.incident_cache as incident_cache
from generator.config import load_config
from generator.handedits import CACHE_DIR
from generator.incident_cache import CACHE_FILE, MergedIncidents
from generator.incidents import group_incidents, merge_incident
from generator.pipeline import build_site, load_summaries
from generator.render_cache import Digests

BASIC = Path(__file__).resolve().parent / "sites" / "basic"


def copy_basic(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(BASIC, root, ignore=shutil.ignore_patterns("expected", ".briefing-cache"))
    return root


def grouped(root: Path):
    """One build's grouping step: (incidents, the cache used, the summaries loaded)."""
    config = load_config(root)
    digests = Digests()
    summaries, errors = load_summaries(config, digests)
    assert errors == []
    merged = MergedIncidents(config.summaries_path / CACHE_DIR / CACHE_FILE, summaries, digests.of)
    incidents = group_incidents(summaries, config.incident_window_days, merge=merged.merge)
    merged.save()
    return incidents, merged, summaries


def test_kept_incidents_equal_fresh_ones_and_hold_this_builds_summaries(tmp_path):
    root = copy_basic(tmp_path)
    first, cold, _ = grouped(root)
    assert cold.made == len(first) >= 2
    second, warm, summaries = grouped(root)
    assert warm.made == 0
    assert second == first
    loaded = {id(s) for s in summaries}
    assert all(id(s) in loaded for inc in second for s in inc.summaries)
    assert second == group_incidents(summaries)        # the same as merging without any cache


def test_a_change_rewrites_only_the_shards_of_the_incidents_it_touched(tmp_path):
    root = copy_basic(tmp_path)
    grouped(root)
    folder = root / "summaries" / CACHE_DIR
    before = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.glob("incidents-*.pickle")}
    assert len(before) >= 2                  # the basic site's incidents fall in more than one shard
    path = root / "summaries" / "riverton-protest.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("publisher: \"Valley Post\"", "publisher: \"Riverton Post\"", 1),
                    encoding="utf-8")
    _, merged, _ = grouped(root)
    assert merged.made == 1
    after = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.glob("incidents-*.pickle")}
    changed = [name for name in after if before.get(name) != after[name]]
    assert 1 <= len(changed) <= 2 and len(changed) < len(after)


def test_a_changed_summary_merges_its_incident_again_and_only_that_one(tmp_path):
    root = copy_basic(tmp_path)
    grouped(root)
    path = root / "summaries" / "harbour-clash-front.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("publisher: null", "publisher: Kemi Herald"),
                    encoding="utf-8")
    incidents, merged, summaries = grouped(root)
    assert merged.made == 1
    pinned = next(i for i in incidents if i.pin == "port-kemi-clash")
    assert "Kemi Herald" in pinned.sources
    assert pinned == merge_incident(pinned.summaries)


def test_new_code_or_a_broken_file_empties_the_cache(tmp_path, monkeypatch):
    root = copy_basic(tmp_path)
    first, _, _ = grouped(root)
    monkeypatch.setattr(incident_cache, "_stamp", lambda: "another version")
    _, merged, _ = grouped(root)
    assert merged.made == len(first)
    shards = sorted((root / "summaries" / CACHE_DIR).glob("incidents-*.pickle"))
    assert shards
    for shard in shards:
        shard.write_bytes(b"not a pickle")
    again, merged, _ = grouped(root)
    assert merged.made == len(first) and again == first


def test_a_build_from_the_kept_incidents_gives_the_same_site(tmp_path):
    root = copy_basic(tmp_path)
    build_site(load_config(root), tmp_path / "cold", search=False)
    assert list((root / "summaries" / CACHE_DIR).glob("incidents-*.pickle"))
    build_site(load_config(root), tmp_path / "warm", search=False)

    def tree(folder):
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    assert tree(tmp_path / "warm") == tree(tmp_path / "cold")
