"""Who says what: speech verbs, "according to", quotes, and the speaker behind each.

The dependency parse gives the speaker (the subject of a speech verb, the object of
"according to", the agent of "was quoted by"); pronouns and definite descriptions ("the
command", "the president") are resolved to the nearest earlier name they fit; speakers are then
merged ("Khowarazmi" = "Enayatullah Khowarazmi").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from .context import Context, ents_of, entity_of, span_text
from .dates import TRAILING_WEEKDAY
from .demonyms import country_of_word

SPEECH_VERBS = {
    "say", "tell", "claim", "report", "describe", "add", "state", "announce", "accuse", "confirm",
    "deny", "warn", "express", "call", "urge", "allege", "insist", "note", "explain", "estimate",
    "quote", "declare", "acknowledge", "condemn", "blame", "assert", "reiterate", "stress",
    "write", "post", "tweet", "disclose", "reveal", "maintain", "dismiss", "vow",
    "pledge", "promise", "appeal", "demand", "argue", "suggest", "caution", "decry", "denounce",
    "charge", "brief", "testify", "recount", "recall", "admit", "contend",
}
# Speech verbs that need a clause or a quote to count (otherwise "called for talks" is fine, but
# "reported" alone may be "were reported" with no speaker at all).
STATEMENT_NOUNS = {"assessment", "statement", "estimate", "tally", "report", "figures", "count",
                   "account", "communique", "communiqué", "release", "toll"}
GENERIC_SOURCES = {"source", "sources", "official", "officials", "resident", "residents", "witness",
                   "witnesses", "people", "local", "locals", "villager", "villagers", "medic", "medics"}
TITLE_WORDS = {"president", "minister", "spokesman", "spokeswoman", "spokesperson", "governor",
               "commander", "mayor", "ambassador", "general", "chief", "secretary", "director",
               "colonel", "major", "captain", "lieutenant", "sheriff", "prime", "official",
               "senator", "leader", "head", "officer", "police", "army", "military"}
PRONOUNS_PERSON = {"he", "she", "him", "her"}
SKIP_SPEAKERS = {"it", "this", "that", "which", "there", "one", "what", "all", "both", "some", "others",
                 "many", "several", "few", "most", "each", "none", "sides", "either", "neither", "who"}
OUTLET_SPEAKERS = {"source", "sources", "local sources", "security sources", "informed sources"}
HONORIFICS = {"alhaji", "malam", "mallam", "sheikh", "dr", "mr", "mrs", "ms", "prof", "professor", "gen",
              "general", "col", "colonel", "maj", "major", "capt", "captain", "lt", "lieutenant", "sgt",
              "sergeant", "brig", "brigadier", "superintendent", "deputy", "inspector", "commissioner",
              "president", "minister", "governor", "ambassador", "senator", "chief", "imam", "pastor",
              "father", "bishop", "hon", "sir", "lord", "dame", "judge", "justice", "mayor", "commander",
              "admiral", "marshal", "spokesman", "spokeswoman", "spokesperson", "officer", "corporal",
              "private", "police", "army", "field", "air", "vice", "assistant", "acting", "retired", "sen"}
ROLE_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "commander", "chairman", "chairwoman", "chair",
              "leader", "official", "governor", "minister", "director", "chief", "head", "officer",
              "elder", "resident", "witness", "doctor", "nurse", "president", "secretary", "mayor",
              "representative", "coordinator", "administrator", "commissioner", "ambassador", "envoy",
              "analyst", "researcher", "lawmaker", "legislator", "member", "activist", "manager",
              "superintendent", "general", "colonel", "captain", "major", "lieutenant", "inspector"}


@dataclass
class FoundClaim:
    by: str
    role: str | None
    kind: str                     # quote | statement
    text: str
    verb_i: int                   # token index of the speech verb (or "according")
    scope: set[int] = field(default_factory=set)   # token indices the attribution covers
    sent_start: int = 0
    plural: bool = False
    is_person: bool = False
    direct: bool = False          # "according to X" names the source of a fact outright


def find_claims(ctx: Context) -> list[FoundClaim]:
    doc = ctx.doc
    author = _statement_author(ctx)
    claims: list[FoundClaim] = []
    for sent in ctx.sentences:
        found_in_sentence = []
        for tok in sent:
            claim = None
            if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
                claim = _according_to(tok, ctx, claims)
            elif tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SPEECH_VERBS:
                claim = _speech_verb(tok, ctx, claims, author)
                if claim is not None:
                    # "Congo and United Nations experts say": each conjunct is a source
                    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                    for conj in (subj.conjuncts if subj is not None else ()):
                        speaker = _resolve_speaker(conj, ctx, claims, author)
                        if speaker is not None and conj.i > subj.i:
                            claims.append(FoundClaim(by=speaker[0], role=speaker[1], kind="statement",
                                                     text=claim.text, verb_i=tok.i, scope=set(),
                                                     sent_start=sent.start, plural=speaker[2], is_person=speaker[3]))
            elif tok.lemma_.lower() in ("issue", "release") and tok.pos_ == "VERB":
                claim = _issued_by_a_spokesman(tok, sent)
            elif tok.lemma_.lower() in STATEMENT_NOUNS and tok.pos_ == "NOUN":
                claim = _statement_noun(tok, ctx, claims)
            elif tok.lemma_.lower() in ("put", "place", "estimate") and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in ("toll", "figure", "number", "turnout", "tally")
                    for c in tok.children):
                claim = _speech_verb(tok, ctx, claims, author)    # "the administration put the toll at nine"
            if claim is not None:
                found_in_sentence.append(claim)
                claims.append(claim)
        quotes = _quotes_in(sent)
        if quotes and not found_in_sentence and author:
            for q in quotes:
                claims.append(FoundClaim(by=author[0], role=author[1], kind="quote", text=q,
                                         verb_i=sent.start, scope=set(range(sent.start, sent.end)),
                                         sent_start=sent.start, is_person=True))
        elif quotes and found_in_sentence:
            main = found_in_sentence[0]
            for q in quotes:
                same = [c for c in found_in_sentence if c.text.strip(" ,.") == q]
                for c in same:
                    c.kind = "quote"          # the statement is the quotation itself
                if q and not same and q not in (c.text for c in claims):
                    claims.append(FoundClaim(by=main.by, role=main.role, kind="quote", text=q,
                                             verb_i=main.verb_i, scope=main.scope, sent_start=sent.start,
                                             is_person=main.is_person))
    for extra in _passive_agents(ctx, claims):
        claims.append(extra)
    if author and not any(c.by == author[0] for c in claims):
        # a press statement is its author's word even where no sentence says "we condemn"
        opening = next((sent for sent in ctx.sentences if len(sent) > 12 and sent.text.rstrip().endswith(".")), None)
        if opening is not None:
            claims.append(FoundClaim(by=author[0], role=author[1], kind="statement", text=opening.text.strip(),
                                     verb_i=opening.start, scope=set(), sent_start=opening.start, is_person=True))
    # a spokesman speaks for an institution: both are sources ("UNHCR spokesperson Marta Lindqvist")
    for c in list(claims):
        institution = institution_of(c.role) if c.is_person else None
        if institution is None and author and c.by == author[0]:
            institution = issuing_body(c.role, ctx.publisher)
        if institution and institution != c.by:
            claims.append(FoundClaim(by=institution, role=None, kind="statement", text=c.text, verb_i=c.verb_i,
                                     scope=set(), sent_start=c.sent_start))
    _merge_speakers(claims, ctx)
    return claims


# ------------------------------------------------------------------------------------------ forms

def _speech_verb(verb: Token, ctx: Context, earlier: list[FoundClaim], author) -> FoundClaim | None:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    # "..., the cell said": of two subjects the parser offers, the one next to the verb speaks
    before = [c for c in subjects if c.i < verb.i]
    subj = max(before, key=lambda c: c.i) if before else (subjects[0] if subjects else None)
    after = [c for c in subjects if c.i > verb.i]
    after_quote = any(t.text in ('”', '"') for t in verb.doc[max(verb.sent.start, verb.i - 3): verb.i])
    if after and after_quote:
        subj = after[0]                  # '"... the attack that killed 27", said Nicholas Haysom'
    elif not after and before and after_quote:
        named = next((t for t in verb.doc[verb.i + 1: verb.i + 3] if t.ent_type_ == "PERSON"), None)
        if named is not None:
            subj = named                 # the parser hung the quotation's noun on "said" instead
    if subj is not None and subj.i > verb.i and subj.lower_.rstrip(".") in HONORIFICS and subj.ent_type_ != "PERSON":
        # '"...", said Navy Capt. Daniel Hollister': the parse stopped at the rank
        named = next((e for e in ents_of(verb.doc) if e.label_ == "PERSON" and e.start == subj.i + 1), None)
        if named is not None:
            subj = named[-1]
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if subj is None and agent is not None:
        subj = next((c for c in agent.children if c.dep_ == "pobj"), None)   # "was announced by X"
    if subj is None and verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    lemma = verb.lemma_.lower()
    has_content = any(c.dep_ in ("ccomp", "dobj", "xcomp", "prep", "advcl", "attr", "parataxis", "dative")
                      for c in verb.children) or _quotes_in(verb.sent)
    if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in subj.children):
        return None            # "No group claimed responsibility"
    if lemma == "claim" and not any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in verb.children) \
            and not _quotes_in(verb.sent) and not any(
                c.dep_ == "dobj" and c.lemma_.lower() in ("responsibility", "toll", "figure", "victory")
                for c in verb.children):
        return None            # "India and Pakistan both claim Kashmir" is no statement
    if lemma in ("report", "add", "note", "post", "write", "brief", "indicate") and not any(
            c.dep_ in ("ccomp", "parataxis") for c in verb.children) and not _quotes_in(verb.sent):
        return None
    if not has_content and agent is None:
        return None
    speaker = _resolve_speaker(subj, ctx, earlier, author)
    if speaker is None:
        return None
    by, role, plural, is_person = speaker
    if author and country_of_word(by) and subj.i not in ctx.quoted:
        by, role, plural, is_person = author[0], author[1], False, True   # "The United States condemns"
    # "sources told TOLOnews": the outlet is the attribution an analyst can check.
    if lemma == "tell" and by.lower() in OUTLET_SPEAKERS:
        outlet = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN"), None)
        if outlet is not None and _entity_text(outlet) != (ctx.publisher or ""):
            by, role, plural, is_person = _entity_text(outlet), None, False, False
    scope = _scope(verb)
    return FoundClaim(by=by, role=role, kind="statement", text=_statement_text(verb, subj), verb_i=verb.i,
                      scope=scope, sent_start=verb.sent.start, plural=plural, is_person=is_person)


SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson"}


def _issued_by_a_spokesman(verb: Token, sent) -> FoundClaim | None:
    """ "The following statement was issued today by the Spokesman for UN Secretary-General António
    Guterres": the spokesman is a source of their own, named by the office they speak for (the
    Secretary-General speaks in the statement itself)."""
    if not any(c.dep_ == "nsubjpass" and c.lemma_.lower() in STATEMENT_NOUNS for c in verb.children):
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    spokesman = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
    if spokesman is None or spokesman.lower_ not in SPOKESPEOPLE:
        return None
    office = [p for c in spokesman.children if c.dep_ == "prep" and c.lower_ in ("for", "of")
              for p in c.children if p.dep_ == "pobj"]
    if not office:
        return None
    # the office's title without the holder's name or the body's acronym: "Secretary-General"
    words = [t for t in office[0].subtree if t.ent_type_ != "PERSON" and t.dep_ != "det"
             and not (t.text.isupper() and len(t.text) <= 4) and t.lower_ not in ("united", "nations")]
    title = "".join(t.text_with_ws for t in words).strip()
    if not title or not title[:1].isupper():
        return None
    # not a person's name: "Secretary-General" is no surname of it, nor is "he" the spokesman
    return FoundClaim(by=f"{spokesman.text.capitalize()} for the {title}", role=None, kind="statement",
                      text=sent.text.strip(), verb_i=verb.i, scope=set(), sent_start=sent.start, is_person=False)


def _according_to(tok: Token, ctx: Context, earlier) -> FoundClaim | None:
    to = next(c for c in tok.children if c.lower_ == "to")
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    # "according to local sources speaking to TOLOnews" -> TOLOnews
    for t in pobj.subtree:
        if t.lower_ == "to" and t.head.lemma_ in ("speak", "talk") and t.i > pobj.i:
            outlet = next((c for c in t.children if c.dep_ == "pobj"), None)
            if outlet is not None:
                return FoundClaim(by=_entity_text(outlet), role=None, kind="statement", text=tok.sent.text.strip(),
                                  verb_i=tok.i, scope=set(range(tok.sent.start, tok.sent.end)),
                                  sent_start=tok.sent.start)
    speaker = _resolve_speaker(pobj, ctx, earlier, None)
    if speaker is None:
        return None
    by, role, plural, is_person = speaker
    return FoundClaim(by=by, role=role, kind="statement", text=tok.sent.text.strip(), verb_i=tok.i,
                      scope=set(range(tok.sent.start, tok.sent.end)), sent_start=tok.sent.start,
                      plural=plural, is_person=is_person, direct=True)


def _statement_noun(noun: Token, ctx: Context, earlier) -> FoundClaim | None:
    """"The command's initial assessment is that ..." -> the command."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is None or poss.pos_ == "PRON" or poss.ent_type_ in ("DATE", "TIME") or poss.lower_ in (
            "today", "yesterday", "tonight", "week", "weekend", "year", "month"):
        return None                      # "today's reports": when, not who
    if noun.dep_ not in ("nsubj", "nsubjpass", "pobj", "dobj"):
        return None
    speaker = _resolve_speaker(poss, ctx, earlier, None)
    if speaker is None:
        return None
    by, role, plural, is_person = speaker
    head = noun.head
    scope = set(t.i for t in head.subtree) if head.pos_ in ("VERB", "AUX") else set(range(noun.sent.start, noun.sent.end))
    return FoundClaim(by=by, role=role, kind="statement", text=noun.sent.text.strip(), verb_i=noun.i,
                      scope=scope, sent_start=noun.sent.start, plural=plural, is_person=is_person)


