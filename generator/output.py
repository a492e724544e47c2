"""Writing to disk without half-written results.

A summary is written to a temporary file and renamed over the old one. A site is rendered in
memory first and then written in two phases. Prepare: every file whose bytes changed is written
beside its target under a temporary name (unchanged files are not touched at all). Commit: the
temporary files are renamed over their targets and the files the site no longer has are deleted.
Anything that fails (a full disk, a permission) fails in the prepare phase, which is undone, so
the live folder keeps the previous site whole; the commit only renames and unlinks.

(An earlier version assembled a complete new folder and swapped it in. At 10,000 reports that
meant creating and deleting ten thousand directories on every build, seconds of it, for a
guarantee the two phases give as well.)
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import BriefingError

TEMP_SUFFIX = ".briefing-tmp"


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


def everything(rel: str) -> bool:
    return True


def write_site(out_dir: Path, files: dict[str, bytes],
               owned: Callable[[str], bool] = everything) -> tuple[int, int]:
    """Make `out_dir` hold `files` (relative POSIX path -> bytes), and no other file for which
    `owned(path)` holds (the search index keeps its own files). Returns (written, removed)."""
    written, removed = update_site(out_dir, files, owned=owned)
    return len(written), len(removed)


def update_site(out_dir: Path, files: dict[str, bytes], owned: Callable[[str], bool] = everything,
                keep: frozenset[str] | set[str] = frozenset(),
                on_disk: dict[str, tuple] | None = None) -> tuple[list[str], list[str]]:
    """write_site, where the files in `keep` are known to hold their bytes already (the render
    cache said so) and stay as they are. `on_disk` is scan_output(out_dir) when the caller has it.
    Returns the paths written and the paths removed."""
    staging = Staging(out_dir, on_disk)
    staging.prepare(files)
    return staging.commit(owned=owned, keep=keep)


class Staging:
    """The two phases of a write, the first fed in parts as they are rendered: prepare(files) as
    often as needed (each changed file written beside its target under a temporary name), then
    commit() (renames and unlinks only) or, on any error, undo() (the live folder as it was)."""

    def __init__(self, out_dir: Path, on_disk: dict[str, tuple] | None = None):
        self.out_dir = out_dir.resolve()
        self.created = not self.out_dir.exists()
        self.out_dir = output_folder(self.out_dir)
        self.root = str(self.out_dir)
        self.old = scan_output(self.out_dir) if on_disk is None else on_disk
        self.files: set[str] = set()
        self.staged: list[tuple[str, str]] = []
        self.made: list[str] = []

    def prepare(self, files: dict[str, bytes]) -> None:
        self.files.update(files)
        try:
            _prepare(self.root, files, self.old, self.staged, self.made)
        except BaseException:
            self.undo()
            raise

    def commit(self, owned: Callable[[str], bool] = everything,
               keep: frozenset[str] | set[str] = frozenset()) -> tuple[list[str], list[str]]:
        """Returns the paths written and the paths removed."""
        root = self.root
        for temp, target in self.staged:
            os.replace(temp, target)
        removed = sorted(rel for rel in self.old.keys() - self.files - keep if owned(rel))
        for rel in removed:
            try:
                os.unlink(os.path.join(root, rel))
            except FileNotFoundError:
                pass
        _remove_empty_folders(root, {os.path.dirname(rel) for rel in removed})
        return sorted(target[len(root) + 1:].replace(os.sep, "/") for _, target in self.staged), removed

    def undo(self) -> None:
        for temp, _ in self.staged:
            try:
                os.unlink(temp)
            except OSError:
                pass
        for folder in reversed(self.made):
            try:
                os.rmdir(folder)
            except OSError:
                pass
        if self.created:
            try:
                os.rmdir(self.root)
            except OSError:
                pass
        self.staged, self.made = [], []


def output_folder(out_dir: Path) -> Path:
    """The output folder, made if missing; a file in its place is an error."""
    out_dir = out_dir.resolve()
    if out_dir.exists() and not out_dir.is_dir():
        raise BriefingError("the output path is a file, not a folder", file=str(out_dir),
                            hint="choose another --out or remove the file")
    out_dir.mkdir(parents=True, exist_ok=True)
    return out_dir


def _prepare(root: str, files: dict[str, bytes], old: dict[str, tuple],
             staged: list[tuple[str, str]], made: list[str]) -> None:
    """Write each changed file beside its target under a temporary name, noting the temporary
    files in `staged` and the folders created in `made` (for Staging.undo). One thread: writing
    from eight threads was measured at two to three times slower on ext4 and tmpfs alike (the
    kernel serialises the creation of entries in one folder, and the threads fight over it), and
    the renderer's workers keep both cores busy meanwhile."""
    for rel, data in files.items():
        if rel in old and old[rel][0] == len(data) and _same_bytes(os.path.join(root, rel), data):
            continue
        folder = os.path.dirname(os.path.join(root, rel))
        if not os.path.isdir(folder):
            made.extend(_make_folders(root, folder))
        _write_temp(root, rel, data, staged)


def _write_temp(root: str, rel: str, data: bytes, staged: list[tuple[str, str]]) -> None:
    target = os.path.join(root, rel)
    if os.path.isdir(target):
        raise BriefingError(f"the output folder has a folder where the file {rel} goes",
                            file=target, hint="remove it, or build into an empty folder")
    temp = target + TEMP_SUFFIX
    with open(temp, "wb") as fh:
        staged.append((temp, target))
        fh.write(data)


def _make_folders(root: str, folder: str) -> list[str]:
    """Create `folder` and its missing parents; returns those created, outermost first."""
    missing = []
    while not os.path.isdir(folder):
        if os.path.lexists(folder):
            raise BriefingError("the output folder has a file where a folder goes", file=folder,
                                hint="remove it, or build into an empty folder")
        missing.append(folder)
        folder = os.path.dirname(folder)
    for path in reversed(missing):
        os.mkdir(path)
    return list(reversed(missing))


def _remove_empty_folders(root: str, folders: set[str]) -> None:
    for rel in sorted(folders, key=len, reverse=True):
        while rel:
            try:
                os.rmdir(os.path.join(root, rel))
            except OSError:
                break                    # not empty (or gone): its parents are not empty either
            rel = os.path.dirname(rel)


def scan_output(folder: Path) -> dict[str, tuple[int, int, int, int]]:
    """Every file under `folder`: relative POSIX path -> (size, mtime_ns, ctime_ns, inode)."""
    found: dict[str, tuple[int, int, int, int]] = {}
    root = str(folder)
    for dirpath, _, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root)
        prefix = "" if rel_dir == "." else rel_dir.replace(os.sep, "/") + "/"
        for name in filenames:
            try:
                st = os.stat(os.path.join(dirpath, name), follow_symlinks=False)
            except OSError:
                continue
            found[prefix + name] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    return found


def _same_bytes(path: str, data: bytes) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read() == data
    except OSError:
        return False
