"""Incidents -> the static site, rendered in memory: {relative output path: bytes}.

Pure: nothing here touches the output folder (output.write_site does, after everything rendered).
Every page is `<path>/index.html` (pretty URLs) and every internal link is relative to the page,
so the folder works under any sub-path and from disk. Report text is untrusted: templates are
autoescaped, nothing derived from a summary is marked safe, and only http(s) URLs become links.
Two renders of the same input give the same bytes: no clock, sorted iteration everywhere.
"""
from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import traceback
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import jinja2
import orjson
from markupsafe import Markup

import generator

from .config import SiteConfig
from .errors import BriefingError
from .incidents import Figure, FigureClaim, Incident, fold_actor, slugify
from .summary import CASUALTY_STATUSES, Location, Summary, plain_data

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
        auto_reload=False,      # one environment per build: no need to stat every template per page
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
        script_json=script_json,
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


@lru_cache(maxsize=1 << 16)
def http_url(url: str | None) -> str | None:
    """The URL when it is safe to link (http/https), else None: report URLs are untrusted.
    Remembered: every page and data row that cites a report asks again."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def atom_time(value: dt.date) -> str:
    return f"{value.isoformat()}T00:00:00Z"


def inert_json(data) -> str:
    """JSON that stays inert inside HTML: <, > and & escaped, so report text cannot end a
    <script> element or open a tag wherever the text is pasted. orjson writes the models'
    dataclasses (in field order) and dates itself: the data downloads hold a million values,
    and json.dumps of plain dicts made from them took most of their time."""
    text = orjson.dumps(data)
    return text.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026").decode("utf-8")


def script_json(data) -> Markup:
    """For <script type="application/json">: safe to mark safe because inert_json escaped it."""
    return Markup(inert_json(data))


# ------------------------------------------------------------------------------------- the model

@dataclass
class Place:
    slug: str
    name: str
    kind: str
    country_code: str | None
    incidents: list[Incident] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None


@dataclass
class ActorEntry:
    slug: str
    name: str
    kind: str
    incidents: list[Incident] = field(default_factory=list)


@dataclass
class SpeakerClaim:
    """One thing a speaker or institution said: a quote, a statement or a casualty figure."""
    kind: str                     # quote | statement | figure
    text: str
    role: str | None
    brief: "Brief"
    anchor: str                   # id of the report's entry on the brief page
    report_title: str


@dataclass
class Speaker:
    """A person or institution the reports attribute claims to, with everything they claimed."""
    slug: str
    name: str
    roles: list[str]
    claims: list[SpeakerClaim]

    @cached_property
    def briefs(self) -> list["Brief"]:
        seen: dict[int, Brief] = {}
        for claim in self.claims:
            seen.setdefault(id(claim.brief), claim.brief)
        return list(seen.values())


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
    speakers: list[Speaker] = field(default_factory=list)

    @property
    def report_count(self) -> int:
        """What every page's footer tells: a page depends on the count, not on every report."""
        return len(self.reports)

    @cached_property
    def brief_index(self) -> dict[int, "Brief"]:
        """Brief by id() of its incident: list pages look briefs up instead of scanning them all."""
        return {id(b.incident): b for b in self.briefs}


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
        speakers=collect_speakers(briefs),
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
            if place.lat is None and location.lat is not None and location.lon is not None:
                place.lat, place.lon = location.lat, location.lon
            if not place.incidents or place.incidents[-1] is not incident:   # each incident once
                place.incidents.append(incident)
    return sorted(places.values(), key=lambda p: (p.name.casefold(), p.slug))


def collect_actors(incidents: list[Incident], slugs: dict[str, str]) -> list[ActorEntry]:
    actors: dict[str, ActorEntry] = {}
    for incident in incidents:
        for actor in incident.actors:
            entry = actors.setdefault(actor.name, ActorEntry(slugs[actor.name], actor.name, actor.kind))
            if not entry.incidents or entry.incidents[-1] is not incident:   # each incident once
                entry.incidents.append(incident)
    return sorted(actors.values(), key=lambda a: (a.name.casefold(), a.slug))


