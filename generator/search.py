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
import subprocess
import tempfile
import sys
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


def search_index(site_dir: Path) -> dict[str, bytes] | None:
    """The files of the Pagefind bundle for the pages in `site_dir` (paths under BUNDLE_DIR/), or
    None when search could not be built (a warning says why)."""
    if not available():
        warn("search is disabled: the pagefind package is not installed (pip install 'pagefind[extended]')")
        return None
    with tempfile.TemporaryDirectory(prefix="briefing-search-") as bundle:
        command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", BRIEF_PAGES,
                   "--output-path", bundle, "--silent"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                                  stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as err:
            warn(f"search index not built: pagefind did not run ({err})")
            return None
        root = Path(bundle)
        if done.returncode != 0 or not (root / "pagefind.js").is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()
            warn("search index not built: pagefind failed" + (f" ({detail[-1]})" if detail else ""))
            return None
        return {f"{BUNDLE_DIR}/{path.relative_to(root).as_posix()}": path.read_bytes()
                for path in sorted(root.rglob("*")) if path.is_file()}


def in_bundle(rel: str) -> bool:
    return rel.startswith(BUNDLE_DIR + "/")


def outside_bundle(rel: str) -> bool:
    return not in_bundle(rel)