def _passive_agents(ctx: Context, claims: list[FoundClaim]) -> list[FoundClaim]:
    """"Military authorities quoted by The Associated Press said" -> also The Associated Press."""
    out = []
    for tok in ctx.doc:
        if tok.lemma_.lower() in ("quote", "cite") and tok.tag_ == "VBN":
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None:
                out.append(FoundClaim(by=_entity_text(pobj), role=None, kind="statement",
                                      text=tok.sent.text.strip(), verb_i=tok.i, scope=set(),
                                      sent_start=tok.sent.start))
    return out


# ------------------------------------------------------------------------------------------ speakers

def _resolve_speaker(head: Token, ctx: Context, earlier: list[FoundClaim], author):
    """(by, role, plural, is_person) for the noun phrase headed by `head`, or None."""
    low = head.lower_
    if head.dep_ in ("nsubj",) and low in ("who", "that") and head.head.dep_ == "relcl":
        head = head.head.head
        low = head.lower_
    if head.pos_ == "PRON":
        if low in PRONOUNS_PERSON:
            for c in reversed(earlier):
                if c.is_person or c.role or _is_title_phrase(c.by) or _one_person(c):
                    return c.by, c.role, False, True
            person = _last_entity(ctx, head.i, ("PERSON",))
            # the entity model takes some towns for people ("west of Bukavu")
            return (person, None, False, True) if person and not _is_place_name(person) else None
        if low in ("they",):
            for c in reversed(earlier):
                if c.plural and head.i - c.verb_i < 80:
                    return c.by, c.role, True, False
            return None
        if low in ("i", "we") and author:
            return author[0], author[1], False, True
        return None
    if low in SKIP_SPEAKERS or head.lower_ in ("child", "children", "woman", "women", "victim", "victims"):
        return None
    if head.lemma_.lower() in ("statement", "release", "communique", "communiqué", "post", "message") and earlier:
        last = earlier[-1]            # "the statement said": whoever issued it, quoted just before
        return last.by, last.role, last.plural, last.is_person
    if head.lemma_.lower() in ("statement", "release", "communique", "communiqué", "post", "message"):
        return None
    if any(c.dep_ == "prep" and c.lower_ == "of" and any(x.lower_ in ("them", "us", "whom") for x in c.children)
           for c in head.children):
        return None          # "most of them", "some of them"
    if head.idx < ctx.dateline_end:
        return None
    tokens = _phrase(head)
    if not tokens:
        return None
    plural = head.tag_ in ("NNS", "NNPS")
    # A named person inside the phrase: the name is the speaker, the rest is the role.
    person = next((e for e in ents_of(head.doc) if e.label_ == "PERSON" and e.start <= head.i < e.end), None)
    if person is None:
        person = next((e for e in ents_of(head.doc) if e.label_ == "PERSON" and
                       tokens[0].i <= e.start and e.end - 1 <= tokens[-1].i and e.end - 1 == head.i), None)
    role_from_appos = None
    if head.lower_ in ROLE_NOUNS | TITLE_WORDS:
        for t in head.subtree:
            if t.dep_ == "appos" and t.head is not head and t.pos_ == "PROPN":
                person_ent = next((e for e in ents_of(head.doc) if e.label_ == "PERSON" and e.start <= t.i < e.end), None)
                appos = [x for x in t.subtree if not x.is_punct]
                if person_ent is None and len(appos) >= 2 and all(x.pos_ == "PROPN" for x in appos):
                    person_ent = head.doc[appos[0].i: appos[-1].i + 1]   # a name the entity model missed
                if person_ent is not None:
                    name, honour = _split_honorifics(person_ent.text)
                    role_tokens = [x for x in tokens if x.i < person_ent.start and not x.is_punct]
                    role = " ".join(x for x in (_strip_det(span_text(role_tokens)), honour) if x)
                    return name, role or None, False, True
    for c in head.children:
        if c.dep_ == "appos":
            appos_tokens = [t for t in c.subtree if not t.is_punct]
            appos_person = next((e for e in ents_of(head.doc) if e.label_ == "PERSON" and e.start <= c.i < e.end), None)
            appos_name = appos_person.text if appos_person is not None else None
            if appos_name is None and len(appos_tokens) >= 2 and all(
                    t.pos_ == "PROPN" and t.text[:1].isupper() for t in appos_tokens):
                appos_name = span_text(appos_tokens)      # a name the entity model missed
            if appos_name is not None and head.lower_ in ROLE_NOUNS | TITLE_WORDS:
                # "The chairman of Maru Local Government, Alhaji Salisu Dankande, said"
                name, honour = _split_honorifics(appos_name)
                role = " ".join(x for x in (honour, _strip_det(span_text(tokens))) if x)
                return name, role or None, False, True
            role_from_appos = _strip_det(span_text(appos_tokens))
    if person is not None and not _looks_like_org(person.text):
        role_tokens = [t for t in tokens if t.i < person.start and t.dep_ not in ("det", "punct")]
        name, honour = _split_honorifics(person.text)
        role = " ".join(x for x in (span_text(role_tokens), honour) if x)
        if role_from_appos:             # "Gen. Michael Kurilla, CENTCOM commander"
            role = f"{role}, {role_from_appos}" if role else role_from_appos
        return name, role or None, False, True
    trailing = _trailing_name(tokens)
    if trailing is not None:
        name, role = trailing
        return name, role, False, True
    text = _strip_det(span_text(tokens))
    if not text or text.lower() in SKIP_SPEAKERS:
        return None
    if len(tokens) == 1 and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in head.children) \
            and head.lower_ in GENERIC_SOURCES | {"authorities"}:
        # "the officials said": the officials the report has already quoted
        for c in reversed(earlier):
            if c.by.lower().split()[-1] == head.lower_ and len(c.by.split()) > 1:
                return c.by, c.role, c.plural, c.is_person
    words = text.split()
    if len(words) == 1 and head.pos_ == "NOUN" and head.lower_ not in GENERIC_SOURCES and not plural:
        # "the command", "the president": the nearest earlier name it describes
        named = _definite_reference(head, ctx, earlier)
        if named:
            return named[0], named[1], False, named[2]
    if head.pos_ == "PROPN" and head.ent_type_ == "PERSON":
        return text, role_from_appos, False, True
    return text, role_from_appos, plural, False