def collect_speakers(briefs: list[Brief]) -> list[Speaker]:
    """Every attributed speaker or institution (quotes, statements, casualty claims), merged by
    folded name ("the army" = "Army"), each with its claims in brief order (newest first)."""
    names: dict[str, list[str]] = defaultdict(list)
    roles: dict[str, list[str]] = defaultdict(list)
    claims: dict[str, list[SpeakerClaim]] = defaultdict(list)

    def add(by, role, kind, text, brief, report_file, report_title):
        key = fold_actor(by)
        if not key:
            return
        names[key].append(by.strip())
        if role and role not in roles[key]:
            roles[key].append(role)
        claims[key].append(SpeakerClaim(kind, text, role, brief, brief.anchors[report_file],
                                        report_title or report_file))

    for brief in briefs:
        for item in brief.incident.claims:
            add(item.claim.by, item.claim.role, item.claim.kind, item.claim.text, brief,
                item.report_file, item.report_title)
        for figure in brief.figures:
            for claim in figure.claims:
                if claim.claimed_by:
                    text = f"{humanize(figure.status)}: {count_text(claim)}" + (f" {claim.who}" if claim.who else "")
                    add(claim.claimed_by, None, "figure", text, brief, claim.report_file,
                        claim.report_title)
    slugs = unique_slugs(claims.keys(), slugify)
    speakers = []
    for key, found in claims.items():
        counts: dict[str, int] = defaultdict(int)
        for name in names[key]:
            counts[name] += 1
        # The most used spelling; ties to the longest, then alphabetical: stable between builds.
        name = sorted(counts, key=lambda n: (-counts[n], -len(n), n))[0]
        speakers.append(Speaker(slugs[key], name, sorted(roles[key]), found))
    return sorted(speakers, key=lambda s: (s.name.casefold(), s.slug))


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
    digest_context: dict | None = None   # what the render cache digests instead of context, if shorter

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


def paged(base: str, template: str, title: str, section: str, items: list, per_page: int,
          context: dict, labels: tuple[str, str] = ("Newer incidents", "Older incidents"),
          items_told_by_context: bool = False) -> list[Page]:
    """A list split into pages: base (e.g. places/x/) is page 1, base/page/N/ the rest.
    `items_told_by_context`: the context holds an object whose content includes every item (a
    speaker and its claims), so the render cache needs only which slice a page shows."""
    chunks = paginate(items, per_page)

    def url(number: int) -> str:
        return base if number == 1 else f"{base}page/{number}/"

    pages = []
    for number, chunk in enumerate(chunks, start=1):
        pagination = {"number": number, "count": len(chunks),
                      "previous": url(number - 1) if number > 1 else None,
                      "next": url(number + 1) if number < len(chunks) else None,
                      "labels": labels}
        page_title = title if number == 1 else f"{title}, page {number}"
        page_context = {**context, "items": chunk, "briefs": chunk, "pagination": pagination, "total": len(items)}
        told = {**page_context, "items": ("slice", per_page, number), "briefs": ("slice", per_page, number)}
        pages.append(Page(url(number) + "index.html", template, page_title, section, page_context,
                          told if items_told_by_context else None))
    return pages


def plan_pages(model: SiteModel) -> list[Page]:
    config = model.config
    per_page = config.per_page
    pages = paged("", "index.html", "Incidents", "incidents", model.briefs, per_page, {})
    for brief in model.briefs:
        pages.append(Page(incident_url(brief.incident) + "index.html", "incident.html",
                          brief.incident.title, "incidents",
                          {"brief": brief, "markers": incident_markers(model, brief)}))
    pages.append(Page("sources/index.html", "sources.html", "Sources", "sources",
                      {"publishers": reports_by_publisher(model.reports)}))
    pages += paged("sources/speakers/", "speakers.html", "Speakers and institutions", "sources",
                   model.speakers, per_page * 5, {}, ("Previous", "Next"))
    for speaker in model.speakers:
        pages += paged(f"sources/speakers/{speaker.slug}/", "speaker.html", speaker.name, "sources",
                       speaker.claims, per_page * 2, {"speaker": speaker}, ("Newer claims", "Older claims"),
                       items_told_by_context=True)
    pages += paged("places/", "places.html", "Places", "places", model.places, per_page * 5, {},
                   ("Previous", "Next"))
    for place in model.places:
        pages += paged(f"places/{place.slug}/", "place.html", place.name, "places",
                       briefs_of(model, place.incidents), per_page, {"place": place})
    pages += paged("actors/", "actors.html", "Actors", "actors", model.actors, per_page * 5, {},
                   ("Previous", "Next"))
    for actor in model.actors:
        pages += paged(f"actors/{actor.slug}/", "actor.html", actor.name, "actors",
                       briefs_of(model, actor.incidents), per_page, {"actor": actor})
    pages.append(Page("types/index.html", "types.html", "Event types", "types", {}))
    for event_type, briefs in model.types.items():
        pages += paged(f"types/{slugify(event_type)}/", "type.html", type_label(event_type), "types",
                       briefs, per_page, {"event_type": event_type})
    pages.append(Page("archive/index.html", "archive.html", "Archive", "archive", {}))
    for month, briefs in model.months.items():
        pages.append(Page(f"archive/{month}/index.html", "month.html", month_label(month), "archive",
                          {"month": month, "briefs": briefs}))
    pages.append(Page("map/index.html", "map.html", "Map", "map", {"markers": overview_markers(model)}))
    searchable = model.config.search and search_available()
    pages.append(Page("search/index.html", "search.html", "Search", "search",
                      {"search_available": searchable,
                       "search_merge": search_merge_bundles(model) if searchable else []}))
    pages.append(Page("404.html", "404.html", "Page not found", "", {}))
    return pages


