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
import os
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


def extractor_fingerprint() -> str:
    """A hash of the extractor's own code and data: a changed rule makes old summaries stale
    even when the version number did not move."""
    from importlib import resources

    digest = hashlib.sha256()
    package = resources.files("generator")
    for folder in ("extract", "data"):
        for item in sorted(package.joinpath(folder).iterdir(), key=lambda p: p.name):
            if item.name.endswith((".py", ".tsv", ".json")):
                digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return digest.hexdigest()[:16]


def settings_key(config) -> str:
    """Everything besides the report that changes what extraction writes."""
    from .extract.nlp import model_id

    parts = [TOOL, model_id(), extractor_fingerprint()]
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
    return read_summary_state(target, report.sha256, settings)[0]


# The lines the tool itself writes: in its own (pristine) text these keys sit at fixed indents,
# unquoted, so a pristine file's state is read without parsing the YAML. A value that YAML would
# not read back as this very string (all digits, quoted) falls back to the full parse.
_HEAD_REPORT_SHA = re.compile(r"^report:\n  file: [^\n]*\n(?:    [^\n]*\n)*  sha256: ([0-9a-f]{64})\n", re.M)
_HEAD_SETTINGS = re.compile(r"^extracted_by:\n(?:  (?!settings:)[^\n]*\n)*  settings: ([0-9a-f]+)\n", re.M)
_HEAD_REVIEWED = re.compile(r"^reviewed: (\S+)\n", re.M)


def _pristine_head(text: str) -> tuple[str, str] | None:
    """(report sha256, settings) of a pristine, unreviewed summary the tool wrote, read from its
    lines; None when the file is not that (hand-edited, reviewed, or an unusual value)."""
    sha = _HEAD_REPORT_SHA.search(text)
    settings = _HEAD_SETTINGS.search(text)
    reviewed = _HEAD_REVIEWED.search(text)
    if not (sha and settings and reviewed and reviewed.group(1) == "false"):
        return None
    if sha.group(1).isdigit() or settings.group(1).isdigit() or not is_pristine(text):
        return None
    return sha.group(1), settings.group(1)


def read_summary_state(target: Path | str, report_sha: str, settings: str) -> tuple[str, str | None]:
    """(summary_state for a report known by its sha256 alone, the summary's text as read or None when
    it could not be read): the text spares a second read of the file when its merge base is checked
    (repair_cache)."""
    try:
        with open(target, encoding="utf-8") as file:      # a str or a Path
            text = file.read()
    except FileNotFoundError:
        return "new", None
    except (OSError, UnicodeDecodeError):
        return ("new" if not os.path.exists(target) else "edited-stale"), None
    return _state_of_text(text, report_sha, settings), text


def _state_of_text(text: str, report_sha: str, settings: str) -> str:
    head = _pristine_head(text)
    if head is not None:
        return "current" if head == (report_sha, settings) else "stale"
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        # broken by hand: left alone while its report is unchanged (`check` reports the error);
        # when the report changed, the merge keeps the file's text whole beside the new summary
        m = re.search(r"(?m)^\s*sha256:\s*[\"']?([0-9a-f]{64})", text)
        return "edited-current" if m and m.group(1) == report_sha else "edited-stale"
    report_sha_found = ((data.get("report") or {}).get("sha256"))
    same_report = report_sha_found == report_sha
    pristine = is_pristine(text) and not data.get("reviewed")
    if pristine:
        same_settings = (data.get("extracted_by") or {}).get("settings") == settings
        return "current" if same_report and same_settings else "stale"
    return "edited-current" if same_report else "edited-stale"