SEATED_BODIES = {"mission", "office", "embassy", "consulate", "delegation"}


def _seat_of(ent) -> list[Token]:
    """"the African Union Mission in Somalia", "the UN Office in Colombia": where such a body sits
    is part of its name."""
    doc = ent.doc
    if ent[-1].lower_ not in SEATED_BODIES or ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "in":
        return []
    place = next((e for e in ents_of(doc) if e.start == ent.end + 1 and e.label_ in ("GPE", "LOC")), None)
    return list(doc[ent.end: place.end]) if place is not None else []


def _phrase(head: Token) -> list[Token]:
    drop = set()
    for t in head.subtree:
        if t.i in drop or t is head:
            continue
        if t.dep_ in ("relcl", "acl", "appos", "cc", "conj", "advmod", "advcl") and t.i > head.i:
            drop |= {x.i for x in t.subtree}
        elif t.dep_ in ("nummod", "quantmod") or (t.like_num and t.dep_ != "compound"):
            drop |= {x.i for x in t.subtree}
        elif t.dep_ == "prep" and t.i > head.i:
            pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.tag_ == "VBG" or any(c.dep_ == "pcomp" for c in t.children):
                drop |= {x.i for x in t.subtree}      # "authorities of being involved in ..."
                continue
            place_pp = t.lower_ in ("in", "at", "from", "near") and pobj is not None and (
                pobj.ent_type_ in ("GPE", "LOC", "FAC") or pobj.lower_ in (
                    "area", "region", "town", "city", "village", "hospital", "clinic", "scene", "camp", "market",
                    "state", "province", "district", "county", "part", "parts", "capital", "country"))
            country_pp = place_pp and pobj is not None and bool(country_of_word(pobj.text))
            if t.lower_ not in ("of", "in", "for", "from", "at", "with") or (
                    place_pp and not (country_pp and head.lower_ in GENERIC_SOURCES)):
                drop |= {x.i for x in t.subtree}
    tokens = [t for t in head.subtree if t.i not in drop]
    # keep a contiguous run around the head
    tokens = sorted(tokens, key=lambda t: t.i)
    run = [t for t in tokens if not t.is_punct or t.text in "-.'’&"]
    while run and (run[0].dep_ in ("det", "predet") or run[0].lower_ in ("its", "their", "his", "her", "our", "my", "your")):
        run = run[1:]
    # an organisation's whole name, not the part the parse kept ("Ministry of Energy and Mines")
    for ent in ents_of(head.doc):
        if ent.label_ == "ORG" and ent.start <= head.i < ent.end and run and ent.start >= run[0].i - 1:
            if ent.end <= run[-1].i and all(t.pos_ == "PROPN" for t in run if t.i >= ent.end and t.is_alpha):
                break                    # the entity stopped short: "U.S. Agency for | International Development"
            keep_before = [t for t in run if t.i < ent.start]
            return keep_before + list(ent) + _seat_of(ent)
    while run and run[-1].is_punct:
        run = run[:-1]
    return run


