"""The demo site in a real browser: Debian's headless Chromium driven by Selenium.

The built demo site (site_src) is served by http.server on 127.0.0.1 in a thread. The tests open
the index, search for a place with Pagefind, open a brief, count its Leaflet markers, see the
disputed figure, follow a source link, run axe-core (tests/browser/axe.min.js) in light and dark
schemes, and check that no page logs a console error or asks for anything off this machine.
Screenshots go to test-artifacts/.

Skipped, with the reason, when selenium, chromium or chromedriver is missing. CI installs the
browser first (scripts/install-test-browser.sh, from .ci/run); by hand:
    apt-get install chromium chromium-driver
BRIEFING_CHROMIUM and BRIEFING_CHROMEDRIVER name other binaries.
"""
from __future__ import annotations

import json
import os
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
AXE = Path(__file__).resolve().parent / "browser" / "axe.min.js"
WAIT_SECONDS = 20


def _binary(env: str, *names: str) -> str | None:
    if os.environ.get(env):
        return os.environ[env] if Path(os.environ[env]).is_file() else None
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _binary("BRIEFING_CHROMIUM", "chromium", "chromium-browser")
CHROMEDRIVER = _binary("BRIEFING_CHROMEDRIVER", "chromedriver")

try:
    import selenium  # noqa: F401
    HAVE_SELENIUM = True
except ImportError:
    HAVE_SELENIUM = False

pytestmark = [
    pytest.mark.skipif(not HAVE_SELENIUM, reason="selenium is not installed (pip install -e '.[test]')"),
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                       "(apt-get install chromium chromium-driver, or scripts/install-test-browser.sh)"),
    pytest.mark.skipif(CHROMEDRIVER is None, reason="chromedriver is not installed "
                       "(apt-get install chromium-driver, or scripts/install-test-browser.sh)"),
]


# ------------------------------------------------------------------------------------- fixtures

