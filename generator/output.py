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
    are kept; it must not change the pages themselves (unchanged ones are hard links to the live
    output). If it raises, the old output stays and the staging folder is removed."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    written = 0
    try:
        for rel, data in pages.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            old = out_dir / rel
            if old.is_file() and _same_bytes(old, data):
                try:
                    os.link(old, target)
                    continue
                except OSError:
                    pass
            target.write_bytes(data)
            written += 1
        if before_swap is not None:
            before_swap(staging)
        removed = 0
        if out_dir.exists():
            for old in out_dir.rglob("*"):
                if old.is_file() and not (staging / old.relative_to(out_dir)).is_file():
                    removed += 1
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written, removed


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


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