def _split_honorifics(name: str) -> tuple[str, str]:
    """"Deputy Superintendent Musa Garba Lawal" -> ("Musa Garba Lawal", "Deputy Superintendent")."""
    words = name.split()
    honour = []
    while len(words) > 2 and words[0].lower().rstrip(".") in HONORIFICS:
        honour.append(words.pop(0))
    return " ".join(words), " ".join(honour)


def _trailing_name(tokens: list[Token]):
    """"Wazalendo commander in Masisi Janvier Bahati" -> ("Janvier Bahati", "Wazalendo commander in Masisi")."""
    last_role = max((i for i, t in enumerate(tokens) if t.lower_ in ROLE_NOUNS), default=None)
    if last_role is None or last_role == len(tokens) - 1:
        return None
    rest = tokens[last_role + 1:]
    if len(rest) < 2 or not all(t.text[:1].isupper() and t.pos_ == "PROPN" for t in rest):
        return None
    name, honour = _split_honorifics(span_text(rest))
    role = " ".join(x for x in (_strip_det(span_text(tokens[: last_role + 1])), honour) if x)
    return name, role or None


def _is_place_name(text: str) -> bool:
    from .gazetteer import packaged_gazetteer
    return bool(packaged_gazetteer().lookup(text))


ORG_WORDS = re.compile(
    r"\b(Ministry|Command|Police|Army|Office|Agency|Council|Department|Government|Administration|Committee|"
    r"Commission|Forces?|Brigade|Division|Front|Movement|Party|Organi[sz]ation|Coalition|Mission|Service|"
    r"Authority|Cell|Cent(?:er|re)|University|Hospital|Association|Union|Network|Watch|Court|Bureau|Institute|"
    r"Foundation|Society|Federation|Embassy|Corps|Directorate|Secretariat|Group|Alliance|Conference|Cross|"
    r"Crescent|Programme|Program|Fund|Agency|Assembly|Parliament|Senate|Congress|Station)\b")


