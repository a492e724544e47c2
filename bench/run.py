"""Benchmark: Briefing against bare spaCy and Pelican on one synthetic corpus, side by side.

    python bench/run.py                      # 1,000 reports
    python bench/run.py --n 1000 --n 10000   # both sizes in one table (linear growth)
    python bench/run.py --n 20 --no-pelican --bare-procs 1   # the smoke test

Every step runs as its own subprocess (`python -m generator.cli ...`, Pelican's CLI), timed by the
wall clock around it; peak memory is the child's ru_maxrss from wait4 (the per-child form of
getrusage(RUSAGE_CHILDREN): the largest single process, worker processes included) and the
largest total RSS of the child's whole process tree, sampled every 50 ms.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import write_pelican_content, write_site  # noqa: E402

# rows of the table: (key, label, target text)
ROWS = [
    ("extract_rate", "briefing extract, all reports (reports/s)", ""),
    ("bare_rate", "bare spaCy nlp.pipe, best (reports/s)", ""),
    ("bare_detail", "  bare spaCy by n_process (reports/s)", ""),
    ("extract_ratio", "extract / bare spaCy throughput", ">= 0.8"),
    ("extract_s", "briefing extract, all reports (s)", ""),
    ("noop_s", "no-op extract, nothing changed (s)", "<= 2 s at 10k"),
    ("noop_model", "no-op extract: model loaded / spaCy imported", "no / no"),
    ("build_s", "briefing build, full, with search index (s)", ""),
    ("build_nosearch_s", "briefing build, full, --no-search (s)", "<= 10 s at 10k"),
    ("pelican_s", "pelican 4, full (s)", ""),
    ("pelican_ratio", "pelican time / briefing build (--no-search)", ">= 5x"),
    ("extract1_s", "extract after 1 report changed (s)", ""),
    ("rebuild_s", "rebuild after 1 report changed (s)", "<= 1 s at 10k"),
    ("rebuild_files", "  output files rewritten / total", "only dependents"),
    ("rss_extract", "peak RSS extract: largest process / tree (MB)", "<= 1536"),
    ("rss_build", "peak RSS build: largest process / tree (MB)", "<= 1536"),
    ("per_report_build", "build time per report (ms)", "flat = linear"),
    ("per_report_extract", "extract time per report (ms)", "flat = linear"),
]

BARE_SCRIPT = r"""
import sys, time, re
from pathlib import Path
import yaml
started = time.perf_counter()
from generator.extract.nlp import load_model
import spacy
nlp = load_model()          # the same model and pipeline the extractor uses
texts = []
for p in sorted(Path(sys.argv[1]).glob("*.md")):
    raw = p.read_text(encoding="utf-8")
    _, front, body = raw.split("---\n", 2)
    texts.append(yaml.safe_load(front).get("title") or "")
    texts.append(body)
n = 0
for doc in nlp.pipe(texts, batch_size=32, n_process=int(sys.argv[2])):
    n += 1
