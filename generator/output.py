"""Writing to disk without half-written results.

A summary is written to a temporary file and renamed over the old one. A site is rendered in
memory first; the new output folder is then assembled beside the old one (unchanged files are
hard-linked, so their bytes are not rewritten) and swapped in with two renames.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        # mkstemp makes 0600 files: keep the file's own mode, or the usual one for a new file
        try:
            mode = os.stat(path).st_mode & 0o7777
        except OSError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_site(out_dir: Path, pages: dict[str, bytes],
               before_swap: Callable[[Path], object] | None = None) -> tuple[int, int]:
    """Make `out_dir` hold exactly `pages` (relative path -> bytes). Returns (written, removed).

    `before_swap(staging)` runs on the complete new folder before it is swapped in (the search
    indexer adds its files there), so readers never see pages without their index. Files it adds
    are kept, and those whose bytes did not change become links to the old ones too; it must not
    change the pages themselves (unchanged ones are hard links to the live output). If it raises,
    the old output stays and the staging folder is removed."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    old_files = _file_sizes(out_dir) if out_dir.is_dir() else {}
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    live, new = str(out_dir), str(staging)
    written = 0
    try:
        for folder in sorted({os.path.dirname(rel) for rel in pages} - {""}):
            os.makedirs(os.path.join(new, folder), exist_ok=True)
        for rel, data in pages.items():
            target = os.path.join(new, rel)
            if old_files.get(rel) == len(data) and _link_if_same(os.path.join(live, rel), target, data):
                continue
            with open(target, "wb") as fh:
                fh.write(data)
            written += 1
        if before_swap is not None:
            before_swap(staging)
            new_files = _file_sizes(staging)
            for rel in new_files.keys() - pages.keys():
                if old_files.get(rel) == new_files[rel]:
                    _relink_if_same(os.path.join(live, rel), os.path.join(new, rel))
        else:
            new_files = pages
        removed = len(old_files.keys() - new_files.keys())
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written, removed


def _file_sizes(folder: Path) -> dict[str, int]:
    """Every file under `folder` (relative POSIX path -> size in bytes)."""
    sizes: dict[str, int] = {}
    root = str(folder)
    for dirpath, _, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root)
        prefix = "" if rel_dir == "." else rel_dir.replace(os.sep, "/") + "/"
        for name in filenames:
            try:
                sizes[prefix + name] = os.stat(os.path.join(dirpath, name), follow_symlinks=False).st_size
            except OSError:
                pass
    return sizes


def _link_if_same(old: str, target: str, data: bytes) -> bool:
    """Hard-link the live file into the new folder when its bytes are `data`: not rewritten."""
    try:
        with open(old, "rb") as fh:
            if fh.read() != data:
                return False
        os.link(old, target)
        return True
    except OSError:
        return False


def _relink_if_same(old: str, target: str) -> None:
    """Replace a freshly written file by a link to the live one when their bytes are equal."""
    try:
        with open(old, "rb") as a, open(target, "rb") as b:
            if a.read() != b.read():
                return
        tmp = target + ".relink"
        os.link(old, tmp)
        os.replace(tmp, target)
    except OSError:
        pass


def _swap(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.replace(staging, out_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    os.rmdir(retired)
    os.replace(out_dir, retired)
    try:
        os.replace(staging, out_dir)
    except BaseException:
        os.replace(retired, out_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)
