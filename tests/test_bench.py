"""The benchmark's corpus generator, and a tiny end-to-end run of bench/run.py (no Pelican)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.corpus import generate, write_pelican_content, write_site
from bench.run import ROWS

ROOT = Path(__file__).resolve().parent.parent


def test_corpus_is_deterministic_and_varied(tmp_path):
    first = list(generate(60, seed=7))
    assert first == list(generate(60, seed=7))
    assert first != list(generate(60, seed=8))
    stems = [stem for stem, _, _ in first]
    assert len(set(stems)) == 60
    countries = {meta["tags"][0] for _, _, meta in first}
    kinds = {meta["tags"][1] for _, _, meta in first}
    assert len(countries) >= 8 and len(kinds) >= 5
    # incidents are told by more than one publisher (so the build has something to group)
    assert len({meta["publisher"] for _, _, meta in first}) >= 5
    for _, text, meta in first:
        assert text.startswith("---\ntitle: ") and meta["title"] in text
        assert 60 < len(text.split()) < 400


def test_corpus_uses_real_gazetteer_towns():
    from generator.extract.gazetteer import packaged_gazetteer

    gaz = packaged_gazetteer()
    towns = [meta["url"] for _, _, meta in generate(30, seed=3)]
    assert towns
    for _, text, _ in generate(30, seed=3):
        # the lead names a town the gazetteer knows ("... near Djibo", "... in Kidal")
        assert any(gaz.lookup(word.strip(".,")) for word in text.split() if word[:1].isupper())


def test_site_and_pelican_content_are_written(tmp_path):
    paths = write_site(tmp_path / "site", 5)
    assert len(paths) == 5 and (tmp_path / "site" / "site.yaml").exists()
    write_pelican_content(tmp_path / "content", 5)
    articles = sorted((tmp_path / "content").glob("*.md"))
    assert [p.name for p in articles] == sorted(p.name for p in paths)
    assert articles[0].read_text(encoding="utf-8").startswith("Title: ")


def test_tiny_benchmark_prints_every_row(tmp_path):
    res = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--n", "12", "--no-pelican",
                          "--bare-procs", "1", "--dir", str(tmp_path)],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert res.returncode == 0, res.stderr[-2000:]
    out = res.stdout
    for _key, label, _target in ROWS:
        assert label in out, label
    assert "12 reports" in out
    noop = next(line for line in out.splitlines() if "no-op extract: model loaded" in line)
    assert "no / no" in noop
    rewritten = next(line for line in out.splitlines() if "output files rewritten" in line)
    assert "/" in rewritten
