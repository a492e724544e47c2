"""The render cache: a rebuild renders only the files whose own inputs changed, and gives the same
bytes as a clean build; templates, the config and the code invalidate it; a bad cache is ignored."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import generator.site as site_module
from generator.config import load_config
from generator.handedits import CACHE_DIR
from generator.pipeline import build_site
from generator.render_cache import CACHE_FILE, Digests, SiteReads
from .helpers import fail_nth_write

BASIC = Path(__file__).resolve().parent / "sites" / "basic"


def copy_basic(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(BASIC, root, ignore=shutil.ignore_patterns("expected", ".briefing-cache"))
    return root


def read_tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def rendered(monkeypatch):
    """The paths rendered by each build (the render cache decides which)."""
    paths: list[str] = []
    real = site_module.render_one

    def spy(model, output, pieces=None):
        paths.append(output.path)
        return real(model, output, pieces)

    monkeypatch.setattr(site_module, "render_one", spy)
    return paths


def build(root: Path, out: Path):
    result = build_site(load_config(root), out, search=False)
    assert result.errors == []
    return result


def test_a_build_with_nothing_changed_renders_and_writes_nothing(tmp_path, rendered):
    root = copy_basic(tmp_path)
    out = tmp_path / "out"
    build(root, out)
    assert "index.html" in rendered and "data/incidents.json" in rendered
    before = stamps(out)
    rendered.clear()
    result = build(root, out)
    assert rendered == [] and result.written == 0 and result.removed == 0
    assert stamps(out) == before


def test_one_changed_summary_renders_only_its_dependents_and_matches_a_clean_build(tmp_path, rendered):
    root = copy_basic(tmp_path)
    out = tmp_path / "out"
    build(root, out)
    before = read_tree(out)
    rendered.clear()
    summary = root / "summaries" / "riverton-protest.yaml"
    text = summary.read_text(encoding="utf-8")
    assert "nurses marched" in text
    summary.write_text(text.replace("nurses marched", "nurses walked"), encoding="utf-8")
    build(root, out)
    again = read_tree(out)
    changed = {path for path in again if before.get(path) != again[path]}
    # the pages showing this incident's summary and the data files; not the other incident's brief
    assert changed and changed <= set(rendered)
    assert not any(path.startswith("incidents/") and "riverton" not in path for path in rendered)
    assert "sources/speakers/index.html" not in rendered and "404.html" not in rendered
    # the same bytes as a clean build of the changed input
    assert again == read_tree(_clean_build(tmp_path, root))


def _clean_build(tmp_path: Path, root: Path) -> Path:
    clean = tmp_path / "clean"
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns(".briefing-cache"))
    build(clean, tmp_path / "clean-out")
    return tmp_path / "clean-out"


def test_a_changed_template_renders_every_page_again(tmp_path, rendered):
    root = copy_basic(tmp_path)
    out = tmp_path / "out"
    build(root, out)
    rendered.clear()
    (root / "templates").mkdir()
    base = (Path(site_module.theme_dir()) / "base.html").read_text(encoding="utf-8")
    (root / "templates" / "base.html").write_text(base.replace("Skip to the content", "Skip ahead"), "utf-8")
    build(root, out)
    pages = [p for p in read_tree(out) if p.endswith(".html")]
    assert set(pages) <= set(rendered)
    assert all(b"Skip ahead" in (out / p).read_bytes() for p in pages)


def test_a_changed_config_renders_every_page_again(tmp_path, rendered):
    root = copy_basic(tmp_path)
    out = tmp_path / "out"
    build(root, out)
    rendered.clear()
    config = root / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "description: Another description\n", "utf-8")
    build(root, out)
    pages = [p for p in read_tree(out) if p.endswith(".html")]
    assert set(pages) <= set(rendered)
    assert b"Another description" in (out / "index.html").read_bytes()


def test_base_url_from_the_command_line_is_part_of_the_key(tmp_path):
    root = copy_basic(tmp_path)
    out = tmp_path / "out"
    build(root, out)
    result = build_site(load_config(root), out, base_url="https://example.org/briefs/", search=False)
    assert result.errors == [] and result.written > 0
    assert b"https://example.org/briefs/" in (out / "index.html").read_bytes()


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_corrupt_cache_file_is_ignored(tmp_path, rendered, garbage):
    root = copy_basic(tmp_path)
    out = tmp_path / "out"
    build(root, out)
    expected = read_tree(out)
    caches = list((root / "summaries" / CACHE_DIR).glob(CACHE_FILE.format("*")))
    assert len(caches) == 1
    caches[0].write_bytes(garbage)
    rendered.clear()
    build(root, out)
    assert "index.html" in rendered                      # rendered again, not trusted
    assert read_tree(out) == expected


def test_a_file_changed_in_the_output_is_rendered_and_written_again(tmp_path, rendered):
    root = copy_basic(tmp_path)
    out = tmp_path / "out"
    build(root, out)
    expected = read_tree(out)
    (out / "index.html").write_bytes(b"edited by someone")
    (out / "404.html").unlink()
    rendered.clear()
    result = build(root, out)
    assert sorted(rendered) == ["404.html", "index.html"] and result.written == 2
    assert read_tree(out) == expected


def test_each_output_folder_has_its_own_cache(tmp_path, rendered):
    root = copy_basic(tmp_path)
    build(root, tmp_path / "a")
    rendered.clear()
    build(root, tmp_path / "b")
    assert "index.html" in rendered
    assert read_tree(tmp_path / "a") == read_tree(tmp_path / "b")


def test_a_failed_render_leaves_the_cache_and_the_output_as_they_were(tmp_path, rendered):
    from generator.errors import BriefingError

    root = copy_basic(tmp_path)
    out = tmp_path / "out"
    build(root, out)
    before = read_tree(out)
    (root / "templates").mkdir()
    (root / "templates" / "incident.html").write_text("{{ no_such_value }}", "utf-8")
    with pytest.raises(BriefingError):
        build_site(load_config(root), out, search=False)
    assert read_tree(out) == before
    (root / "templates" / "incident.html").unlink()
    rendered.clear()
    build(root, out)
    assert rendered == [] and read_tree(out) == before


def test_data_downloads_made_of_kept_pieces_are_the_same_bytes(tmp_path):
    from generator.incidents import group_incidents
    from generator.pipeline import load_summaries
    from generator.render_cache import PieceStore

    root = copy_basic(tmp_path)
    config = load_config(root)
    digests = Digests()
    summaries, _ = load_summaries(config, digests)
    model, _ = site_module.plan_site(config, group_incidents(summaries), summaries)
    first = PieceStore({}, digests, "salt")
    made = {path: make(model, first) for path, make in site_module.DATA_FILES.items()}
    assert made == {path: make(model) for path, make in site_module.DATA_FILES.items()}
    kept = first.to_keep()
    assert {key.split(":")[0] for key in kept} == {"incident.json", "summary.json", "incident.csv", "casualties.csv"}
    again = PieceStore({key: "X" for key in kept}, digests, "salt")   # every piece from the store
    assert all(b"X" in make(model, again) for make in site_module.DATA_FILES.values())
    other_config = PieceStore({key: "X" for key in kept}, digests, "other salt")
    assert {path: make(model, other_config) for path, make in site_module.DATA_FILES.items()} == made


def test_site_reads_are_recorded_and_digests_follow_content():
    class Model:
        build_date = "2025-01-01"
        report_count = 3

    view = SiteReads(Model())
    assert view.report_count == 3 and view.read == ("report_count",)
    assert not hasattr(view, "__html__") and view.read == ("report_count",)   # probing is no read
    digests = Digests()
    assert digests.of([1, "a", None]) == Digests().of([1, "a", None])
    assert digests.of([1, "a", None]) != digests.of([1, "a", "None"])
    assert digests.of({"a": 1}) != digests.of({"a": 2})


def test_a_change_indexes_again_only_its_month_of_the_search_index(tmp_path, monkeypatch):
    import generator.search as search

    if not search.available():
        pytest.skip("pagefind is not installed")
    root = copy_basic(tmp_path)
    out = tmp_path / "out"
    assert build_site(load_config(root), out).errors == []
    assert (out / "pagefind" / "pagefind.js").is_file()
    assert sorted(p.name for p in (out / "pagefind" / "shards").iterdir()) == ["2025-03", "undated"]
    indexed: list[str] = []
    real = search.search_index
    monkeypatch.setattr(search, "search_index",
                        lambda site_dir, pages=None, bundle="pagefind/": indexed.append(bundle) or real(site_dir, pages, bundle))
    before = stamps(out)
    assert build_site(load_config(root), out).errors == []
    assert indexed == [] and stamps(out) == before
    summary = root / "summaries" / "riverton-protest.yaml"
    summary.write_text(summary.read_text(encoding="utf-8").replace("nurses marched", "nurses walked"), "utf-8")
    assert build_site(load_config(root), out).errors == []
    assert indexed == ["pagefind/shards/2025-03/"]
    shard = {p for p in stamps(out) if p.startswith("pagefind/")}
    assert {p for p in shard if stamps(out)[p] != before.get(p)} <= {p for p in shard if p.startswith("pagefind/shards/2025-03/")}
    # a bundle file that went missing is made again
    (out / "pagefind" / "pagefind.js").unlink()
    indexed.clear()
    assert build_site(load_config(root), out).errors == []
    assert indexed == ["pagefind/"] and (out / "pagefind" / "pagefind.js").is_file()


def test_many_files_in_new_folders_are_written_and_a_failed_write_undoes_them_all(tmp_path, monkeypatch):

    from generator.output import write_site

    out = tmp_path / "out"
    files = {f"incidents/i{n}/deep/index.html": f"page {n}".encode() for n in range(128)}
    files["index.html"] = b"home"
    assert write_site(out, files) == (len(files), 0)
    assert read_tree(out) == files
    before = read_tree(out)
    more = {**files, **{f"new/n{n}/index.html": b"new" for n in range(128)}}
    more["index.html"] = b"changed"
    fail_nth_write(monkeypatch, 50)
    with pytest.raises(OSError):
        write_site(out, more)
    monkeypatch.undo()
    assert read_tree(out) == before                          # nothing replaced, nothing left over
    assert not (out / "new").exists()
    assert write_site(out, more) == (len(more) - len(files) + 1, 0)
    assert read_tree(out) == more


def test_a_template_error_in_a_worker_leaves_the_output_as_it_was(tmp_path, monkeypatch):
    """Files are written as the workers hand them over; a failure undoes every one of them."""
    from generator.errors import BriefingError

    monkeypatch.setattr(site_module, "PARALLEL_FROM_PAGES", 1)
    root = copy_basic(tmp_path)
    out = tmp_path / "out"
    build(root, out)
    before = stamps(out)
    (root / "templates").mkdir()
    (root / "templates" / "incident.html").write_text("{{ no_such_value }}", "utf-8")
    (root / "templates" / "index.html").write_text("changed {{ page.title }}", "utf-8")
    with pytest.raises(BriefingError, match="incident.html"):
        build_site(load_config(root), out, search=False)
    assert stamps(out) == before
    fresh = tmp_path / "fresh"
    with pytest.raises(BriefingError):
        build_site(load_config(root), fresh, search=False)
    assert not fresh.exists()                                 # a first build that fails leaves nothing
    (root / "templates" / "incident.html").unlink()
    build(root, out)
    assert (out / "index.html").read_bytes().startswith(b"changed")


def test_a_sites_own_template_that_reads_more_of_the_site_depends_on_more(tmp_path, rendered):
    """The reads of `site` are recorded while rendering: a page whose template lists every report
    is rendered again when any report's title changes, though its own data did not change."""
    root = copy_basic(tmp_path)
    (root / "templates").mkdir()
    (root / "templates" / "404.html").write_text(
        '{% extends "base.html" %}{% block content %}<ul>{% for r in site.reports %}'
        '<li>{{ r.ref.title }}</li>{% endfor %}</ul>{% endblock %}', "utf-8")
    out = tmp_path / "out"
    build(root, out)
    summary = root / "summaries" / "riverton-protest.yaml"
    text = summary.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("  title: "))
    summary.write_text(text.replace(title, "  title: A new title for the march"), "utf-8")
    rendered.clear()
    build(root, out)
    assert "404.html" in rendered
    assert b"A new title for the march" in (out / "404.html").read_bytes()
    assert "search/index.html" not in rendered              # the theme's page reads no report
