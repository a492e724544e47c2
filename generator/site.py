"""Incidents -> the static site, rendered in memory: {relative output path: bytes}.

Pure: nothing here touches the output folder (output.write_site does, after everything rendered).
Every page is `<path>/index.html` (pretty URLs) and every internal link is relative to the page,
so the folder works under any sub-path and from disk. Report text is untrusted: templates are
autoescaped, nothing derived from a summary is marked safe, and only http(s) URLs become links.
Two renders of the same input give the same bytes: no clock, sorted iteration everywhere.
"""
from __future__ import annotations

import datetime as dt
import json
import traceback
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import jinja2

import generator

from .config import SiteConfig
from .errors import BriefingError
from .incidents import Figure, FigureClaim, Incident, slugify
from .summary import CASUALTY_STATUSES, Location, Summary

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
EVENT_TYPE_LABELS = {
    "battles": "Battles",
    "explosions-remote-violence": "Explosions/remote violence",
    "violence-against-civilians": "Violence against civilians",
    "protests": "Protests",
    "riots": "Riots",
    "strategic-developments": "Strategic developments",
    "other": "Other",
}
UNKNOWN_PUBLISHER = "Unknown publisher"
OWN_VOICE = "the report's own voice"
# Atom ids must never change, wherever the site is hosted, so they do not use base_url.
ATOM_ID_PREFIX = "tag:briefing,2025:"
EPOCH = dt.date(1970, 1, 1)


# ------------------------------------------------------------------------------------- theme

def theme_dir() -> Path:
    """The packaged theme: generator/theme in a wheel, the repo's templates/ in a checkout."""
    packaged = Path(generator.__file__).parent / "theme"
    if packaged.is_dir():
        return packaged
    return Path(generator.__file__).parent.parent / "templates"


def site_templates_dir(config: SiteConfig) -> Path:
    return config.root / "templates"


def make_environment(config: SiteConfig) -> jinja2.Environment:
    """The site's own templates/ win over the theme, file by file."""
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(str(site_templates_dir(config))),
        jinja2.FileSystemLoader(str(theme_dir())),
    ])
    env = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "xml"), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        human_date=human_date,
        date_range=date_range,
        count_text=count_text,
        figure_range=figure_range,
        type_label=type_label,
        humanize=humanize,
        http_url=http_url,
        atom_time=atom_time,
    )
    return env


# ------------------------------------------------------------------------------------- formatting

def human_date(value: dt.date | None) -> str:
    # Month names spelled out here, not by strftime, so the locale cannot change the bytes.
    if value is None:
        return "undated"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def date_range(start: dt.date | None, end: dt.date | None) -> str:
    if start is None:
        return "undated"
    if end is None or end == start:
        return human_date(start)
    return f"{human_date(start)} – {human_date(end)}"


def count_text(claim: FigureClaim) -> str:
    """'at least 12', 'about 30', '10–15'; 'an unstated number' when the report gives none."""
    if claim.count is None:
        return "an unstated number"
    if claim.count_max is not None and claim.count_max != claim.count:
        return f"{claim.count}–{claim.count_max}"
    prefix = {"at-least": "at least ", "at-most": "at most ", "about": "about "}
    return prefix.get(claim.qualifier, "") + str(claim.count)


def figure_range(figure: Figure) -> str:
    if figure.low is None:
        return "unknown"
    if figure.high is None or figure.high == figure.low:
        return str(figure.low)
    return f"{figure.low}–{figure.high}"


def type_label(event_type: str | None) -> str:
    return EVENT_TYPE_LABELS.get(event_type or "other", humanize(event_type))


def humanize(slug: str | None) -> str:
    if not slug:
        return ""
    text = slug.replace("-", " ")
    return text[:1].upper() + text[1:]


