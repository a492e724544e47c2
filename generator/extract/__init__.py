"""Report -> Summary: spaCy parses the text, one module per fact reads the parse.

    places.py      where it happened          dates.py       when
    casualties.py  who was killed, hurt, taken claims.py      who says what
    actors.py      who took part              event_type.py  what kind of event
    summarize.py   the sentences that tell it
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import TOOL
from ..reports import Report
from .nlp import load_model, model_id

# The fact modules import spaCy: they are loaded on first use, so that importing this package
# (for model_id, by the staleness check) costs nothing when no report needs extraction.
__all__ = ["extract_summaries", "extract_one", "nlp_text", "model_id"]


def nlp_text(report: Report) -> str:
    """The report body as plain prose for the parser: Markdown markup removed, one line per paragraph."""
    from .context import dateline_end

    text = report.text
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)              # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)          # links -> their text
    text = re.sub(r"(?m)^\s{0,3}#{1,6}\s*", "", text)             # headings
    text = re.sub(r"(?m)^\s{0,3}>\s?", "", text)                  # quotes
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)               # bold
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", text)  # italics
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = "\n\n".join(line for line in lines if line)
    end = dateline_end(text)
    if end:
        text = text[:end].rstrip() + "\n\n" + text[end:].lstrip()
    return text


def extract_summaries(reports: Iterable[Report], gazetteer_file: Path | None = None,
                      batch_size: int = 32) -> Iterator[Summary]:
    """Summaries for many reports, parsed in batches with nlp.pipe."""
    reports = list(reports)
    if not reports:
        return
    from .gazetteer import load_gazetteer

    nlp = load_model()
    gazetteer = load_gazetteer(gazetteer_file)
    texts: list[str] = []
    for r in reports:
        texts.append(r.title or "")
        texts.append(nlp_text(r))
    docs = nlp.pipe(texts, batch_size=batch_size)
    for report in reports:
        title_doc = next(docs)
        doc = next(docs)
        yield extract_one(report, doc, title_doc if report.title else None, gazetteer)


def extract_one(report: Report, doc, title_doc, gazetteer: Gazetteer) -> Summary:
    from ..summary import Casualty, Claim, Event, ExtractedBy, ReportRef, Summary
    from .actors import incident_actors
    from .casualties import casualty_figures
    from .claims import find_claims
    from .context import make_context
    from .dates import resolve_event_date
    from .event_type import event_type
    from .places import incident_places
    from .summarize import extractive_summary

    ctx = make_context(doc, title_doc, report.published, gazetteer, report.publisher)
    claims = find_claims(ctx)
    when = resolve_event_date(ctx)
    etype, subtype = event_type(ctx)
    # only a day sets other days' sentences aside: "this week" covers the Wednesday it names later
    day = when.date if when.precision == "day" else None
    locations = incident_places(ctx, day)
    actors = incident_actors(ctx, {l.country_code for l in locations if l.country_code}, etype, day, subtype)
    casualties = [Casualty(status=r.status, count=r.count, count_max=r.count_max, qualifier=r.qualifier,
                           who=r.who, claimed_by=r.claimed_by, evidence=r.evidence, background=r.background)
                  for r in casualty_figures(ctx, claims)]
    seen = set()
    claim_rows = []
    for c in claims:
        key = (c.by, c.text)
        if key in seen or not c.text:
            continue
        seen.add(key)
        claim_rows.append(Claim(by=c.by, role=c.role, kind=c.kind, text=c.text))
    return Summary(
        report=ReportRef(file=report.rel, sha256=report.sha256, title=report.title, publisher=report.publisher,
                         url=report.url, published=report.published),
        extracted_by=ExtractedBy(tool=TOOL, model=model_id()),
        event=Event(type=etype, subtype=subtype, date=when.date, date_end=when.date_end,
                    date_text=when.text, precision=when.precision),
        summary=extractive_summary(ctx),
        locations=locations,
        actors=actors,
        casualties=casualties,
        claims=claim_rows,
    )
