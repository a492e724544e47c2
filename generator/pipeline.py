"""The whole flow, top to bottom.

    extract_site:  read reports -> decide what is stale -> extract (NLP) -> write summaries (YAML)
    build_site:    load config + summaries -> group incidents -> render pages -> write output

Each stage is a module with plain data in and out; only this module and output.py touch disk.
"""
from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .config import SiteConfig, load_config
from .errors import BriefingError
from .reports import Report, find_reports, read_report
from .summary import ParsedSummaries, Summary


@dataclass
class ExtractResult:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)          # hand edits left alone / merged, with why
    conflicts: list[str] = field(default_factory=list)
    orphans: list[Path] = field(default_factory=list)      # summaries whose report is gone
    errors: list[BriefingError] = field(default_factory=list)
    model_loaded: bool = False


@dataclass
class BuildResult:
    pages: int = 0
    written: int = 0
    removed: int = 0
    incidents: int = 0
    seconds: float = 0.0
    errors: list[BriefingError] = field(default_factory=list)


def extract_site(config: SiteConfig | None, paths: list[Path], out_dir: Path,
                 progress: Callable | None = None, force: bool = False, executor=None) -> ExtractResult:
    """Reports -> summaries. Unchanged reports cost no NLP; hand edits are never lost.

    `executor` (generator.executors) runs the NLP: in this process by default, or in local worker
    processes, or on a Dask cluster; the files written are the same bytes either way."""
    import hashlib

    from . import handedits
    from .output import write_text_atomic

    result = ExtractResult()
    base = config.root if config is not None else None
    report_files = find_reports(paths)
    settings = handedits.settings_key(config)

    # 1. decide what needs extraction. An unchanged report is only hashed: its bytes' sha256 is
    #    what its summary records, so it is not parsed (a report that reads with errors never got
    #    a summary of its own). Reports sharing a stem are all read, for the clash check.
    stems = [path.stem for path in report_files]
    stem_count: dict[str, int] = {}
    for stem in stems:
        stem_count[stem] = stem_count.get(stem, 0) + 1
    reports: list[Report] = []          # every report read, in order (for the clash check)
    base_dir = os.path.join(os.path.abspath(base), "") if base is not None else None
    summaries_dir = os.path.join(out_dir, "")
    for path, stem in zip(report_files, stems):
        if stem_count[stem] == 1 and not force:
            target = summaries_dir + stem + ".yaml"       # a str: 10,000 Paths cost a tenth of a second
            try:
                with open(path, "rb") as file:
                    sha = hashlib.sha256(file.read()).hexdigest()
            except OSError:
                sha = None
            state, text = handedits.read_summary_state(target, sha, settings) if sha else ("new", None)
            if _settle_unchanged(result, target, state, text):
                continue
        try:
            reports.append(read_report(path, _relative(path, base_dir)))
        except BriefingError as err:
            result.errors.append(err)
    _check_stem_clashes(reports, result)

    todo: list[tuple[Report, Path]] = []
    for report in reports:
        target = out_dir / f"{report.stem}.yaml"
        state = handedits.summary_state(target, report, settings)
        if (force and state == "current") or not _settle_unchanged(result, target, state):
            todo.append((report, target))

    # 2. extract (the model is loaded only when something is stale, and only where it runs)
    if todo:
        from .executors import LocalExecutor

        result.model_loaded = True
        gazetteer = config.gazetteer_path if config is not None else None
        executor = executor or LocalExecutor()
        outputs = executor.extract([r for r, _ in todo], gazetteer, settings)
        out_dir.mkdir(parents=True, exist_ok=True)
        parsed = ParsedSummaries(out_dir / handedits.CACHE_DIR / "parsed.pickle")
        for i, ((report, target), (summary, rendered)) in enumerate(zip(todo, outputs)):
            # 3. write: hand-edited summaries are merged, never overwritten
            text, notes, conflicts = handedits.merge_with_existing(target, summary, settings, rendered)
            write_text_atomic(target, text)
            handedits.remember_extraction(target, summary, settings, rendered)
            if text == rendered:
                parsed.remember(text, summary)   # the build need not parse it back
            result.written.append(target)
            result.kept.extend(notes)
            result.conflicts.extend(conflicts)
            if progress:
                progress(i + 1, len(todo))
        parsed.save(keep_unused=True)

    # 4. summaries whose report is gone are reported, not removed
    if config is not None and out_dir.exists():
        known_stems = set(stems)      # every report's stem, read or not
        for name in sorted(os.listdir(out_dir)):
            if name.endswith(".yaml") and not name.endswith(".conflict.yaml") and name[:-5] not in known_stems:
                result.orphans.append(out_dir / name)
    return result