def http_url(url: str | None) -> str | None:
    """The URL when it is safe to link (http/https), else None: report URLs are untrusted."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def atom_time(value: dt.date) -> str:
    return f"{value.isoformat()}T00:00:00Z"


# ------------------------------------------------------------------------------------- the model

@dataclass
class Place:
    slug: str
    name: str
    kind: str
    country_code: str | None
    incidents: list[Incident] = field(default_factory=list)


@dataclass
class ActorEntry:
    slug: str
    name: str
    kind: str
    incidents: list[Incident] = field(default_factory=list)


@dataclass
class SourceReport:
    """One report as the site lists it, with the briefs that cite it."""
    summary: Summary
    anchor: str
    incidents: list[Incident] = field(default_factory=list)

    @property
    def ref(self):
        return self.summary.report


@dataclass
class Evidence:
    sentence: str
    supports: list[str]


@dataclass
class Brief:
    """What an incident page shows beyond the Incident itself."""
    incident: Incident
    sources: list[SourceReport]              # publication order: the timeline
    anchors: dict[str, str]                  # report file -> id of its entry on the page
    evidence: dict[str, list[Evidence]]      # report file -> sentences and the facts they support
    updated: dt.date                         # newest publication date among its reports
    month: str | None                        # YYYY-MM of the archive it belongs to

    @property
    def figures(self) -> list[Figure]:
        order = {s: i for i, s in enumerate(CASUALTY_STATUSES)}
        return sorted(self.incident.figures, key=lambda f: (order.get(f.status, len(order)), f.status))

    @property
    def quotes(self):
        return [c for c in self.incident.claims if c.claim.kind == "quote"]

    @property
    def statements(self):
        return [c for c in self.incident.claims if c.claim.kind != "quote"]


@dataclass
class SiteModel:
    config: SiteConfig
    briefs: list[Brief]                      # newest incident first
    reports: list[SourceReport]
    places: list[Place]
    actors: list[ActorEntry]
    types: dict[str, list[Brief]]
    months: dict[str, list[Brief]]           # YYYY-MM -> briefs, oldest first
    undated: list[Brief]                     # neither an incident date nor a published one
    build_date: dt.date
    place_slugs: dict[tuple, str]
    actor_slugs: dict[str, str]


def place_key(location: Location) -> tuple:
    return (location.name, location.country_code or "")


def unique_slugs(keys, make_slug) -> dict:
    """Slug per key; clashes get -2, -3 … in sorted order, so they are stable between builds."""
    slugs, taken = {}, set()
    for key in sorted(keys):
        base = make_slug(key) or "x"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        slugs[key] = slug
    return slugs


def report_sort_key(summary: Summary):
    return (summary.report.published or dt.date.min, summary.report.file)


def build_model(config: SiteConfig, incidents: list[Incident], summaries: list[Summary]) -> SiteModel:
    incidents = sorted(incidents, key=lambda i: i.sort_key, reverse=True)
    # Normally the same reports either way; both are taken so no cited report goes unlisted.
    by_file = {s.report.file: s for s in summaries}
    for incident in incidents:
        for summary in incident.summaries:
            by_file.setdefault(summary.report.file, summary)
    all_summaries = sorted(by_file.values(), key=report_sort_key)
    anchors = unique_slugs([s.report.file for s in all_summaries],
                           lambda f: "source-" + slugify(PurePosixPath(f).stem))
    reports = {s.report.file: SourceReport(s, anchors[s.report.file]) for s in all_summaries}
    published = [s.report.published for s in all_summaries if s.report.published]
    dated = [i.date for i in incidents if i.date]
    build_date = max(published or dated or [EPOCH])
    briefs = []
    for incident in incidents:
        brief = make_brief(incident, reports, anchors, build_date)
        briefs.append(brief)
        for source in brief.sources:
            source.incidents.append(incident)

    place_slugs = unique_slugs({place_key(l) for i in incidents for l in i.locations},
                               lambda key: slugify(key[0]))
    actor_slugs = unique_slugs({a.name for i in incidents for a in i.actors}, slugify)
    months: dict[str, list[Brief]] = defaultdict(list)
    types: dict[str, list[Brief]] = defaultdict(list)
    for brief in briefs:
        types[brief.incident.type].append(brief)
        if brief.month:
            months[brief.month].append(brief)
    for month_briefs in months.values():
        month_briefs.reverse()               # a month reads as a timeline: oldest first
    return SiteModel(
        config=config, briefs=briefs, reports=list(reports.values()),
        places=collect_places(incidents, place_slugs), actors=collect_actors(incidents, actor_slugs),
        types=dict(sorted(types.items())), months=dict(sorted(months.items(), reverse=True)),
        undated=[b for b in briefs if not b.month],
        build_date=build_date, place_slugs=place_slugs, actor_slugs=actor_slugs,
    )


def make_brief(incident: Incident, reports: dict[str, SourceReport], anchors: dict[str, str],
               build_date: dt.date) -> Brief:
    ordered = sorted(incident.summaries, key=report_sort_key)
    published = [s.report.published for s in ordered if s.report.published]
    # Undated reports take the build date: a fixed fact of the input, unlike today's date.
    updated = max(published or [incident.date or build_date])
    when = incident.date or (published[0] if published else None)
    return Brief(
        incident=incident,
        sources=[reports[s.report.file] for s in ordered],
        anchors={s.report.file: anchors[s.report.file] for s in ordered},
        evidence={s.report.file: evidence_of(s) for s in ordered},
        updated=updated,
        month=when.strftime("%Y-%m") if when else None,
    )


def evidence_of(summary: Summary) -> list[Evidence]:
    """Each evidence sentence once, with the facts (places, figures) taken from it."""
    by_sentence: dict[str, list[str]] = {}
    for location in summary.locations:
        if location.evidence:
            by_sentence.setdefault(location.evidence, []).append(f"place: {location.name}")
    for casualty in summary.casualties:
        if casualty.evidence:
            claim = FigureClaim(casualty.count, casualty.count_max, casualty.qualifier, casualty.who,
                                casualty.claimed_by, summary.report.file, None, None, None)
            fact = f"{casualty.status}: {count_text(claim)}" + (f" {casualty.who}" if casualty.who else "")
            by_sentence.setdefault(casualty.evidence, []).append(fact)
    return [Evidence(sentence, supports) for sentence, supports in by_sentence.items()]


def collect_places(incidents: list[Incident], slugs: dict[tuple, str]) -> list[Place]:
    places: dict[tuple, Place] = {}
    for incident in incidents:
        for location in incident.locations:
            key = place_key(location)
            place = places.setdefault(key, Place(slugs[key], location.name, location.kind,
                                                 location.country_code))
            if not any(known is incident for known in place.incidents):
                place.incidents.append(incident)
    return sorted(places.values(), key=lambda p: (p.name.casefold(), p.slug))


def collect_actors(incidents: list[Incident], slugs: dict[str, str]) -> list[ActorEntry]:
    actors: dict[str, ActorEntry] = {}
    for incident in incidents:
        for actor in incident.actors:
            entry = actors.setdefault(actor.name, ActorEntry(slugs[actor.name], actor.name, actor.kind))
            if not any(known is incident for known in entry.incidents):
                entry.incidents.append(incident)
    return sorted(actors.values(), key=lambda a: (a.name.casefold(), a.slug))


def reports_by_publisher(reports: list[SourceReport]) -> list[tuple[str, list[SourceReport]]]:
    groups: dict[str, list[SourceReport]] = defaultdict(list)
    for report in reports:
        groups[report.ref.publisher or UNKNOWN_PUBLISHER].append(report)
    # Named publishers alphabetically; the unknown ones last, not sorted in among them.
    names = sorted((n for n in groups if n != UNKNOWN_PUBLISHER), key=lambda n: (n.casefold(), n))
    if UNKNOWN_PUBLISHER in groups:
        names.append(UNKNOWN_PUBLISHER)
    return [(name, sorted(groups[name], key=lambda r: report_sort_key(r.summary))) for name in names]


# ------------------------------------------------------------------------------------- pages

@dataclass
class Page:
    path: str                     # output path, e.g. incidents/x/index.html
    template: str
    title: str
    section: str                  # which main navigation entry is current
    context: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        """The page's URL relative to the site root: incidents/x/ (index.html left off)."""
        return self.path[: -len("index.html")] if self.path.endswith("index.html") else self.path


