"""Hand edits are never lost, and unchanged reports are never re-extracted.

Every summary the tool writes carries, under `extracted_by`, a `settings` key (tool version,
model version, site gazetteer) and a `digest`: the sha256 of the file's own text without that
line. A file whose text no longer matches its digest, or that says `reviewed: true`, was edited
by hand. So, for each report:

    no summary yet                          -> extract and write
    tool's own summary, same report+settings -> current: nothing to do, no NLP
    tool's own summary, report/settings new  -> extract and overwrite
    hand-edited, same report                 -> left exactly as it is
    hand-edited, report changed              -> three-way merge: the analyst's edits on top of the
                                                new extraction; where both changed a key the
                                                analyst's value stays and the tool's goes to
                                                <stem>.conflict.yaml, and the conflict is reported

The base for the merge (what the tool last wrote) is kept in `.briefing-cache/` beside the
summaries; without it every differing key counts as a conflict, so nothing is lost either way.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from . import TOOL
from .summary import Summary, dump_data

_DIGEST_LINE = re.compile(r"^  digest: ([0-9a-f]{64})\n", re.M)
CACHE_DIR = ".briefing-cache"
# Keys an analyst owns outright; the tool never changes them once a summary exists.
ANALYST_KEYS = ("incident", "reviewed")
MERGED_KEYS = ("event", "summary", "locations", "actors", "casualties", "claims")


def settings_key(config) -> str:
    """Everything besides the report that changes what extraction writes."""
    from .extract.nlp import model_id

    parts = [TOOL, model_id()]
    if config is not None and config.gazetteer_path.exists():
        parts.append(hashlib.sha256(config.gazetteer_path.read_bytes()).hexdigest())
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def render(summary: Summary, settings: str) -> str:
    """The tool's text for a summary, with its settings key and its digest line."""
    data = summary.to_dict()
    data["extracted_by"]["settings"] = settings
    return _with_digest(dump_data(data))


def _with_digest(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    marker = "  settings: "
    at = text.index(marker)
    end = text.index("\n", at) + 1
    return text[:end] + f"  digest: {digest}\n" + text[end:]


def is_pristine(text: str) -> bool:
    m = _DIGEST_LINE.search(text)
    if m is None:
        return False
    without = text[: m.start()] + text[m.end():]
    return hashlib.sha256(without.encode("utf-8")).hexdigest() == m.group(1)


def summary_state(target: Path, report, settings: str) -> str:
    """new | current | stale | edited-current | edited-stale"""
    if not target.exists():
        return "new"
    try:
        text = target.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return "edited-stale"          # broken by hand: merge keeps the file's text safe
    if not isinstance(data, dict):
        return "edited-stale"
    report_sha = ((data.get("report") or {}).get("sha256"))
    same_report = report_sha == report.sha256
    pristine = is_pristine(text) and not data.get("reviewed")
    if pristine:
        same_settings = (data.get("extracted_by") or {}).get("settings") == settings
        return "current" if same_report and same_settings else "stale"
    return "edited-current" if same_report else "edited-stale"


def cache_file(target: Path) -> Path:
    return target.parent / CACHE_DIR / target.name


def remember_extraction(target: Path, summary: Summary, settings: str) -> None:
    from .output import write_text_atomic

    write_text_atomic(cache_file(target), render(summary, settings))


def merge_with_existing(target: Path, summary: Summary, settings: str) -> tuple[str, list[str], list[str]]:
    """Text to write for `target`, notes for the user, and conflicts (file: key)."""
    from .output import write_text_atomic

    fresh = render(summary, settings)
    if not target.exists():
        return fresh, [], []
    current_text = target.read_text(encoding="utf-8", errors="replace")
    try:
        current = yaml.safe_load(current_text)
    except yaml.YAMLError:
        current = None
    if is_pristine(current_text) and isinstance(current, dict) and not current.get("reviewed"):
        return fresh, [], []
    if not isinstance(current, dict):
        # not even YAML any more: keep the analyst's text whole beside the new summary
        backup = target.with_name(target.stem + ".conflict.yaml")
        write_text_atomic(backup, "# The hand-edited summary could not be read as YAML; it is kept here as it was.\n"
                          + "\n".join("# " + line for line in current_text.splitlines()) + "\n")
        return fresh, [], [f"{target}: (whole file) unreadable hand edit kept in {backup.name}"]

    base = None
    base_file = cache_file(target)
    if base_file.exists():
        try:
            base = yaml.safe_load(base_file.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            base = None
    new = yaml.safe_load(fresh)
    merged = dict(new)
    conflicts: list[str] = []
    theirs: dict = {}
    for key in ANALYST_KEYS:
        if key in current:
            merged[key] = current[key]
    for key in MERGED_KEYS:
        mine = current.get(key)
        tool_new = new.get(key)
        tool_old = base.get(key) if isinstance(base, dict) else None
        if mine == tool_new:
            continue
        if base is not None and mine == tool_old:
            continue                      # analyst didn't touch it: take the new extraction
        if base is not None and tool_new == tool_old:
            merged[key] = mine            # only the analyst changed it
            continue
        merged[key] = mine                # both changed: the analyst's value stays in the summary
        theirs[key] = tool_new
        conflicts.append(f"{target}: {key}")
    merged["extracted_by"] = dict(new["extracted_by"])
    text = dump_data(merged)
    text = text.replace("  settings: ", "  edited: true\n  settings: ", 1) if "  settings: " in text else text
    if theirs:
        side = target.with_name(target.stem + ".conflict.yaml")
        write_text_atomic(side, "# The report changed under a hand-edited summary. The analyst's values stay in\n"
                          f"# {target.name}; these are the new extraction's values for the keys both changed.\n"
                          + dump_data(theirs))
    notes = [f"{target}: report changed under a hand-edited summary; edits kept, new extraction merged"]
    return text, notes, conflicts
