"""Hand edits are never lost (generator.handedits through generator.pipeline.extract_site).

One tiny report is extracted once per module (spaCy); each test works on a copy of that site.
Edits are made on the YAML structure, and expectations are stated relative to what the tool
extracted (the base in .briefing-cache), so the tests don't hang on the extractor's exact output.
"""
from __future__ import annotations

import hashlib

import pytest
import yaml
from .helpers import (load, REPORT_V2, STEM, bump_first_count, copy_site, edit, forbid_model, hand_edit,
                       make_site, run_extract, summary_path)

from generator import handedits
from generator.summary import load_summary

ANALYSTS_ACTORS = [{"name": "Luo youths", "kind": "identity-militias"}]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """A site whose one report was extracted by the tool and not touched since."""
    root = make_site(tmp_path_factory.mktemp("pristine"))
    result = run_extract(root)
    assert result.errors == [] and result.written == [summary_path(root)]
    data = yaml.safe_load(summary_path(root).read_text(encoding="utf-8"))
    assert any(c["count"] == 5 for c in data["casualties"]), "the extractor should find '5 killed'"
    return root


@pytest.fixture()
def site(pristine, tmp_path):
    return copy_site(pristine, tmp_path / "site")


def change_report(root, text=REPORT_V2):
    """The report now says 'seven people were killed' instead of 'five'."""
    (root / "reports" / f"{STEM}.md").write_text(text, encoding="utf-8")


def conflict_file(target):
    return target.with_name(f"{STEM}.conflict.yaml")


def test_the_tools_file_is_pristine_and_the_cache_holds_the_base(site):
    target = summary_path(site)
    text = target.read_text(encoding="utf-8")
    assert handedits.is_pristine(text)
    assert not handedits.is_pristine(text.replace("count: 5", "count: 6"))
    assert handedits.cache_file(target).read_text(encoding="utf-8") == text


# (b) ----------------------------------------------------------------------------------------

def test_hand_edit_with_unchanged_report_is_left_byte_identical(site, monkeypatch):
    target = summary_path(site)
    edit(target, "  count: 5\n", "  count: 6\n")          # a plain text edit, as in an editor
    before = target.read_bytes()
    forbid_model(monkeypatch)
    result = run_extract(site)
    assert target.read_bytes() == before
    assert result.written == [] and result.unchanged == [target] and result.model_loaded is False
    assert any("edited by hand" in note for note in result.kept)
    # --force re-extracts pristine summaries only: the edit still stands
    result = run_extract(site, force=True)
    assert target.read_bytes() == before and result.written == []


# (c) ----------------------------------------------------------------------------------------

def test_reviewed_true_is_respected(site, monkeypatch):
    target = summary_path(site)
    edit(target, "reviewed: false", "reviewed: true")
    before = target.read_bytes()
    forbid_model(monkeypatch)
    assert run_extract(site, force=True).written == []
    # new settings (gazetteer) make pristine summaries stale, never a reviewed one
    (site / "gazetteer.yaml").write_text("- name: Nyalenda\n  kind: village\n  country_code: KE\n")
    result = run_extract(site)
    assert result.written == [] and result.model_loaded is False
    assert target.read_bytes() == before


def test_reviewed_summary_whose_report_changed_stays_reviewed(site):
    target = summary_path(site)
    edit(target, "reviewed: false", "reviewed: true")
    change_report(site)
    result = run_extract(site)
    data, fresh = load(target), load(handedits.cache_file(target))
    assert data["reviewed"] is True
    assert result.conflicts == [] and not conflict_file(target).exists()
    for key in handedits.MERGED_KEYS:           # nothing else was edited: the new extraction
        assert data[key] == fresh[key], key
    assert any(c["count"] == 7 for c in data["casualties"])


# (d) ----------------------------------------------------------------------------------------

def test_report_changed_under_edited_summary_three_way_merge(site):
    target = summary_path(site)

    def analyst(data):
        data["actors"] = ANALYSTS_ACTORS                 # only the analyst changes this key
        bump_first_count(data)                           # 5 -> 6; the report will say 7: both
        data["incident"] = "kisumu-clashes-march"

    mine = hand_edit(target, analyst)
    base = load(handedits.cache_file(target))
    change_report(site)
    result = run_extract(site)

    fresh = load(handedits.cache_file(target))            # what the tool extracted this time
    assert fresh["actors"] == base["actors"], "test premise: the report change leaves actors alone"
    assert result.written == [target]
    assert result.conflicts == [f"{target}: casualties"]
    assert any("hand-edited" in note for note in result.kept)
    data = load(target)
    assert data["actors"] == ANALYSTS_ACTORS                         # analyst's edit survives
    assert data["casualties"] == mine["casualties"]                  # both changed: analyst's
    assert data["incident"] == "kisumu-clashes-march"
    for key in ("event", "summary", "locations", "claims"):          # untouched: new extraction
        assert data[key] == fresh[key], key
    assert "seven" in data["summary"]
    assert data["report"]["sha256"] == hashlib.sha256(REPORT_V2.encode()).hexdigest()
    theirs = load(conflict_file(target))                             # the tool's side, aside
    assert theirs == {"casualties": fresh["casualties"]}
    assert any(c["count"] == 7 for c in theirs["casualties"])
    load_summary(target)                                             # still a valid summary
    # the merged file counts as edited: the next run leaves it alone, without the model
    before = target.read_bytes()
    again = run_extract(site)
    assert again.written == [] and again.model_loaded is False and target.read_bytes() == before


# (e) ----------------------------------------------------------------------------------------

def test_without_the_base_cache_nothing_is_lost(site):
    target = summary_path(site)
    cache = handedits.cache_file(target)
    cache.unlink()
    mine = hand_edit(target, lambda data: data.update(actors=ANALYSTS_ACTORS))
    change_report(site)
    result = run_extract(site)

    data, theirs, fresh = load(target), load(conflict_file(target)), load(cache)
    conflicted = {c.rsplit(": ", 1)[1] for c in result.conflicts}
    differing = {k for k in handedits.MERGED_KEYS if mine[k] != fresh[k]}
    assert {"actors", "casualties", "summary"} <= differing
    assert conflicted == differing == set(theirs)
    for key in handedits.MERGED_KEYS:
        assert data[key] == mine[key], key         # the file keeps what the analyst had
    for key in differing:
        assert theirs[key] == fresh[key], key      # the new extraction is kept beside it
    assert cache.exists()                          # and the base is there for next time


# cases that once failed -------------------------------------------------

def test_hand_edit_of_report_metadata_survives_a_report_change(site):
    target = summary_path(site)
    hand_edit(target, lambda data: data["report"].update(publisher="Lakeside Standard (Kisumu)"))
    change_report(site)
    result = run_extract(site)
    kept = load(target)["report"]["publisher"] == "Lakeside Standard (Kisumu)"
    reported = any(c.endswith(": report") for c in result.conflicts) and conflict_file(target).exists()
    assert kept or reported


def test_key_added_by_the_analyst_survives_a_report_change(site):
    target = summary_path(site)
    hand_edit(target, lambda data: data.update(notes="figure checked with the county"))
    change_report(site)
    run_extract(site)
    assert load(target).get("notes") == "figure checked with the county"


def test_broken_hand_edit_with_unchanged_report_is_left_as_is(site):
    target = summary_path(site)
    edit(target, "  count: 5\n", "  count: [6\n")          # a typo that breaks the YAML
    before = target.read_bytes()
    run_extract(site)
    assert target.read_bytes() == before
