"""Extraction past one machine: the Dask executor (and local worker processes) write the very bytes
an in-process run writes. A one-worker LocalCluster stands in for a real cluster."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.config import load_config
from generator.executors import DaskExecutor, LocalExecutor, extract_batch
from generator.pipeline import extract_site

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ["burkina-faso-djibo-roadside-bomb.md", "taliban-pakistan-border-clashes.md",
           "kenya-kisumu-teachers-protest.md"]


def make_site(folder: Path) -> Path:
    (folder / "reports").mkdir(parents=True)
    for name in REPORTS:
        shutil.copy(ROOT / "site_src" / "reports" / name, folder / "reports" / name)
    # the site gazetteer travels to the workers as bytes (Bahramcha, Spina Shaga, ...)
    shutil.copy(ROOT / "site_src" / "gazetteer.yaml", folder / "gazetteer.yaml")
    (folder / "site.yaml").write_text("title: Dask test\n", encoding="utf-8")
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def local_run(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("local"))
    config = load_config(site)
    result = extract_site(config, [config.reports_path], config.summaries_path, executor=LocalExecutor(jobs=1))
    assert result.errors == [] and len(result.written) == 3
    return files(config.summaries_path)


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    # in-process worker: starts in well under a second and shares nothing but the task protocol
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        yield cluster


def test_dask_executor_writes_the_same_bytes(local_run, cluster, tmp_path):
    from distributed import Client

    site = make_site(tmp_path / "site")
    config = load_config(site)
    with Client(cluster) as client:
        executor = DaskExecutor(client=client, batch=2)          # 2 batches for 3 reports
        result = extract_site(config, [config.reports_path], config.summaries_path, executor=executor)
    assert result.errors == [] and result.model_loaded and len(result.written) == 3
    assert files(config.summaries_path) == local_run


def test_cli_dask_scheduler_option(local_run, cluster, tmp_path):
    site = make_site(tmp_path / "site")
    res = CliRunner().invoke(main, ["extract", "--site", str(site), "--executor", "dask",
                                    "--scheduler", cluster.scheduler_address])
    assert res.exit_code == 0, res.output
    assert files(site / "summaries") == local_run
    # and unchanged reports are skipped without any cluster at all
    res = CliRunner().invoke(main, ["extract", "--site", str(site)])
    assert res.exit_code == 0 and "3 unchanged" in res.output and "model not loaded" in res.output


def test_results_survive_pickling(tmp_path):
    """What a remote worker returns crosses the network pickled: it must come back equal."""
    import pickle

    from generator.handedits import settings_key
    from generator.reports import read_report

    site = make_site(tmp_path / "site")
    report = read_report(site / "reports" / REPORTS[0], f"reports/{REPORTS[0]}")
    settings = settings_key(load_config(site))
    out = extract_batch(pickle.loads(pickle.dumps([report])), (site / "gazetteer.yaml").read_bytes(), settings)
    back = pickle.loads(pickle.dumps(out))
    assert back[0][1] == out[0][1] and back[0][0] == out[0][0]


def test_local_processes_write_the_same_bytes(local_run, tmp_path):
    site = make_site(tmp_path / "site")
    config = load_config(site)
    executor = LocalExecutor(jobs=2, min_per_process=1)
    result = extract_site(config, [config.reports_path], config.summaries_path, executor=executor)
    assert result.errors == [] and len(result.written) == 3
    assert files(config.summaries_path) == local_run


def test_worker_of_another_version_is_an_error(tmp_path):
    from generator.errors import BriefingError

    with pytest.raises(BriefingError, match="differs from this machine"):
        extract_batch([], None, "x", identity=("briefing 0.0.0", "none", "0"))


def test_dask_needs_a_scheduler_address(tmp_path):
    site = make_site(tmp_path / "site")
    res = CliRunner().invoke(main, ["extract", "--site", str(site), "--executor", "dask"])
    assert res.exit_code != 0 and "--scheduler" in res.output
    res = CliRunner().invoke(main, ["extract", "--site", str(site), "--scheduler", "tcp://x:1"])
    assert res.exit_code == 2