def _settle_unchanged(result: ExtractResult, target: Path | str, state: str, text: str | None = None) -> bool:
    """A summary whose report is unchanged needs no NLP: the tool's own is kept (and is its merge
    base), a hand-edited one is left as it is. False for any other state."""
    from . import handedits

    if state == "current":
        result.unchanged.append(Path(target))
        handedits.repair_cache(target, text)
        return True
    if state == "edited-current":
        result.unchanged.append(Path(target))
        result.kept.append(f"{target}: edited by hand; its report is unchanged, left as is")
        return True
    return False


def _relative(path: Path, base_dir: str | None) -> str:
    """The report's name relative to the site folder (`base_dir`: its absolute path and a
    separator); abspath, not resolve(): a symlinked report keeps its own name."""
    if base_dir is not None:
        full = os.fspath(path)
        # abspath only where needed: a relative path, or a '.' or '..' part after the folder
        if not full.startswith(base_dir) or os.sep + "." in full[len(base_dir) - 1:]:
            full = os.path.abspath(full)
        if full.startswith(base_dir):
            return full[len(base_dir):].replace(os.sep, "/")
    return path.as_posix()


def _check_stem_clashes(reports: list[Report], result: ExtractResult) -> None:
    """Two reports with one stem (a.md and a.html) would write the same summary."""
    by_stem: dict[str, Report] = {}
    for r in list(reports):
        if r.stem in by_stem:
            result.errors.append(BriefingError(
                f"has the same name as {by_stem[r.stem].rel}, so both would write {r.stem}.yaml",
                file=r.rel, hint="rename one of them"))
            reports.remove(r)
        else:
            by_stem[r.stem] = r


def load_summaries(config: SiteConfig, digests=None) -> tuple[list[Summary], list[BriefingError]]:
    """Every summary of the site, validated; errors are collected, not raised one by one.
    `digests` (a render_cache.Digests) learns each summary's content digest: its file's sha256."""
    from .errors import ErrorList

    from .handedits import CACHE_DIR

    summaries, errors = [], []
    folder = config.summaries_path
    if not folder.exists():
        return [], []
    parsed = ParsedSummaries(folder / CACHE_DIR / "parsed.pickle")
    for path in sorted(folder.glob("*.yaml")):
        if path.name.endswith(".conflict.yaml"):
            continue
        try:
            summary, sha = parsed.load_keyed(path, path.as_posix())
        except ErrorList as err:
            errors.extend(err.errors)
            continue
        except BriefingError as err:
            errors.append(err)
            continue
        summaries.append(summary)
        if digests is not None:
            digests.seed(summary, "S" + sha)
    parsed.save()
    return summaries, errors


