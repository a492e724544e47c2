"""What every fact extractor shares: the parsed report, its sentences, and which are background."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from .gazetteer import BIG_CITY, Gazetteer, fold

# A sentence that tells what happened before, or in general, not this incident.
_MONTH_NAMES = r"(january|february|march|april|may|june|july|august|september|october|november|december)"
_ROUNDUP_OPENERS = (r"^\s*(meanwhile|elsewhere|in (an)?other (incidents?|attacks?|developments?|violence|fighting|news)"
                    r"|in a separate (incident|attack|development|bombing|raid))\b")
_ROUNDUP = re.compile(_ROUNDUP_OPENERS, re.I)
_BACKGROUND = re.compile(
    r"\b(days|weeks|months|years) (since|after|before|ago)\b|\bhas (only )?been (days|weeks|months|years)\b"
    r"|\b(last|previous|past) (year|month)s?\b|\bso far this (year|month)\b|\bsince the (start|beginning) of\b|\b(after|since|following)\b[^.;]{0,90}\blast (week|weekend)\b|\bfor the past\b|\bfor (years|decades|months)\b|\b(has|have) long\b"
    r"|\bthe (last|previous|prior) [\w-]+( [\w-]+)? (strike|attack|raid|bombing|operation|assault|offensive)\b"
    # another incident in a round-up: "Meanwhile, ...", "In a separate attack ..." ("Separately" often
    # continues the same incident: "separately, a second strike killed ...")
    r"|" + _ROUNDUP_OPENERS +
    r"|\bin the past\b|\bearlier this (year|month)\b|\buntil (this|last) year\b"
    r"|\b(deadliest|worst|bloodiest|biggest|largest)( [\w-]+)? since\b|\bbegan as\b|\b(was|were) (formed|founded|created|established) (in|by|as)\b"
    r"|\blast (" + _MONTH_NAMES + r"|spring|summer|autumn|fall|winter)\b|\b(a|one|two|three|four|five|several) (day|week|month|year)s? (ago|earlier)\b"
    r"|\bsince (19|20)\d\d\b|\bin ((early|late|mid-?)\s*)?(" + _MONTH_NAMES + r"\s+)?(19|20)\d\d\b|\bwas founded\b"
    r"|\bhas been designated\b"
    # what such attacks usually are, not who did this one: "similar assaults often are blamed on"
    r"|\b(similar|such)\s+(\w+\s+)?(attacks|assaults|bombings|incidents)\s+(are\s+)?(often|usually|typically|"
    r"frequently|routinely|generally)\b"
    r"|\bhistory of\b|\bin recent (years|months)\b|\bcame to power\b|\blong (strained|been)\b"
    r"|\b(has|have) (killed|claimed|carried out|waged|fought|been accused|accused)\b|\bis (the|a) (largest|main|biggest)\b"
    r"|\bhave been (killed|displaced) (since|in|over)\b|\bprevious(ly)?\b|\bfollows? (an?|the) (attack|strike|series)\b",
    re.I)
_MONTHS = (r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
# "Mexico City, September 17, 2008 -", "BAIDOA, Somalia, May 10 (EAN) -", "(Dakar, 6 March 2025) –",
# "Rawalpindi, 3 September 2025:": where and when the report was filed, not the incident.
_DAY = (r"(?:(?i:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?"
        r"(?:" + _MONTHS + r"\s+\d{1,2}|\d{1,2}\s+" + _MONTHS + r")(?:,?\s+\d{4})?")
_DATELINE = re.compile(
    # "Mexico City, September 17, 2008 -", "(Dakar, 6 March 2025) –", "BAIDOA, Somalia, May 10 (EAN) -"
    r"^\(?\s*[A-Z][\w .'’-]{1,40}?(?:,\s*[A-Z][\w .'’-]{1,30}?)?,\s*" + _DAY +
    r"\s*(?:\([A-Za-z .]+\))?\s*\)?\s*/?\s*(?:[-–—:]|$)"      # "April 3, 2018/ —" (a wire's)
    # "WASHINGTON (AP) —", "TAMPA, Fla. –": a place in capitals and a dash
    # "WASHINGTON / PORT-AU-PRINCE, HAITI -": a story filed from two places
    r"|^[A-Z][A-Z .'’/-]{2,60}(?:,\s*[A-Z][\w.]+\.?(?:\s[A-Z][\w.]+)?)?\s*(?:\([\w .]+\))?\s*[-–—]{1,2}\s"
    # "Washington, D C - The United States condemns", "Nairobi, Kenya – ": a city, a comma and a dash
    r"|^[A-Z][a-z]+(?: [A-Z][a-z]+)?,\s*(?:D\.?\s?C\.?|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s*[-–—]{1,2}\s"
    # a line that is only a date ("Wednesday, September 17, 2008"), as news wikis open
    r"|^" + _DAY + r"\s*$", re.M)


def dateline_end(text: str) -> int:
    """Character offset where a leading dateline ends (0 when the report has none)."""
    m = _DATELINE.match(text.lstrip()[:200])
    return (len(text) - len(text.lstrip())) + m.end() if m else 0


def dateline_spans(text: str, paragraphs: int = 4) -> list[tuple[int, int]]:
    """Datelines opening any of the first paragraphs: a statement's header may come first
    ("Statement by ...", then "Mexico City, September 17, 2008 - ...")."""
    spans, start = [], len(text) - len(text.lstrip())
    for _ in range(paragraphs):
        m = _DATELINE.match(text[start: start + 200])
        if m:
            spans.append((start, start + m.end()))
        nxt = text.find("\n", start)
        if nxt < 0:
            break
        start = nxt + 1
        while start < len(text) and text[start] == "\n":
            start += 1
    return spans


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
    dateline_end: int = 0                                       # chars of a leading dateline
    datelines: list[tuple[int, int]] = field(default_factory=list)  # every dateline near the top
    publisher: str | None = None
    text: str = ""                                             # doc.text, built once (spaCy rebuilds it per call)
    quoted: set[int] = field(default_factory=set)              # token indices inside quotation marks
    background_tokens: set[int] = field(default_factory=set)   # token indices of background sentences
    # the days each sentence's own date expressions name (statement dates left out); set by dates.py
    sentence_days: dict[int, set[dt.date]] = field(default_factory=dict)

    @cached_property
    def telling(self) -> list[Span]:
        """The sentences that say something: a statement's header lines ("Press Statement", a name,
        a date) have no verb and come before its lead."""
        return [sent for sent in self.sentences if any(t.pos_ in ("VERB", "AUX") for t in sent)]

    def is_background(self, token_or_span) -> bool:
        index = token_or_span.i if hasattr(token_or_span, "i") else token_or_span.start
        return index in self.background_tokens

    def about_another_day(self, sent_i: int, event_date: dt.date | None) -> bool:
        """A sentence about another day's events: dated two days or more from the incident, or
        opening on another day ("On Sunday, a rocket attack outside Kabul killed ...")."""
        days = self.sentence_days.get(sent_i)
        if event_date is None or not days or event_date in days:
            return False
        if all(abs((d - event_date).days) > 1 for d in days):
            return True
        return bool(re.match(r"\s*(on|earlier|later|late|early)\s+\w+day\b", self.sentences[sent_i].text, re.I))

    def in_dateline(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.datelines)

    def sentence_index(self, token_or_span) -> int:
        start = token_or_span.sent.start
        for i, s in enumerate(self.sentences):
            if s.start == start:
                return i
        return len(self.sentences)


def _background_cue(sent: Span) -> bool:
    """A background cue outside the relative clauses: "Houthi rebels, who took control of the capital
    three years ago, blamed the coalition for the strike" is about today's strike."""
    for m in _BACKGROUND.finditer(sent.text):
        span = sent.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or not any(a.dep_ == "relcl" for t in span for a in (t, *t.ancestors)
                                   if a.i >= sent.start):
            return True
    return False


