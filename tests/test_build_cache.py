"""Builds parse and validate only the summaries whose text changed (cache keyed by content hash)."""
import shutil
from pathlib import Path

import generator.summary as summary_module
from generator.config import load_config
from generator.pipeline import build_site, load_summaries

BASIC = Path(__file__).resolve().parent / "sites" / "basic"


def copy_basic(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(BASIC, root, ignore=shutil.ignore_patterns("expected", ".briefing-cache"))
    return root


def test_unchanged_summaries_are_not_parsed_again(tmp_path, monkeypatch):
    root = copy_basic(tmp_path)
    first, errors = load_summaries(load_config(root))
    assert errors == [] and len(first) == 4

    def forbidden(*args, **kwargs):
        raise AssertionError("an unchanged summary was parsed again")

    monkeypatch.setattr(summary_module, "validate_summary_text", forbidden)
    again, errors = load_summaries(load_config(root))
    assert errors == [] and [s.to_dict() for s in again] == [s.to_dict() for s in first]


def test_an_edited_summary_is_parsed_and_validated_again(tmp_path):
    root = copy_basic(tmp_path)
    load_summaries(load_config(root))
    target = root / "summaries" / "riverton-protest.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("type: protests", "type: parade"),
                      encoding="utf-8")
    summaries, errors = load_summaries(load_config(root))
    assert len(errors) == 1 and "riverton-protest.yaml" in errors[0].message
    assert "event.type" in errors[0].message


def test_a_cache_from_other_code_is_ignored(tmp_path, monkeypatch):
    root = copy_basic(tmp_path)
    load_summaries(load_config(root))
    summary_module._cache_stamp.cache_clear()
    monkeypatch.setattr(summary_module, "_cache_stamp", lambda: "another version")
    calls = []
    real = summary_module.validate_summary_text
    monkeypatch.setattr(summary_module, "validate_summary_text", lambda *a: calls.append(a) or real(*a))
    load_summaries(load_config(root))
    assert len(calls) == 4


def test_build_without_search_index(tmp_path):
    root = copy_basic(tmp_path)
    result = build_site(load_config(root), tmp_path / "out", search=False)
    assert result.errors == []
    assert not (tmp_path / "out" / "pagefind").exists()
    assert "built without the search index" in (tmp_path / "out" / "search" / "index.html").read_text()


def test_an_edited_summary_rewrites_one_shard_of_the_parsed_cache(tmp_path):
    root = copy_basic(tmp_path)
    load_summaries(load_config(root))
    cache = root / "summaries" / ".briefing-cache"
    before = {p.name: p.stat().st_mtime_ns for p in cache.glob("parsed-*.pickle")}
    assert 1 <= len(before) <= 4
    target = root / "summaries" / "riverton-protest.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("nurses marched", "nurses walked"), "utf-8")
    load_summaries(load_config(root))
    after = {p.name: p.stat().st_mtime_ns for p in cache.glob("parsed-*.pickle")}
    changed = {name for name in after if before.get(name) != after[name]}
    assert 1 <= len(changed) <= 2      # the new summary's shard, and the old one's (its entry goes)


# Each one breaks one rule of the schema; the fast check (fastjsonschema) must refuse every one
# that jsonschema refuses, or a broken summary would slip into the site unchecked.
BROKEN = [
    ("type: protests", "type: parade"),                      # enum
    ("schema: briefing.summary/1", "schema: briefing.summary/2"),   # const
    ("  precision: day", "  precision: hour"),                # nested enum
    ("  sha256: ", "  sha256: 'not-a-hash' #"),               # pattern
    ("report:", "reprot:"),                                   # required
]


def test_the_fast_schema_check_refuses_what_jsonschema_refuses():
    import yaml

    text = (BASIC / "summaries" / "riverton-protest.yaml").read_text(encoding="utf-8")
    assert summary_module._schema_problems(yaml.safe_load(text)) == []
    for old, new in BROKEN:
        assert old in text, old
        data = yaml.safe_load(text.replace(old, new, 1))
        assert list(summary_module._validator().iter_errors(summary_module._jsonable(data))), new
        assert summary_module._schema_problems(data), new
        try:
            summary_module._fast_check()(summary_module._jsonable(data))
        except Exception:
            continue
        raise AssertionError(f"the fast check let through: {new}")