def make_linker(page_path: str):
    """link('incidents/x/') from this page: a relative URL, so any sub-path or file:// works."""
    depth = page_path.count("/")
    root = "../" * depth or "./"

    def link(target: str = "") -> str:
        return root + target
    return link


def incident_url(incident: Incident) -> str:
    return f"incidents/{incident.id}/"


def paginate(items: list, per_page: int) -> list[list]:
    return [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]


def index_path(number: int) -> str:
    return "index.html" if number == 1 else f"page/{number}/index.html"


def plan_pages(model: SiteModel) -> list[Page]:
    config = model.config
    pages = []
    chunks = paginate(model.briefs, config.per_page)
    for number, chunk in enumerate(chunks, start=1):
        pagination = {"number": number, "count": len(chunks),
                      "previous": index_url(number - 1) if number > 1 else None,
                      "next": index_url(number + 1) if number < len(chunks) else None}
        title = "Incidents" if number == 1 else f"Incidents, page {number}"
        pages.append(Page(index_path(number), "index.html", title, "incidents",
                          {"briefs": chunk, "pagination": pagination}))
    for brief in model.briefs:
        pages.append(Page(incident_url(brief.incident) + "index.html", "incident.html",
                          brief.incident.title, "incidents", {"brief": brief}))
    pages.append(Page("sources/index.html", "sources.html", "Sources", "sources",
                      {"publishers": reports_by_publisher(model.reports)}))
    pages.append(Page("places/index.html", "places.html", "Places", "places", {}))
    for place in model.places:
        pages.append(Page(f"places/{place.slug}/index.html", "place.html", place.name, "places",
                          {"place": place, "briefs": briefs_of(model, place.incidents)}))
    pages.append(Page("actors/index.html", "actors.html", "Actors", "actors", {}))
    for actor in model.actors:
        pages.append(Page(f"actors/{actor.slug}/index.html", "actor.html", actor.name, "actors",
                          {"actor": actor, "briefs": briefs_of(model, actor.incidents)}))
    pages.append(Page("types/index.html", "types.html", "Event types", "types", {}))
    for event_type, briefs in model.types.items():
        pages.append(Page(f"types/{slugify(event_type)}/index.html", "type.html", type_label(event_type),
                          "types", {"event_type": event_type, "briefs": briefs}))
    pages.append(Page("archive/index.html", "archive.html", "Archive", "archive", {}))
    for month, briefs in model.months.items():
        pages.append(Page(f"archive/{month}/index.html", "month.html", month_label(month), "archive",
                          {"month": month, "briefs": briefs}))
    pages.append(Page("404.html", "404.html", "Page not found", "", {}))
    return pages


