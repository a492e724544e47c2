"""Small builders shared by the tests (no spaCy needed)."""
from __future__ import annotations

import datetime as dt

from generator.summary import Actor, Casualty, Event, ExtractedBy, Location, ReportRef, Summary


def _date(value):
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def place(name, kind="city", cc=None, admin1=None, lat=None, lon=None):
    return Location(name=name, kind=kind, country_code=cc, admin1=admin1, lat=lat, lon=lon)


def figure(status, count, claimed_by=None, count_max=None, qualifier="exact", who=None):
    return Casualty(status=status, count=count, count_max=count_max, qualifier=qualifier, who=who,
                    claimed_by=claimed_by)


def make_summary(file, *, published=None, date=None, date_end=None, type="battles", subtype=None,
                 places=(), actors=(), casualties=(), publisher=None, title=None, incident=None,
                 summary="", claims=()):
    """A Summary for report `file` (a stem is enough); places/actors accept plain names."""
    if "/" not in file:
        file = f"reports/{file}.md"
    locations = [p if isinstance(p, Location) else place(p) for p in places]
    actor_rows = [a if isinstance(a, Actor) else Actor(name=a) for a in actors]
    return Summary(
        report=ReportRef(file=file, sha256="0" * 64, title=title or file, publisher=publisher,
                         published=_date(published)),
        extracted_by=ExtractedBy(tool="test"),
        event=Event(type=type, subtype=subtype, date=_date(date), date_end=_date(date_end)),
        summary=summary, locations=locations, actors=actor_rows, casualties=list(casualties),
        claims=list(claims), incident=incident)


# ---------------------------------------------------------------------------------- a tiny site
# One short report, so extraction (spaCy) stays fast. Used by test_handedits / test_incremental.

STEM = "kisumu-clash"
REPORT_V1 = """---
title: "Clash in Kisumu"
publisher: "Lakeside Standard"
published: 2025-03-04
---
Police said five people were killed and 12 injured when rival groups clashed in Kisumu on Monday.
"""
REPORT_V2 = REPORT_V1.replace("five people", "seven people")
GAZETTEER = "- name: Spina Shaga\n  kind: village\n  country_code: AF\n"


def load(path):
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def make_site(root):
    """A site folder with the report and a gazetteer (no summaries yet). Returns root."""
    (root / "reports").mkdir(parents=True, exist_ok=True)
    (root / "reports" / f"{STEM}.md").write_text(REPORT_V1, encoding="utf-8")
    (root / "gazetteer.yaml").write_text(GAZETTEER, encoding="utf-8")
    return root


def run_extract(root, **kw):
    from generator.config import load_config
    from generator.pipeline import extract_site

    config = load_config(root)
    return extract_site(config, [config.reports_path], config.summaries_path, **kw)


def summary_path(root):
    return root / "summaries" / f"{STEM}.yaml"


def edit(path, old, new, count=1):
    """A hand edit: replace text in a file (and make sure it was there)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def forbid_model(monkeypatch):
    """Make any attempt to load the spaCy model fail the test."""
    import generator.extract
    import generator.extract.nlp

    def boom():
        raise AssertionError("the spaCy model was loaded although nothing changed")

    monkeypatch.setattr(generator.extract.nlp, "load_model", boom)
    monkeypatch.setattr(generator.extract, "load_model", boom)   # extract/__init__ imports the name


def copy_site(src, dst):
    """A private copy of a prepared site (summaries and .briefing-cache included)."""
    import shutil

    shutil.copytree(src, dst, dirs_exist_ok=True)
    return dst


def hand_edit(path, change):
    """An analyst's edit: load the summary's YAML, let `change(data)` alter it, save it back.

    Structural rather than textual, so the tests don't depend on the extractor's exact output."""
    import yaml

    from generator.summary import dump_data

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(dump_data(data), encoding="utf-8")
    return data


def bump_first_count(data, by=1):
    """Change the first casualty figure that has a number (e.g. 5 killed -> 6 killed)."""
    row = next(c for c in data["casualties"] if c.get("count") is not None)
    row["count"] += by
    return row


def fail_nth_write(monkeypatch, n: int) -> list:
    """Make the n-th file opened for writing fail as a full disk would; returns the paths opened."""
    import builtins

    real_open, opened = builtins.open, []

    def failing_open(path, mode="r", *args, **kwargs):
        if "w" in mode:
            opened.append(path)
            if len(opened) == n:
                raise OSError(28, "No space left on device")
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", failing_open)
    return opened