def search_available() -> bool:
    from .search import available
    return available()


def search_shards(model: SiteModel) -> dict[str, list[str]]:
    """The brief pages of each search index shard: one shard per month of incidents, the newest
    first, then the undated ones. A change re-indexes only its month."""
    shards = {month: [incident_url(b.incident) + "index.html" for b in briefs]
              for month, briefs in model.months.items()}
    if model.undated:
        shards["undated"] = [incident_url(b.incident) + "index.html" for b in model.undated]
    return shards


def search_merge_bundles(model: SiteModel) -> list[str]:
    """The bundles the search page merges into the first one (pagefind/)."""
    from .search import shard_bundle
    return [shard_bundle(name, False) for name in list(search_shards(model))[1:]]


# ------------------------------------------------------------------------------------- map data

def map_config(config: SiteConfig) -> dict:
    """Base tiles only when the site asks for them: otherwise the map makes no request at all."""
    if config.map_tiles and config.tile_url:
        return {"tiles": config.tile_url,
                "attribution": "Map data \u00a9 OpenStreetMap contributors"}
    return {"tiles": None, "attribution": None}


def overview_markers(model: SiteModel) -> list[dict]:
    """One marker per place with coordinates, with the incidents there (newest first)."""
    markers = []
    for place in model.places:
        if place.lat is None or place.lon is None:
            continue
        markers.append({
            "name": place.name, "lat": place.lat, "lon": place.lon,
            "url": f"places/{place.slug}/",
            "incidents": [{"title": b.incident.title, "url": incident_url(b.incident),
                           "date": b.incident.date.isoformat() if b.incident.date else None}
                          for b in briefs_of(model, place.incidents)],
        })
    return markers


def incident_markers(model: SiteModel, brief: Brief) -> list[dict]:
    markers = []
    for location in brief.incident.locations:
        if location.lat is None or location.lon is None:
            continue
        markers.append({"name": location.name, "lat": location.lat, "lon": location.lon,
                        "url": f"places/{model.place_slugs[place_key(location)]}/", "incidents": []})
    return markers


def index_url(number: int) -> str:
    return "" if number == 1 else f"page/{number}/"


def month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"


def briefs_of(model: SiteModel, incidents: list[Incident]) -> list[Brief]:
    by_incident = model.brief_index
    return [by_incident[id(i)] for i in incidents if id(i) in by_incident]


def sitemap_urls(pages: list[Page], model: SiteModel) -> list[tuple[str, dt.date | None]]:
    updated = {incident_url(b.incident): b.updated for b in model.briefs}
    return [(p.url, updated.get(p.url)) for p in pages if p.path.endswith("index.html")]


# ------------------------------------------------------------------------------------- rendering

@dataclass
class OutputFile:
    """One file of the site: what it is made from besides the site model (`inputs`, digested for
    the render cache), and how (`make`, called with the site model, or a SiteReads over it)."""
    path: str
    inputs: tuple
    make: Callable[[SiteModel], bytes]