def _merge_base(target: Path, current: dict) -> dict | None:
    """What the tool last wrote for the report version the analyst edited, or None.

    A cached base written for another version of the report (a run stopped between writing the
    summary and the cache) is no base at all: every difference then counts as a conflict."""
    base_file = cache_file(target)
    if not base_file.exists():
        return None
    try:
        base = yaml.safe_load(base_file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    if not isinstance(base, dict):
        return None
    mine_sha = (current.get("report") or {}).get("sha256") if isinstance(current.get("report"), dict) else None
    if (base.get("report") or {}).get("sha256") != mine_sha:
        return None
    return base


def repair_cache(target: Path | str, text: str | None = None) -> None:
    """A current, untouched summary is its own merge base: copy it when the cache lacks it.
    `text`: the summary's text, when the caller has just read it.

    A copy of the right size is not read (a no-op extract of 10,000 reports would read 10,000
    more files). Another text of the same size can only be the tool's earlier output, left by
    a run stopped between writing a summary and its copy. For another version of the report
    _merge_base sees the sha256 differ and does not use it; for the same report (an older
    extractor) a later merge may at worst report a key as a conflict: an edit is never lost."""
    from .output import write_text_atomic

    cached = _cache_name(target)
    data = text.encode("utf-8") if text is not None else Path(target).read_bytes()
    try:
        same = os.stat(cached).st_size == len(data)
    except OSError:
        same = False
    if not same:
        write_text_atomic(Path(cached), data.decode("utf-8"))


def _cache_name(target: Path | str) -> str:
    """cache_file's path as a str (10,000 Paths cost a no-op extract a tenth of a second)."""
    folder, name = os.path.split(target)
    return os.path.join(folder, CACHE_DIR, name)


def cache_file(target: Path) -> Path:
    return Path(_cache_name(target))


def remember_extraction(target: Path, summary: Summary, settings: str, rendered: str | None = None) -> None:
    """Keep what the tool wrote as the next merge's base (`rendered`: render(summary, settings),
    when the caller has it already)."""
    from .output import write_text_atomic

    write_text_atomic(cache_file(target), rendered if rendered is not None else render(summary, settings))


def merge_with_existing(target: Path, summary: Summary, settings: str,
                        rendered: str | None = None) -> tuple[str, list[str], list[str]]:
    """Text to write for `target`, notes for the user, and conflicts (file: key).
    `rendered`: render(summary, settings), when the caller has it already."""
    from .output import write_text_atomic

    fresh = rendered if rendered is not None else render(summary, settings)
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

    base = _merge_base(target, current)
    new = yaml.safe_load(fresh)
    # Start from the analyst's file, so keys the analyst added (notes, ...) stay.
    merged = dict(current)
    for key in new:
        merged.setdefault(key, new[key])
    conflicts: list[str] = []
    theirs: dict = {}
    for key in ANALYST_KEYS:
        if key in current:
            merged[key] = current[key]

    def three_way(path: str, mine, tool_new, tool_old):
        """The value to keep; records a conflict when both sides changed it."""
        if mine == tool_new:
            return mine
        if base is not None and mine == tool_old:
            return tool_new               # analyst didn't touch it: take the new extraction
        if base is not None and tool_new == tool_old:
            return mine                   # only the analyst changed it
        theirs[path] = tool_new           # both changed: the analyst's value stays in the summary
        conflicts.append(f"{target}: {path}")
        return mine

    for key in MERGED_KEYS:
        merged[key] = three_way(key, current.get(key), new.get(key), (base or {}).get(key))
    # report: file and sha256 describe the new report; the rest may carry an analyst's correction
    report_mine = current.get("report") if isinstance(current.get("report"), dict) else {}
    report_old = (base or {}).get("report") or {}
    report = dict(new["report"])
    for field_name in ("title", "publisher", "url", "published"):
        if field_name in report_mine:
            report[field_name] = three_way(f"report.{field_name}", report_mine.get(field_name),
                                           new["report"].get(field_name), report_old.get(field_name))
    merged["report"] = report
    extracted = dict(new["extracted_by"])
    extracted.pop("digest", None)         # the merged text is no longer the tool's own
    extracted["edited"] = True
    merged["extracted_by"] = extracted
    order = list(new) + [k for k in current if k not in new]
    text = dump_data({k: merged[k] for k in order if k in merged})
    if theirs:
        side = target.with_name(target.stem + ".conflict.yaml")
        write_text_atomic(side, "# The report changed under a hand-edited summary. The analyst's values stay in\n"
                          f"# {target.name}; these are the new extraction's values for the keys both changed.\n"
                          + dump_data(theirs))
    notes = [f"{target}: report changed under a hand-edited summary; edits kept, new extraction merged"]
    return text, notes, conflicts
