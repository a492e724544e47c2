"""Command line: parse options, call the pipeline, map errors to exit codes.

Exit codes: 0 ok, 1 the input has errors, 2 usage. Tracebacks only with --debug.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from . import __version__
from .errors import BriefingError


class _Group(click.Group):
    """Turns unexpected exceptions into one clear line (the traceback needs --debug)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except Exception as err:  # noqa: BLE001 - the last line of defence for users
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise BriefingError(f"internal error: {type(err).__name__}: {err}",
                                hint="run again with --debug for the traceback, and report it") from err


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def main(ctx, debug):
    """Briefing: news reports in, incident briefs out.

    \b
    briefing extract   reports -> YAML summaries (one per report)
    briefing build     summaries -> static site
    briefing check     validate site.yaml and every summary
    briefing serve     build, serve on localhost, rebuild on change
    briefing new DIR   start a new site
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


SITE_OPTION = click.option("--site", "site_dir", type=click.Path(path_type=Path), default=None,
                           help="Site folder holding site.yaml, reports/ and summaries/ (default: .)")


def _site_dir(site_dir: Path | None) -> Path:
    return site_dir if site_dir is not None else Path(".")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@SITE_OPTION
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Folder for the summaries (default: the site's summaries/).")
@click.option("--force", is_flag=True, help="Re-extract even unchanged reports (hand edits are still kept).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where the NLP runs: on this machine, or on a Dask distributed cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler address for --executor dask, e.g. tcp://host:8786.")
@click.option("--jobs", "-j", type=int, default=None, metavar="N",
              help="Local worker processes (default: one per CPU core; used only for long runs).")
def extract(paths, site_dir, out_dir, force, executor, scheduler, jobs):
    """Turn reports into YAML summaries, one per report.

    With PATHS (report files or folders) and --out, works on those alone; otherwise on the
    site's reports/ folder. Unchanged reports are skipped without loading the model.
    """
    from .config import load_config
    from .pipeline import extract_site

    config = None
    if paths and out_dir is not None and site_dir is None:
        config = None
    else:
        config = load_config(_site_dir(site_dir))
    if not paths:
        if config is None:
            raise click.UsageError("give report PATHS, or a --site whose reports/ folder to use")
        paths = (config.reports_path,)
        if not config.reports_path.exists():
            raise BriefingError("the site has no reports folder", file=config.reports_path,
                                hint="put report files (.md, .txt, .html) there")
    if out_dir is None:
        if config is None:
            raise click.UsageError("--out is needed when no --site is given")
        out_dir = config.summaries_path
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler is for --executor dask")
    if jobs is not None and jobs < 1:
        raise click.UsageError("--jobs must be at least 1")
    from .executors import make_executor

    started = time.perf_counter()
    runner = make_executor(executor, scheduler=scheduler, jobs=jobs)
    bar = _ProgressBar()
    try:
        result = extract_site(config, list(paths), out_dir, progress=bar, force=force, executor=runner)
    finally:
        bar.close()
        getattr(runner, "close", lambda: None)()
    for note in result.kept:
        click.echo(f"kept: {note}", err=True)
    for conflict in result.conflicts:
        click.echo(f"conflict: {conflict} (both sides kept; see the .conflict.yaml file)", err=True)
    for orphan in result.orphans:
        click.echo(f"warning: {orphan}: its report is gone; the summary was left in place", err=True)
    for err in result.errors:
        click.echo(f"error: {err.format_message()}", err=True)
    elapsed = time.perf_counter() - started
    click.echo(f"extract: {len(result.written)} written, {len(result.unchanged)} unchanged, "
               f"{len(result.errors)} error(s) in {elapsed:.2f}s"
               + ("" if result.model_loaded else " (model not loaded)"), err=True)
    if result.errors:
        sys.exit(1)


class _ProgressBar:
    """click's progress bar, shown only on a terminal and only for longer runs."""

    def __init__(self):
        self.bar = None

    def __call__(self, done: int, total: int):
        if self.bar is None:
            if total < 20 or not sys.stderr.isatty():
                return
            self.bar = click.progressbar(length=total, label="extracting", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@main.command()
@SITE_OPTION
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Output folder (default: the site's output_dir, usually public/).")
@click.option("--base-url", default=None, help="Absolute URL the site is hosted at, e.g. https://example.org/briefs/")
@click.option("--search/--no-search", default=None,
              help="Build the Pagefind search index (default: the site's `search` setting, on).")
def build(site_dir, out_dir, base_url, search):
    """Build the static site from the summaries."""
    from .config import load_config
    from .pipeline import build_site

    config = load_config(_site_dir(site_dir))
    out = out_dir if out_dir is not None else config.root / config.output_dir
    result = build_site(config, out, base_url=base_url, search=search)
    if result.errors:
        for err in result.errors:
            click.echo(f"error: {err.format_message()}", err=True)
        raise BriefingError(f"build stopped: {len(result.errors)} summary error(s); the output folder was not touched",
                            hint="fix them, `briefing check` lists them all")
    click.echo(f"build: {result.incidents} incidents, {result.pages} files ({result.written} written, "
               f"{result.removed} removed) in {result.seconds:.2f}s -> {out}", err=True)


@main.command()
@SITE_OPTION
def check(site_dir):
    """Validate site.yaml and every summary against the shipped JSON Schema."""
    from .config import load_config
    from .pipeline import load_summaries

    config = load_config(_site_dir(site_dir))
    summaries, errors = load_summaries(config)
    for err in errors:
        click.echo(f"error: {err.format_message()}", err=True)
    if errors:
        raise BriefingError(f"{len(errors)} error(s) in {config.summaries_path}")
    click.echo(f"check: site.yaml and {len(summaries)} summaries are valid", err=True)


@main.command()
@SITE_OPTION
@click.option("--port", default=8000, show_default=True, help="Port on localhost.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
def serve(site_dir, port, host):
    """Build, serve on localhost, and rebuild (and reload the page) when a file changes."""
    from .config import load_config
    from .serve import serve_site

    config = load_config(_site_dir(site_dir))
    serve_site(config, host=host, port=port)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
def new(directory):
    """Create a ready-to-build site skeleton with one example report."""
    from .scaffold import new_site

    created = new_site(directory)
    click.echo(f"new site in {directory} ({len(created)} files). Next:\n"
               f"  briefing extract --site {directory}\n  briefing build --site {directory}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
