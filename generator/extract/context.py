"""What every fact extractor shares: the parsed report, its sentences, and which are background."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .gazetteer import Gazetteer

# A sentence that tells what happened before, or in general, not this incident.
_BACKGROUND = re.compile(
    r"\b(days|weeks|months|years) (since|after|before|ago)\b|\bhas (only )?been (days|weeks|months|years)\b"
    r"|\b(last|previous|past) (year|month|week)s?\b|\bfor the past\b|\bearlier this (year|month)\b"
    r"|\bsince (19|20)\d\d\b|\bin (19|20)\d\d\b|\bwas founded\b|\bhas been designated\b"
    r"|\bhistory of\b|\bin recent (years|months)\b|\bcame to power\b|\blong (strained|been)\b"
    r"|\b(has|have) (killed|claimed|carried out|waged|fought|been accused|accused)\b|\bis (the|a) (largest|main|biggest)\b"
    r"|\bhave been (killed|displaced) (since|in|over)\b|\bprevious(ly)?\b|\bfollows? (an?|the) (attack|strike|series)\b",
    re.I)
QUOTE_CHARS = "\"“”«»„"


@dataclass
class Context:
    doc: Doc
    title_doc: Doc | None
    published: dt.date | None
    gazetteer: Gazetteer
    background: set[int] = field(default_factory=set)      # sentence start offsets
    countries: dict[str, float] = field(default_factory=dict)  # ISO code -> weight in this report
    sentences: list[Span] = field(default_factory=list)
    background_indices: set[int] = field(default_factory=set)

    def is_background(self, token_or_span) -> bool:
        sent = token_or_span.sent
        return sent.start in self.background

    def sentence_index(self, token_or_span) -> int:
        start = token_or_span.sent.start
        for i, s in enumerate(self.sentences):
            if s.start == start:
                return i
        return len(self.sentences)


def make_context(doc: Doc, title_doc: Doc | None, published, gazetteer: Gazetteer) -> Context:
    ctx = Context(doc=doc, title_doc=title_doc, published=published, gazetteer=gazetteer)
    ctx.sentences = list(doc.sents)
    for i, sent in enumerate(ctx.sentences):
        if _BACKGROUND.search(sent.text):
            ctx.background.add(sent.start)
            ctx.background_indices.add(i)
    ctx.countries = _country_weights(ctx)
    return ctx


def _country_weights(ctx: Context) -> dict[str, float]:
    """How strongly the report is about each country: names, demonyms and known places."""
    from .demonyms import country_of_word

    weights: dict[str, float] = {}
    texts = [(ctx.doc, 1.0)] + ([(ctx.title_doc, 2.0)] if ctx.title_doc is not None else [])
    for doc, w in texts:
        for ent in doc.ents:
            if ent.label_ in ("GPE", "NORP", "LOC"):
                cc = country_of_word(ent.text)
                if cc is None:
                    places = ctx.gazetteer.lookup(ent.text)
                    countries = [p for p in places if p.kind == "country"]
                    cc = countries[0].country_code if countries else None
                if cc:
                    weights[cc] = weights.get(cc, 0.0) + w
        for tok in doc:
            if tok.ent_type_ == "" and tok.pos_ == "ADJ" and tok.text[:1].isupper():
                cc = country_of_word(tok.text)
                if cc:
                    weights[cc] = weights.get(cc, 0.0) + 0.5 * w
    return weights


def span_text(tokens: list[Token]) -> str:
    """Text of tokens (in order), with their original spacing."""
    if not tokens:
        return ""
    tokens = sorted(tokens, key=lambda t: t.i)
    out = []
    for i, t in enumerate(tokens):
        out.append(t.text)
        if i + 1 < len(tokens):
            out.append(t.whitespace_ if tokens[i + 1].i == t.i + 1 else " ")
    return "".join(out).strip()


def clean_sentence(text: str) -> str:
    return " ".join(text.split())