def make_context(doc: Doc, title_doc: Doc | None, published, gazetteer: Gazetteer,
                 publisher: str | None = None) -> Context:
    ctx = Context(doc=doc, title_doc=title_doc, published=published, gazetteer=gazetteer, publisher=publisher)
    ctx.sentences = list(doc.sents)
    ctx.text = doc.text
    ctx.dateline_end = dateline_end(ctx.text)
    ctx.datelines = dateline_spans(ctx.text)
    ctx.quoted = _quoted_tokens(ctx.sentences)
    lead = next((i for i, s in enumerate(ctx.sentences) if s.end_char > ctx.dateline_end and len(s.text) > 40), 0)
    roundups: set[int] = set()
    for i, sent in enumerate(ctx.sentences):
        # the lead tells the incident even when it mentions what came before ("attacks that have
        # killed dozens since August")
        # a round-up goes on: "In other violence, a car bomb ... A suicide bomber also blew up ..."
        roundup = i - 1 in roundups and bool(re.search(r"\balso\b", sent.text))
        if i != lead and (_ROUNDUP.search(sent.text) or roundup):
            roundups.add(i)
        if i != lead and (_background_cue(sent) or roundup or _opens_on_another_month(sent.text, published)):
            ctx.background.add(sent.start)
            ctx.background_indices.add(i)
            ctx.background_tokens.update(range(sent.start, sent.end))
    ctx.countries = _country_weights(ctx)
    return ctx


MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
_OPENS_ON_MONTH = re.compile(r"\s*(?:In|Since|Back in|Earlier in)\s+(" + "|".join(m.capitalize() for m in MONTH_NAMES) +
                             r")\b(?:\s+(\d{4}))?\s*,")


def _opens_on_another_month(text: str, published) -> bool:
    """"In August, 25 militants broke out of a jail ...", in a report of September: another event."""
    m = _OPENS_ON_MONTH.match(text)
    if m is None or published is None:
        return False
    month = MONTH_NAMES.index(m.group(1).lower()) + 1
    year = int(m.group(2)) if m.group(2) else published.year
    return (year, month) != (published.year, published.month)


def _quoted_tokens(sentences: list[Span]) -> set[int]:
    """Tokens between quotation marks, sentence by sentence (a quote never runs past its sentence)."""
    inside: set[int] = set()
    for sent in sentences:
        open_curly = open_straight = False
        for tok in sent:
            if tok.text == "“":
                open_curly = True
            elif tok.text == "”":
                open_curly = False
            elif tok.text == '"':
                open_straight = not open_straight
            elif open_curly or open_straight:
                inside.add(tok.i)
    return inside


def _country_weights(ctx: Context) -> dict[str, float]:
    """How strongly the report is about each country: names, demonyms and first-level divisions,
    weighted by where they stand (headline and lead count most, background little)."""
    from .demonyms import country_of_word

    weights: dict[str, float] = {}

    def add(cc, w):
        if cc:
            weights[cc] = weights.get(cc, 0.0) + w

    texts = [(ctx.doc, 1.0)] + ([(ctx.title_doc, 2.0)] if ctx.title_doc is not None else [])
    for doc, base in texts:
        first_sents = [s.start for s in (ctx.sentences if doc is ctx.doc else list(doc.sents))[:2]]
        for ent in ents_of(doc):
            w = base * (2.0 if ent.sent.start in first_sents else 1.0)
            if doc is ctx.doc and ent.sent.start in ctx.background:
                w *= 0.3
            if ent.label_ in ("GPE", "NORP", "LOC"):
                cc = country_of_word(re.sub(r"^the\s+", "", ent.text, flags=re.I))   # "the Central African Republic"
                if ent.label_ == "NORP" or (cc and ent.text.lower() in _demonym_words()):
                    w *= 0.4             # "Russian forces" names an actor's side, not where it happened
                elif cc and _names_a_body(ent):
                    w *= 0.4             # so does "U.S." in "the U.S. Embassy", "U.S. troops"
                if cc is None:
                    places = ctx.gazetteer.lookup(ent.text) or ctx.gazetteer.lookup(
                        _PLACE_NOUN_AFTER.sub("", ent.text))          # "Kabul Province" -> Kabul
                    countries = {p.country_code for p in places if p.kind == "country"}
                    # by its own name, not an alternate ("Kashmir" is also a US town's alias)
                    anywhere = {p.country_code for p in places
                                if fold(p.name) == fold(ent.text) or p.population >= BIG_CITY}
                    if len(countries) == 1:
                        cc = next(iter(countries))
                    elif not countries and len(anywhere) == 1:
                        add(next(iter(anywhere)), 0.5 * w)   # a name found in one country only
                if ent.root.dep_ == "nsubj" and ent.root.head.lemma_.lower() in _STRIKING_VERBS:
                    w *= 0.4             # "US destroys 11 Houthi drones": the striker, not the ground
                add(cc, w)
        for tok in doc:
            nxt = doc[tok.i + 1].text if tok.i + 1 < len(doc) else ""
            if tok.ent_type_ == "" and tok.pos_ == "ADJ" and tok.text[:1].isupper() and nxt not in ("-", "–"):
                add(country_of_word(tok.text), 0.3 * base)
    # a government's statement speaks for its own country ("The United States condemns ..."): that
    # country is the voice, not the ground; the one its mission sits in usually is the ground
    speaker, host = publisher_countries(ctx.publisher)
    if speaker and speaker != host and speaker in weights:
        weights[speaker] *= 0.3
    add(host, 1.0)
    return weights


