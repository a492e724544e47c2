"""Where extraction runs: in this process, in local worker processes, or on a Dask cluster.

Every executor has one method, `extract(reports, gazetteer_file, settings)`, yielding one
`(Summary, text)` per report, in the order given; `text` is the summary exactly as the tool writes
it (handedits.render). The pipeline merges hand edits and writes files itself, so only the NLP
moves to workers, and a run on a cluster writes the same bytes as a run on one machine.

    LocalExecutor(jobs=1)    nlp.pipe in this process (the default)
    LocalExecutor(jobs=N)    N worker processes on this machine, each loading the model once
    DaskExecutor(address)    batches of reports mapped over a Dask distributed cluster; each worker
                             process loads the model and the gazetteer once and keeps them

Workers get Report objects (text and metadata already read), never paths, so they need no access
to the site's files; the site gazetteer travels as its bytes. A worker whose tool version, model or
extractor code differs from this machine's would write different summaries: that is an error, not
a silent difference.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from .errors import BriefingError
from .reports import Report

BATCH = 64              # reports per task sent to a worker process or a Dask worker
MIN_PER_PROCESS = 200   # below this many stale reports per extra process, one process is faster


# ------------------------------------------------------------------------------ worker side

def worker_identity() -> tuple[str, str, str]:
    """What makes a worker's summaries differ: tool version, model, extractor code and data."""
    from . import TOOL
    from .extract.nlp import model_id
    from .handedits import extractor_fingerprint

    return TOOL, model_id(), extractor_fingerprint()


_gazetteer_lock = threading.Lock()


@lru_cache(maxsize=4)
def _gazetteer_file(content: bytes | None) -> Path | None:
    """A worker's copy of the site gazetteer (workers may not see the site's files)."""
    if content is None:
        return None
    digest = hashlib.sha256(content).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"briefing-gazetteer-{os.getpid()}-{digest}.yaml"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(content)
        os.replace(tmp, path)
    return path


def extract_batch(reports: list[Report], gazetteer: bytes | None, settings: str,
                  identity: tuple[str, str, str] | None = None) -> list[tuple[object, str]]:
    """Run in a worker: reports -> [(Summary, rendered text)]. The model, the gazetteer and the
    fingerprint are loaded once per worker process (module-level caches) and kept."""
    from .extract import extract_summaries
    from .handedits import render

    if identity is not None and identity != _cached_identity():
        raise BriefingError(
            f"worker {_cached_identity()} differs from this machine {identity}",
            hint="install the same briefing version and model on every worker (pip install briefing[dask])")
    with _gazetteer_lock:
        gaz_path = _gazetteer_file(gazetteer)
    return [(s, render(s, settings)) for s in extract_summaries(reports, gazetteer_file=gaz_path)]


@lru_cache(maxsize=1)
def _cached_identity() -> tuple[str, str, str]:
    return worker_identity()


def _gazetteer_bytes(gazetteer_file: Path | None) -> bytes | None:
    if gazetteer_file is None or not gazetteer_file.exists():
        return None
    return gazetteer_file.read_bytes()


def _batches(reports: list[Report], size: int) -> list[list[Report]]:
    return [reports[i:i + size] for i in range(0, len(reports), size)]


# ------------------------------------------------------------------------------ executors

class LocalExecutor:
    """In this process (jobs=1), or in `jobs` forked worker processes on this machine."""

    name = "local"

    def __init__(self, jobs: int | None = 1, min_per_process: int = MIN_PER_PROCESS):
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.min_per_process = min_per_process

    def extract(self, reports: list[Report], gazetteer_file: Path | None,
                settings: str) -> Iterator[tuple[object, str]]:
        jobs = min(self.jobs, max(1, len(reports) // self.min_per_process))
        if jobs <= 1:
            yield from self._in_process(reports, gazetteer_file, settings)
            return
        yield from self._processes(reports, gazetteer_file, settings, jobs)

    @staticmethod
    def _in_process(reports, gazetteer_file, settings):
        from .extract import extract_summaries
        from .handedits import render

        for summary in extract_summaries(reports, gazetteer_file=gazetteer_file):
            yield summary, render(summary, settings)

    @staticmethod
    def _processes(reports, gazetteer_file, settings, jobs):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        gaz = _gazetteer_bytes(gazetteer_file)
        # big enough batches to keep nlp.pipe efficient, small enough to balance the processes
        size = max(8, min(BATCH, len(reports) // (jobs * 4) or 1))
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method)) as pool:
            futures = [pool.submit(extract_batch, batch, gaz, settings) for batch in _batches(reports, size)]
            for future in futures:
                yield from future.result()


class DaskExecutor:
    """Batches of reports mapped over a Dask distributed cluster (`dask scheduler` + workers)."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, client=None, batch: int = BATCH):
        if client is None:
            try:
                import distributed  # noqa: F401
            except ImportError:
                raise BriefingError("the dask executor needs Dask distributed",
                                    hint="pip install 'briefing[dask]'") from None
            if not scheduler:
                raise BriefingError("--executor dask needs --scheduler ADDRESS",
                                    hint="e.g. --scheduler tcp://scheduler-host:8786")
        self.scheduler = scheduler
        self._client = client
        self._own_client = client is None
        self.batch = batch

    @property
    def client(self):
        """Connected on first use: a run with nothing to extract never needs the cluster."""
        if self._client is None:
            from distributed import Client

            try:
                self._client = Client(self.scheduler, timeout="20s")
            except (OSError, TimeoutError) as err:
                raise BriefingError(f"cannot reach the Dask scheduler at {self.scheduler}: {err}",
                                    hint="is `dask scheduler` running there, and the port open?") from err
        return self._client

    def extract(self, reports: list[Report], gazetteer_file: Path | None,
                settings: str) -> Iterator[tuple[object, str]]:
        if not reports:
            return
        gaz = _gazetteer_bytes(gazetteer_file)
        identity = worker_identity()
        batches = _batches(reports, self.batch)
        gaz_future = self.client.scatter(gaz, broadcast=True) if gaz is not None else None
        futures = self.client.map(extract_batch, batches, gazetteer=gaz_future, settings=settings,
                                  identity=identity, pure=False)
        try:
            for future in futures:          # in order: the same files in the same order as locally
                yield from future.result()
        finally:
            for future in futures:
                future.release()

    def close(self):
        if self._own_client and self._client is not None:
            self._client.close()
            self._client = None


def make_executor(name: str = "local", scheduler: str | None = None, jobs: int | None = 1):
    if name == "local":
        return LocalExecutor(jobs=jobs)
    if name == "dask":
        return DaskExecutor(scheduler=scheduler)
    raise BriefingError(f"unknown executor {name!r}", hint="use local or dask")
