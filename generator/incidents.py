"""Summaries -> incidents: grouping reports about one event and merging what they say.

INTERFACE (used by site.py): group_incidents(summaries, window_days) -> list[Incident], newest first.

Grouping rule
-------------
1. Pins first. Reports whose `incident` pin is the same (compared as a slug, so "Marte attack" and
   "marte-attack" are one pin) form one incident, however far apart their dates or places are.
   A pin is the analyst's decision: pinned reports are never grouped automatically, neither with
   each other across different pins nor with unpinned reports (pin the newcomer too). Pinning a
   report with a pin of its own is therefore also the way to split it off an automatic group.
2. Unpinned reports A and B join when ALL of these hold:
   a. dates: their event spans [event.date, event.date_end] (fallback: the published date) are at
      most `window_days` days apart (overlapping spans are 0 days apart). A report with neither an
      event date nor a published date joins nothing.
   b. places: they share at least one place. Place names are folded (accents, case and
      punctuation ignored) and match when equal or when rapidfuzz's `ratio` is >= 88 (spelling
      variants: "Mallam Fatori" / "Malam Fatori"); a place of one whose name matches the `admin1`
      of a place of the other also counts ("Borno" the province vs "Marte", admin1 Borno). Two
      places whose country codes are both known and differ never match. Country-level places
      (kind: country) only count for a report that names nothing finer, so two incidents in the
      same country are not joined for that alone. A report whose summary lists no place at all
      (the extractor missed it) is matched on its words instead: it shares a place with the other
      report when one of the other's place names occurs, folded and as whole words, in its title
      or summary text. Two reports without places never share one.
   c. who/what: they share an actor (names folded the same way, a leading "the" dropped, fuzzy
      ratio >= 88), OR their event types are the same, OR neither lists any actor.
3. Joining is transitive (union-find): if A joins B and B joins C, all three are one incident.

Ids and order: the anchor of an incident is its earliest-published report (reports without a
published date count as earliest; ties broken by file name). An automatic incident's id comes from
the anchor alone (its date, first place and a hash of its file), so reports published later joining
it never change the id; a pinned incident's id is the slug of its pin. Incidents come newest first.

Merging (merge_incident): the date is the earliest event date of the reports (fallback: the
earliest published date), date_end the latest end when it differs; the type is a majority vote
over the reports ("other" only wins when no report has a specific type; ties go to the anchor's
type, else to the earliest report's); places and actors are merged across reports with spelling
variants folded together (one state's forces under any wording: "Nigerian troops" = "the Nigerian
army") and ordered by how many reports mention them. Every casualty figure keeps
its claimant and its report (see Figure).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Callable
from dataclasses import dataclass, field, fields, replace

from rapidfuzz import fuzz

from .summary import CASUALTY_STATUSES, Actor, Claim, Location, Summary

FUZZY_MIN = 88          # rapidfuzz ratio (0-100) above which two folded names are one


# ---------------------------------------------------------------------------------- model

@dataclass
class FigureClaim:
    """One source's figure for one casualty status."""
    count: int | None
    count_max: int | None
    qualifier: str
    who: str | None
    claimed_by: str | None          # None = the report's own voice
    report_file: str                # Summary.report.file (the first report stating it)
    report_title: str | None
    publisher: str | None
    evidence: str | None
    reports: list[str] = field(default_factory=list)   # every report stating it (repeats merged)

    @property
    def claimant(self) -> str:
        """Who says it, for display: the claimant, else the report's publisher (its own voice)."""
        return self.claimed_by or self.publisher or self.report_title or self.report_file

    @property
    def stated(self) -> str:
        """The figure as stated: '12', '10–15', or 'unknown'."""
        if self.count is None:
            return "unknown"
        if self.count_max is not None and self.count_max != self.count:
            return f"{self.count}–{self.count_max}"
        return str(self.count)