def _known_group(text: str) -> bool:
    from .actors import KNOWN_GROUPS
    return text.strip().lower() in KNOWN_GROUPS


GENERIC_BODIES = {"division", "brigade", "army", "police", "ministry", "command", "office", "unit", "battalion",
                  "department", "bureau", "service"}


def institution_of(role: str | None) -> str | None:
    """The organisation named in a speaker's role: "spokesman of the Zamfara State Police Command"."""
    if not role:
        return None
    role = re.sub(r"\s+(in|at|near|from)\s+[A-Z][\w-]+(\s+[A-Z][\w-]+)*$", "", role)
    role = re.sub(r"\bOffice of the Spokes\w+", "", role)    # the speaker's desk, not a body
    runs = re.findall(r"(?:(?:[A-Z][\w’'/&-]*|\d+(?:st|nd|rd|th))(?:\s+(?:of|for|and|the|de)\s+|\s+)?)+", role)
    runs = [r.strip() for r in runs if r.strip()]
    best = None
    for run in runs:
        words = [w for w in run.split() if w[:1].isupper()]
        if not words or all(country_of_word(w) for w in words):
            continue
        if _is_place_name(run.strip()):
            continue                     # "Lahore police chief": Lahore is where, not who
        if len(words) == 1 and words[0].lower().rstrip(".") in HONORIFICS | ROLE_NOUNS:
            continue
        if len(run.split()) == 1 and not run.isupper() and run.lower() in GENERIC_BODIES:
            continue                     # a bare "Division" names no one
        if all(w.lower().rstrip(".") in HONORIFICS | ROLE_NOUNS for w in words):
            continue
        if not (ORG_WORDS.search(run) or re.fullmatch(r"[A-Z][A-Z0-9/&-]{1,9}", run.strip()) or _known_group(run)):
            continue                     # "Provincial", "Senior", "Cameroon's Far North": no organisation
        best = run
    if best is None:
        return None
    words = best.split()
    while len(words) > 1 and words[-1].lower() in ROLE_NOUNS:
        words.pop()                      # "Department Spokesperson" -> "Department", a word and no body
    while len(words) > 1 and words[0].lower() in ("deputy", "acting", "assistant", "senior", "principal"):
        words.pop(0)                     # "Deputy Department" is the Department
    if len(words) == 1 and words[0].lower() in GENERIC_BODIES:
        return None
    while len(words) > 1 and words[-1].lower().rstrip(".") in HONORIFICS:
        words.pop()                      # "Maru Local Government Alhaji" -> the title is the person's
    best = re.sub(r"\s+(of|for|and|the|de)$", "", " ".join(words))
    return best


