"""The incident's own date, resolved against the report's publication date.

Candidates are every date expression in the text ("late Saturday", "Monday's", "on 3 March",
"Nov. 3, 2022", "yesterday", "earlier this week"); those that only date the reporting ("said
Sunday"), a dateline, the future, or background sentences are set aside, and the first one left
in a sentence about the incident wins.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .context import MONTH_NAMES, Context

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# a capitalised day the parse left on the end of a name: "Kabul Wednesday", "... parties Saturday"
TRAILING_WEEKDAY = re.compile(r"\s+(" + "|".join(w.capitalize() for w in WEEKDAYS) + r")$")
MONTHS = {m: i + 1 for i, m in enumerate(MONTH_NAMES)}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12})
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december|" \
         r"jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"
# "now in its third day": the n-th day began n - 1 days before the report
ORDINAL_DAYS = ["second", "third", "fourth", "fifth", "sixth", "seventh"]
_PATTERNS = [
    ("span_md", re.compile(r"\bbetween\s+(\d{1,2})\s+and\s+(\d{1,2})\s+" + _MONTH + r"(?:,?\s+(\d{4}))?", re.I)),
    ("span_wd", re.compile(r"\bfrom\s+(?:late\s+|early\s+)?(" + "|".join(WEEKDAYS) + r")\b[^.]{0,30}?\b(?:to|until|through|into)\s+(?:late\s+|early\s+)?(" + "|".join(WEEKDAYS) + r")\b", re.I)),
    ("md", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(\d{4}))?\b", re.I)),
    ("dm", re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?", re.I)),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("weekday", re.compile(r"\b(?:(late|early|last|on|this|past)\s+)?(" + "|".join(WEEKDAYS) + r")(?:['’]s)?\b" + _PART, re.I)),
    ("yesterday", re.compile(r"\b(yesterday|last night|overnight|today|(?:earlier )?this (?:morning|afternoon|evening)|"
                             r"earlier today|tonight|on the eve)\b", re.I)),
    ("week", re.compile(r"\b(earlier this week|last week|this week|last weekend|over the weekend)\b", re.I)),
    ("nth_day", re.compile(r"\b(?:now |is )?in its (" + "|".join(ORDINAL_DAYS) + r") (?:straight |consecutive )?day\b",
                           re.I)),
    ("month", re.compile(r"\b(?:in|during|since|early|late|mid)[\s-]+" + _MONTH + r"(?:\s+(\d{4}))?\b", re.I)),
]
_PATTERN_OF = dict(_PATTERNS)
REPORTING_VERBS = r"(said|says|told|announced|reported|stated|confirmed|added|claimed|denied|warned|declared)"
# "a statement issued Monday" dates the statement (but "hostages were released Thursday" is an event)
ISSUED = re.compile(r"\b(statement|report|communiqu\w+|video|message)\s+(was\s+)?(issued|released|published|posted)"
                    r"\s+(on\s+)?$", re.I)
# "In a statement on Sunday, the group said ...": the statement's day
IN_A_STATEMENT = re.compile(r"\b(in|by) an? (statement|communiqu\w+|video|message|post)( (issued|released|posted))?\s+(on\s+)?$",
                            re.I)
INCIDENT_WORDS = re.compile(
    r"\b(attack|attacked|attacks|clash|clashes|clashed|fight|fighting|fought|firefight|battle|kill|killed|"
    r"killing|dead|died|wounded|injured|bomb|bombing|blast|explosion|exploded|strike|struck|airstrike|"
    r"shelling|shelled|ambush|ambushed|raid|raided|protest|protests|protesters|demonstration|rally|march|"
    r"riot|rallying|rallied|marched|marching|protesting|protested|demonstrating|demonstrated|"
    r"abducted|kidnapped|stormed|opened fire|fire|gunmen|violence|seized|captured|took place|"
    r"happened|occurred|broke out|erupted|began|unrest|signed|signing|agreed|ceasefire|truce|arrested|detonated|hit|"
    r"target(?:ed|ing)?|overran|overrun|looted|torched|burned|burning|set ablaze|damaged|destroyed|freed|rescued|"
    r"released)\b", re.I)
CURRENT_NEWS = re.compile(
    r"\b(has|have) (been )?(killed|wounded|injured|exploded|attacked|kidnapped|abducted|died|clashed|erupted|"
    r"captured|seized|stormed|overrun|overran|taken (control|over)|ended|blown up|detonated|struck|bombed|"
    r"ambushed|raided|shot|shelled|set off)\b"
    r"|\b(still|now) (underway|under way|going on|continuing|raging)\b", re.I)
# "if their demands are not met by April 9th": a deadline, still to come whatever its year
DEADLINE = re.compile(r"\b(by|until|till|before|no later than|deadline of|ahead of)\s+(the\s+)?$", re.I)
# "the decree was issued on Saturday after ten people were killed on Friday": the cause, told after
AFTER = re.compile(r"\b(after|following)\b", re.I)
# "fire had been heard on Saturday": the past before the past, what led up to the incident
PLUPERFECT = re.compile(r"\bhad (already )?been [a-z]+(ed|en|wn|ne|ght|ard|ing)\b", re.I)


@dataclass
class EventDate:
    date: dt.date | None = None
    date_end: dt.date | None = None
    text: str | None = None
    precision: str | None = None


@dataclass
class _Candidate:
    date: dt.date | None
    end: dt.date | None
    text: str
    precision: str
    start: int          # character offset in the document
    score: float


def resolve_event_date(ctx: Context) -> EventDate:
    published = ctx.published
    candidates: list[_Candidate] = []
    for si, sent in enumerate(ctx.sentences):
        text = sent.text
        base = sent.start_char
        background = sent.start in ctx.background
        incident = bool(INCIDENT_WORDS.search(text))
        taken: list[tuple[int, int]] = []
        first_here = len(candidates)
        for kind, pattern in _PATTERNS:
            for m in pattern.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                cand = _resolve(kind, m, published)
                if cand is None:
                    continue
                taken.append((m.start(), m.end()))
                date, end, precision = cand
                score = 1.0 if incident else 0.3
                if background:
                    score -= 1.0         # another day's events (or a round-up's other incident) never date this one
                reporting = _reporting_date(text, m)
                if reporting:
                    score -= 0.9
                elif date and precision == "day" and not end:
                    ctx.sentence_days.setdefault(si, set()).add(date)
                if PLUPERFECT.search(text[: m.start()]):
                    score -= 0.5
                if ctx.in_dateline(base + m.start()):
                    score -= 2
                if kind == "yesterday" and _same_day_word(m.group(0)):
                    possessive = text[m.end():m.end() + 2] in ("'s", "’s")
                    # "today's attack" dates the incident; "today's meeting" does not
                    names_incident = possessive and INCIDENT_WORDS.search(
                        " ".join(text[m.end() + 2:].split()[:3]))
                    score -= 0.5 if not possessive else (0.0 if names_incident else 2)
                if published and date and date > published:
                    score -= 2  # an election next month is not the incident
                if DEADLINE.search(text[max(0, m.start() - 20): m.start()]):
                    score -= 2
                if precision != "day":
                    score -= 0.25
                score -= 0.04 * si
                candidates.append(_Candidate(date, end, m.group(0).strip(), precision, base + m.start(), score))
        _prefer_the_cause(candidates[first_here:], text, base)
    good = [c for c in candidates if c.score > 0]
    if not good:
        unresolved = [c for c in candidates if c.date is None and c.score > -0.5]
        if unresolved:
            return EventDate(None, None, unresolved[0].text, None)
        titled = _title_date(ctx)
        if titled is not None:
            return titled
        lead = next((sent.text for sent in ctx.sentences if sent.end_char > ctx.dateline_end), "")
        if published and CURRENT_NEWS.search(lead):
            # no date given, but the lead tells it as news of the day ("a bomber has killed three
            # people", "riots that are still underway"): the day it was published
            return EventDate(published, None, CURRENT_NEWS.search(lead).group(0), "day")
        return EventDate()
    best = max(good, key=lambda c: (c.score, -c.start))
    return EventDate(best.date, best.end, best.text, best.precision if best.date else None)


def _prefer_the_cause(candidates: list[_Candidate], text: str, base: int) -> None:
    """In "X on Saturday after Y on Friday" the earlier day, told after 'after', is the incident's.
    `candidates`: those of this one sentence (`text`, starting at document offset `base`)."""
    here = sorted(candidates, key=lambda c: c.start)
    for first, later in zip(here, here[1:]):
        between = text[first.start - base + len(first.text): later.start - base]
        if first.date and later.date and later.date < first.date and AFTER.search(between):
            first.score -= 0.3


def _same_day_word(word: str) -> bool:
    """"today", "tonight", "this evening": the day the report is filed under, which a reporting
    sentence ("said today") uses as often as the incident does."""
    word = word.lower()
    return word in ("today", "earlier today", "tonight") or word.startswith(("this ", "earlier this "))


def _title_date(ctx: Context) -> EventDate | None:
    """A headline that dates the incident the body leaves undated ("Ceasefire signed today in
    Geneva", "Bomb kills 12 in market on Friday")."""
    title = ctx.title_doc.text if ctx.title_doc is not None else ""
    if not title or not INCIDENT_WORDS.search(title):
        return None
    for kind in ("md", "dm", "weekday", "yesterday"):
        for m in _PATTERN_OF[kind].finditer(title):
            resolved = _resolve(kind, m, ctx.published)
            if resolved is None or resolved[0] is None or _reporting_date(title, m):
                continue
            if ctx.published and resolved[0] > ctx.published:
                continue
            return EventDate(resolved[0], resolved[1], m.group(0).strip(), resolved[2])
    return None


def _reporting_date(text: str, m: re.Match) -> bool:
    """"The military said Sunday that ..." dates the statement, not the fighting."""
    wider = text[max(0, m.start() - 40): m.start()]
    between = re.search(REPORTING_VERBS + r"((\s+(?!on\b|that\b)[a-z]+){1,2})\s+(on\s+)?$", wider)
    if between and not INCIDENT_WORDS.search(between.group(2)):
        return True                      # "told reporters Wednesday", not "said the strike Thursday"
    if not text[: m.start()].strip() and not text[m.end():].strip(" .,\n"):
        return True                      # a line that is only a date: the statement's, not the incident's
    before = text[max(0, m.start() - 25): m.start()]
    after = text[m.end(): m.end() + 20]
    if re.search(REPORTING_VERBS + r"\s+(on\s+)?$", before, re.I) or ISSUED.search(before) or IN_A_STATEMENT.search(before):
        return True
    if re.match(r"\s*(that|,)?\s*$", after) and re.search(REPORTING_VERBS + r"\s+$", before, re.I):
        return True
    return bool(re.match(r"\s+" + REPORTING_VERBS + r"\b", after, re.I)) and not re.search(
        r"\b(on|late|early)\s*$", before, re.I)


def _year_for(month: int, day: int, published: dt.date | None) -> int | None:
    if published is None:
        return None
    year = published.year
    try:
        if dt.date(year, month, day) > published + dt.timedelta(days=2):
            year -= 1
    except ValueError:
        return None
    return year


def _resolve(kind: str, m: re.Match, published: dt.date | None):
    """(date, end, precision) for one match, or None when it is not a usable date."""
    g = m.groups()
    try:
        if kind == "iso":
            return dt.date(int(g[0]), int(g[1]), int(g[2])), None, "day"
        if kind in ("md", "dm"):
            day, month, year = (g[0], g[1], g[2]) if kind == "md" else (g[1], g[0], g[2])
            month_n = MONTHS[month.lower().rstrip(".")]
            if kind == "dm" and month.lower() == "may" and not year and not m.group(0)[0].isupper():
                return None
            year_n = int(year) if year else _year_for(month_n, int(day), published)
            if year_n is None:
                return (None, None, "day")
            return dt.date(year_n, month_n, int(day)), None, "day"
        if kind == "span_md":
            month_n = MONTHS[g[2].lower().rstrip(".")]
            year_n = int(g[3]) if g[3] else _year_for(month_n, int(g[1]), published)
            if year_n is None:
                return None
            return dt.date(year_n, month_n, int(g[0])), dt.date(year_n, month_n, int(g[1])), "day"
        if kind == "span_wd":
            if published is None:
                return (None, None, "day")
            start = _weekday_before(published, WEEKDAYS.index(g[0].lower()))
            end = _weekday_before(published, WEEKDAYS.index(g[1].lower()))
            if end < start:
                start -= dt.timedelta(days=7)
            return start, end, "day"
        if kind == "weekday":
            modifier = (g[0] or "").lower()
            if published is None:
                return (None, None, "day")
            day = _weekday_before(published, WEEKDAYS.index(g[1].lower()))
            if modifier == "last" and day == published:
                day -= dt.timedelta(days=7)
            return day, None, "day"
        if kind == "yesterday":
            word = g[0].lower()
            if published is None:
                return (None, None, "day")
            if word in ("yesterday", "last night"):
                return published - dt.timedelta(days=1), None, "day"
            if word == "on the eve":
                return None
            # today, tonight, and "overnight": the night that ran into the day the report is filed under
            return published, None, "day"
        if kind == "week":
            if published is None:
                return (None, None, "week")
            word = g[0].lower()
            monday = published - dt.timedelta(days=published.weekday())
            if word in ("last week",):
                return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), "week"
            if word in ("last weekend", "over the weekend"):
                saturday = monday - dt.timedelta(days=2)
                return saturday, saturday + dt.timedelta(days=1), "day"
            return monday, published, "week"
        if kind == "nth_day":
            # "the violence, now in its third day": it began two days before the report
            if published is None:
                return (None, None, "day")
            days_before = ORDINAL_DAYS.index(g[0].lower()) + 1
            return published - dt.timedelta(days=days_before), published, "day"
        if kind == "month":
            month_n = MONTHS[g[0].lower().rstrip(".")]
            if g[0].lower() == "may" and not g[1]:
                return None
            year_n = int(g[1]) if g[1] else _year_for(month_n, 1, published)
            if year_n is None:
                return None
            return dt.date(year_n, month_n, 1), None, "month"
    except (ValueError, KeyError):
        return None
    return None


def _weekday_before(published: dt.date, weekday: int) -> dt.date:
    """The most recent such weekday on or before publication ("on Sunday" in a Sunday paper is that day)."""
    back = (published.weekday() - weekday) % 7
    return published - dt.timedelta(days=back)