@dataclass
class Figure:
    """All claims about one figure of an incident: a status (killed, injured, ...) for one group of
    people (soldiers, fighters, civilians, or people not told apart)."""
    status: str
    claims: list[FigureClaim]
    low: int | None                 # smallest stated count
    high: int | None                # largest stated count (count_max included)
    conservative: int | None        # the most conservative figure (the lowest stated)
    disputed: bool                  # different claimants state different numbers
    group: str = "people"           # who the figure counts (see WHO_GROUPS)

    @property
    def label(self) -> str:
        """"Killed", or "Killed (security forces)" when the figure counts one side."""
        status = self.status.capitalize()
        return status if self.group == "people" else f"{status} ({self.group})"

    @property
    def headline(self) -> str:
        if self.low is None:
            return "unknown"
        if self.disputed and self.high != self.low:
            return f"{self.low}–{self.high}"
        stated = {(c.count, c.count_max) for c in self.claims if c.count is not None}
        if len(stated) == 1 and self.high != self.low:
            return f"{self.low}–{self.high}"          # one claim, stated as a range
        return str(self.low)

    @property
    def claimants(self) -> list[str]:
        seen: list[str] = []
        for c in self.claims:
            if c.claimant not in seen:
                seen.append(c.claimant)
        return seen


@dataclass
class AttributedClaim:
    claim: Claim
    report_file: str
    report_title: str | None
    publisher: str | None = None


@dataclass
class TimelineEntry:
    """One report of the incident, in publication order."""
    published: dt.date | None
    title: str | None
    publisher: str | None
    file: str
    url: str | None = None


@dataclass
class Incident:
    id: str                          # stable across builds: the URL slug
    summaries: list[Summary]         # oldest report first (the anchor first)
    title: str
    date: dt.date | None
    date_end: dt.date | None
    type: str
    subtype: str | None
    summary: str
    locations: list[Location] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    claims: list[AttributedClaim] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)   # distinct publishers, first published first
    pin: str | None = None           # the analysts' `incident` pin, when the reports carry one

    @property
    def anchor(self) -> Summary:
        return self.summaries[0]

    @property
    def disputed(self) -> bool:
        return any(f.disputed for f in self.figures)

    @property
    def sort_key(self):
        return (self.date or dt.date.min, self.id)


# ---------------------------------------------------------------------------------- folding

def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60] or "x"