def index_url(number: int) -> str:
    return "" if number == 1 else f"page/{number}/"


def month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"


def briefs_of(model: SiteModel, incidents: list[Incident]) -> list[Brief]:
    wanted = {id(i) for i in incidents}
    return [b for b in model.briefs if id(b.incident) in wanted]


def sitemap_urls(pages: list[Page], model: SiteModel) -> list[tuple[str, dt.date | None]]:
    updated = {incident_url(b.incident): b.updated for b in model.briefs}
    return [(p.url, updated.get(p.url)) for p in pages if p.path.endswith("index.html")]


# ------------------------------------------------------------------------------------- rendering

def render_site(config: SiteConfig, incidents: list[Incident], summaries: list[Summary]) -> dict[str, bytes]:
    """Every output file, rendered in memory. Template errors become a BriefingError naming the file."""
    model = build_model(config, incidents, summaries)
    env = make_environment(config)
    pages = plan_pages(model)
    output: dict[str, bytes] = {}
    try:
        for page in pages:
            output[page.path] = render_page(env, model, page)
        output["feed.xml"] = render_file(env, model, "feed.xml", "feed.xml")
        output["sitemap.xml"] = render_file(env, model, "sitemap.xml", "sitemap.xml",
                                            urls=sitemap_urls(pages, model))
        output["robots.txt"] = render_file(env, model, "robots.txt", "robots.txt")
    except jinja2.TemplateError as err:
        raise template_error(err, config) from err
    output["data/incidents.json"] = incidents_json(model)
    output.update(static_files(config))
    return dict(sorted(output.items()))


