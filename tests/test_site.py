"""The built site, end to end: expected output, determinism, escaping, links, overrides, failures.

tests/sites/basic/expected/ holds the expected output of tests/sites/basic. After an intended
change to the theme or the pages, regenerate it and review the diff:

    BRIEFING_REGEN_EXPECTED=1 .venv/bin/pytest tests/test_site.py -k expected
"""
from __future__ import annotations

import difflib
import json
import os
import posixpath
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from generator.cli import main

SITES = Path(__file__).parent / "sites"
BASIC = SITES / "basic"
EXPECTED = BASIC / "expected"
XSS = "<script>alert(1)</script>"


# ------------------------------------------------------------------------------------- helpers

def build(site: Path, out: Path, *args: str):
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out), *args])
    return result


def build_ok(site: Path, out: Path, *args: str) -> dict[str, bytes]:
    result = build(site, out, *args)
    assert result.exit_code == 0, result.output
    return read_tree(out)


def read_tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def copy_site(tmp_path: Path, source: Path = BASIC) -> Path:
    """A writable copy of a sample site, without its expected output."""
    site = tmp_path / "site"
    shutil.copytree(source, site, ignore=shutil.ignore_patterns("expected", "public"))
    return site


def html_pages(tree: dict[str, bytes]) -> dict[str, str]:
    return {path: data.decode("utf-8") for path, data in tree.items() if path.endswith(".html")}