def issuing_body(role: str | None, publisher: str | None) -> str | None:
    """"Department Spokesperson" in a statement the U.S. Department of State published: the role names
    its body by a bare word ("Department", "Ministry", "Embassy"), the publisher gives the body's name."""
    if not role or not publisher:
        return None
    name = re.sub(r"\s*\(.*$", "", publisher).strip()
    bare = {w.lower().strip(",") for w in role.split()} & (GENERIC_BODIES | {"embassy", "mission", "consulate"})
    if not bare or not any(w in name.lower().split() for w in bare):
        return None
    return name


def _strip_det(text: str) -> str:
    text = re.sub(r"^(the|a|an|its|their|his|her|our|my)\s+", "", text.strip(), flags=re.I).strip(" ,.;:")
    owner = re.match(r"^([A-Z][\w .-]*?)[’']s\s+(.+)$", text)
    if owner and (country_of_word(owner.group(1)) or (
            len(owner.group(2).split()) >= 2 and all(w[:1].isupper() for w in owner.group(2).split()))):
        text = owner.group(2)            # "Iraq's Security Media Cell", "NATO's International Security ..."
    # "U.S.-based Johns Hopkins University", "... political parties Saturday": where it sits, and a
    # day the parse attached, are not the name
    text = re.sub(r"^[\w.’']+-based\s+", "", text)
    text = TRAILING_WEEKDAY.sub("", text)
    return text


def _entity_text(tok: Token) -> str:
    entity = entity_of(tok)
    return _strip_det(entity.text if entity is not None else span_text(_phrase(tok)))


def _looks_like_org(text: str) -> bool:
    return bool(re.search(r"\b(Ministry|Army|Command|Police|Forces|Council|Agency|Office|Department|News|Times|Post|Press)\b", text))


def _is_title_phrase(text: str) -> bool:
    return any(w in TITLE_WORDS for w in text.lower().split())


PERSON_NOUNS = {"worker", "official", "witness", "eyewitness", "resident", "doctor", "journalist", "analyst",
                "commander", "officer", "policeman", "soldier", "survivor", "farmer", "teacher", "villager",
                "man", "woman", "mother", "father", "brother", "sister", "relative", "nurse", "guard", "chief",
                "governor", "mayor", "minister", "leader", "lawmaker", "activist", "researcher", "expert",
                "diplomat", "source", "medic", "paramedic", "driver", "trader", "shopkeeper", "student", "elder"}


def _one_person(claim: FoundClaim) -> bool:
    """A claim by one person described, not named: "a humanitarian worker", "a local official"."""
    words = claim.by.lower().split()
    return not claim.plural and bool(words) and words[-1] in PERSON_NOUNS


def _last_entity(ctx: Context, before: int, labels) -> str | None:
    for e in reversed(ents_of(ctx.doc)):
        if e.end <= before and e.label_ in labels:
            return e.text
    return None


def _definite_reference(head: Token, ctx: Context, earlier):
    """"the command" -> "U.S. Africa Command"; "the president" -> "Jean-Bertrand Aristide"."""
    word = head.lower_
    doc = ctx.doc
    for e in reversed(ents_of(doc)):
        if e.end > head.i:
            continue
        if e.label_ in ("ORG", "NORP", "GPE") and word in e.text.lower().split():
            return _strip_det(e.text), None, False
        if e.label_ == "PERSON" and word in TITLE_WORDS:
            before = doc[max(0, e.start - 4): e.start].text.lower()
            if word in before.split():
                return e.text, None, True
    for c in reversed(earlier):
        if word in c.by.lower().split() or (c.role and word in c.role.lower().split()):
            return c.by, c.role, c.is_person
    if word in ("group", "organisation", "organization", "movement", "coalition", "alliance", "militia", "company",
                "firm"):
        # the organisation the report has talked about most so far
        counts: dict[str, int] = {}
        for e in ents_of(doc):
            if e.end <= head.i and e.label_ in ("ORG", "NORP") and not country_of_word(e.text):
                name = _strip_det(e.text)
                counts[name] = counts.get(name, 0) + 1
        if counts:
            return max(counts, key=lambda n: (counts[n], [_strip_det(e.text) for e in ents_of(doc)].index(n))), None, False
    return None


HEADER_KINDS = re.compile(r"(?:press |media )?(?:statement|note|release|readout)s?(?: by)?", re.I)
PERSON_LINE = re.compile(r"[A-Z][a-z’'-]+(?: (?:[A-Z]\.|[A-Z][a-z’'-]+)){1,3}")
STATEMENT_BY = re.compile(r"\s*(?:press\s+)?statement\s+(?:by|from|of)\s+(.+)", re.I)


