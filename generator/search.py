"""Full-text search: a Pagefind index over the built site.

Pagefind (PyPI `pagefind[extended]`, which ships its binary) reads the brief pages, marked with
`data-pagefind-body`, and their `data-pagefind-filter` attributes (type, place, actor), and writes
`pagefind/` beside them. Only the brief pages are read (BRIEF_PAGES): the list pages carry no
`data-pagefind-body`, so reading them would change nothing but would double the indexing time. Its output is deterministic: the same pages give the same bytes.

Pagefind reads the pages from disk, so it runs once they are written; it writes its bundle into a
temporary folder, and the bundle is then written into the site like any page (files whose bytes
did not change are not touched). Search is optional. Without the package, or when the indexer fails, the build still succeeds with
a one-line warning, and the search page says search is unavailable.
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import tempfile
import sys
from functools import lru_cache
from pathlib import Path

TIMEOUT_SECONDS = 300
BRIEF_PAGES = "incidents/**/*.html"      # where site.incident_url puts the briefs
BUNDLE_DIR = "pagefind"                  # where the theme's search page loads it from


def available() -> bool:
    """Whether the pagefind package (Python wrapper plus a binary package) is installed."""
    try:
        return (importlib.util.find_spec("pagefind") is not None
                and (importlib.util.find_spec("pagefind_bin_extended") is not None
                     or importlib.util.find_spec("pagefind_bin") is not None))
    except (ImportError, ValueError):
        return False


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr, flush=True)


SHARDS_DIR = BUNDLE_DIR + "/shards"    # every shard but the first: pagefind/shards/<name>/


def shard_bundle(name: str, first: bool) -> str:
    """Where a shard's bundle goes: the first (newest) at pagefind/, where the search page loads
    Pagefind from; the others beside it, joined in the browser by Pagefind's mergeIndex."""
    return BUNDLE_DIR + "/" if first else f"{SHARDS_DIR}/{name}/"


def pagefind_command() -> list[str]:
    """The Pagefind binary itself when it can be found (no Python start-up per shard)."""
    try:
        from pagefind.service import get_executable
        binary = get_executable()
        if binary is not None and Path(binary).is_file():
            return [str(binary)]
    except Exception:                 # noqa: BLE001 - the module form below finds it or says why
        pass
    return [sys.executable, "-m", "pagefind"]


def shard_key(bundle: str, pages: list[str], page_sha: dict[str, str]) -> str | None:
    """What a shard's bundle is made from: its pages' bytes (by sha256), its place, Pagefind's
    version. None when a page's bytes are not known (it is then indexed every time)."""
    import hashlib

    try:
        parts = [f"{path}={page_sha[path]}" for path in sorted(pages)]
    except KeyError:
        return None
    return hashlib.sha256("\n".join([pagefind_version(), bundle] + parts).encode()).hexdigest()


@lru_cache(maxsize=1)
def pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("pagefind") + "/" + version("pagefind_bin_extended" if importlib.util.find_spec(
            "pagefind_bin_extended") else "pagefind_bin")
    except (PackageNotFoundError, ValueError):
        return "?"


def search_index(site_dir: Path, pages: list[str] | None = None, bundle: str = BUNDLE_DIR + "/") -> dict[str, bytes] | None:
    """The files of the Pagefind bundle for the brief pages in `site_dir` (all of them, or the
    listed `pages`), as paths under `bundle`; None when search could not be built (a warning says
    why)."""
    if not available():
        warn("search is disabled: the pagefind package is not installed (pip install 'pagefind[extended]')")
        return None
    with tempfile.TemporaryDirectory(prefix="briefing-search-") as work:
        root = Path(work) / "bundle"
        glob = BRIEF_PAGES if pages is None else _glob_of(pages)
        # the options go in a config file in the working folder: a month's list of pages can be
        # longer than one command-line argument may be
        (Path(work) / "pagefind.json").write_text(json.dumps(
            {"site": str(site_dir), "glob": glob, "output_path": str(root)}), encoding="utf-8")
        command = pagefind_command() + ["--silent"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                                  stdin=subprocess.DEVNULL, cwd=work)
        except (OSError, subprocess.TimeoutExpired) as err:
            warn(f"search index not built: pagefind did not run ({err})")
            return None
        if done.returncode != 0 or not (root / "pagefind.js").is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()
            warn("search index not built: pagefind failed" + (f" ({detail[-1]})" if detail else ""))
            return None
        return {f"{bundle}{path.relative_to(root).as_posix()}": path.read_bytes()
                for path in sorted(root.rglob("*")) if path.is_file()}


def _glob_of(pages: list[str]) -> str:
    """One glob for the listed pages (incidents/<id>/index.html; ids are slugs: no glob syntax)."""
    folders = sorted({page.split("/")[1] for page in pages})
    return "incidents/{" + ",".join(folders) + "}/index.html" if len(folders) > 1 else \
        f"incidents/{folders[0]}/index.html"


def update_index(site_dir: Path, shards: dict[str, list[str]], page_sha: dict[str, str],
                 previous: dict[str, tuple], on_disk: dict[str, tuple]
                 ) -> tuple[dict[str, bytes], set[str], dict[str, str]] | None:
    """The search bundle, one Pagefind index per shard (a month of incidents): only the shards
    whose pages changed are indexed again. `previous` is the last build's shard -> (key, {file:
    stat}); a shard is kept when its key is the same and its files are as that build left them.
    Returns (new files, files kept, shard -> key), or None when search could not be built."""
    if not available():
        return search_index(site_dir)            # says why, once
    files: dict[str, bytes] = {}
    keep: set[str] = set()
    keys: dict[str, str] = {}
    for number, (name, pages) in enumerate(shards.items()):
        bundle = shard_bundle(name, number == 0)
        key = shard_key(bundle, pages, page_sha)
        old = previous.get(bundle)
        if key is not None and old is not None and old[0] == key and old[1] and \
                all(on_disk.get(path) == stat for path, stat in old[1].items()):
            keep.update(old[1])
        else:
            made = search_index(site_dir, pages, bundle) if pages else None
            if made is None:
                return None
            files.update(made)
        if key is not None:
            keys[bundle] = key
    return files, keep, keys


def in_bundle(rel: str) -> bool:
    return rel.startswith(BUNDLE_DIR + "/")


def outside_bundle(rel: str) -> bool:
    return not in_bundle(rel)