_MISSION = re.compile(r"\b(?:Embassy|Mission|Consulate|High Commission)\b(?:\s+(?:in|to)\b)?(?:\s+the\b)?\s*([^()]*)")
# bodies that speak for their country abroad (a ministry of the interior speaks at home)
_GOVERNMENT_BODY = re.compile(r"^\s*(?:the\s+)?(U\.\s?S\.|United States|US|UK|British|[A-Z][a-z]+)(?=[\s,]).*?\b(?:Embassy|"
                              r"Mission|Consulate|High Commission|Department of State|State Department|Foreign|"
                              r"Command)\b")


def publisher_countries(publisher: str | None) -> tuple[str | None, str | None]:
    """(the country a government publisher speaks for, the country its mission is in):
    "U.S. Mission Uganda" -> (US, UG); "U.S. Department of State" -> (US, None)."""
    from .demonyms import country_of_word
    from .gazetteer import packaged_gazetteer

    if not publisher:
        return None, None
    body = _GOVERNMENT_BODY.match(publisher)
    word = body.group(1).replace(" ", "") if body else ""
    speaker = ("US" if word in ("U.S.", "US", "UnitedStates") else country_of_word(word)) if body else None
    host = None
    for m in _MISSION.finditer(publisher):
        words = m.group(1).strip(" ,")
        for n in range(min(3, len(words.split())), 0, -1):      # "Uganda", "Kampala", "Dar es Salaam"
            name = " ".join(words.split()[:n])
            cc = country_of_word(name) or next((p.country_code for p in packaged_gazetteer().lookup(name)
                                                if p.kind in ("city", "country") and p.population >= 100000), None)
            if cc:
                host = cc
                break
        if host:
            break
    return speaker, host


_STRIKING_VERBS = frozenset({"destroy", "strike", "attack", "kill", "bomb", "shell", "target", "hit", "raid",
                             "launch", "fire", "shoot", "invade", "seize", "capture"})


def _names_a_body(ent: Span) -> bool:
    """A country's name used as the modifier of a following noun that is not a kind of place."""
    root, head = ent.root, ent.root.head
    return (root.dep_ in ("compound", "amod", "nmod") and head.i > root.i and head.i == ent.end
            and head.pos_ in ("NOUN", "PROPN") and head.lower_ not in PLACE_NOUNS)


PLACE_NOUNS = frozenset({"province", "district", "region", "state", "county", "city", "town", "village",
                         "border", "side", "territory", "governorate", "department", "prefecture"})


_PLACE_NOUN_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(PLACE_NOUNS)) + r")$", re.I)


def _demonym_words() -> dict:
    from .demonyms import demonyms
    return demonyms()


def ents_of(doc: Doc) -> list[Span]:
    """doc.ents, built once per document: spaCy builds a new list of spans on every access."""
    cached = doc.user_data.get("briefing_ents")
    if cached is None:
        cached = doc.user_data["briefing_ents"] = list(doc.ents)
    return cached


def entity_of(tok: Token) -> Span | None:
    """The named entity `tok` is part of, or None."""
    return next((ent for ent in ents_of(tok.doc) if ent.start <= tok.i < ent.end), None)


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