def write_summary(site: Path, name: str, **changes) -> None:
    """A copy of harbour-clash-army.yaml with some top-level or report keys replaced."""
    import yaml

    data = yaml.safe_load((site / "summaries" / "harbour-clash-army.yaml").read_text("utf-8"))
    data["incident"] = None
    data["report"]["file"] = f"reports/{name}.md"
    for key, value in changes.pop("report", {}).items():
        data["report"][key] = value
    data.update(changes)
    (site / "summaries" / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


class PageParser(HTMLParser):
    """Collects what the checks below look at: links, ids, headings, tag nesting problems."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []        # (tag, attribute, value)
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.script_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if "id" in attributes:
            if attributes["id"] in self.ids:
                self.problems.append(f"duplicate id {attributes['id']!r}")
            self.ids.add(attributes["id"])
        for name in ("href", "src"):
            if name in attributes:
                self.urls.append((tag, name, attributes[name] or ""))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> does not close <{self.stack[-1] if self.stack else '(none)'}>")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def broken_links(tree: dict[str, bytes]) -> list[str]:
    """Every relative href/src must name a file of the output (a folder means its index.html),
    and every #fragment an id on the target page."""
    pages = {path: parse(html) for path, html in html_pages(tree).items()}
    problems = []
    for page, parser in pages.items():
        for tag, attribute, url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue                                   # external: not ours to check
            if url.startswith("/"):
                problems.append(f"{page}: root-relative {url!r} breaks under a sub-path")
                continue
            target = page
            if parts.path:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
                if target.startswith(".."):
                    problems.append(f"{page}: {url!r} leaves the site")
                    continue
                if parts.path.endswith("/") or target == ".":
                    target = posixpath.join(target, "index.html") if target != "." else "index.html"
            if target not in tree:
                problems.append(f"{page}: {tag} {attribute}={url!r} -> {target} does not exist")
            elif parts.fragment and target in pages and parts.fragment not in pages[target].ids:
                problems.append(f"{page}: {url!r}: no id {parts.fragment!r} in {target}")
    return problems


def structure_problems(path: str, html: str) -> list[str]:
    parser = parse(html)
    tags = [t for t, _ in parser.tags]
    problems = [f"{path}: {p}" for p in parser.problems]
    html_tag = next((a for t, a in parser.tags if t == "html"), {})
    if not html.startswith("<!DOCTYPE html>"):
        problems.append(f"{path}: no doctype")
    if not html_tag.get("lang"):
        problems.append(f"{path}: <html> without lang")
    for tag, count in (("h1", 1), ("main", 1), ("title", 1)):
        if tags.count(tag) != count:
            problems.append(f"{path}: {tags.count(tag)} <{tag}> elements")
    levels = [int(t[1]) for t in tags if re.fullmatch(r"h[1-6]", t)]
    for before, after in zip(levels, levels[1:]):
        if after > before + 1:
            problems.append(f"{path}: heading h{before} followed by h{after}")
    for tag, attributes in parser.tags:
        if tag == "th" and "scope" not in attributes:
            problems.append(f"{path}: <th> without scope")
        if tag == "img" and "alt" not in attributes:
            problems.append(f"{path}: <img> without alt")
        if tag in ("script", "img", "iframe") and attributes.get("src", "").startswith(("http", "//")):
            problems.append(f"{path}: external resource {attributes['src']}")
        if tag == "link" and attributes.get("rel") == "stylesheet" and urlsplit(attributes["href"]).scheme:
            problems.append(f"{path}: external stylesheet")
    return problems


# ------------------------------------------------------------------------------------- expected output

def test_basic_site_matches_expected(tmp_path):
    out = tmp_path / "out"
    actual = build_ok(BASIC, out)
    if os.environ.get("BRIEFING_REGEN_EXPECTED") == "1":
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(out, EXPECTED)
        pytest.skip(f"regenerated {EXPECTED}")
    expected = read_tree(EXPECTED)
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    differing = sorted(p for p in set(expected) & set(actual) if expected[p] != actual[p])
    report = []
    if missing:
        report.append("missing: " + ", ".join(missing))
    if extra:
        report.append("extra: " + ", ".join(extra))
    for path in differing[:3]:
        diff = difflib.unified_diff(expected[path].decode("utf-8", "replace").splitlines(),
                                    actual[path].decode("utf-8", "replace").splitlines(),
                                    f"expected/{path}", f"built/{path}", lineterm="", n=1)
        report.append("\n".join(list(diff)[:40]))
    if differing:
        report.append(f"{len(differing)} file(s) differ: " + ", ".join(differing))
    assert not report, ("\n".join(report) + "\n(intended? BRIEFING_REGEN_EXPECTED=1 regenerates expected/)")


def test_two_builds_are_identical(tmp_path):
    assert build_ok(BASIC, tmp_path / "a") == build_ok(BASIC, tmp_path / "b")


def test_basic_site_has_every_page_kind(tmp_path):
    tree = build_ok(BASIC, tmp_path / "out")
    for path in ("index.html", "page/2/index.html", "incidents/port-kemi-clash/index.html",
                 "sources/index.html", "places/index.html", "places/port-kemi/index.html",
                 "actors/index.html", "actors/harbour-front/index.html", "types/battles/index.html",
                 "archive/index.html", "archive/2025-05/index.html", "feed.xml", "sitemap.xml",
                 "robots.txt", "404.html", "static/style.css", "data/incidents.json"):
        assert path in tree, path
    brief = tree["incidents/port-kemi-clash/index.html"].decode()
    # Both sides' figures, side by side, with the range, the conservative figure and the badge.
    assert "4–11" in brief and "badge-disputed" in brief
    assert "according to <span class=\"claimed-by\">army</span>" in brief
    assert "according to <span class=\"claimed-by\">Harbour Front</span>" in brief
    assert "the report&#39;s own voice" in brief
    assert "<details>" in brief
    sources = tree["sources/index.html"].decode()
    assert sources.index("Coastal Times") < sources.index("Valley Post") < sources.index("Unknown publisher")
    data = json.loads(tree["data/incidents.json"])
    assert [i["id"] for i in data["incidents"]][0] == "port-kemi-clash"


# ------------------------------------------------------------------------------------- safety

def test_report_text_is_escaped_everywhere(tmp_path):
    site = copy_site(tmp_path)
    write_summary(site, "xss", summary=f"Summary {XSS}", incident=XSS,
                  report={"title": f"Title {XSS}", "publisher": f"Pub {XSS}"},
                  actors=[{"name": f"Actor {XSS}", "kind": "other"}],
                  locations=[{"name": f"Place {XSS}", "kind": "city", "country_code": None, "admin1": None,
                              "lat": None, "lon": None, "evidence": f"Evidence {XSS}"}],
                  casualties=[{"status": "killed", "count": 3, "count_max": None, "qualifier": "exact",
                               "who": f"who {XSS}", "claimed_by": f"by {XSS}", "evidence": f"ev {XSS}"}],
                  claims=[{"by": f"Speaker {XSS}", "role": f"role {XSS}", "kind": "quote", "text": f"Quote {XSS}"},
                          {"by": "x", "role": None, "kind": "statement", "text": f"Said {XSS}"}])
    tree = build_ok(site, tmp_path / "out")
    for path, data in tree.items():
        assert b"<script>alert" not in data, path
    brief = next(html for path, html in html_pages(tree).items()
                 if path.startswith("incidents/") and "Title &lt;script&gt;" in html)
    for text in ("Summary", "Actor", "Place", "Evidence", "who", "by", "Speaker", "role", "Quote", "Said"):
        assert f"{text} &lt;script&gt;alert(1)&lt;/script&gt;" in brief, text


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,hi",
                                 "vbscript:msgbox(1)", "//evil.example/x"])
def test_only_http_urls_are_linked(tmp_path, url):
    site = copy_site(tmp_path)
    write_summary(site, "badurl", report={"url": url, "title": "Bad URL report"})
    tree = build_ok(site, tmp_path / "out")
    for path, html in html_pages(tree).items():
        hrefs = [value for tag, attribute, value in parse(html).urls if tag == "a"]
        assert url not in hrefs and url.strip() not in hrefs, path
    sources = tree["sources/index.html"].decode()
    assert 'class="unlinked-url"' in sources          # shown as text, so a reader still sees it