def plan_site(config: SiteConfig, incidents: list[Incident], summaries: list[Summary]
              ) -> tuple[SiteModel, list[OutputFile]]:
    """The site model and every file to render from it: the pages, then the data downloads (the
    largest first), the feeds, the sitemap and robots.txt."""
    model = build_model(config, incidents, summaries)
    env = make_environment(config)
    pages = plan_pages(model)
    outputs = [OutputFile(page.path, ("page", page.template, page.title, page.section,
                                      page.context if page.digest_context is None else page.digest_context),
                          partial(render_page, env, page=page)) for page in pages]
    outputs += [OutputFile(path, ("data",), make) for path, make in DATA_FILES.items()]   # make(site, pieces)

    def add_feeds(folder: str, feed: dict) -> None:      # the Atom and the JSON Feed of one list
        outputs.append(OutputFile(folder + "feed.xml", ("atom", feed),
                                  partial(render_file, env, name="feed.xml", path=folder + "feed.xml", **feed)))
        outputs.append(OutputFile(folder + "feed.json", ("json feed", feed),
                                  partial(json_feed, path=folder + "feed.json", **feed)))

    add_feeds("", site_feed(model))
    for place in model.places:
        add_feeds(f"places/{place.slug}/", place_feed(model, place))
    urls = sitemap_urls(pages, model)
    outputs.append(OutputFile("sitemap.xml", ("sitemap", urls),
                              partial(render_file, env, name="sitemap.xml", path="sitemap.xml", urls=urls)))
    outputs.append(OutputFile("robots.txt", ("robots",),
                              partial(render_file, env, name="robots.txt", path="robots.txt")))
    return model, outputs


def render_outputs(model: SiteModel, outputs: list[OutputFile], pieces: Pieces | None = None,
                   on_part: Callable[[dict[str, bytes]], None] | None = None
                   ) -> dict[str, tuple[bytes, tuple[str, ...]]]:
    """Render the files: path -> (bytes, the site attributes its template read). On every core for a
    large site; the data downloads here, from `pieces` kept from the last build where they can be.
    `on_part` receives the files as they come (a worker's share at a time), so that writing them
    overlaps the rendering. Template errors become a BriefingError naming the template file and line."""
    try:
        return render_in_pool(model, outputs, pieces or NO_PIECES, on_part or (lambda part: None))
    except jinja2.TemplateError as err:
        raise template_error(err, model.config) from err


def render_one(model: SiteModel, output: OutputFile, pieces: Pieces | None = None) -> tuple[bytes, tuple[str, ...]]:
    from .render_cache import SiteReads

    site = SiteReads(model)
    data = output.make(site, pieces) if output.path in DATA_FILES else output.make(site)
    return data, site.read


PARALLEL_FROM_PAGES = 400       # below this, starting worker processes costs more than it saves
SHARES_PER_WORKER = 4           # pages are dealt out in several shares so the cores finish together
_FORKED: tuple | None = None    # (model, outputs, small) for the worker processes, set before forking


def render_in_pool(model: SiteModel, outputs: list[OutputFile], pieces: Pieces,
                   on_part: Callable[[dict[str, bytes]], None]) -> dict[str, tuple[bytes, tuple[str, ...]]]:
    """Workers are forked, so they share the model already built here instead of receiving a copy;
    they send back only bytes. This process makes the data downloads meanwhile: they are made of
    pieces it keeps for the next build."""
    import multiprocessing
    import os

    global _FORKED
    workers = min(os.cpu_count() or 1, 8)
    if len(outputs) < PARALLEL_FROM_PAGES or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        rendered = {output.path: render_one(model, output, pieces) for output in outputs}
        on_part({path: data for path, (data, _) in rendered.items()})
        return rendered
    shares = workers * SHARES_PER_WORKER
    small = [i for i, output in enumerate(outputs) if output.path not in DATA_FILES]
    tasks = [("share", i, shares) for i in range(shares)]
    _FORKED = (model, outputs, small)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pending = pool.imap_unordered(_render_task, tasks, chunksize=1)
            rendered = {output.path: render_one(model, output, pieces) for output in outputs
                        if output.path in DATA_FILES}
            on_part({path: data for path, (data, _) in rendered.items()})
            for chunk in pending:
                rendered.update(chunk)
                on_part({path: data for path, (data, _) in chunk.items()})
    finally:
        _FORKED = None
    return {output.path: rendered[output.path] for output in outputs}


def _render_task(task: tuple) -> dict[str, tuple[bytes, tuple[str, ...]]]:
    # Templates do make garbage cycles, so the collector runs here; the model inherited from the
    # parent is frozen first so that the collector never scans (or copies) it.
    if gc.get_freeze_count() == 0:
        gc.freeze()
    gc.enable()
    model, outputs, small = _FORKED
    try:
        _, first, step = task
        chosen = [outputs[i] for i in small[first::step]]
        return {output.path: render_one(model, output) for output in chosen}
    except jinja2.TemplateError as err:
        raise template_error(err, model.config) from None   # a plain, picklable error for the parent