def _statement_author(ctx: Context):
    """Who issues a press statement, from its header: a line "Laura B. Whitfield, Department
    Spokesperson" above the text; "Press Statement / Heather Nauert / Department Spokesperson /
    Washington, DC / May 11, 2018"; or "Statement by NSC Spokesperson Caitlin Hayden" in the
    header or the title. (name, role) or None."""
    persons = {e.text for e in ents_of(ctx.doc) if e.label_ == "PERSON"}
    lines = [line.strip() for line in ctx.doc.text[:600].splitlines() if line.strip()][:8]
    for i, line in enumerate(lines):
        if line.endswith((".", "?", "!", "”", '"')) or len(line.split()) > 10:
            break                                  # the statement itself has begun
        name, _, role = line.partition(",")
        name = name.strip()
        framed = i > 0 and HEADER_KINDS.fullmatch(lines[i - 1])
        # under "Press Statement" a name the entity model missed still reads as one
        if (name in persons or framed and PERSON_LINE.fullmatch(name) and not ctx.gazetteer.lookup(name)) \
                and 2 <= len(name.split()) <= 5:
            role = role.strip()
            if not role and i + 1 < len(lines) and _header_role(lines[i + 1]):
                role = lines[i + 1]
            # a name alone is a byline unless a role or a "Press Statement" line frames it
            if role or framed:
                return name, role or None
    texts = [s.text for s in ctx.sentences[:3]]
    if ctx.title_doc is not None:
        texts.append(ctx.title_doc.text)
        persons |= {e.text for e in ctx.title_doc.ents if e.label_ == "PERSON"}
    for text in texts:
        m = STATEMENT_BY.match(text)
        if m:
            named = [p for p in persons if p in m.group(1)]
            if named:
                name = min(named, key=m.group(1).find)
                role = m.group(1)[: m.group(1).find(name)].strip() or None
                return name, role
            if text is texts[-1] and ctx.title_doc is not None:
                return None                        # "Statement on the attack in Kabul"
            return m.group(1).strip().splitlines()[0], None
    return None


def _header_role(line: str) -> bool:
    """"Department Spokesperson" below a name, not "Washington, DC" or the date."""
    words = line.split()
    return (len(words) <= 10 and not re.search(r"\d", line) and not HEADER_KINDS.fullmatch(line)
            and any(w.lower().strip(",") in TITLE_WORDS | ROLE_NOUNS for w in words))


def _scope(verb: Token) -> set[int]:
    scope = {t.i for t in verb.subtree}
    # Reported speech stretches over the whole sentence when the verb is its main verb.
    if verb.dep_ == "ROOT" or verb.head == verb:
        scope |= set(range(verb.sent.start, verb.sent.end))
    return scope


def _statement_text(verb: Token, subj: Token) -> str:
    content = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if content is not None:
        tokens = [t for t in content.subtree if not (t.dep_ == "mark" and t.lower_ == "that" and t.head == content)]
        return span_text(tokens).strip(" ,.“”\"")
    skip = {t.i for t in subj.subtree}
    tokens = [t for t in verb.subtree if t.i not in skip and not (t.is_punct and t.i == verb.sent.end - 1)]
    return span_text(tokens).strip(" ,.“”\"")


def _quotes_in(sent) -> list[str]:
    text = sent.text
    out = re.findall(r"[“\"]([^”\"]{12,})[”\"]", text)
    return [q.strip(" ,.") for q in out]


# ------------------------------------------------------------------------------------------ merging

def _key_tokens(name: str) -> set[str]:
    words = re.findall(r"[\w’'-]+", name.lower())
    out = set()
    for w in words:
        cc = country_of_word(w) if w[:1].isalpha() else None
        out.add(f"cc:{cc}" if cc else w)
    return out - {"the", "of", "in", "for", "a", "an"}


def _canonical_org(name: str) -> str:
    n = re.sub(r"\bMinistry of (\w+)\b", lambda m: f"{m.group(1)} Ministry", name)
    n = re.sub(r"\bDefence\b", "Defense", n)
    return n