print(n // 2, time.perf_counter() - started)
"""

PELICANCONF = """AUTHOR = "bench"
SITENAME = "Briefing benchmark"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
"""


# ------------------------------------------------------------------------------ measuring

class Run:
    def __init__(self, seconds: float, rc: int, stdout: str, stderr: str, maxrss_mb: float, tree_mb: float):
        self.seconds, self.rc, self.stdout, self.stderr = seconds, rc, stdout, stderr
        self.maxrss_mb, self.tree_mb = maxrss_mb, tree_mb


def _tree_rss_kb(root: int) -> int:
    """Total RSS of a process and its descendants, from /proc (0 where /proc is missing)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return 0
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/statm") as fh:
                rss[int(entry)] = int(fh.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def run(cmd: list[str], cwd: Path | None = None, env: dict | None = None, check: bool = True) -> Run:
    """Run a command as a subprocess: wall time, exit code, output, peak memory."""
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.wait(0.05):
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    err.seek(0)
    result = Run(seconds, proc.returncode, out.read().decode(errors="replace"),
                 err.read().decode(errors="replace"), usage.ru_maxrss / 1024, max(peak[0], usage.ru_maxrss) / 1024)
    if check and result.rc != 0:
        raise SystemExit(f"bench: {' '.join(map(str, cmd))} failed ({result.rc}):\n{result.stderr[-3000:]}")
    return result


def briefing(*args: str, importtime: bool = False) -> list[str]:
    return [sys.executable, *(["-X", "importtime"] if importtime else []), "-m", "generator.cli", *args]


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime_ns) of every file: a rewritten file gets a new inode (write_site hard-links
    unchanged files into the new folder)."""
    out = {}
    for path in folder.rglob("*"):
        if path.is_file():
            st = path.stat()
            out[path.relative_to(folder).as_posix()] = (st.st_ino, st.st_mtime_ns)
    return out


def ensure_pelican() -> bool:
    try:
        subprocess.run([sys.executable, "-c", "import pelican, markdown"], check=True, capture_output=True)
        return True
    except subprocess.CalledProcessError:
        pass
    print("bench: installing pelican and markdown into this environment (pip install 'pelican>=4,<5' markdown)",
          file=sys.stderr)
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "pelican>=4,<5", "markdown"])
    return done.returncode == 0


def change_one_report(site: Path) -> Path:
    """Change a figure in one report (the middle one), as a correction would."""
    reports = sorted((site / "reports").glob("*.md"))
    target = reports[len(reports) // 2]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.rstrip("\n") + "\n\nA later update said two more people had died in hospital.\n",
                      encoding="utf-8")
    return target


# ------------------------------------------------------------------------------ one size

def freeze_code(base: Path) -> Path:
    """A copy of the code as it is now: every step of the run measures the same code, even while
    the working tree is being edited (a changed extractor would make every summary stale)."""
    code = base / "code"
    if code.exists():
        shutil.rmtree(code)
    shutil.copytree(ROOT / "generator", code / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "templates", code / "templates")
    shutil.copytree(ROOT / "bench", code / "bench", ignore=shutil.ignore_patterns("__pycache__"))
    return code


def bench_size(n: int, base: Path, pelican: bool, bare_procs: list[int], jobs: int | None,
               seed: int, code: Path = ROOT) -> dict[str, str]:
    folder = base / f"n{n}"
    if folder.exists():
        shutil.rmtree(folder)
    site = folder / "site"
    print(f"bench: writing {n} reports to {site}", file=sys.stderr)
    write_site(site, n, seed)
    row: dict[str, str] = {}
    env = dict(os.environ, PYTHONPATH=str(code) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    jobs_args = ["--jobs", str(jobs)] if jobs else []

    # bare spaCy, same model, same texts (title + body of every report)
    bare = {}
    for procs in bare_procs:
        r = run([sys.executable, "-c", BARE_SCRIPT, str(site / "reports"), str(procs)], cwd=code, env=env)
        bare[procs] = n / r.seconds
    best = max(bare.values())

    # extract, cold
    print(f"bench: extract {n}", file=sys.stderr)
    ex = run(briefing("extract", "--site", str(site), *jobs_args), cwd=code, env=env)
    rate = n / ex.seconds
    row["extract_rate"] = f"{rate:.1f}"
    row["bare_rate"] = f"{best:.1f}"
    row["bare_detail"] = ", ".join(f"{k}: {v:.1f}" for k, v in bare.items())
    row["extract_ratio"] = f"{rate / best:.2f}"
    row["extract_s"] = f"{ex.seconds:.1f}"
    row["rss_extract"] = f"{ex.maxrss_mb:.0f} / {ex.tree_mb:.0f}"
    row["per_report_extract"] = f"{ex.seconds / n * 1000:.1f}"

    # extract again, nothing changed: the model must not load, spaCy must not even be imported
    noop = run(briefing("extract", "--site", str(site), *jobs_args, importtime=True), cwd=code, env=env)
    row["noop_s"] = f"{noop.seconds:.2f}"
    modules = [line.rsplit("|", 1)[-1].strip() for line in noop.stderr.splitlines()
               if line.startswith("import time:")]
    imported = any(m == "spacy" or m.startswith("spacy.") for m in modules)
    loaded = "model not loaded" not in noop.stderr
    row["noop_model"] = f"{'yes' if loaded else 'no'} / {'yes' if imported else 'no'}"

    # build, cold
    out = folder / "public"
    print(f"bench: build {n}", file=sys.stderr)
    b = run(briefing("build", "--site", str(site), "--out", str(out)), cwd=code, env=env)
    row["build_s"] = f"{b.seconds:.2f}"
    row["rss_build"] = f"{b.maxrss_mb:.0f} / {b.tree_mb:.0f}"
    row["per_report_build"] = f"{b.seconds / n * 1000:.2f}"

    # the same without the search index: Pelican builds none either (like for like)
    nb = run(briefing("build", "--site", str(site), "--out", str(folder / "public-nosearch"), "--no-search"),
             cwd=code, env=env)
    row["build_nosearch_s"] = f"{nb.seconds:.2f}"

    # one report changes: extract (one summary), then rebuild; count the output files rewritten
    before = snapshot(out)
    change_one_report(site)
    e1 = run(briefing("extract", "--site", str(site), *jobs_args), cwd=code, env=env)
    row["extract1_s"] = f"{e1.seconds:.2f}"
    rb = run(briefing("build", "--site", str(site), "--out", str(out)), cwd=code, env=env)
    after = snapshot(out)
    rewritten = sum(1 for k, v in after.items() if before.get(k, (None,))[0] != v[0])
    row["rebuild_s"] = f"{rb.seconds:.2f}"
    row["rebuild_files"] = f"{rewritten} / {len(after)}"

    # pelican on the same texts as Markdown articles
    if pelican:
        pel = folder / "pelican"
        write_pelican_content(pel / "content", n, seed)
        (pel / "pelicanconf.py").write_text(PELICANCONF, encoding="utf-8")
        print(f"bench: pelican {n}", file=sys.stderr)
        p = run([sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"],
                cwd=pel, env=env)
        row["pelican_s"] = f"{p.seconds:.2f}"
        row["pelican_ratio"] = f"{p.seconds / nb.seconds:.1f}x"
    else:
        row["pelican_s"] = row["pelican_ratio"] = "skipped"
    return row


def table(sizes: list[int], rows: dict[int, dict[str, str]]) -> str:
    head = ["metric"] + [f"{n:,} reports" for n in sizes] + ["target"]
    body = [[label] + [rows[n].get(key, "") for n in sizes] + [target] for key, label, target in ROWS]
    widths = [max(len(r[i]) for r in [head] + body) for i in range(len(head))]
    fmt = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    lines = [fmt(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += [fmt(r) for r in body]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, action="append", help="reports in the corpus (repeatable; default 1000)")
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: a temporary one, removed)")
    parser.add_argument("--no-pelican", action="store_true", help="skip the Pelican comparison")
    parser.add_argument("--bare-procs", default="1,2", help="n_process values for bare spaCy (default 1,2)")
    parser.add_argument("--jobs", type=int, default=None, help="briefing extract --jobs (default: its own)")
    parser.add_argument("--seed", type=int, default=20250101)
    args = parser.parse_args(argv)
    sizes = args.n or [1000]
    pelican = not args.no_pelican and ensure_pelican()
    if not args.no_pelican and not pelican:
        print("bench: pelican could not be installed; its rows are skipped", file=sys.stderr)
    base = args.dir or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        code = freeze_code(base)
        rows = {}
        for n in sizes:
            rows[n] = bench_size(n, base, pelican, [int(x) for x in args.bare_procs.split(",")], args.jobs,
                                 args.seed, code)
            if len(sizes) > 1:          # each size as it finishes: long runs show progress
                print(table([n], rows), file=sys.stderr)
    finally:
        if args.dir is None:
            shutil.rmtree(base, ignore_errors=True)
    print(f"Briefing benchmark ({os.cpu_count()} CPUs, Python {sys.version.split()[0]})")
    print(table(sizes, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