def common_context(site: SiteModel, path: str) -> dict:
    """What every template sees. `site` may be a SiteReads over the model: lookups go through it,
    so that the render cache knows what a page read."""
    config = site.config
    return {
        "config": config,
        "site": site,
        "link": make_linker(path),
        "root": "../" * path.count("/") or "./",           # what link() puts before a target
        "absolute": lambda target="": config.base_url + target if config.base_url else None,
        "incident_url": incident_url,
        "place_url": lambda loc: f"places/{site.place_slugs[place_key(loc)]}/",
        "actor_url": lambda actor: f"actors/{site.actor_slugs[actor.name]}/",
        "type_url": lambda event_type: f"types/{slugify(event_type)}/",
        "OWN_VOICE": OWN_VOICE,
        "month_label": month_label,
        "speaker_url": lambda speaker: f"sources/speakers/{speaker.slug}/",
        "map_config": map_config(config),
    }


def render_page(env: jinja2.Environment, site: SiteModel, page: Page) -> bytes:
    template = env.get_template(page.template)
    html = template.render(**common_context(site, page.path), page=page, **page.context)
    return html.encode("utf-8")


def render_file(env: jinja2.Environment, site: SiteModel, name: str, path: str, **extra) -> bytes:
    text = env.get_template(name).render(**common_context(site, path), **extra)
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

def incidents_json(model: SiteModel, pieces: "Pieces | None" = None) -> bytes:
    """Every incident as data. Made of one piece per brief (joined as json.dumps would join them),
    so that a rebuild with the render cache encodes again only the briefs that changed."""
    pieces = pieces or NO_PIECES
    head = inert_json({"schema": "briefing.incidents/1", "title": model.config.title,
                       "built_from_reports_up_to": model.build_date.isoformat()})
    items = [pieces.get("incident.json", b, lambda b=b: inert_json(brief_data(b, model.config)))
             for b in model.briefs]
    # Escaped so the file stays inert even when someone pastes it into an HTML page. Compact:
    # the C encoder only serves compact output, and this file grows with every incident.
    return (head[:-1] + ',"incidents":[' + ",".join(items) + "]}\n").encode("utf-8")


class Pieces:
    """Made pieces of the data downloads, by what they are made from (none kept: make each)."""

    def get(self, kind: str, source, make: Callable[[], str]) -> str:
        return make()


NO_PIECES = Pieces()


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
        "locations": incident.locations,
        "actors": incident.actors,
        "figures": [figure_data(f) for f in brief.figures],
        "claims": [{**plain_data(c.claim), "report_file": c.report_file} for c in incident.claims],
        "reports": [s.ref for s in brief.sources],
    }


def figure_data(figure: Figure) -> dict:
    return {"status": figure.status, "low": figure.low, "high": figure.high,
            "conservative": figure.conservative, "disputed": figure.disputed,
            "headline": figure.headline, "claims": figure.claims}



# ------------------------------------------------------------------------------------- feeds

def site_feed(model: SiteModel) -> dict:
    config = model.config
    return {"briefs": model.briefs[:config.feed_items], "feed_id": ATOM_ID_PREFIX + "feed", "feed_title": config.title,
            "feed_subtitle": config.description, "feed_root": "", "feed_path": "feed.xml",
            "feed_updated": model.build_date}


def place_feed(model: SiteModel, place: Place) -> dict:
    briefs = briefs_of(model, place.incidents)[:model.config.feed_items]
    return {"briefs": briefs, "feed_id": f"{ATOM_ID_PREFIX}places/{place.slug}",
            "feed_title": f"{place.name} · {model.config.title}",
            "feed_subtitle": f"Incidents in {place.name}", "feed_root": "../../",
            "feed_path": f"places/{place.slug}/feed.xml",
            "feed_updated": max([b.updated for b in briefs] or [model.build_date])}


def feed_text(brief: Brief) -> str:
    """The entry text both feeds carry: date, every headline figure (disputed ones marked), summary."""
    incident = brief.incident
    parts = [f"{human_date(incident.date)}." if incident.date else ""]
    for figure in incident.figures:
        parts.append(f"{figure.label}: {figure.headline}{' (disputed)' if figure.disputed else ''}.")
    parts.append(incident.summary)
    return " ".join(p for p in parts if p)


