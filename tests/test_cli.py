"""The command line through click's CliRunner: options, exit codes, and bad input."""
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator import __version__
from generator.cli import main

REPORT = """---
title: "Gunmen kill four in Tillaberi"
publisher: "Sahel Wire"
published: 2025-06-10
---
Gunmen killed four villagers in Tillaberi on Monday, officials said.
"""


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    (root / "reports").mkdir(parents=True)
    (root / "site.yaml").write_text("title: Test desk\n", encoding="utf-8")
    (root / "reports" / "tillaberi.md").write_text(REPORT, encoding="utf-8")
    return root


def test_version_and_help():
    assert run("--version").output.strip().endswith(__version__)
    for command in ("extract", "build", "check", "serve", "new"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


def test_usage_errors_exit_2():
    assert run("extract", "--no-such-option").exit_code == 2
    assert run("nonsense").exit_code == 2


def test_extract_build_check_round_trip(site):
    result = run("extract", "--site", site)
    assert result.exit_code == 0, result.output
    summary = site / "summaries" / "tillaberi.yaml"
    data = yaml.safe_load(summary.read_text(encoding="utf-8"))
    assert data["report"]["file"] == "reports/tillaberi.md"
    assert data["event"]["date"].isoformat() == "2025-06-09"
    assert run("check", "--site", site).exit_code == 0
    result = run("build", "--site", site, "--out", site / "public")
    assert result.exit_code == 0, result.output
    assert (site / "public" / "index.html").exists()


def test_extract_with_out_names_summaries_after_report_stems(tmp_path):
    reports = tmp_path / "in"
    reports.mkdir()
    (reports / "a.md").write_text(REPORT, encoding="utf-8")
    (reports / "b.txt").write_text("Clash in Bunia\n\nTroops and rebels clashed near Bunia on Monday.\n",
                                   encoding="utf-8")
    result = run("extract", "--out", tmp_path / "out", reports)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("*.yaml")) == ["a.yaml", "b.yaml"]
    b = yaml.safe_load((tmp_path / "out" / "b.yaml").read_text(encoding="utf-8"))
    assert b["report"]["title"] == "Clash in Bunia"      # a .txt takes its first line as title


def test_extract_is_deterministic(site):
    run("extract", "--site", site)
    first = (site / "summaries" / "tillaberi.yaml").read_bytes()
    assert run("extract", "--site", site, "--force").exit_code == 0
    assert (site / "summaries" / "tillaberi.yaml").read_bytes() == first


@pytest.mark.parametrize("name,content,message", [
    ("latin1.md", "---\ntitle: x\n---\nCaf\xe9 attack\n".encode("latin-1"), "not UTF-8"),
    ("empty.md", b"   \n", "empty"),
    ("binary.md", b"\x00\x01\x02PNG\x00", "binary"),
    ("bad-front.md", b"---\ntitle: [unclosed\n---\nText\n", "front matter is not valid YAML"),
    ("no-end.md", b"---\ntitle: x\nText without the closing fence\n", "never ends"),
    ("bad-date.md", b"---\npublished: last tuesday\n---\nText\n", "not a date"),
])
def test_bad_reports_are_named_and_the_rest_goes_on(site, name, content, message):
    (site / "reports" / name).write_bytes(content)
    result = run("extract", "--site", site)
    assert result.exit_code == 1
    assert name in result.output and message in result.output
    assert "Traceback" not in result.output
    assert (site / "summaries" / "tillaberi.yaml").exists()       # the good report was still extracted
    assert not (site / "summaries" / f"{Path(name).stem}.yaml").exists()


def test_unreadable_report(site):
    (site / "reports" / "gone.md").symlink_to(site / "nowhere.md")     # a link to a file that is gone
    result = run("extract", "--site", site)
    assert result.exit_code == 1
    assert "gone.md" in result.output and "cannot read" in result.output
    assert (site / "summaries" / "tillaberi.yaml").exists()


def test_front_matter_error_names_the_line(site):
    (site / "reports" / "x.md").write_text("---\ntitle: ok\npublisher: [a\n---\nText\n", encoding="utf-8")
    result = run("extract", "--site", site)
    assert "x.md:" in result.output


def test_check_reports_every_error_with_file_line_and_key(site):
    run("extract", "--site", site)
    summary = site / "summaries" / "tillaberi.yaml"
    text = summary.read_text(encoding="utf-8")
    text = text.replace("type: violence-against-civilians", "type: skirmish").replace("  precision: day", "  precision: hour")
    summary.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "skirmish" in l)
    result = run("check", "--site", site)
    assert result.exit_code == 1
    assert f"tillaberi.yaml:{line}: event.type" in result.output
    assert "event.precision" in result.output                 # every error, not just the first
    assert "Traceback" not in result.output


def test_build_refuses_invalid_summaries_and_leaves_output_alone(site):
    run("extract", "--site", site)
    out = site / "public"
    assert run("build", "--site", site, "--out", out).exit_code == 0
    before = (out / "index.html").read_bytes()
    (site / "summaries" / "broken.yaml").write_text("schema: [\n", encoding="utf-8")
    result = run("build", "--site", site, "--out", out)
    assert result.exit_code == 1 and "broken.yaml" in result.output
    assert (out / "index.html").read_bytes() == before


def test_config_errors_name_the_key(site):
    (site / "site.yaml").write_text("title: x\nper_page: many\ncolour: red\n", encoding="utf-8")
    result = run("build", "--site", site)
    assert result.exit_code == 1
    assert "site.yaml:2" in result.output and "per_page" in result.output
    assert "site.yaml:3" in result.output and "colour" in result.output


def test_html_report_is_read_through_trafilatura(tmp_path):
    page = tmp_path / "in" / "page.html"
    page.parent.mkdir()
    page.write_text("""<html><head><title>Blast in Quetta</title>
<meta property="og:site_name" content="Frontier Post"><meta name="date" content="2025-06-10"></head>
<body><nav>Home | World</nav><article><h1>Blast in Quetta</h1>
<p>A roadside bomb struck a police van in Quetta on Monday, killing three officers, police said.</p>
<p>Nobody claimed responsibility for the attack, which came a week after a similar blast in the city.</p>
<script>alert("x")</script></article></body></html>""", encoding="utf-8")
    result = run("extract", "--out", tmp_path / "out", page)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((tmp_path / "out" / "page.yaml").read_text(encoding="utf-8"))
    assert data["report"]["title"] == "Blast in Quetta"
    assert data["event"]["type"] == "explosions-remote-violence"
    assert "alert" not in yaml.safe_dump(data)


def test_debug_shows_tracebacks_only_when_asked(site, monkeypatch):
    import generator.pipeline as pipeline

    def boom(*a, **k):
        raise RuntimeError("kaput")

    monkeypatch.setattr(pipeline, "build_site", boom)
    result = CliRunner().invoke(main, ["build", "--site", str(site)])
    assert result.exit_code == 1 and "internal error" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(main, ["--debug", "build", "--site", str(site)])
    assert isinstance(result.exception, RuntimeError)