def test_http_urls_are_linked(tmp_path):
    tree = build_ok(BASIC, tmp_path / "out")
    assert 'href="https://example.org/coastal-times/port-kemi-clash"' in tree["sources/index.html"].decode()


# ------------------------------------------------------------------------------------- links and structure

def test_every_relative_link_resolves(tmp_path):
    tree = build_ok(BASIC, tmp_path / "out")
    assert broken_links(tree) == []


def test_every_relative_link_resolves_with_base_url(tmp_path):
    tree = build_ok(BASIC, tmp_path / "out", "--base-url", "https://example.org/briefs")
    assert broken_links(tree) == []


def test_pages_are_well_formed(tmp_path):
    tree = build_ok(BASIC, tmp_path / "out")
    problems = [p for path, html in html_pages(tree).items() for p in structure_problems(path, html)]
    assert problems == []


def test_base_url_makes_feed_sitemap_and_canonical_absolute(tmp_path):
    relative = build_ok(BASIC, tmp_path / "rel")
    assert b'rel="canonical"' not in relative["index.html"]
    assert b"<loc>/incidents/port-kemi-clash/</loc>" in relative["sitemap.xml"]
    assert b'href="incidents/port-kemi-clash/"' in relative["feed.xml"]

    tree = build_ok(BASIC, tmp_path / "abs", "--base-url", "https://example.org/briefs")
    base = "https://example.org/briefs/"
    brief = tree["incidents/port-kemi-clash/index.html"].decode()
    assert f'<link rel="canonical" href="{base}incidents/port-kemi-clash/">' in brief
    feed = tree["feed.xml"].decode()
    assert f'<link rel="self" type="application/atom+xml" href="{base}feed.xml"/>' in feed
    assert f'href="{base}incidents/port-kemi-clash/"' in feed
    # Entry ids do not depend on where the site is hosted.
    assert "<id>tag:briefing,2025:incidents/port-kemi-clash</id>" in feed
    assert re.findall(r"<loc>(.*?)</loc>", tree["sitemap.xml"].decode())[0] == base
    assert all(loc.startswith(base) for loc in re.findall(r"<loc>(.*?)</loc>", tree["sitemap.xml"].decode()))
    assert f"Sitemap: {base}sitemap.xml" in tree["robots.txt"].decode()
    # Relative internal links stay relative: the folder still works anywhere.
    assert 'href="../../places/port-kemi/"' in brief


def test_feed_is_well_formed_atom(tmp_path):
    import xml.etree.ElementTree as ET

    tree = build_ok(BASIC, tmp_path / "out", "--base-url", "https://example.org/")
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(tree["feed.xml"])
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 3
    assert entries[0].find(f"{atom}updated").text == "2025-05-04T00:00:00Z"   # newest report
    ET.fromstring(tree["sitemap.xml"])


# ------------------------------------------------------------------------------------- overrides and failures

def test_site_templates_override_the_theme_file_by_file(tmp_path):
    site = copy_site(tmp_path)
    (site / "templates" / "static").mkdir(parents=True)
    (site / "templates" / "404.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>Lost at sea</h1>{% endblock %}', "utf-8")
    (site / "templates" / "static" / "style.css").write_text("body { color: teal; }\n", "utf-8")
    tree = build_ok(site, tmp_path / "out")
    assert b"Lost at sea" in tree["404.html"]
    assert tree["static/style.css"] == b"body { color: teal; }\n"
    theme = build_ok(BASIC, tmp_path / "theme")
    assert tree["index.html"] == theme["index.html"]          # the rest still comes from the theme


@pytest.mark.parametrize("template, line", [("{{ no_such_value }}", 1), ("ok\n{% if %}", 2)])
def test_failed_build_leaves_previous_output_untouched(tmp_path, template, line):
    site = copy_site(tmp_path)
    out = tmp_path / "out"
    before = build_ok(site, out)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    (site / "templates").mkdir()
    (site / "templates" / "incident.html").write_text(template, "utf-8")
    result = build(site, out)
    assert result.exit_code == 1
    assert f"incident.html:{line}" in result.output and "template error" in result.output
    assert read_tree(out) == before
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == stamps
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]     # no staging left over


def test_summary_errors_stop_the_build_before_output(tmp_path):
    site = copy_site(tmp_path)
    out = tmp_path / "out"
    before = build_ok(site, out)
    (site / "summaries" / "broken.yaml").write_text("schema: briefing.summary/1\nreport: 3\n", "utf-8")
    assert build(site, out).exit_code == 1
    assert read_tree(out) == before