def json_feed(model: SiteModel, path: str, *, briefs: list[Brief], feed_id: str, feed_title: str,
              feed_subtitle: str, feed_root: str, feed_path: str, feed_updated: dt.date) -> bytes:
    """JSON Feed 1.1. Item URLs are absolute with a base_url, else relative to the feed file."""
    config = model.config
    folder = feed_path[: -len("feed.xml")]
    data: dict = {"version": "https://jsonfeed.org/version/1.1", "title": feed_title}
    if config.base_url:
        data["home_page_url"] = config.base_url + folder
        data["feed_url"] = config.base_url + path
    data["description"] = feed_subtitle
    data["language"] = config.language
    data["authors"] = [{"name": config.author or config.title}]
    items = []
    for brief in briefs:
        incident = brief.incident
        url = incident_url(incident)
        published = next((s.ref.published for s in brief.sources if s.ref.published), brief.updated)
        items.append({
            "id": f"{ATOM_ID_PREFIX}incidents/{incident.id}",
            "url": config.base_url + url if config.base_url else feed_root + url,
            "title": incident.title,
            "content_text": feed_text(brief),
            "summary": incident.summary,
            "date_published": atom_time(published),
            "date_modified": atom_time(brief.updated),
            "tags": [type_label(incident.type)] + [loc.name for loc in incident.locations],
        })
    data["items"] = items
    return (inert_json(data) + "\n").encode("utf-8")


# ------------------------------------------------------------------------------------- data downloads

def summaries_json(model: SiteModel, pieces: Pieces | None = None) -> bytes:
    """Every summary the site is built from, as the analysts' YAML says it (report order)."""
    pieces = pieces or NO_PIECES
    head = inert_json({"schema": "briefing.summaries/1", "title": model.config.title})
    items = [pieces.get("summary.json", r.summary, lambda r=r: inert_json(r.summary.in_file_order()))
             for r in model.reports]
    return (head[:-1] + ',"summaries":[' + ",".join(items) + "]}\n").encode("utf-8")


ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
                 "event_type", "sub_event_type", "actor1", "inter1", "actor2", "inter2", "iso",
                 "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
                 "source_scale", "notes", "fatalities", "fatalities_high", "disputed", "url")
CASUALTY_COLUMNS = ("event_id_cnty", "event_date", "event_type", "location", "status", "count",
                    "count_max", "qualifier", "who", "claimed_by", "source", "report_title",
                    "report_url", "report_published", "figure_disputed", "evidence")
PRECISION_CODES = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_PRECISION = {"village": 1, "city": 1, "feature": 1, "district": 2, "province": 3, "country": 3}
DISORDER = {"battles": "Political violence", "explosions-remote-violence": "Political violence",
            "violence-against-civilians": "Political violence", "riots": "Political violence",
            "protests": "Demonstrations", "strategic-developments": "Strategic developments"}


def country_name(code: str | None) -> str:
    if not code:
        return ""
    try:
        import pycountry
        country = pycountry.countries.get(alpha_2=code.upper())
    except (ImportError, LookupError, KeyError):
        country = None
    return country.name if country else code.upper()


def _csv(columns: tuple[str, ...], rows: list[dict]) -> bytes:
    return (_csv_header(columns) + _csv_rows(columns, rows)).encode("utf-8")