def common_context(model: SiteModel, path: str) -> dict:
    config = model.config
    return {
        "config": config,
        "site": model,
        "link": make_linker(path),
        "absolute": lambda target="": config.base_url + target if config.base_url else None,
        "incident_url": incident_url,
        "place_url": lambda loc: f"places/{model.place_slugs[place_key(loc)]}/",
        "actor_url": lambda actor: f"actors/{model.actor_slugs[actor.name]}/",
        "type_url": lambda event_type: f"types/{slugify(event_type)}/",
        "OWN_VOICE": OWN_VOICE,
        "month_label": month_label,
    }


def render_page(env: jinja2.Environment, model: SiteModel, page: Page) -> bytes:
    template = env.get_template(page.template)
    html = template.render(**common_context(model, page.path), page=page, **page.context)
    return html.encode("utf-8")


def render_file(env: jinja2.Environment, model: SiteModel, name: str, path: str, **extra) -> bytes:
    text = env.get_template(name).render(**common_context(model, path), **extra)
    return text.encode("utf-8")


def template_error(err: jinja2.TemplateError, config: SiteConfig) -> BriefingError:
    """Name the template file and line: Jinja puts them in the traceback frames it generates."""
    if isinstance(err, jinja2.TemplateSyntaxError):
        return BriefingError(f"template error: {err.message}", file=err.filename or err.name, line=err.lineno)
    folders = (str(site_templates_dir(config).resolve()), str(theme_dir().resolve()))
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        if frame.filename and str(Path(frame.filename).resolve()).startswith(folders):
            return BriefingError(f"template error: {err}", file=frame.filename, line=frame.lineno)
    return BriefingError(f"template error: {err}")


def static_files(config: SiteConfig) -> dict[str, bytes]:
    """The theme's static/ folder, then the site's templates/static/ over it, file by file."""
    files: dict[str, bytes] = {}
    for folder in (theme_dir() / "static", site_templates_dir(config) / "static"):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    files["static/" + path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


# ------------------------------------------------------------------------------------- data/incidents.json

def incidents_json(model: SiteModel) -> bytes:
    data = {
        "schema": "briefing.incidents/1",
        "title": model.config.title,
        "built_from_reports_up_to": model.build_date.isoformat(),
        "incidents": [brief_data(b, model.config) for b in model.briefs],
    }
    text = json.dumps(data, indent=2, ensure_ascii=False, default=_json_default) + "\n"
    # Escaped so the file stays inert even when someone pastes it into an HTML page.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.encode("utf-8")


def _json_default(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def brief_data(brief: Brief, config: SiteConfig) -> dict:
    incident = brief.incident
    url = incident_url(incident)
    return {
        "id": incident.id,
        "url": config.base_url + url if config.base_url else url,
        "title": incident.title,
        "date": incident.date,
        "date_end": incident.date_end,
        "type": incident.type,
        "subtype": incident.subtype,
        "summary": incident.summary,
        "disputed": incident.disputed,
        "updated": brief.updated,
        "locations": [asdict(loc) for loc in incident.locations],
        "actors": [asdict(a) for a in incident.actors],
        "figures": [figure_data(f) for f in brief.figures],
        "claims": [{**asdict(c.claim), "report_file": c.report_file} for c in incident.claims],
        "reports": [asdict(s.ref) for s in brief.sources],
    }


def figure_data(figure: Figure) -> dict:
    return {"status": figure.status, "low": figure.low, "high": figure.high,
            "conservative": figure.conservative, "disputed": figure.disputed,
            "headline": figure.headline, "claims": [asdict(c) for c in figure.claims]}

