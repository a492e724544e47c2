"""`briefing serve` (live rebuild and reload) and `briefing new` (the site skeleton)."""
from __future__ import annotations

import shutil
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.config import load_config
from generator.errors import BriefingError
from generator.scaffold import new_site
from generator.serve import RELOAD_PATH, make_server

BASIC = Path(__file__).parent / "sites" / "basic"
BRIEF = "incidents/port-kemi-clash/"


# ------------------------------------------------------------------------------------- serve

@pytest.fixture
def served(tmp_path):
    """A copy of the basic site, served on a free port with its watcher polling fast."""
    site = tmp_path / "site"
    shutil.copytree(BASIC, site, ignore=shutil.ignore_patterns("expected"))
    messages: list[str] = []
    server, watcher = make_server(load_config(site), "127.0.0.1", 0, log=messages.append)
    watcher.interval = 0.05
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    watcher.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield site, base, messages
    finally:
        watcher.stop()
        server.shutdown()
        server.server_close()
        watcher.join(timeout=2)
        thread.join(timeout=2)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def wait_for_build(base: str, number: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if fetch(base + RELOAD_PATH.lstrip("/"))[1] == str(number):
            return
        time.sleep(0.05)
    raise AssertionError(f"build {number} did not happen within {timeout}s")


def edit_title(site: Path, title: str) -> None:
    path = site / "summaries" / "harbour-clash-army.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["report"]["title"] = title
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def test_serve_builds_serves_and_rebuilds_on_change(served):
    site, base, messages = served
    assert (site / "public" / "index.html").is_file()
    status, page = fetch(base + BRIEF)
    assert status == 200 and "Army says 4 militants killed" in page
    assert RELOAD_PATH in page and page.index(RELOAD_PATH) < page.index("</body>")
    assert fetch(base + RELOAD_PATH.lstrip("/")) == (200, "1")

    edit_title(site, "Army revises its account of the Port Kemi clash")
    wait_for_build(base, 2)
    assert "Army revises its account" in fetch(base + BRIEF)[1]
    assert any(m.startswith("build 2:") for m in messages)


def test_serve_keeps_the_old_site_when_a_build_fails(served):
    site, base, messages = served
    (site / "summaries" / "broken.yaml").write_text("schema: briefing.summary/1\nreport: 3\n", "utf-8")
    deadline = time.monotonic() + 10
    while not any("build failed" in m for m in messages):
        assert time.monotonic() < deadline, messages
        time.sleep(0.05)
    assert fetch(base + RELOAD_PATH.lstrip("/"))[1] == "1"
    assert "Army says 4 militants killed" in fetch(base + BRIEF)[1]


def test_serve_answers_missing_pages_with_the_404_page(served):
    _, base, _ = served
    status, page = fetch(base + "no/such/page/")
    assert status == 404 and "Page not found" in page
    assert fetch(base + "static/style.css")[0] == 200


# ------------------------------------------------------------------------------------- new

def test_new_site_creates_a_skeleton_that_builds(tmp_path):
    site = tmp_path / "news"
    created = new_site(site)
    names = sorted(p.relative_to(site).as_posix() for p in created)
    assert names == ["gazetteer.yaml", "reports/example-report.md", "site.yaml", "summaries/.gitkeep",
                     "templates/README.txt"]
    assert all(p.is_file() for p in created)
    config = load_config(site)                            # the commented site.yaml is valid
    assert config.title == "My briefing desk"
    assert yaml.safe_load((site / "gazetteer.yaml").read_text("utf-8")) == []

    from generator.reports import read_report
    report = read_report(site / "reports" / "example-report.md", "reports/example-report.md")
    assert report.title and report.publisher and report.published

    result = CliRunner().invoke(main, ["build", "--site", str(site)])
    assert result.exit_code == 0, result.output
    index = (site / "public" / "index.html").read_text("utf-8")
    assert "There are no incidents yet" in index


def test_new_site_through_the_cli(tmp_path):
    result = CliRunner().invoke(main, ["new", str(tmp_path / "desk")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "desk" / "site.yaml").is_file()


def test_new_site_accepts_an_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    assert new_site(tmp_path / "empty")


def test_new_site_refuses_a_non_empty_folder(tmp_path):
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(BriefingError) as err:
        new_site(folder)
    assert str(folder) in err.value.format_message()
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]

    result = CliRunner().invoke(main, ["new", str(folder)])
    assert result.exit_code == 1 and "not empty" in result.output