def _csv_header(columns: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n").writeheader()
    return buffer.getvalue()


def _csv_rows(columns: tuple[str, ...], rows: list[dict]) -> str:
    """The rows as the csv module writes them (None as an empty field): a file is its header and
    its rows' text, joined."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([[row.get(k) for k in columns] for row in rows])
    return buffer.getvalue()


def _first_place(incident: Incident):
    """The 'location' of an ACLED row: the finest place with coordinates, else the finest named."""
    rank = {k: i for i, k in enumerate(("village", "city", "feature", "district", "province", "country"))}
    return min(incident.locations, key=lambda l: (l.lat is None or l.lon is None, rank.get(l.kind, 99)),
               default=None)


def _fatalities(brief: Brief) -> tuple[int, int | None]:
    """Deaths on every side added up: (most conservative total, highest total or None)."""
    killed = [f for f in brief.figures if f.status == "killed" and f.low is not None]
    if not killed:
        return 0, None
    return sum(f.conservative or 0 for f in killed), sum(f.high or 0 for f in killed)


def incidents_csv(model: SiteModel, pieces: Pieces | None = None) -> bytes:
    """One row per incident, in ACLED's column names (fatalities: the most conservative figure)."""
    pieces = pieces or NO_PIECES
    rows = [pieces.get("incident.csv", b, lambda b=b: _csv_rows(ACLED_COLUMNS, [incident_row(model, b)]))
            for b in model.briefs]
    return (_csv_header(ACLED_COLUMNS) + "".join(rows)).encode("utf-8")


def incident_row(model: SiteModel, brief: Brief) -> dict:
    """The ACLED-style row of one incident."""
    incident = brief.incident
    place = _first_place(incident)
    fatalities, fatalities_high = _fatalities(brief)
    actors = incident.actors
    return {
        "event_id_cnty": incident.id,
        "event_date": incident.date.isoformat() if incident.date else None,
        "year": incident.date.year if incident.date else None,
        "time_precision": PRECISION_CODES.get(incident.anchor.event.precision or ""),
        "disorder_type": DISORDER.get(incident.type),
        "event_type": type_label(incident.type),
        "sub_event_type": humanize(incident.subtype) if incident.subtype else None,
        "actor1": actors[0].name if actors else None,
        "inter1": humanize(actors[0].kind) if actors else None,
        "actor2": actors[1].name if len(actors) > 1 else None,
        "inter2": humanize(actors[1].kind) if len(actors) > 1 else None,
        "iso": place.country_code if place else None,
        "country": country_name(place.country_code) if place else None,
        "admin1": (place.admin1 or (place.name if place.kind == "province" else None)) if place else None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": GEO_PRECISION.get(place.kind) if place else None,
        "source": "; ".join(dict.fromkeys(s.ref.publisher or UNKNOWN_PUBLISHER for s in brief.sources)),
        "source_scale": None,
        "notes": incident.summary,
        "fatalities": fatalities,
        "fatalities_high": fatalities_high,
        "disputed": "yes" if incident.disputed else "no",
        "url": model.config.base_url + incident_url(incident) if model.config.base_url else incident_url(incident),
    }


def casualties_csv(model: SiteModel, pieces: Pieces | None = None) -> bytes:
    """One row per casualty claim: every figure with who claims it and which report says so."""
    pieces = pieces or NO_PIECES
    refs = {r.ref.file: r.ref for r in model.reports}
    summaries = {r.ref.file: r.summary for r in model.reports}
    rows = []
    for brief in model.briefs:
        # the reports its claims cite are part of what the piece is made from (by their summaries,
        # whose digests are known)
        cited = tuple(summaries.get(c.report_file) for f in brief.figures for c in f.claims)
        rows.append(pieces.get("casualties.csv", (brief, cited),
                               lambda b=brief: _csv_rows(CASUALTY_COLUMNS, casualty_rows(b, refs))))
    return (_csv_header(CASUALTY_COLUMNS) + "".join(rows)).encode("utf-8")


def casualty_rows(brief: Brief, refs: dict) -> list[dict]:
    rows = []
    incident = brief.incident
    place = _first_place(incident)
    for figure in brief.figures:
        for claim in figure.claims:
            ref = refs.get(claim.report_file)
            rows.append({
                "event_id_cnty": incident.id,
                "event_date": incident.date.isoformat() if incident.date else None,
                "event_type": type_label(incident.type),
                "location": place.name if place else None,
                "status": figure.status, "count": claim.count, "count_max": claim.count_max,
                "qualifier": claim.qualifier, "who": claim.who,
                "claimed_by": claim.claimed_by or OWN_VOICE,
                "source": claim.publisher or UNKNOWN_PUBLISHER,
                "report_title": claim.report_title or claim.report_file,
                "report_url": http_url(ref.url) if ref else None,
                "report_published": ref.published.isoformat() if ref and ref.published else None,
                "figure_disputed": "yes" if figure.disputed else "no",
                "evidence": claim.evidence,
            })
    return rows


# The data downloads: made from the whole model, the largest single files of a site.
DATA_FILES: dict[str, Callable[[SiteModel], bytes]] = {
    "data/incidents.json": incidents_json,
    "data/summaries.json": summaries_json,
    "data/incidents.csv": incidents_csv,
    "data/casualties.csv": casualties_csv,
}