def _merge_speakers(claims: list[FoundClaim], ctx: Context) -> None:
    names = []
    for c in claims:
        if c.by not in names:
            names.append(c.by)
    canon = {n: n for n in names}
    persons = [c.by for c in claims if c.is_person]
    for n in names:
        # "Khowarazmi" / "President Aristide" -> the full name mentioned elsewhere
        last = n.split()[-1]
        if ctx.gazetteer.lookup(n) or country_of_word(n):
            continue            # "Pakistan" is no surname of "Security sources in Pakistan"
        full_names = persons + [_split_honorifics(e.text)[0] for e in ents_of(ctx.doc)
                                if e.label_ == "PERSON" and len(e.text.split()) > 1]
        longer = [p for p in full_names if p != n and p.split()[-1] == last and len(p) > len(n)
                  and (len(n.split()) == 1 or n.split()[0].lower() in TITLE_WORDS or n.split()[0] in p)]
        if longer:
            canon[n] = max(longer, key=len)
    # "SCPC" = "Sahel Civilian Protection Coalition"; "police" = "National Police"
    spelled_out = {m.group(2): m.group(1).strip() for m in re.finditer(
        r"((?:[A-Z][\w.'’-]*\s+)*[A-Z][\w.'’-]*)\s+\(([A-Z][A-Za-z]{1,9})\)", ctx.text)}
    for n in names:
        if n.isupper() and 2 <= len(n) <= 6:
            for other in names:
                initials = "".join(w[0] for w in other.split() if w[:1].isupper())
                if other != n and initials == n:
                    canon[n] = other
        # "U.S. Africa Command (AFRICOM)": the text spells the acronym out
        if n in spelled_out and spelled_out[n] in names and spelled_out[n] != n:
            canon[n] = spelled_out[n]
        # "rebels" when the report names one armed group, "military officials" beside "the Sri Lankan military"
        if n.lower() in ("rebels", "militants", "insurgents", "the rebels", "rebel sources", "the group"):
            groups = [o for o in names if o != n and _known_group(o)]
            if len(groups) == 1:
                canon[n] = groups[0]
        if n.lower() in ("military officials", "army officials", "military sources", "army sources"):
            body = n.split()[0].lower()
            forces = [o for o in names if o != n and len(o.split()) > 1 and o.split()[-1].lower() == body]
            if len(forces) == 1:
                canon[n] = forces[0]
        words = n.split()
        if len(words) == 1 and n.lower() in ("police", "army", "military", "ministry", "government", "command",
                                               "council", "coalition", "agency", "administration"):
            longer = [o for o in names if o != n and len(o.split()) > 1 and o.split()[-1].lower() == n.lower()]
            if len(longer) == 1:
                canon[n] = longer[0]
    # "Africa Command" = "U.S. Africa Command" (a name the report gives in full elsewhere)
    org_names = sorted({_strip_det(e.text) for e in ents_of(ctx.doc) if e.label_ == "ORG"})
    for n in names:
        if len(n.split()) >= 2 and n[:1].isupper():
            # (but "Spokesman for the Secretary-General" is another voice than the Secretary-General's)
            longer = sorted({o for o in names + org_names if o != n and o.endswith(" " + n) and o[:1].isupper()
                             and "," not in o and not re.search(r"\b(for|to)( the)?$", o[: -len(n)].strip())})
            if len(longer) == 1 and canon[n] == n:
                canon[n] = longer[0]
    # "Afghan Defense Ministry" = "Afghan Ministry of Defense"
    by_org_key: dict[frozenset, str] = {}
    for n in names:
        key = frozenset(_key_tokens(_canonical_org(n)))
        if len(key) >= 2 and key in by_org_key and canon[n] == n:
            canon[n] = by_org_key[key]
        else:
            by_org_key.setdefault(key, n)
    generic = {}
    for n in names:
        words = n.lower().split()
        if not words:
            continue
        key = frozenset(_key_tokens(_canonical_org(n)) - GENERIC_SOURCES - {"security"} )
        if words[-1] in GENERIC_SOURCES or (len(words) > 2 and words[-3:-1] == ["sources", "in"]) or "sources" in words:
            # "officials in Kabul" = "Kabul sources", but "witnesses" are not "local officials"
            generic_word = next((w for w in reversed(words) if w in GENERIC_SOURCES), words[-1])
            informant = generic_word in ("source", "sources", "official", "officials", "medic", "medics")
            full = (frozenset(_key_tokens(n) - GENERIC_SOURCES), informant)
            if full in generic:
                canon[n] = generic[full]
            else:
                generic[full] = n
            # "an Afghan Defense official" speaks for "the Afghan Ministry of Defense"
            for other in names:
                if other != n and other.split()[-1].lower() not in GENERIC_SOURCES and key and \
                        key <= _key_tokens(_canonical_org(other)) and len(key) >= 2:
                    canon[n] = other
                    break
    # "Officials say ..." after "Officials in Nigeria say ...": the bare word is the one qualified source
    for n in names:
        words = n.lower().split()
        if len(words) == 1 and words[0] in GENERIC_SOURCES and canon[n] == n:
            # "Officials in Nigeria", not "Military officials" (another source)
            fuller = [o for o in names if o != n and canon[o] == o and o.lower().startswith(words[0] + " ")]
            if len(fuller) == 1:
                canon[n] = fuller[0]
    # a capital speaking for its country: "Islamabad" = "Pakistan"
    for n in names:
        for place in ctx.gazetteer.lookup(n):
            if place.capital_of:
                country = ctx.gazetteer.countries.get(place.capital_of)
                if country and any(country.name == m or country_of_word(m) == place.capital_of and len(m.split()) == 1
                                   for m in names if m != n):
                    target = next(m for m in names if m != n and (m == country.name or country_of_word(m) == place.capital_of))
                    canon[n] = target
                break
    for c in claims:
        seen = set()
        while canon.get(c.by, c.by) != c.by and c.by not in seen:
            seen.add(c.by)
            c.by = canon[c.by]
    # one speaker, one role: "Khowarazmi said" keeps the role given where he was introduced
    roles: dict[str, str] = {}
    for c in claims:
        if c.role and c.by not in roles:
            roles[c.by] = c.role
    for c in claims:
        if not c.role and c.by in roles:
            c.role = roles[c.by]


def claimant_for(token: Token, claims: list[FoundClaim]) -> str | None:
    """The source a fact at `token` is attributed to: the innermost claim whose scope holds it."""
    best = None
    for c in claims:
        if token.i in c.scope and c.sent_start == token.sent.start:
            if best is None or (not c.direct, len(c.scope)) < (not best.direct, len(best.scope)):
                best = c
    return best.by if best else None