class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The demo site, built once, with its incidents data for the checks."""
    out = tmp_path_factory.mktemp("browser") / "public"
    result = CliRunner().invoke(main, ["build", "--site", str(ROOT / "site_src"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "data" / "incidents.json").read_text("utf-8"))
    return out, data["incidents"]


@pytest.fixture(scope="module")
def server(site):
    out, _ = site
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(out)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")          # Selenium Manager: never download
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-extensions",
                 "--disable-default-apps", "--window-size=1280,1000", "--lang=en-GB",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    browser.set_page_load_timeout(WAIT_SECONDS * 2)
    browser.set_script_timeout(WAIT_SECONDS * 3)
    yield browser
    browser.quit()


@pytest.fixture
def browser(driver, server):
    """The driver, with the console log emptied before the test and checked after it."""
    driver.get_log("browser")
    yield driver
    assert console_errors(driver) == []


# ------------------------------------------------------------------------------------- helpers

def console_errors(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def wait_for(driver, condition, message: str):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.1).until(condition, message)


def css(driver, selector):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def requests_off_site(driver, origin: str) -> list[str]:
    """Every resource the page loaded that is not from our server (there must be none)."""
    names = driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    return [name for name in names if not name.startswith(origin)]


def run_axe(driver) -> list[dict]:
    """axe-core on the current page: the serious and critical violations."""
    driver.execute_script(AXE.read_text("utf-8"))
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(function (r) { done(r.violations); })"
        ".catch(function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]); });")
    return [v for v in result if v.get("impact") in ("serious", "critical")]


def describe(violations: list[dict]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(n.get("target")) for n in v.get("nodes", [])[:3]) for v in violations]


def screenshot(driver, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    driver.save_screenshot(str(path))
    return path


def set_color_scheme(driver, scheme: str) -> None:
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": scheme}]})


def mapped_brief(incidents: list[dict]) -> dict:
    """A brief with a disputed figure and places with coordinates: the one the tests open."""
    return next(i for i in incidents if i["disputed"]
                and any(loc["lat"] is not None for loc in i["locations"]))


# ------------------------------------------------------------------------------------- tests

def test_index_brief_map_and_sources(browser, server, site):
    from selenium.webdriver.common.by import By

    _, incidents = site
    target = mapped_brief(incidents)
    browser.get(server)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Incidents"
    cards = css(browser, ".incident-card")
    assert len(cards) == min(len(incidents), 20)
    # Dates: ISO stays in the markup, the text is in the reader's locale (en-GB here).
    first_time = css(browser, ".incident-card time[datetime]")[0]
    assert first_time.get_attribute("datetime")[:4].isdigit()
    screenshot(browser, "index.png")
    assert requests_off_site(browser, server) == []

    # Open the brief from the index.
    browser.find_element(By.LINK_TEXT, target["title"]).click()
    wait_for(browser, lambda d: "/incidents/" in d.current_url, "the brief did not open")
    assert browser.find_element(By.TAG_NAME, "h1").text == target["title"]
    located = [loc for loc in target["locations"] if loc["lat"] is not None]
    wait_for(browser, lambda d: len(css(d, ".leaflet-marker-icon")) == len(located),
             f"expected {len(located)} Leaflet markers")
    titles = sorted(m.get_attribute("title") for m in css(browser, ".leaflet-marker-icon"))
    assert titles == sorted(loc["name"] for loc in located)
    # The disputed figure: badge, range, every side's claim.
    disputed_rows = css(browser, "table.casualties tr.disputed")
    assert disputed_rows and disputed_rows[0].find_element(By.CSS_SELECTOR, ".badge-disputed").is_displayed()
    disputed = next(f for f in target["figures"] if f["disputed"])
    assert disputed["headline"] in browser.find_element(By.CSS_SELECTOR, "table.casualties").text
    # A fact's source sentence opens beside it.
    sentence = css(browser, "table.casualties details.source-sentence")[0]
    sentence.find_element(By.TAG_NAME, "summary").click()
    assert sentence.get_attribute("open") is not None
    assert sentence.find_element(By.TAG_NAME, "blockquote").is_displayed()
    screenshot(browser, "brief.png")
    assert requests_off_site(browser, server) == []     # map_tiles is off: no tile requests

    # Follow a source link: the claim's report, then the report's own page.
    link = css(browser, "table.casualties .figure-claims .detail a")[0]
    anchor = link.get_attribute("href").split("#", 1)[1]
    link.click()
    wait_for(browser, lambda d: d.execute_script("return location.hash") == "#" + anchor,
             "the source link did not move to the report")
    entry = browser.find_element(By.ID, anchor)
    assert entry.is_displayed()
    external = entry.find_elements(By.CSS_SELECTOR, "a[rel~='external']")
    assert all(a.get_attribute("href").startswith(("http://", "https://")) for a in external)

    # Sources page -> speakers -> a speaker's claims -> back to a brief.
    browser.find_element(By.LINK_TEXT, "Sources").click()
    browser.find_element(By.LINK_TEXT, "speakers and institutions").click()
    wait_for(browser, lambda d: "/sources/speakers/" in d.current_url, "no speakers page")
    css(browser, "table th[scope='row'] a")[0].click()
    wait_for(browser, lambda d: css(d, ".claim-list li"), "a speaker page lists no claims")
    css(browser, ".claim-list li .detail a")[0].click()
    wait_for(browser, lambda d: "/incidents/" in d.current_url, "a claim does not link to its brief")


def test_overview_map_markers_and_popups(browser, server, site):
    from selenium.webdriver.common.by import By

    browser.get(server + "map/")
    data = json.loads(browser.find_element(By.ID, "overview-map-data").get_attribute("textContent"))
    assert data["tiles"] is None and data["markers"]
    wait_for(browser, lambda d: len(css(d, ".leaflet-marker-icon")) == len(data["markers"]),
             f"expected {len(data['markers'])} markers")
    css(browser, ".leaflet-marker-icon")[0].click()
    popup = wait_for(browser, lambda d: css(d, ".leaflet-popup-content a"), "no popup")
    hrefs = [a.get_attribute("href") for a in popup]
    assert any("/incidents/" in h for h in hrefs) and all(h.startswith(server) for h in hrefs)
    screenshot(browser, "map.png")
    assert requests_off_site(browser, server) == []


def test_search_finds_a_place_with_pagefind(browser, server, site):
    from selenium.webdriver.common.by import By

    out, incidents = site
    if not (out / "pagefind" / "pagefind.js").is_file():
        pytest.skip("the site was built without Pagefind (pip install 'pagefind[extended]')")
    target = mapped_brief(incidents)
    place = target["locations"][0]["name"]
    browser.get(server + "search/")
    field = wait_for(browser, lambda d: css(d, ".pagefind-ui__search-input"), "no search field")[0]
    field.send_keys(place)
    results = wait_for(browser, lambda d: css(d, ".pagefind-ui__result-link"), f"no result for {place!r}")
    hrefs = [r.get_attribute("href") for r in results]
    wanted = server + f"incidents/{target['id']}/"
    assert wanted in hrefs, hrefs
    # Filters come from data-pagefind-filter on the brief pages.
    filters = browser.find_element(By.CSS_SELECTOR, ".pagefind-ui__filter-panel").text.casefold()
    for name in ("type", "place", "actor"):
        assert name in filters
    screenshot(browser, "search.png")
    next(r for r in results if r.get_attribute("href") == wanted).click()
    wait_for(browser, lambda d: d.current_url == wanted, "the search result did not open the brief")
    assert requests_off_site(browser, server) == []


def test_search_finds_briefs_in_every_shard(browser, server, site):
    """The index is split into a shard per month; the search page merges them, filters included."""
    from selenium.webdriver.common.by import By

    out, incidents = site
    if not (out / "pagefind" / "pagefind.js").is_file():
        pytest.skip("the site was built without Pagefind (pip install 'pagefind[extended]')")
    assert len([p for p in (out / "pagefind" / "shards").iterdir() if p.is_dir()]) >= 2
    dated = sorted((i for i in incidents if i["date"] and i["locations"]), key=lambda i: (i["date"], i["id"]))
    for target in (dated[0], dated[len(dated) // 2]):      # the oldest month's shard and a middle one
        place = target["locations"][0]["name"]
        browser.get(server + "search/?q=" + place)
        wanted = server + f"incidents/{target['id']}/"
        results = wait_for(browser, lambda d: [r for r in css(d, ".pagefind-ui__result-link")
                                               if r.get_attribute("href") == wanted],
                           f"{wanted} not found for {place!r}")
        assert results
        filters = browser.find_element(By.CSS_SELECTOR, ".pagefind-ui__filter-panel").text.casefold()
        for name in ("type", "place", "actor"):
            assert name in filters
    assert requests_off_site(browser, server) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(browser, server, site, scheme):
    _, incidents = site
    pages = ["", f"incidents/{mapped_brief(incidents)['id']}/", "map/", "sources/", "sources/speakers/",
             "places/", "types/", "archive/", "404.html"]
    if (site[0] / "pagefind" / "pagefind.js").is_file():
        pages.append("search/?q=" + mapped_brief(incidents)["locations"][0]["name"])
    set_color_scheme(browser, scheme)
    problems = {}
    try:
        for page in pages:
            browser.get(server + page)
            if page.startswith("search/"):
                wait_for(browser, lambda d: css(d, ".pagefind-ui__result-link"), "no search results")
            if page.startswith(("map/", "incidents/")):
                wait_for(browser, lambda d: css(d, ".leaflet-marker-icon"), "no markers")
            found = describe(run_axe(browser))
            if found:
                problems[page] = found
    finally:
        set_color_scheme(browser, "")
    assert problems == {}
