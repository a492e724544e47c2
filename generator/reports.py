"""Read report files (.md, .txt, .html) into Report objects: text, metadata and a content hash.

Report text is untrusted: it is kept as plain text here and only ever rendered escaped.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import BriefingError

REPORT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
FRONT_MATTER_KEYS = ("title", "publisher", "url", "published", "language", "tags")
_FENCE = re.compile(r"^---[ \t]*\r?\n", re.M)


@dataclass
class Report:
    path: Path                  # where it was read from
    rel: str                    # path relative to the site source folder (or as given)
    sha256: str
    text: str                   # the body: plain text, paragraphs separated by blank lines
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None
    tags: list[str] = field(default_factory=list)
    body_line: int = 1          # line number in the file where `text` starts

    @property
    def stem(self) -> str:
        return self.path.stem


def find_reports(paths: list[Path]) -> list[Path]:
    """Report files under the given files/folders, sorted, hidden files skipped."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside: list[Path] = []
            # os.walk lists a folder in one call (rglob stats every file); links to folders are
            # not followed; a broken link is listed, so that it is reported, not silently skipped
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                inside.extend(Path(folder, name) for name in files
                              if not name.startswith(".") and os.path.splitext(name)[1].lower() in REPORT_SUFFIXES)
            found.extend(sorted(inside, key=lambda p: p.parts))
        elif path.exists():
            found.append(path)
        else:
            raise BriefingError("no such file or folder", file=path)
    return found


def read_report(path: Path, rel: str | None = None) -> Report:
    """Read one report; raise BriefingError naming the file (and line) when it cannot be used."""
    rel = rel or path.as_posix()
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise BriefingError(f"cannot read the report: {err.strerror}", file=rel) from err
    if not raw.strip():
        raise BriefingError("the report is empty", file=rel, hint="add the report text or delete the file")
    if b"\x00" in raw[:8192]:
        raise BriefingError("the report looks like a binary file, not text", file=rel,
                            hint="reports are .md, .txt or saved .html pages")
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise BriefingError(f"the report is not UTF-8 text (bad byte 0x{raw[err.start]:02x})",
                            file=rel, line=line, hint="re-save the file as UTF-8") from err
    decoded = decoded.replace("\r\n", "\n").replace("\r", "\n")
    sha = hashlib.sha256(raw).hexdigest()
    if path.suffix.lower() in (".html", ".htm"):
        return _read_html(path, rel, sha, decoded)
    return _read_text(path, rel, sha, decoded)


def _read_text(path: Path, rel: str, sha: str, text: str) -> Report:
    meta: dict = {}
    body_line = 1
    if _FENCE.match(text):
        end = re.search(r"^---[ \t]*$", text[4:], re.M)
        if end is None:
            raise BriefingError("front matter starts with '---' but never ends", file=rel, line=1,
                                hint="close it with a line holding only '---'")
        block = text[4: 4 + end.start()]
        try:
            meta = yaml.safe_load(block) or {}
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line = mark.line + 2 if mark else 1
            problem = getattr(err, "problem", None) or str(err)
            raise BriefingError(f"front matter is not valid YAML: {problem}", file=rel, line=line) from err
        if not isinstance(meta, dict):
            raise BriefingError("front matter must be a mapping of keys to values", file=rel, line=2)
        consumed = text[: 4 + end.end()]
        body_line = consumed.count("\n") + 2
        text = text[4 + end.end():]
    body = text.strip("\n")
    report = Report(path=path, rel=rel, sha256=sha, text=body, body_line=body_line)
    _apply_meta(report, meta, rel)
    if report.title is None and path.suffix.lower() == ".txt":
        first, _, rest = body.lstrip().partition("\n")
        report.title = first.strip() or None
        report.text = rest.strip("\n")
    if not report.text.strip():
        raise BriefingError("the report has a title but no text", file=rel)
    return report


def _apply_meta(report: Report, meta: dict, rel: str) -> None:
    def text_value(key):
        value = meta.get(key)
        if value is None:
            return None
        if isinstance(value, (dict, list)):
            raise BriefingError(f"front matter key '{key}' must be text", file=rel)
        return str(value).strip() or None

    report.title = text_value("title")
    report.publisher = text_value("publisher")
    report.url = text_value("url")
    report.language = text_value("language")
    published = meta.get("published")
    if published is not None:
        report.published = parse_date_value(published, rel, "published")
    tags = meta.get("tags") or []
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",") if t.strip()]
    if not isinstance(tags, list):
        raise BriefingError("front matter key 'tags' must be a list", file=rel)
    report.tags = [str(t) for t in tags]


def parse_date_value(value, rel: str, key: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise BriefingError(f"'{key}' is not a date: {text!r}", file=rel,
                            hint="write it as YYYY-MM-DD") from None


def _read_html(path: Path, rel: str, sha: str, html: str) -> Report:
    import trafilatura  # only needed for saved web pages

    body = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_precision=True, deduplicate=True) or ""
    if not body.strip():
        raise BriefingError("no article text found in the HTML page", file=rel,
                            hint="save the article page itself, or paste its text into a .md file")
    meta = trafilatura.extract_metadata(html)
    report = Report(path=path, rel=rel, sha256=sha, text=body.strip())
    if meta is not None:
        report.title = meta.title or None
        report.publisher = meta.sitename or None
        report.url = meta.url or None
        report.language = getattr(meta, "language", None) or None
        if meta.date:
            try:
                report.published = dt.date.fromisoformat(str(meta.date)[:10])
            except ValueError:
                report.published = None
    return report
