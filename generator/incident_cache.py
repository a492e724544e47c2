"""Merged incidents kept between builds: merge_incident is a pure function of its group's summaries,
so its result is reused while the group's summary files are byte for byte the same.

The key of a group is the sha256 of its summaries' files (in the group's order) under a stamp of
the tool's version and the source of the modules that make an incident (incidents.py and the
Summary model); a change to any of them empties the cache. The summaries inside a kept incident are
not stored again: the pickle names each by its file's digest and is re-linked to the summaries this
build loaded, so that a kept incident holds the very objects the rest of the build holds.

Only the entries used by the latest build are kept, so the files do not grow with old groups. The
entries are kept in sixteen files by the first hex digit of their key (incidents-0.pickle ...
incidents-f.pickle), so that a rebuild after one report changed rewrites one or two of them."""
from __future__ import annotations

import hashlib
import io
import pickle
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Callable

from .incidents import Incident, merge_incident
from .summary import SHARDS, Summary, shard_path

CACHE_FILE = "incidents.pickle"


@lru_cache(maxsize=1)
def _stamp() -> str:
    from . import TOOL, incidents, summary

    source = Path(incidents.__file__).read_bytes() + Path(summary.__file__).read_bytes()
    return TOOL + ":" + hashlib.sha256(source).hexdigest()[:16]


class _Pickler(pickle.Pickler):
    def __init__(self, file, digest_of: dict[int, str]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._digest_of = digest_of

    def persistent_id(self, obj):
        return self._digest_of.get(id(obj)) if type(obj) is Summary else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, by_digest: dict[str, Summary]):
        super().__init__(file)
        self._by_digest = by_digest

    def persistent_load(self, pid):
        # a summary no longer loaded: its entry's key cannot match this build's groups either
        return self._by_digest.get(pid)


class MergedIncidents:
    """merge_incident with a memory: `merge(group)` returns the kept incident when the group's
    summaries are unchanged. `digest_of(summary)` is the digest of the summary's file."""

    def __init__(self, path: Path, summaries: list[Summary], digest_of: Callable[[Summary], str]):
        self.path = path
        self._digest_of = {id(s): digest_of(s) for s in summaries}
        self._kept: dict[str, Incident] = {}
        self._used: dict[str, Incident] = {}
        self.made = 0
        by_digest = {self._digest_of[id(s)]: s for s in summaries}
        for shard in SHARDS:
            try:
                with shard_path(self.path, shard).open("rb") as fh:
                    stamp, kept = _Unpickler(fh, by_digest).load()
                if stamp == _stamp() and isinstance(kept, dict):
                    self._kept.update(kept)
            except (OSError, EOFError, pickle.PickleError, ValueError, TypeError, AttributeError,
                    KeyError, IndexError, ImportError):
                pass

    def _key(self, group: list[Summary]) -> str:
        return hashlib.sha256("\n".join(self._digest_of[id(s)] for s in group).encode()).hexdigest()

    def merge(self, group: list[Summary]) -> Incident:
        key = self._key(group)
        # a kept entry's key names every summary it holds, so all of them are this build's
        incident = self._kept.get(key)
        if incident is None:
            incident = merge_incident(group)
            self.made += 1
        self._used[key] = incident
        # group_incidents renames an id that clashes: hand out a copy, keep the merged original
        return replace(incident)

    def save(self) -> None:
        """Write the shards whose entries changed: one is new, or an old one went unused."""
        from .output import write_bytes_atomic

        if not self._used:
            return
        for shard in SHARDS:
            used = {k: v for k, v in self._used.items() if k[0] == shard}
            if used.keys() == {k for k in self._kept if k[0] == shard} and all(
                    self._kept[k] is v for k, v in used.items()):
                continue
            buffer = io.BytesIO()
            _Pickler(buffer, self._digest_of).dump((_stamp(), used))
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                write_bytes_atomic(shard_path(self.path, shard), buffer.getvalue())
            except OSError:
                pass                      # a read-only site only costs the merging next time

