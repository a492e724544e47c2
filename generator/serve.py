"""`briefing serve`: build, serve on localhost, rebuild on change, reload the open page.

A watcher thread polls the site's inputs every half second (stat only: mtimes and sizes, cheap
and portable, no extra dependency) and rebuilds when anything changed. A failed build prints its
errors and leaves the last good site in place. Served HTML pages get a small script that polls
/__briefing_reload for the build counter and reloads the page when the counter moves.
"""
from __future__ import annotations

import os
import sys
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .config import CONFIG_NAME, SiteConfig, load_config
from .errors import BriefingError

RELOAD_PATH = "/__briefing_reload"
POLL_SECONDS = 0.5
RELOAD_SCRIPT = """<script>
/* briefing serve: reload when the site is rebuilt */
(function () {
  var seen = "%s";
  function poll() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (t) {
      if (t !== seen) { location.reload(); } else { setTimeout(poll, 1000); }
    }).catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 1000);
})();
</script>
"""


class Builder:
    """Runs builds and counts the good ones; the counter is what pages poll."""

    def __init__(self, config: SiteConfig, log=print):
        self.root = config.root
        self.config = config
        self.out_dir = config.root / config.output_dir
        self.count = 0
        self.log = log
        self._lock = threading.Lock()

    def build(self) -> bool:
        from .pipeline import build_site

        with self._lock:
            try:
                # site.yaml may be what changed, so read it again; a bad one keeps the last config.
                self.config = load_config(self.root)
                result = build_site(self.config, self.out_dir)
            except BriefingError as err:
                self.log(f"error: {err.format_message()}\nbuild failed; still serving the previous site")
                return False
            except Exception as err:  # noqa: BLE001 - a broken build must not stop the server
                self.log(f"error: internal error: {type(err).__name__}: {err}\n"
                         "build failed; still serving the previous site")
                return False
            if result.errors:
                for err in result.errors:
                    self.log(f"error: {err.format_message()}")
                self.log("build failed; still serving the previous site")
                return False
            self.count += 1
            self.log(f"build {self.count}: {result.incidents} incidents, {result.pages} files "
                     f"in {result.seconds:.2f}s")
            return True


class Watcher(threading.Thread):
    """Polls the inputs' mtimes and sizes; rebuilds when the snapshot changes."""

    def __init__(self, builder: Builder, interval: float = POLL_SECONDS):
        super().__init__(name="briefing-watcher", daemon=True)
        self.builder = builder
        self.interval = interval
        self._stop_event = threading.Event()
        self.last = self.snapshot()

    def watched_paths(self) -> list[Path]:
        config = self.builder.config
        return [config.reports_path, config.summaries_path, config.root / "templates",
                config.root / CONFIG_NAME]

    def snapshot(self) -> dict[str, tuple[int, int]]:
        state = {}
        for top in self.watched_paths():
            paths = [top] if top.is_file() else sorted(top.rglob("*")) if top.is_dir() else []
            for path in paths:
                try:
                    stat = path.stat()
                except OSError:      # deleted between listing and stat: the next poll sees it
                    continue
                if path.is_file():
                    state[str(path)] = (stat.st_mtime_ns, stat.st_size)
        return state

    def check(self) -> bool:
        """One poll: rebuild if something changed. Returns whether it rebuilt."""
        current = self.snapshot()
        if current == self.last:
            return False
        self.last = current
        self.builder.build()
        return True

    def run(self) -> None:
        while not self._stop_event.wait(self.interval):
            self.check()

    def stop(self) -> None:
        self._stop_event.set()


class Handler(SimpleHTTPRequestHandler):
    """Static files, plus the reload counter and the reload script in HTML pages."""

    builder: Builder

    def do_GET(self):
        path = urlsplit(self.path).path
        if path == RELOAD_PATH:
            return self.send_bytes(str(self.builder.count).encode(), "text/plain; charset=utf-8")
        file = self.html_file(path)
        if file is not None:
            return self.send_html(file)
        if not os.path.exists(self.translate_path(self.path)):
            not_found = Path(self.directory) / "404.html"
            if not_found.is_file():
                return self.send_html(not_found, HTTPStatus.NOT_FOUND)
        return super().do_GET()

    def html_file(self, url_path: str) -> Path | None:
        """The HTML file a URL serves, or None (not HTML, or a folder needing its / redirect)."""
        local = Path(self.translate_path(url_path))
        if local.is_dir():
            if not unquote(url_path).endswith("/"):
                return None
            local = local / "index.html"
        return local if local.suffix == ".html" and local.is_file() else None

    def send_html(self, file: Path, status: HTTPStatus = HTTPStatus.OK) -> None:
        try:
            html = file.read_text(encoding="utf-8")
        except OSError:                      # swapped out by a rebuild this very moment
            return self.send_error(HTTPStatus.SERVICE_UNAVAILABLE, "rebuilding, try again")
        script = RELOAD_SCRIPT % (self.builder.count, RELOAD_PATH)
        marker = html.rfind("</body>")
        html = html[:marker] + script + html[marker:] if marker >= 0 else html + script
        self.send_bytes(html.encode("utf-8"), "text/html; charset=utf-8", status)

    def send_bytes(self, data: bytes, content_type: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def end_headers(self):
        # Never cache while editing: a stale stylesheet would hide the change just made.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass                                 # quiet: build messages are what matter here


def make_server(config: SiteConfig, host: str = "127.0.0.1", port: int = 8000, log=print):
    """Build once and return (server, watcher), neither started: serve_site or a test runs them."""
    builder = Builder(config, log=log)
    builder.build()
    builder.out_dir.mkdir(parents=True, exist_ok=True)
    handler = type("BriefingHandler", (Handler,), {"builder": builder})
    server = ThreadingHTTPServer((host, port), partial(handler, directory=str(builder.out_dir.resolve())))
    server.daemon_threads = True
    return server, Watcher(builder)


def serve_site(config: SiteConfig, host: str = "127.0.0.1", port: int = 8000) -> None:
    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    server, watcher = make_server(config, host, port, log=log)
    shown_host = "localhost" if host in ("127.0.0.1", "::1") else host
    log(f"serving {watcher.builder.out_dir} at http://{shown_host}:{server.server_address[1]}/ "
        "(Ctrl-C to stop)")
    watcher.start()
    try:
        server.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        log("stopped")
    finally:
        watcher.stop()
        server.server_close()
        watcher.join(timeout=2)