def build_site(config: SiteConfig, out_dir: Path, base_url: str | None = None,
               search: bool | None = None) -> BuildResult:
    """Summaries -> incidents -> pages -> output folder (written in two phases, never half-written).

    Only the files whose own inputs changed since the last build into `out_dir` are rendered
    (render_cache), and only the files whose bytes changed are written."""
    from .handedits import CACHE_DIR
    from .incident_cache import CACHE_FILE, MergedIncidents
    from .incidents import group_incidents
    from .output import Staging, scan_output, update_site
    from .render_cache import Digests, plan_render
    from .search import in_bundle, outside_bundle
    from .site import plan_site, render_outputs, search_shards, static_files

    started = time.perf_counter()
    result = BuildResult()
    if base_url is not None:
        config.base_url = base_url if base_url.endswith("/") or not base_url else base_url + "/"
    if search is not None:
        config.search = search
    out_dir = out_dir.resolve()
    with cyclic_gc_paused():
        digests = Digests()
        summaries, errors = load_summaries(config, digests)
        if errors:
            result.errors = errors
            return result
        merged = MergedIncidents(config.summaries_path / CACHE_DIR / CACHE_FILE, summaries, digests.of)
        incidents = group_incidents(summaries, config.incident_window_days, merge=merged.merge)
        model, outputs = plan_site(config, incidents, summaries)
        on_disk = scan_output(out_dir) if out_dir.is_dir() else {}
        plan = plan_render(config, out_dir, model, outputs, digests, on_disk)
        # the files are written (beside their targets) as the workers hand them over
        staging = Staging(out_dir, on_disk)
        try:
            rendered = render_outputs(model, plan.stale, plan.pieces, on_part=staging.prepare)
            staging.prepare(static_files(config))
        except BaseException:
            staging.undo()
            raise
        if config.search:
            # Pagefind reads the written pages; its bundle follows them within the same build.
            written, removed = staging.commit(owned=outside_bundle, keep=plan.current)
            entries = plan.entries(rendered, out_dir)
            index, kept, search_state = update_search_index(out_dir, search_shards(model), entries,
                                                            plan.cache.search, on_disk)
            more_written, more_removed = update_site(out_dir, index, owned=in_bundle, keep=kept, on_disk=on_disk)
            written, removed = written + more_written, removed + more_removed
            search_state = _shard_files(out_dir, search_state, set(index) | kept)
            plan.cache.save(entries, search_state, plan.pieces.to_keep())
        else:
            index, kept = {}, set()
            written, removed = staging.commit(keep=plan.current)
            plan.cache.save(plan.entries(rendered, out_dir), pieces=plan.pieces.to_keep())
        merged.save()
    result.pages = len(staging.files) + len(plan.current) + len(index) + len(kept)   # search bundle included
    result.written, result.removed = len(written), len(removed)
    result.incidents = len(incidents)
    result.seconds = time.perf_counter() - started
    return result


def update_search_index(out_dir: Path, shards: dict[str, list[str]], entries: dict, previous: dict,
                        on_disk: dict) -> tuple[dict[str, bytes], set[str], dict[str, str]]:
    """The search bundle: (files to write, files kept, shard bundle -> key). Pagefind runs only over
    the shards whose pages changed; without shards (no incidents) over every brief, as one."""
    from .search import search_index, update_index

    if not shards:
        return search_index(out_dir) or {}, set(), {}
    page_sha = {path: entry.sha256 for path, entry in entries.items()}
    made = update_index(out_dir, shards, page_sha, previous, on_disk)
    return made if made is not None else ({}, set(), {})


def _shard_files(out_dir: Path, keys: dict[str, str], paths: set[str]) -> dict[str, tuple]:
    """Each shard bundle's key and the stat of each of its files as this build left them."""
    from .render_cache import file_stat
    from .search import BUNDLE_DIR, SHARDS_DIR

    root, shards = str(out_dir), SHARDS_DIR + "/"
    files: dict[str, dict[str, tuple]] = {bundle: {} for bundle in keys}
    for path in sorted(paths):
        # pagefind/shards/<name>/... belongs to that shard, the rest of pagefind/ to the first
        bundle = path[: path.index("/", len(shards)) + 1] if path.startswith(shards) else BUNDLE_DIR + "/"
        if bundle in files:
            files[bundle][path] = file_stat(os.path.join(root, path))
    return {bundle: (key, files[bundle]) for bundle, key in keys.items()}


@contextmanager
def cyclic_gc_paused():
    """A build allocates a few hundred thousand long-lived objects (summaries, incidents, the site
    model) and next to no reference cycles, so Python's cyclic collector would only rescan them,
    again and again: 40% of the time of a 10,000-report build. Reference counting still frees
    everything; the collector runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def open_site(site_dir: Path) -> SiteConfig:
    return load_config(site_dir)
