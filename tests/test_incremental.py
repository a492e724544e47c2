"""Incremental extraction (generator.pipeline.extract_site): unchanged reports cost nothing,
writes are atomic, deleted reports are reported, settings changes re-extract.

One tiny report is extracted once per module (spaCy); each test works on a copy of that site.
"""
from __future__ import annotations

import os
import stat

import pytest
from .helpers import (load, GAZETTEER, REPORT_V1, REPORT_V2, STEM, bump_first_count, copy_site,
                       forbid_model, hand_edit, make_site, run_extract, summary_path)

import generator.output
from generator import handedits
from generator.summary import load_summary


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("pristine"))
    result = run_extract(root)
    assert result.errors == [] and result.written == [summary_path(root)] and result.model_loaded
    return root


@pytest.fixture()
def site(pristine, tmp_path):
    return copy_site(pristine, tmp_path / "site")


def snapshot(folder):
    """Every file under folder (hidden ones too): relative path -> (bytes, mtime_ns)."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def crash_on_replace(monkeypatch, n):
    """os.replace (used by generator.output's atomic writes) fails on its n-th call."""
    real = os.replace
    calls = {"n": 0}

    def flaky(src, dst, **kw):
        calls["n"] += 1
        if calls["n"] == n:
            raise OSError(28, "No space left on device (simulated)")
        return real(src, dst, **kw)

    monkeypatch.setattr(generator.output.os, "replace", flaky)
    return calls


def leftovers(folder):
    return [p.name for p in folder.rglob("*.tmp")]


# (a) ----------------------------------------------------------------------------------------

def test_unchanged_reports_write_nothing_and_load_no_model(site, monkeypatch):
    before = snapshot(site)
    forbid_model(monkeypatch)
    result = run_extract(site)
    assert result.model_loaded is False
    assert result.written == [] and result.unchanged == [summary_path(site)]
    assert result.errors == result.conflicts == result.orphans == []
    assert snapshot(site) == before


def test_changed_report_is_re_extracted_and_then_current(site):
    (site / "reports" / f"{STEM}.md").write_text(REPORT_V2, encoding="utf-8")
    result = run_extract(site)
    target = summary_path(site)
    assert result.written == [target] and result.model_loaded and result.conflicts == []
    text = target.read_text(encoding="utf-8")
    assert handedits.is_pristine(text)                         # the tool's own file, overwritten
    assert handedits.cache_file(target).read_text(encoding="utf-8") == text
    assert any(c["count"] == 7 for c in load(target)["casualties"])
    assert run_extract(site).written == []


# (f) ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("n", [1, 2])
def test_crash_while_writing_leaves_a_whole_file_and_a_rerun_completes(site, monkeypatch, n):
    """Call 1 writes the summary, call 2 the base cache."""
    target = summary_path(site)
    old = target.read_bytes()
    (site / "reports" / f"{STEM}.md").write_text(REPORT_V2, encoding="utf-8")
    calls = crash_on_replace(monkeypatch, n)
    with pytest.raises(OSError, match="simulated"):
        run_extract(site)
    assert calls["n"] == n
    assert leftovers(site) == []                              # no temp files left behind
    now = target.read_bytes()
    if n == 1:
        assert now == old                                     # the previous summary, intact
    load_summary(target)                                      # whole and valid either way
    monkeypatch.undo()

    result = run_extract(site)                                # the rerun completes
    assert result.errors == []
    assert any(c["count"] == 7 for c in load(target)["casualties"])
    assert handedits.is_pristine(target.read_text(encoding="utf-8"))
    assert run_extract(site).written == []


def test_crash_while_merging_keeps_the_hand_edited_file_intact(site, monkeypatch):
    """Merging writes the .conflict.yaml first (call 1), then the summary (call 2)."""
    target = summary_path(site)
    mine = hand_edit(target, bump_first_count)
    edited = target.read_bytes()
    (site / "reports" / f"{STEM}.md").write_text(REPORT_V2, encoding="utf-8")
    crash_on_replace(monkeypatch, 2)
    with pytest.raises(OSError, match="simulated"):
        run_extract(site)
    assert target.read_bytes() == edited and leftovers(site) == []
    monkeypatch.undo()
    result = run_extract(site)
    assert result.conflicts == [f"{target}: casualties"]
    assert load(target)["casualties"] == mine["casualties"]


def test_crash_between_summary_and_cache_does_not_poison_a_later_merge(site, monkeypatch):
    target = summary_path(site)
    report = site / "reports" / f"{STEM}.md"
    report.write_text(REPORT_V2, encoding="utf-8")            # v1 -> v2, crash before the cache
    crash_on_replace(monkeypatch, 2)
    with pytest.raises(OSError):
        run_extract(site)
    monkeypatch.undo()
    assert run_extract(site).written == []                    # v2 summary counts as current
    hand_edit(target, lambda data: data.update(actors=[{"name": "Luo youths", "kind": "identity-militias"}]))
    report.write_text(REPORT_V1, encoding="utf-8")            # the report goes back to v1
    result = run_extract(site)
    fresh = load(handedits.cache_file(target))                # the v1 extraction
    data = load(target)
    # the analyst touched only `actors`: every other key must be the new extraction (or be
    # reported as a conflict with the new value in .conflict.yaml) - never stay at v2 silently
    conflicted = {c.rsplit(": ", 1)[1] for c in result.conflicts}
    for key in ("summary", "casualties", "claims"):
        assert data[key] == fresh[key] or key in conflicted, key


# (g) ----------------------------------------------------------------------------------------

def test_deleted_report_is_an_orphan_and_its_summary_stays(site):
    target = summary_path(site)
    hand_edit(target, lambda data: data.update(reviewed=True))
    (site / "summaries" / f"{STEM}.conflict.yaml").write_text("casualties: []\n")
    before = target.read_bytes()
    (site / "reports" / f"{STEM}.md").unlink()
    result = run_extract(site)
    assert result.orphans == [target]                         # the .conflict.yaml is no orphan
    assert target.read_bytes() == before
    assert result.written == [] and result.model_loaded is False


# (h) ----------------------------------------------------------------------------------------

def test_changing_the_gazetteer_makes_pristine_summaries_stale(site):
    target = summary_path(site)
    old_settings = load(target)["extracted_by"]["settings"]
    (site / "gazetteer.yaml").write_text(GAZETTEER + "- name: Nyalenda\n  kind: village\n  country_code: KE\n")
    result = run_extract(site)
    assert result.written == [target] and result.model_loaded
    new_settings = load(target)["extracted_by"]["settings"]
    assert new_settings != old_settings
    assert handedits.is_pristine(target.read_text(encoding="utf-8"))
    assert run_extract(site).written == []                     # current again under the new settings


# file modes ----------------------------------------------------------------------------------

def test_summaries_keep_ordinary_file_modes(site):
    target = summary_path(site)
    os.chmod(target, 0o664)
    (site / "reports" / f"{STEM}.md").write_text(REPORT_V2, encoding="utf-8")
    run_extract(site)
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


def test_reports_are_found_in_order_without_hidden_ones_and_named_from_the_site(tmp_path):
    from generator.pipeline import _relative
    from generator.reports import find_reports

    reports = tmp_path / "site" / "reports"
    for name in ("b.md", "a/x.md", "a-b/y.txt", "A.HTML", ".hidden.md", ".git/z.md", "a/.drafts/w.md", "notes.pdf"):
        (reports / name).parent.mkdir(parents=True, exist_ok=True)
        (reports / name).write_text("x", encoding="utf-8")
    found = find_reports([reports])
    # by path parts, as sorted(Path) would: the folder "a" before "a-b"
    assert [p.relative_to(reports).as_posix() for p in found] == ["A.HTML", "a/x.md", "a-b/y.txt", "b.md"]
    base = os.path.join(str(tmp_path / "site"), "")
    assert _relative(found[1], base) == "reports/a/x.md"
    assert _relative(os.path.join(str(reports), ".", "b.md"), base) == "reports/b.md"   # pathlib would drop the '.'

    assert _relative(reports / "a" / ".." / "b.md", base) == "reports/b.md"
    outside = tmp_path / "elsewhere.md"
    assert _relative(outside, base) == outside.as_posix()
