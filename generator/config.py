"""Site configuration (site.yaml): a typed model, validated on load with every error at once."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml

from .errors import BriefingError, ErrorList

CONFIG_NAME = "site.yaml"


@dataclass
class SiteConfig:
    title: str = "Briefing"
    description: str = "Incident briefs built from news reports."
    base_url: str = ""                 # e.g. https://example.org/briefs/ ; "" = relative links only
    language: str = "en"
    author: str | None = None
    reports_dir: str = "reports"
    summaries_dir: str = "summaries"
    output_dir: str = "public"
    gazetteer: str = "gazetteer.yaml"
    per_page: int = 20
    feed_items: int = 50               # newest incidents in each feed (Pelican's FEED_MAX_ITEMS)
    map_tiles: bool = False            # load online base tiles when the reader is online
    tile_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    incident_window_days: int = 3      # reports this far apart can still be one incident
    search: bool = True                # build the Pagefind search index (about 2 ms a page)
    root: Path = field(default=Path("."), repr=False)

    @property
    def reports_path(self) -> Path:
        return self.root / self.reports_dir

    @property
    def summaries_path(self) -> Path:
        return self.root / self.summaries_dir

    @property
    def gazetteer_path(self) -> Path:
        return self.root / self.gazetteer


_TYPES = {"title": str, "description": str, "base_url": str, "language": str, "author": (str, type(None)),
          "reports_dir": str, "summaries_dir": str, "output_dir": str, "gazetteer": str, "per_page": int,
          "feed_items": int, "map_tiles": bool, "tile_url": str, "incident_window_days": int, "search": bool}


def load_config(site_dir: Path) -> SiteConfig:
    """Read site.yaml from a site folder; a missing file means all defaults."""
    path = site_dir / CONFIG_NAME
    if not site_dir.is_dir():
        raise BriefingError("the site folder does not exist", file=site_dir,
                            hint="pass --site DIR, or create one with `briefing new DIR`")
    data = {}
    if path.exists():
        try:
            text = path.read_text(encoding="utf-8")
            node = yaml.compose(text)
            data = yaml.safe_load(text) or {}
        except (OSError, UnicodeDecodeError) as err:
            raise BriefingError(f"cannot read the config: {err}", file=path) from err
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            raise BriefingError(f"not valid YAML: {getattr(err, 'problem', err)}", file=path,
                                line=mark.line + 1 if mark else None) from err
        if not isinstance(data, dict):
            raise BriefingError("site.yaml must be a mapping of keys to values", file=path, line=1)
        lines = {k.value: k.start_mark.line + 1 for k, _ in node.value} if isinstance(node, yaml.MappingNode) else {}
        errors = []
        for key, value in data.items():
            if key not in _TYPES:
                known = ", ".join(sorted(_TYPES))
                errors.append(BriefingError(f"unknown key '{key}'", file=path, line=lines.get(key),
                                            hint=f"known keys: {known}"))
                continue
            want = _TYPES[key]
            if want is int and isinstance(value, bool) or not isinstance(value, want):
                name = want.__name__ if isinstance(want, type) else "text or null"
                errors.append(BriefingError(f"'{key}' must be {name}, not {value!r}", file=path,
                                            line=lines.get(key)))
            elif key in ("per_page", "feed_items", "incident_window_days") and value < 1:
                errors.append(BriefingError(f"'{key}' must be at least 1", file=path, line=lines.get(key)))
        if errors:
            raise errors[0] if len(errors) == 1 else ErrorList(errors)
    names = {f.name for f in fields(SiteConfig)}
    config = SiteConfig(**{k: v for k, v in data.items() if k in names})
    config.root = site_dir
    if config.base_url and not config.base_url.endswith("/"):
        config.base_url += "/"
    return config