@lru_cache(maxsize=65536)
def fold(text: str | None) -> str:
    """Accents, case and punctuation removed, whitespace collapsed: 'Mallam-Fatorí ' -> 'mallam fatori'.
    (Cached: grouping compares the same few thousand names hundreds of thousands of times.)"""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’`]", "", text)                  # "Ombudsman's" -> "ombudsmans"
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@lru_cache(maxsize=65536)
def fold_actor(text: str | None) -> str:
    folded = fold(text)
    return folded[4:] if folded.startswith("the ") else folded


@lru_cache(maxsize=65536)
def same_name(a: str, b: str) -> bool:
    """Two folded names are one: equal, or a spelling variant (rapidfuzz ratio >= FUZZY_MIN)."""
    if not a or not b:
        return False
    return a == b or fuzz.ratio(a, b) >= FUZZY_MIN


def _same_country(a: str | None, b: str | None) -> bool:
    return not a or not b or a.upper() == b.upper()


# ---------------------------------------------------------------------------------- grouping

def _order_key(s: Summary):
    """Publication order: undated reports first (so a later dated one never displaces the anchor)."""
    return (s.report.published or dt.date.min, s.report.file)


def _span(s: Summary) -> tuple[dt.date, dt.date] | None:
    start = s.event.date or s.report.published
    if start is None:
        return None
    end = s.event.date_end if s.event.date and s.event.date_end else start
    return (start, max(start, end))


@dataclass
class _Keys:
    """What the rule compares, folded once per summary."""
    span: tuple[dt.date, dt.date] | None
    places: list[tuple[str, str, str | None]]     # (folded name, folded admin1, country code)
    actors: list[str]
    type: str
    text: str = ""                                # folded title + summary, for reports without places


def _keys(s: Summary) -> _Keys:
    finer = [l for l in s.locations if l.kind != "country"]
    places = [(fold(l.name), fold(l.admin1), l.country_code) for l in (finer or s.locations)]
    places = [p for p in places if p[0]]
    actors = [a for a in (fold_actor(x.name) for x in s.actors) if a]
    text = f" {fold(s.report.title)} {fold(s.summary)} " if not places else ""
    return _Keys(_span(s), places, actors, s.event.type, text)


def share_place(a: _Keys, b: _Keys) -> bool:
    if not a.places or not b.places:
        listed, words = (b, a) if not a.places else (a, b)
        return bool(words.text.strip()) and any(f" {name} " in words.text for name, _, _ in listed.places)
    for name_a, admin_a, cc_a in a.places:
        for name_b, admin_b, cc_b in b.places:
            if not _same_country(cc_a, cc_b):
                continue
            if same_name(name_a, name_b) or same_name(name_a, admin_b) or same_name(admin_a, name_b):
                return True
    return False


def share_actor(a: _Keys, b: _Keys) -> bool:
    return any(same_name(x, y) for x in a.actors for y in b.actors)


def _days_apart(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def same_event(a: _Keys, b: _Keys, window_days: int) -> bool:
    """The automatic rule (module docstring, 2a-c) for two unpinned reports."""
    if a.span is None or b.span is None or _days_apart(a.span, b.span) > window_days:
        return False
    if not share_place(a, b):
        return False
    return share_actor(a, b) or a.type == b.type or (not a.actors and not b.actors)


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _country_buckets(keys: list[_Keys]) -> list[list[int]]:
    """Dated reports by country code. A report with a place of unknown country, or with no place
    at all (matched on its words), may share a place with any report, so it joins every bucket."""
    buckets: dict[str, list[int]] = defaultdict(list)
    anywhere: list[int] = []
    for i, k in enumerate(keys):
        if k.span is None:
            continue
        codes = {cc.upper() if cc else None for _, _, cc in k.places}
        if not codes or None in codes:
            anywhere.append(i)
        else:
            for code in codes:
                buckets[code].append(i)
    if not buckets:
        return [anywhere] if anywhere else []
    return [members + anywhere for _, members in sorted(buckets.items())]


def group_summaries(summaries: list[Summary], window_days: int = 3) -> list[list[Summary]]:
    """The groups (each in publication order, anchor first), in the order of their anchors."""
    ordered = sorted(summaries, key=_order_key)
    pinned: dict[str, list[Summary]] = {}
    free: list[Summary] = []
    for s in ordered:
        if s.incident is not None and str(s.incident).strip():
            pinned.setdefault(slugify(str(s.incident)), []).append(s)
        else:
            free.append(s)

    keys = [_keys(s) for s in free]
    uf = _UnionFind(len(free))
    # Only reports in one country (or of unknown country) can share a place, and only reports
    # whose spans are within the window can join: walk each country's reports by start date.
    for members in _country_buckets(keys):
        dated = sorted(members, key=lambda i: keys[i].span)
        for pos, i in enumerate(dated):
            limit = keys[i].span[1] + dt.timedelta(days=window_days)
            for j in dated[pos + 1:]:
                if keys[j].span[0] > limit:
                    break
                if uf.find(i) != uf.find(j) and same_event(keys[i], keys[j], window_days):
                    uf.union(i, j)
    auto: dict[int, list[Summary]] = {}
    for i, s in enumerate(free):
        auto.setdefault(uf.find(i), []).append(s)

    groups = list(pinned.values()) + list(auto.values())
    groups.sort(key=lambda g: _order_key(g[0]))
    return groups


def group_incidents(summaries: list[Summary], window_days: int = 3,
                    merge: "Callable[[list[Summary]], Incident] | None" = None) -> list[Incident]:
    """Reports -> incidents (rule in the module docstring), newest first; ids are unique.
    `merge` stands in for merge_incident (incident_cache.MergedIncidents.merge keeps its results)."""
    merge = merge or merge_incident
    incidents = [merge(group) for group in group_summaries(summaries, window_days)]
    used: set[str] = set()
    for inc in incidents:                       # anchor order: deterministic suffixes on a clash
        base, n = inc.id, 2
        while inc.id in used:
            inc.id = f"{base}-{n}"
            n += 1
        used.add(inc.id)
    incidents.sort(key=lambda i: i.sort_key, reverse=True)
    return incidents


def incident_id(anchor: Summary) -> str:
    """Date, first place and a short hash of the anchor report's file: stable when others join.

    A pinned report's incident is named by the slug of its pin."""
    if anchor.incident is not None and str(anchor.incident).strip():
        return slugify(str(anchor.incident))
    date = anchor.event.date or anchor.report.published
    place = anchor.locations[0].name if anchor.locations else anchor.event.type
    digest = hashlib.sha256(anchor.report.file.encode()).hexdigest()[:6]
    return "-".join([date.isoformat() if date else "undated", slugify(place), digest])


# ---------------------------------------------------------------------------------- merging

def _merge_entities(per_report: list[list], name_of, fold_fn) -> list[tuple[list, int]]:
    """Cluster entities (places or actors) across reports by folded name.

    Returns [(variants in order seen, number of reports mentioning it)], most mentioned first,
    ties in order of first mention."""
    clusters: list[dict] = []
    for report_index, items in enumerate(per_report):
        for item in items:
            key = fold_fn(name_of(item))
            if not key:
                continue
            cc = getattr(item, "country_code", None)
            home = None
            for cl in clusters:
                if any(same_name(key, k) for k in cl["keys"]) and _same_country(cc, cl["cc"]):
                    home = cl
                    break
            if home is None:
                home = {"keys": [], "items": [], "reports": set(), "cc": cc, "first": len(clusters)}
                clusters.append(home)
            home["keys"].append(key)
            home["items"].append(item)
            home["reports"].add(report_index)
            home["cc"] = home["cc"] or cc
    clusters.sort(key=lambda cl: (-len(cl["reports"]), cl["first"]))
    return [(cl["items"], len(cl["reports"])) for cl in clusters]


def _most_common(values: list, default=None):
    """Most frequent non-empty value; ties go to the first seen."""
    values = [v for v in values if v not in (None, "")]
    if not values:
        return default
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)


def _merge_locations(group: list[Summary]) -> list[Location]:
    merged = []
    for variants, _ in _merge_entities([s.locations for s in group], lambda l: l.name, fold):
        loc = replace(variants[0], name=_most_common([v.name for v in variants]))
        for f in fields(Location):                  # fill gaps from the other spellings
            if getattr(loc, f.name) is None:
                value = next((getattr(v, f.name) for v in variants if getattr(v, f.name) is not None), None)
                setattr(loc, f.name, value)
        merged.append(loc)
    return merged


# "Nigerian troops", "Nigerian soldiers" and "the Nigerian army" in three reports are one party
FORCE_WORDS = ("security forces", "armed forces", "soldiers", "military", "troops", "forces", "army")  # longest first
NOT_STATE_KINDS = {"rebel-groups", "political-militias", "identity-militias", "protesters", "rioters", "civilians",
                   "external-forces"}


def _force_key(actor: Actor) -> str:
    """State forces folded to "forces:<country words>"; any other actor keeps its folded name."""
    folded = fold_actor(actor.name)
    if actor.kind not in NOT_STATE_KINDS:   # (an actor written by hand may have no kind)
        for word in FORCE_WORDS:
            if folded == word or folded.endswith(" " + word):
                return "forces:" + folded[: len(folded) - len(word)].strip()
    return folded


def _merge_actors(group: list[Summary]) -> list[Actor]:
    clusters = [variants for variants, _ in _merge_entities([s.actors for s in group], lambda a: a, _force_key)]
    keys = [_force_key(variants[0]) for variants in clusters]
    # a bare "soldiers" is the one state force the reports name, when they name exactly one
    national = [c for c, k in zip(clusters, keys) if k.startswith("forces:") and k != "forces:"]
    if len(national) == 1 and "forces:" in keys:
        national[0].extend(v for c, k in zip(clusters, keys) if k == "forces:" for v in c)
        clusters = [c for c, k in zip(clusters, keys) if k != "forces:"]
    return [Actor(name=_most_common([v.name for v in variants]),
                  kind=_most_common([v.kind for v in variants if v.kind != "other"], "other"))
            for variants in clusters]


def _vote_type(group: list[Summary]) -> tuple[str, str | None]:
    types = [s.event.type for s in group]
    specific = [t for t in types if t != "other"]
    if not specific:
        chosen = "other"
    else:
        counts = Counter(specific)
        best = max(counts.values())
        tied = [t for t in specific if counts[t] == best]
        chosen = group[0].event.type if group[0].event.type in tied else tied[0]
    subtypes = [s.event.subtype for s in group if s.event.type == chosen and s.event.subtype]
    if not subtypes:
        return chosen, None
    counts = Counter(subtypes)
    best = max(counts.values())
    tied = [t for t in subtypes if counts[t] == best]
    anchor_sub = group[0].event.subtype if group[0].event.type == chosen else None
    return chosen, anchor_sub if anchor_sub in tied else tied[0]


def claimant_key(claimed_by: str | None, publisher: str | None, report_file: str) -> str:
    """Who stands behind a figure: the claimant, or (own voice) the report's publisher."""
    if claimed_by and fold(claimed_by):
        return "by:" + fold_actor(claimed_by)
    if publisher and fold(publisher):
        return "publisher:" + fold(publisher)
    return "report:" + report_file


def _stated(count: int | None, count_max: int | None) -> tuple[int | None, int | None]:
    return (count, None if count_max == count else count_max)


# Who a figure counts, so that "14 soldiers killed" (one side) and "9 militants killed" (the other)
# are two figures, not one disputed figure. Checked in this order; no match -> "people".
WHO_GROUPS = (
    ("security forces", re.compile(r"soldier|troop|army|military|police|officer|security|guard|gendarme|"
                                   r"marine|personnel|commando|servicem", re.I)),
    ("armed group members", re.compile(r"militant|insurgent|fighter|rebel|jihadist|terrorist|attacker|"
                                       r"bomber|gunm[ae]n|extremist|assailant|bandit|khwarij|operative|"
                                       r"combatant|militia", re.I)),
    ("civilians", re.compile(r"civilian|villager|resident|child|women|woman|student|worshipper|passenger|"
                             r"farmer|trader|shopper|patient|famil|bystander|pupil|teacher|journalist|"
                             r"refugee|protester|demonstrator|herder|worker|mourner", re.I)),
)


@lru_cache(maxsize=65536)
def who_group(who: str | None) -> str:
    for name, pattern in WHO_GROUPS:
        if who and pattern.search(who):
            return name
    return "people"


def merge_figures(group: list[Summary]) -> list[Figure]:
    by_status: dict[tuple[str, str], list[tuple[str, FigureClaim]]] = {}
    # A repeat is the same figure from the same claimant; figures without a number must also
    # count the same people.
    seen: dict[tuple, FigureClaim] = {}
    for s in group:
        for c in s.casualties:
            if c.background:
                continue                               # an earlier event or a running total
            who = claimant_key(c.claimed_by, s.report.publisher, s.report.file)
            people = who_group(c.who)
            repeat_key = (c.status, people, who, _stated(c.count, c.count_max),
                          fold(c.who) if c.count is None else None)
            same = seen.get(repeat_key)
            if same is not None:
                if s.report.file not in same.reports:
                    same.reports.append(s.report.file)
                continue
            claim = FigureClaim(c.count, c.count_max, c.qualifier, c.who, c.claimed_by, s.report.file,
                                s.report.title, s.report.publisher, c.evidence, reports=[s.report.file])
            seen[repeat_key] = claim
            by_status.setdefault((c.status, people), []).append((who, claim))
    order = {status: i for i, status in enumerate(CASUALTY_STATUSES)}
    groups = {name: i for i, (name, _) in enumerate(WHO_GROUPS)}
    figures = []
    for status, people in sorted(by_status, key=lambda k: (order.get(k[0], len(order)), groups.get(k[1], -1))):
        rows = by_status[(status, people)]
        counted = [(k, fc) for k, fc in rows if fc.count is not None]
        counts = [fc.count for _, fc in counted]
        highs = [max(fc.count, fc.count_max or fc.count) for _, fc in counted]
        low = min(counts) if counts else None
        high = max(highs) if highs else None
        disputed = any(k1 != k2 and _stated(a.count, a.count_max) != _stated(b.count, b.count_max)
                       for i, (k1, a) in enumerate(counted) for k2, b in counted[i + 1:])
        figures.append(Figure(status, [fc for _, fc in rows], low, high, low, disputed, people))
    return figures


def merge_incident(group: list[Summary]) -> Incident:
    """One incident from the summaries of its reports (any order; sorted by publication here)."""
    group = sorted(group, key=_order_key)
    anchor = group[0]
    dates = [s.event.date for s in group if s.event.date]
    if dates:
        start = min(dates)
        end = max((s.event.date_end or s.event.date) for s in group if s.event.date)
    else:
        published = [s.report.published for s in group if s.report.published]
        start = end = min(published) if published else None
    etype, subtype = _vote_type(group)
    timeline = [TimelineEntry(s.report.published, s.report.title, s.report.publisher, s.report.file,
                              s.report.url) for s in group]
    sources: list[str] = []
    seen: set[str] = set()
    for s in group:
        key = fold(s.report.publisher)
        if key and key not in seen:
            seen.add(key)
            sources.append(s.report.publisher)
    pin = next((str(s.incident) for s in group if s.incident is not None and str(s.incident).strip()), None)
    return Incident(
        id=incident_id(anchor), summaries=group,
        title=next((s.report.title for s in group if s.report.title), None) or anchor.report.file,
        date=start, date_end=end if end and end != start else None, type=etype, subtype=subtype,
        summary=next((s.summary for s in group if s.summary), ""),
        locations=_merge_locations(group), actors=_merge_actors(group), figures=merge_figures(group),
        claims=[AttributedClaim(c, s.report.file, s.report.title, s.report.publisher)
                for s in group for c in s.claims],
        timeline=timeline, sources=sources, pin=pin,
    )
