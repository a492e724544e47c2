"""Full-text search: a Pagefind index over the built site, written into the staging folder.

Pagefind (PyPI `pagefind[extended]`, which ships its binary) reads the brief pages, marked with
`data-pagefind-body`, and their `data-pagefind-filter` attributes (type, place, actor), and writes
`pagefind/` beside them. Only the brief pages are read (BRIEF_PAGES): the list pages carry no
`data-pagefind-body`, so reading them would change nothing but would double the indexing time. Its output is deterministic: the same pages give the same bytes.

Search is optional. Without the package, or when the indexer fails, the build still succeeds with
a one-line warning, and the search page says search is unavailable.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

TIMEOUT_SECONDS = 300
BRIEF_PAGES = "incidents/**/*.html"      # where site.incident_url puts the briefs


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


def index_site(site_dir: Path) -> bool:
    """Index `site_dir` in place (pagefind/ is written into it). Returns whether it worked."""
    if not available():
        warn("search is disabled: the pagefind package is not installed (pip install 'pagefind[extended]')")
        return False
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", BRIEF_PAGES, "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as err:
        warn(f"search index not built: pagefind did not run ({err})")
        return False
    if done.returncode != 0 or not (site_dir / "pagefind" / "pagefind.js").is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()
        warn("search index not built: pagefind failed" + (f" ({detail[-1]})" if detail else ""))
        return False
    return True
