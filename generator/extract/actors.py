"""The parties that fought, attacked, were attacked or protested, normalised, with ACLED kinds.

A noun phrase is an actor candidate when the parse ties it to a violent, protest or agreement
verb or noun: its subject, object, agent, or an "against"/"on"/"with" phrase; the group that
"claimed responsibility" or was "blamed" is one too. Mentions then fold into parties:

- a named group anywhere in the phrase wins ("Taliban-led Afghan forces", "Abu Sayyaf
  extremists", "the Jaime Martínez front", "Wazalendo militias");
- a state's forces are one party per country ("Pakistani soldiers" = "Pakistan Army outposts"),
  named after the organisation the report names, else the report's own words ("Russian forces");
- generic attackers ("rebels", "gunmen", "the bomber") are the one armed group the report names,
  when it names exactly one;
- civilians are a party only as victims or targets.

Third parties that only comment are sources (claims.py), not actors.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Token

from .actor_words import (
    VIOLENT_VERBS, ASPECT_VERBS, ARMED_WORDS, PROTEST_VERBS, AGREEMENT_VERBS, EVENT_NOUNS,
    FORCE_NOUNS, POLICE_NOUNS, STATE_PLACES, STATE_NOUNS, NONSTATE_NOUNS, MILITIA_NOUNS,
    PROTEST_NOUNS, RIOT_NOUNS, CIVILIAN_NOUNS, ALL_ACTOR_NOUNS, GROUP_HEADS, SINGULAR_FORCES,
    KNOWN_VERBS, AIRCRAFT, STRIKE_NOUNS, COLLECTIVE_NONSTATE,
)
from .context import Context, ents_of, span_text
from .demonyms import country_of_word, demonym_of, known_groups

# Well-known armed groups and their ACLED actor kinds (data/armed_groups.tsv); a report's own
# named groups are found too.
KNOWN_GROUPS = known_groups()
# One pass over a report finds them all; longer aliases first ("al-qaeda in iraq" before "al-qaeda").
_KNOWN_GROUP_NAMES = re.compile(r"(?<![\w-])(?:" + "|".join(
    re.escape(k) for k in sorted(KNOWN_GROUPS, key=len, reverse=True)) + r")(?![\w-])")
_ALIASES_WITHIN = {alias: [k for k in KNOWN_GROUPS if re.search(r"(?<![\w-])" + re.escape(k) + r"(?![\w-])", alias)]
                   for alias in KNOWN_GROUPS}


TALIBAN_GOVERN = __import__("datetime").date(2021, 8, 15)


@dataclass
class ActorMention:
    key: str
    name: str
    kind: str
    country: str | None = None
    count: int = 1
    first: int = 0
    named: bool = False
    surfaces: Counter = field(default_factory=Counter)
    acted: bool = False          # some mention did the violence ("agent"), not only suffered it


def incident_actors(ctx: Context, place_countries: set[str], event_type: str = "other", event_date=None,
                    event_subtype: str | None = None):
    from ..summary import Actor

    doc = ctx.doc
    led_by = _led_by(ctx.text)
    groups = _named_groups(ctx)
    main_cc = _main_country(ctx, place_countries)
    found: dict[str, ActorMention] = {}
    # another day's events have other parties, but a development (a release, arrests, a deal) is
    # about the parties of the violence before it: "abducted by armed men on June 2 ... released Saturday"
    elsewhere = {t for i, sent in enumerate(ctx.sentences) if i and ctx.about_another_day(i, event_date)
                 for t in range(sent.start, sent.end)} if event_type != "strategic-developments" else set()
    for tok in doc:
        if ctx.is_background(tok) or tok.idx < ctx.dateline_end or tok.i in elsewhere:
            continue
        if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and not _striking_country(tok) and not (
                tok.lower_ in MILITIA_NOUNS | NONSTATE_NOUNS and tok.head.lemma_.lower() in EVENT_NOUNS):
            continue                     # the phrase is read from its head ("Allied Democratic Forces"), but
                                         # "the militia raid" names who raided
        if tok.i in ctx.quoted:
            continue                     # '"a gathering of apostate militias"' is a claim's wording
        speaker = _speaker_of_pronoun(tok)
        if speaker is not None:
            tok = speaker                # "Chad's army says it has annihilated rebels": the army did
        role = _role(tok) if speaker is None else "agent"
        if role is None or role == "victim-negated":
            continue
        mention = _normalise(tok, role, ctx, led_by, groups, main_cc)
        if mention is None:
            continue
        for mention in _each_country(tok, mention):
            mention.acted = role == "agent"
            _add_mention(found, mention, tok)
    only_group = _only_group_named(ctx, groups)
    actors = _fold_generic(found, only_group)
    if only_group is not None and event_type in VIOLENT_TYPES and not any(a.kind in NONSTATE_KINDS for a in actors) \
            and any(re.search(r"\b" + re.escape(key) + r"\b", sentence) and not _HEARSAY_BLAME.search(sentence)
                    for sentence in [part.lower().replace("’", "'") for part in _lead_parts(ctx)]
                    for key, (name, _) in groups.items()
                    if name == only_group.name):
        # "These despicable acts demonstrate yet again the brutality of Boko Haram": the one armed group
        # the lead names is the one the violence is laid on, whatever verb names it
        only_group.first = len(doc)
        actors.append(only_group)
    unnamed = _unnamed_terrorists(ctx)
    named_anywhere = any(kind in NONSTATE_KINDS for _, kind in groups.values())
    if unnamed is not None and not named_anywhere and not any(a.kind in NONSTATE_KINDS for a in actors):
        # "the terrorist attack in Kunar": the attackers are a party even when the report names no group
        actors.append(ActorMention(key="nonstate-generic", name="terrorists", kind="rebel-groups", first=unnamed))
    if event_type == "explosions-remote-violence" and not any(a.kind in NONSTATE_KINDS for a in actors) and (
            event_subtype == "suicide-bomb" or SUICIDE_ATTACK.search(_lead(ctx))):
        # "A suicide bombing ... killed 25": whoever sent them, the bomber is the party that attacked
        many = SUICIDE_BOMBERS.search(ctx.text)
        actors.append(ActorMention(key="nonstate-generic", name="suicide bombers" if many else "suicide bomber",
                                   kind="rebel-groups", first=len(doc)))
    if event_type in ("violence-against-civilians", "battles") and unnamed is None and \
            UNNAMED_ATTACKERS.search(ctx.text) and \
            not any(a.acted or a.kind in NONSTATE_KINDS or a.kind == "external-forces" for a in actors):
        # "we call for those responsible to be brought to justice": the report speaks of attackers it
        # never names (of civilians, or of the police officers it mourns)
        word = "kidnappers" if event_subtype == "abduction-forced-disappearance" else "attackers"
        actors.append(ActorMention(key="nonstate-generic", name=word, kind="rebel-groups", first=len(doc)))
    if event_type == "violence-against-civilians" and not any(a.kind == "civilians" for a in actors) and \
            _PEOPLE_HIT.search(ctx.text):
        # an attack on people the report only counts ("killing at least eight people"): its victims
        # are a party, the civilians
        actors.append(ActorMention(key="civilians", name="civilians", kind="civilians", first=len(doc)))
    if event_type == "explosions-remote-violence" and _PEOPLE_HIT.search(ctx.text) and not any(
            a.kind == "civilians" or a.kind in ("state-forces", "external-forces") and not a.acted or
            a.kind in NONSTATE_KINDS and not re.search(r"bomber|attacker|terrorist|perpetrator", a.name, re.I)
            for a in actors) and not FORCES_HIT.search(_telling_of_the_hit(ctx)):
        # a blast or an air strike that killed people, with no forces or fighters named as its target
        # (nor anyone but the bomber or the air force that struck as a party): the people were civilians
        actors.append(ActorMention(key="civilians", name="civilians", kind="civilians", first=len(doc)))
    if event_type == "explosions-remote-violence" and event_subtype == "remote-explosive-landmine-ied" and \
            any(a.kind == "civilians" for a in actors) and not any(
                a.acted or a.kind in NONSTATE_KINDS or a.kind in ("state-forces", "external-forces") for a in actors):
        # a bomb among people, set by no one the report names: the bombers are the party that attacked
        actors.append(ActorMention(key="nonstate-generic", name="bombers", kind="rebel-groups", first=len(doc)))
    if event_type in ("protests", "riots") and not any(a.kind in ("protesters", "rioters") for a in actors):
        # a riot always has rioters, whatever the report calls them ("supporters", "a mob"), and a
        # protest its protesters, even when the report only speaks of "the demonstration"
        kind = "rioters" if event_type == "riots" else "protesters"
        low = ctx.text.lower()
        name = "demonstrators" if low.count("demonstrat") > low.count("protest") else "protesters"
        if kind == "rioters" and (low.count("rioter") or low.count("mob")) >= low.count("protester") + low.count(
                "demonstrator"):
            name = "rioters"             # named as the report names them: protesters who rioted stay protesters
        actors.append(ActorMention(key=kind, name=name, kind=kind, first=len(doc)))
    if event_type == "strategic-developments" and event_subtype == "agreement":
        actors = _agreement_sides(ctx, actors)
    actors.sort(key=lambda a: a.first)
    actors = _fold_acronyms(actors)
    actors = _fold_loyalists(actors)
    out = []
    # "Darfur" (a proper name the parse took for a party) is a place, not an actor
    actors = [a for a in actors if a.named or not a.name[:1].isupper() or a.name.split()[-1].lower() in
              ALL_ACTOR_NOUNS or not ctx.gazetteer.lookup(a.name)]
    # "the same MQ-9s", "F-16s": aircraft models, not parties
    actors = [a for a in actors if not re.fullmatch(r"[A-Z][A-Za-z]{0,2}-\d+[A-Z]?s?", a.name)]
    # "forces" alone names no one
    actors = [a for a in actors if _display_name(a).lower() not in ("force", "forces", "unit", "units", "personnel")]
    for a in actors[:5]:
        kind = a.kind
        if a.name == "Taliban" and ctx.published and ctx.published >= TALIBAN_GOVERN and (
                main_cc == "AF" or "AF" in place_countries):
            kind = "state-forces"        # Afghanistan's forces since August 2021
        if kind == "state-forces" and a.country and main_cc and a.country != main_cc and a.country not in place_countries:
            kind = "external-forces"
        out.append(Actor(name=_display_name(a), kind=kind))
    return out


# verbs that say what armed men did only through their object ("conducting checks", "carried out")
GENERIC_DEEDS = {"conduct", "launch", "take", "carry", "block", "set", "stage", "open", "hunt", "pursue", "chase",
                 "arrest", "detain", "disperse", "advance", "withdraw", "engage", "target", "mount", "commit"}
# (not the forces that struck: "a Burma military airstrike", "shelling by the army")
FORCES_HIT = re.compile(r"(?<!by )(?<!by the )\b(police|policem[ae]n|soldiers?|troops|military|army|security forces|recruits|"
                        r"checkpoint|convoy|patrol|base|fighters|militants|agents|security|ministry|government offices|"
                        r"headquarters)\b(?! (air ?strikes?|strikes?|"
                        r"drones?|aircraft|jets?|warplanes?|helicopters?|shelling|artillery|bombardment|bombing|rockets?|"
                        r"missiles?))", re.I)
_PEOPLE_HIT = re.compile(r"\b(?:(?:killing|killed|wounding|wounded|injuring|injured|abducting|abducted|kidnapping|"
                         r"kidnapped)\s+(?:at least |more than |some |about |nearly |over )?[\w,-]+\s+(?:people|persons)|"
                         r"(?:people|persons)\s+(?:are|were|have been|had been)\s+(?:reported\s+)?(?:killed|dead|wounded|injured|"
                         r"abducted|kidnapped)|"
                         r"the victims|victims were)\b", re.I)


def _agreement_sides(ctx: Context, actors: list[ActorMention]) -> list[ActorMention]:
    """A deal's parties are its sides: two or more read from the lead replace the parties found by
    violence words (which in a deal's report are its background); a lone one joins them."""
    from .agreements import agreement_parties

    parties = agreement_parties(ctx)
    sides = [ActorMention(key="party:" + p.name.lower(), name=p.name, kind=p.kind, first=p.first, named=True)
             for p in parties]
    if len(sides) >= 2:
        return sides
    # a lone side joins only when it is named: "rival armed groups" adds nothing to the brigades found
    sides = [s for s, p in zip(sides, parties) if p.named]
    return sides + [a for a in actors if not any(_display_name(a).lower() == s.name.lower() for s in sides)]


_LOYAL_TO = [re.compile(p) for p in (
    r"^(?:forces|troops|fighters|militias?|soldiers) loyal to (?:[\w.-]+ ){0,4}?([A-Z][\w'’-]+)$",
    r"^pro-([A-Z][\w'’-]+) (?:forces|troops|fighters|militias?|soldiers)$",
    r"^(?:Mr\.? |Mrs\.? |Ms\.? |President |General |Gen\.? )?([A-Z][\w'’-]+?)(?:['’]s)? (?:forces|troops|fighters|militias?|soldiers)$",
)]


def _loyal_to(name: str) -> str | None:
    """The leader a side is named after: "Forces loyal to Libyan leader Moammar Gadhafi", "pro-Gadhafi
    forces" and "Mr. Gadhafi's forces" are all Gadhafi's."""
    for pattern in _LOYAL_TO:
        m = pattern.match(name)
        if m and not country_of_word(m.group(1)):
            return m.group(1).lower()
    return None


def _fold_loyalists(actors: list[ActorMention]) -> list[ActorMention]:
    """One party per leader the forces are loyal to, named as the report first names it."""
    out: list[ActorMention] = []
    seen: dict[str, ActorMention] = {}
    for a in actors:
        leader = _loyal_to(_display_name(a))
        if leader is not None and leader in seen:
            seen[leader].count += a.count
            seen[leader].acted = seen[leader].acted or a.acted
            continue
        if leader is not None:
            seen[leader] = a
        out.append(a)
    return out


_HIT_WORDS = re.compile(r"\b(bomb\w*|blasts?|explo\w+|killed|killing|dead|died|injured|injuring|wounded|wounding|"
                        r"attack\w*|strikes?|hit|targeted|targeting)\b", re.I)


def _telling_of_the_hit(ctx: Context) -> str:
    """The headline and those of the first four sentences that tell the blast or its toll: where a
    report says whom it hit (not "Police later sealed off the area")."""
    title = ctx.title_doc.text if ctx.title_doc is not None else ""
    told = [sent.text for sent in ctx.telling[:4] if _HIT_WORDS.search(sent.text)]
    return " ".join([title] + told)


# "similar attacks often are blamed on the Taliban": a habit of blame, not this attack's author
_HEARSAY_BLAME = re.compile(r"\b(similar|such|previous|past|earlier|other) (attacks|bombings|incidents|violence)\b|"
                            r"\b(often|usually|typically|frequently|generally|commonly|previously)\b|"
                            r"\bno (one|group)\b|\bno claim\b", re.I)


def _lead_parts(ctx: Context) -> list[str]:
    """The headline and the first two sentences that say something: what the report is about."""
    title = [ctx.title_doc.text] if ctx.title_doc is not None else [""]
    return title + [sent.text for sent in ctx.telling[:2]]


def _lead(ctx: Context) -> str:
    return " ".join(_lead_parts(ctx))


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w’'-]*", name)
                   if w.lower() not in ("and", "of", "the", "for", "in", "de", "du", "des", "la", "le"))


def _fold_acronyms(actors: list[ActorMention]) -> list[ActorMention]:
    """"Justice and Equality Movement" and "JEM" in one report are one party, named as first met."""
    out: list[ActorMention] = []
    for a in actors:
        twin = next((b for b in out if a.named and b.named and (
            a.name.isupper() and len(a.name) > 1 and _initials(b.name).upper() == a.name
            or b.name.isupper() and len(b.name) > 1 and _initials(a.name).upper() == b.name)), None)
        if twin is None:
            out.append(a)
        else:
            twin.count += a.count
            twin.acted = twin.acted or a.acted
    return out


def _add_mention(found: dict[str, ActorMention], mention: ActorMention, tok: Token) -> None:
    mention.key = mention.key.replace("’", "'")      # "Lord’s Resistance Army" = "Lord's Resistance Army"
    have = found.get(mention.key)
    if have is None:
        mention.first = tok.i
        found[mention.key] = mention
        return
    have.count += 1
    have.acted = have.acted or mention.acted
    have.surfaces.update(mention.surfaces)
    if have.name.endswith(" men") and not mention.name.endswith(" men") and not mention.named:
        have.name = mention.name         # "assailants" names them better than "armed men"
    if mention.named and not have.named:
        have.name, have.named = mention.name, True


def _each_country(tok: Token, mention: ActorMention) -> list[ActorMention]:
    """"Ethiopian and Somali government soldiers" are two parties, one per country."""
    first = next((c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and country_of_word(c.text)
                  and c.i < tok.i), None)   # "Ethiopian and Somali soldiers", "U.S. and Nigerien forces"
    if first is None or mention.named or not mention.key.startswith(("state", "police", "external")):
        return [mention]
    demonyms = [first] + [c for c in first.conjuncts if c.i > first.i and country_of_word(c.text)]
    if len(demonyms) < 2:
        return [mention]
    last = max(d.i for d in demonyms)
    rest = " ".join(t.text for t in tok.doc[last + 1: tok.i + 1])
    out = []
    for d in demonyms:
        cc = country_of_word(d.text)
        name = f"{d.text} {rest}"
        out.append(ActorMention(key=f"{mention.key.split(':')[0]}:{cc}", name=name, kind=mention.kind, country=cc,
                                named=True))
    return out


SAY_VERBS = {"say", "claim", "announce", "report", "state", "confirm"}


def _speaker_of_pronoun(tok: Token) -> Token | None:
    """The speaker a subject pronoun stands for: "the military said it killed 20 militants"."""
    if tok.lower_ not in ("it", "they") or tok.dep_ != "nsubj" or verb_lemma(tok.head) not in VIOLENT_VERBS:
        return None
    clause = tok.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SAY_VERBS:
        return None
    subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in FORCE_NOUNS | POLICE_NOUNS | NONSTATE_NOUNS | MILITIA_NOUNS and \
            subject.lower_ not in KNOWN_GROUPS:
        return None                      # an army or a group that tells what it did, not "officials"
    return subject


def _display_name(a: ActorMention) -> str:
    return _tidy(_chosen_name(a))


def _tidy(name: str) -> str:
    """No quotation marks, no dangling relative pronoun ("gangs that"), no half parenthesis."""
    if "(" in name and ")" not in name:
        name = name.split("(")[0]
    name = name.strip(" \"'“”‘’,.;:()–—-")
    name = re.sub(r"^[’']?s\s+", "", name)          # "the worker's guards" read from the possessive on
    name = re.sub(r"\s+(that|who|which|whom)$", "", name)
    name = re.sub(r"\s+(today|yesterday|tonight|(on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday))$",
                  "", name, flags=re.I)     # "Muslim insurgents today"
    if name[:1].isupper() and all(w in ALL_ACTOR_NOUNS | {"security", "government", "armed"}
                                  for w in name.lower().split()):
        name = name.lower()              # "Gunmen", "Security forces" at the start of a sentence
    return name.strip(" \"'“”‘’") or name


def _chosen_name(a: ActorMention) -> str:
    if a.named or not a.surfaces:
        return a.name
    if a.key.startswith(("state:", "police:")):
        with_country = [s for s, _ in a.surfaces.most_common() if any(
            country_of_word(w) for w in s.split()) and s.split()[-1].lower() in FORCE_NOUNS | POLICE_NOUNS]
        if with_country:
            return with_country[0]
        # the most frequent wording; a bare "officers" says less than "municipal police officers"
        plain = [s for s, _ in sorted(a.surfaces.items(), key=lambda kv: (-kv[1], kv[0].lower() == "officers"))
                 if s.split()[-1].lower() in FORCE_NOUNS | POLICE_NOUNS]
        if plain:
            return _plural(plain[0])
    return a.name


def _plural(name: str) -> str:
    """A party is a body of people: "a soldier was killed" still names the soldiers."""
    words = name.split()
    words[-1] = SINGULAR_FORCES.get(words[-1].lower(), words[-1])
    return " ".join(words)


def _main_country(ctx: Context, place_countries: set[str]) -> str | None:
    if len(place_countries) == 1:
        return next(iter(place_countries))
    if ctx.countries:
        return max(ctx.countries, key=ctx.countries.get)
    return None


def _led_by(text: str) -> dict[str, str]:
    """"Taliban-led Afghan forces": Afghan forces are the Taliban."""
    out = {}
    for m in re.finditer(r"\b([A-Z][\w-]+)-led\s+([A-Z]\w+)\s+(forces|troops|army|military|government)", text):
        cc = country_of_word(m.group(2))
        if cc:
            out[cc] = m.group(1)
    return out


def _named_groups(ctx: Context) -> dict[str, tuple[str, str]]:
    """Named non-state groups in the report: known ones, and "rebel group, the X (ABC)"."""
    out = {}
    text = ctx.text
    low = text.lower().replace("’", "'")
    for m in _KNOWN_GROUP_NAMES.finditer(low):
        for key in _ALIASES_WITHIN[m.group(0)]:          # "al-qaeda in iraq" also names "al-qaeda"
            out[key] = KNOWN_GROUPS[key]
    # "al-Qaeda" in a report about "al-Qaeda in the Arabian Peninsula" is that branch
    for key in list(out):
        longer = [k for k in out if k != key and k.startswith(key + " ")]
        if longer:
            out[key] = out[max(longer, key=len)]
    for m in re.finditer(r"\b(?:rebel|militant|armed|insurgent|jihadist|extremist|separatist|terrorist)\s+"
                         r"(?:group|movement|organi[sz]ation|faction|coalition|alliance)s?\s*,?\s+(?:the\s+)?"
                         r"([A-Z][\w'’-]+(?:\s+(?:(?:of|for)\s+(?:the\s+)?|the\s+)?[A-Z][\w'’-]+)*)(?:\s*\(([A-Z][\w-]+)\))?", text):
        full, short = m.group(1), m.group(2)
        name = short or full
        out[name.lower()] = (name, "rebel-groups")
        out[full.lower()] = (name, "rebel-groups")
    return out


def verb_lemma(tok: Token) -> str:
    """The lemma, or the plain form of a known verb the small model lemmatised wrongly ("staged" -> "stag")."""
    lemma = tok.lemma_.lower()
    if lemma in KNOWN_VERBS or tok.pos_ not in ("VERB", "AUX"):
        return lemma
    low = tok.lower_
    for form in (low[:-1], low[:-2], low[:-3] + "e", low[:-3]):
        if form in KNOWN_VERBS and low.endswith(("s", "d", "ing")):
            return form
    return lemma


def _role(tok: Token) -> str | None:
    """How a noun is tied to the incident ("agent", "target", "victim"), or None."""
    if tok.pos_ not in ("NOUN", "PROPN") and not (tok.like_num and tok.dep_ in ("nsubj", "nsubjpass", "dobj")) \
            and not (tok.ent_type_ in ("GPE", "NORP") and tok.head.lemma_.lower() in AIRCRAFT):
        return None                      # (but "Russian drones struck": the adjective names who struck)
    dep = tok.dep_
    head = tok.head
    hlemma = verb_lemma(head)
    if dep in ("compound", "amod", "nmod") and head.pos_ in ("NOUN", "PROPN") and head.i != tok.i:
        if head.lemma_.lower() in AIRCRAFT and tok.ent_type_ in ("GPE", "NORP"):
            return _role(head)           # "a Myanmar military aircraft bombed ...": its country struck
        if head.lower_ in ALL_ACTOR_NOUNS | GROUP_HEADS or hlemma in EVENT_NOUNS:
            return _role(head) if head.lower_ in ALL_ACTOR_NOUNS | GROUP_HEADS else "agent"
        return None
    if dep == "poss" and (hlemma in EVENT_NOUNS or head.lower_ in ALL_ACTOR_NOUNS):
        return "agent"
    if dep in ("nsubj", "nsubjpass", "dobj") and hlemma in VIOLENT_VERBS | PROTEST_VERBS | AGREEMENT_VERBS:
        negated = any(t.lower_ in ("no", "not", "n't", "never") for t in tok.doc[tok.sent.start: tok.i])
        if any(c.dep_ == "det" and (c.lower_ == "no" or c.lower_ == "any" and negated) for c in tok.children):
            return "victim-negated"
        return "agent" if dep == "nsubj" else "target"
    if dep == "nsubj" and hlemma == "destroy":
        return "agent"                   # "forces destroyed two Houthi drones" (what was destroyed is a thing)
    if dep == "nsubj" and hlemma == "claim" and any(c.lower_ == "responsibility" for c in head.children):
        return "agent"
    if dep == "nsubj" and hlemma in ASPECT_VERBS and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in VIOLENT_VERBS for c in head.children):
        return "agent"
    if dep == "nsubj" and hlemma == "be" and any(c.dep_ == "acomp" and c.lower_ == "responsible" for c in head.children):
        return "agent"                   # "terrorists were responsible"
    if dep == "dobj" and hlemma in ("blame", "accuse"):
        return "agent"                   # "blamed the Saudi-led coalition"
    if dep == "pobj":
        prep = head
        gov = prep.head
        glemma = verb_lemma(gov)
        if prep.lower_ in ("on", "to") and glemma in ("blame", "attribute"):
            return "agent"
        if prep.dep_ == "agent" and glemma in VIOLENT_VERBS:
            return "agent"               # "the village was attacked by herdsmen"
        if prep.lower_ in ("with", "alongside") and glemma in ("partnership", "coordination", "partner", "coordinate",
                                                              "support", "cooperation", "conjunction", "conduct"):
            return "agent"               # "in partnership with the Iraqi Security Forces"
        if prep.lower_ == "alongside":
            return "agent"
        if prep.lower_ in ("against", "on", "with", "by", "between", "at") and (
                glemma in EVENT_NOUNS or glemma in VIOLENT_VERBS | AGREEMENT_VERBS):
            return "target"
        if prep.lower_ == "of" and glemma in ("massacre", "killing", "abduction", "kidnapping", "attack",
                                               "death", "members", "member", "fighters", "supporters"):
            return "victim" if glemma in ("death", "killing") else _role(gov) if gov.pos_ == "NOUN" and glemma in (
                "members", "member", "fighters", "supporters") else "target"
        if prep.lower_ == "into" and glemma in ("fire", "open", "shoot"):
            return "target"
        if prep.lower_ == "of" and (glemma in ("crowd", "crowds", "group", "dozen", "dozens", "hundreds", "thousands",
                                               "some", "many", "most", "all", "several", "gathering", "position",
                                               "positions", "base", "camp", "hideout", "convoy") or gov.like_num):
            return _role(gov)
    if dep in ("conj", "appos"):
        return _role(head)
    # "police are seeking the gunmen who stormed a funeral": the relative clause tells what they did
    for rel in tok.children:
        if rel.dep_ == "relcl" and verb_lemma(rel) in VIOLENT_VERBS - GENERIC_DEEDS and any(
                c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in rel.children):
            return "agent"
    if dep in ("nsubj", "nsubjpass") and hlemma in ("kill", "die", "wound", "injure", "abduct", "kidnap", "behead"):
        return "victim"
    if dep == "nsubj" and hlemma == "be" and any(
            c.lower_ == "among" and any(x.lower_ in ("dead", "killed", "wounded", "injured", "victims", "casualties")
                                        for x in c.subtree) for c in head.children):
        return "victim"
    if dep == "attr" and hlemma == "be":
        return None
    return None


def _phrase_tokens(tok: Token) -> list[Token]:
    """The noun phrase of `tok` up to its first clause, preposition, apposition or conjunct (and
    without the words that lead into it: "the rebel group Niger Movement" is "the rebel group")."""
    cut = None
    for t in tok.subtree:
        if t.i > tok.i and t.dep_ in ("prep", "relcl", "acl", "punct", "cc", "conj", "appos") \
                and not _name_goes_on(tok, t):   # "Niger Movement for Justice": 'for Justice' is part of the name
            cut = max(tok.i + 1, t.left_edge.i)
            break
    return [t for t in tok.subtree if (cut is None or t.i < cut)
            and (t.i <= tok.i or t.dep_ != "prep" or _name_goes_on(tok, t))]


def _name_goes_on(head: Token, t: Token) -> bool:
    """'of' or 'for' right after a capitalised group name, before a capitalised word that ends the
    phrase: "Movement for Justice", "Front for the Liberation of Congo"."""
    if t.dep_ != "prep" or t.lower_ not in ("of", "for") or t.head.i != head.i or t.i != head.i + 1:
        return False
    if head.pos_ != "PROPN" or head.lower_ not in GROUP_HEADS:
        return False
    rest = list(t.subtree)[1:]
    return bool(rest) and all(x.text[:1].isupper() or x.lower_ in ("the", "of", "and") for x in rest)


def _group_match(text: str, groups) -> tuple[str, str] | None:
    low = text.lower().replace("’", "'")
    for key in sorted(groups, key=len, reverse=True):
        if re.search(r"(?<![\w-])" + re.escape(key) + r"(?![\w-])", low):
            return groups[key]
    return None


def _known_as(tok: Token) -> str | None:
    """"armed youth known as the White Army" -> "White Army"."""
    for c in tok.children:
        if c.dep_ == "acl" and c.lemma_.lower() in ("know", "call", "name"):
            for p in c.children:
                if p.lower_ == "as":
                    pobj = next((x for x in p.children if x.dep_ == "pobj"), None)
                    if pobj is not None:
                        return span_text([t for t in pobj.subtree if t.dep_ != "det"])
    return None


def _acronym_after(last: Token) -> str | None:
    """"... Forces of Colombia (FARC)": the acronym the report itself uses."""
    doc = last.doc
    i = last.i + 1
    # skip "of Colombia"
    if i < len(doc) and doc[i].lower_ == "of":
        i += 1
        while i < len(doc) and doc[i].text[:1].isupper():
            i += 1
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 1].text.isupper():
        return doc[i + 1].text
    return None


def _proper_group(tokens: list[Token], ctx: Context | None = None) -> str | None:
    """A capitalised name ending in a group word: "Zawiya Martyrs Brigade", "Jaime Martínez front"."""
    if len(tokens) < 2:
        return None
    last = tokens[-1]
    if last.lower_ not in GROUP_HEADS:
        return None
    run = [last]
    for t in reversed(tokens[:-1]):
        if t.text[:1].isupper() or t.lower_ in ("of", "and", "the", "al", "people's") or t.text in ("'s", "’s", "-"):
            run.insert(0, t)
        else:
            break
    while run and run[0].lower_ in ("of", "and", "the"):
        run = run[1:]
    if last.text.islower() and len(run) > 2 and run[-2].lower_ in GROUP_HEADS:
        run = run[:-1]                   # "Somali National Army forces" -> "Somali National Army"
        last = run[-1]
    if len(run) < 2 or not any(t.text[:1].isupper() for t in run[:-1]):
        return None
    if all(t.lower_ in ("security", "government", "armed", "local", "federal") for t in run[:-1]):
        return None                      # "Security forces" at the start of a sentence names no one
    words = [t.text for t in run[:-1] if t.text[:1].isupper()]
    if last.lower_ in ("army", "forces", "force") and all(
            country_of_word(t.text) or ctx is not None and _capital_country(t, ctx)
            for t in run[:-1] if t.text[:1].isupper()):
        return None          # "Pakistan Army", "Baku's forces": a state's forces, handled as such
    return _acronym_after(last) or span_text(run)


def _normalise(tok: Token, role: str, ctx: Context, led_by, groups, main_cc) -> ActorMention | None:
    tokens = [t for t in _phrase_tokens(tok) if t.dep_ not in ("det", "nummod", "quantmod", "predet")
              and not (t.dep_ == "poss" and (t.pos_ == "PRON" or not t.text[:1].isupper()))
              and not t.like_num and t.lower_ not in ("its", "their", "his", "her", "the", "at", "least", "more",
                                                      "than", "own", "suspected", "alleged", "unknown",
                                                      "unidentified", "several", "many", "some", "other")]
    if not tokens:
        return None
    text = span_text(tokens)
    head = tok.lower_
    lemma = tok.lemma_.lower()
    alias = _known_as(tok)
    if alias:
        text = alias
    led = re.search(r"\b([A-Z][\w]+)\s?-\s?led\s+(coalition|alliance|forces|force)\b", text)
    if led is not None and head in ("coalition", "alliance", "forces", "force"):
        # "the Saudi-led coalition": a party of its own, foreign when its leader is
        name = f"{led.group(1)}-led {led.group(2)}"
        cc = country_of_word(led.group(1))
        return ActorMention(key=f"group:{name.lower()}", name=name, kind="external-forces" if cc else "rebel-groups",
                            country=cc, named=True)
    known = _group_match(text, groups)
    if known is not None:
        name, kind = known
        return ActorMention(key=f"group:{name.lower()}", name=name, kind=kind, named=True)
    striker = _striking_country(tok)
    if striker:
        # "a U.S. airstrike", "Israeli air strikes": that country's forces struck
        name = f"{demonym_of(striker) or tok.text} military"
        return ActorMention(key=f"state:{striker}", name=name, kind="state-forces", country=striker,
                            surfaces=Counter({name: 1}))
    proper = _proper_group(tokens, ctx)
    if proper is not None:
        cc = _country_in(proper)
        state = bool(cc) or bool(re.search(r"\b(police|national army|armed forces|defen[cs]e forces)\b", proper, re.I))
        if re.search(r"\b(revolutionary|liberation|islamic|popular|people's|patriotic|resistance)\b", proper, re.I) and \
                not re.search(r"\b(national army|police)\b", proper, re.I) or proper.isupper():
            state = False
        if state and not re.search(r"\b(front|movement|militia|council|committee)\b", proper, re.I):
            key = f"police:{cc or main_cc}" if "police" in proper.lower() else f"state:{cc or main_cc}"
            return ActorMention(key=key, name=proper, kind="state-forces", country=cc or main_cc, named=True)
        kind = "political-militias" if re.search(r"\b(militia|brigade|guards?)\b", proper, re.I) else \
            "other" if re.search(r"\b(council|committee|union)\b", proper, re.I) else "rebel-groups"
        return ActorMention(key=f"group:{proper.lower()}", name=proper, kind=kind, named=True)
    if tok.ent_type_ == "ORG" and head not in ALL_ACTOR_NOUNS:
        ent = next((e for e in ents_of(tok.doc) if e.start <= tok.i < e.end), None)
        if ent is None:
            return None
        name = re.sub(r"^(the|a)\s+", "", ent.text, flags=re.I)
        if re.search(r"\b(department|province|district|region|county|state|municipality)\b", name) or \
                ctx.gazetteer.lookup(name.split(" (")[0]):
            return None                  # a place the entity model took for an organisation
        cc = _country_in(name)
        if re.search(r"\b(army|military|forces|police|command|navy|air force|guard|gendarmerie)\b", name, re.I):
            if cc and cc in led_by:
                return _group_for(led_by[cc], groups)
            key = (f"police:{cc or main_cc}" if re.search(r"\bpolice\b", name, re.I) else f"state:{cc}") if cc or \
                re.search(r"\bpolice\b", name, re.I) else f"org:{name.lower()}"
            return ActorMention(key=key, name=name, kind="state-forces", country=cc or main_cc, named=True)
        if cc and re.search(r"\b(government|ministry|department|security|intelligence|administration)\b", name, re.I):
            return ActorMention(key=f"state:{cc}", name=name, kind="state-forces", country=cc, named=False,
                                surfaces=Counter({name: 1}))
        if re.search(r"\b(department|ministry|agency|directorate|intelligence|security service)\b", name, re.I) \
                and role in ("agent", "target"):
            acronym = _acronym_after(tok.doc[ent.end - 1])
            return ActorMention(key=f"org:{name.lower()}", name=acronym or name, kind="state-forces",
                                country=main_cc, named=True)
        if role == "agent" and ent.label_ == "ORG" and not re.search(
                r"\b(ministry|news|times|post|press|agency|reuters|bbc|television|radio|tv)\b", name, re.I):
            return ActorMention(key=f"group:{name.lower()}", name=name, kind="rebel-groups", named=True)
        return None
    # "fighters from the Murle tribe": the people they come from names them (an identity militia)
    if head in NONSTATE_NOUNS | MILITIA_NOUNS | {"gunmen", "men", "youths", "members"}:
        people = _people_named(tok)
        if people is not None:
            return ActorMention(key=f"group:{people.lower()}", name=people, kind="identity-militias", named=True)
    # a proper-noun modifier names the group: "Wazalendo militias", "M23 rebels"
    if head in NONSTATE_NOUNS | MILITIA_NOUNS:
        mods = [t for t in tokens if t.i < tok.i and t.pos_ == "PROPN" and not country_of_word(t.text)]
        if mods and any(p.kind == "province" for p in ctx.gazetteer.lookup(span_text(mods))):
            mods = []                    # "Darfur rebels": where they fight, not who they are
        if mods:
            name = span_text(mods)
            if all(t.ent_type_ == "NORP" for t in mods):
                name = f"{name} {tok.text}"      # "Tuareg rebels", "Chechen rebels": a people's rebels, not a group's name
            kind = "political-militias" if head in MILITIA_NOUNS else "rebel-groups"
            return ActorMention(key=f"group:{name.lower()}", name=name, kind=kind, named=True)
    if lemma == "group" and any(t.lower_ in ("rebel", "armed", "militant", "insurgent", "terrorist", "jihadist",
                                             "extremist", "separatist", "islamist") for t in tokens if t.i < tok.i):
        return ActorMention(key="nonstate-generic", name=text, kind="rebel-groups", surfaces=Counter({text: 1}))
    if lemma == "government" and role in ("agent", "target") and not any(
            t.lower_ in ("local", "regional", "provincial", "state", "municipal", "city") for t in tokens):
        cc = _country_of_tokens([t for t in tokens if t.i != tok.i], ctx) or main_cc
        demonym = demonym_of(cc)
        name = f"{demonym} government" if demonym else "government"
        return ActorMention(key=f"state:{cc}", name=name, kind="state-forces", country=cc,
                            surfaces=Counter({name: 1}))
    if lemma == "man" and head != "man":
        armed = [c.lower_ for c in tok.children if c.dep_ == "amod" and c.lower_ in ARMED_WORDS]
        if armed:
            return ActorMention(key="nonstate-generic", name=f"{armed[0]} men", kind="rebel-groups",
                                surfaces=Counter({f"{armed[0]} men": 1}))
        return None
    if head not in ALL_ACTOR_NOUNS and lemma not in ALL_ACTOR_NOUNS:
        return None
    if re.search(r"\b(media|information|press|relations|liaison|spokes\w*)\b", text, re.I):
        return None                      # "the army's media information officer" is a source
    cc = _country_of_tokens([t for t in tokens if t.i != tok.i], ctx)
    surface = Counter({text: 1})
    if cc and demonym_of(cc) and not any(country_of_word(t.text) for t in tokens if t.i != tok.i):
        surface = Counter({f"{demonym_of(cc)} {tok.text}": 1})     # "Baku's forces" -> "Azerbaijani forces"
    if head in STATE_NOUNS or lemma in STATE_NOUNS:
        if cc and cc in led_by:
            return _group_for(led_by[cc], groups)
        if head == "authorities":
            return ActorMention(key="state-generic:authorities", name="authorities", kind="state-forces",
                                country=main_cc, surfaces=surface)
        police = head in POLICE_NOUNS
        explicit = cc is not None
        for ent in ents_of(tok.doc):
            if ent.label_ == "ORG" and tokens[0].i <= ent.start and ent.end - 1 <= tokens[-1].i and re.search(
                    r"\b(army|military|forces|navy)\b", ent.text, re.I):
                ent_cc = _country_in(ent.text)
                if ent_cc:
                    return ActorMention(key=f"state:{ent_cc}", name=re.sub(r"^(the)\s+", "", ent.text, flags=re.I),
                                        kind="state-forces", country=ent_cc, named=True)
        cc = cc or main_cc
        demonym = demonym_of(cc)
        if police:
            return ActorMention(key=f"police:{cc}", name=f"{demonym} police".strip() if demonym and explicit else "police",
                                kind="state-forces", country=cc, surfaces=surface)
        if (head in STATE_PLACES or lemma in STATE_PLACES) and not any(t.lower_ in FORCE_NOUNS or country_of_word(t.text) for t in tokens if t.i != tok.i):
            return None        # "a checkpoint", "the station": no party named
        return ActorMention(key=f"state:{cc}" if explicit else "state-generic:forces",
                            name=f"{demonym} military".strip() if demonym else "military",
                            kind="state-forces", country=cc, surfaces=surface)
    if head in NONSTATE_NOUNS or lemma in NONSTATE_NOUNS:
        return ActorMention(key="nonstate-generic", name=_plain(text, tok), kind="rebel-groups", surfaces=surface)
    if head in MILITIA_NOUNS or lemma in MILITIA_NOUNS:
        return ActorMention(key=f"militia:{lemma}", name=_plain(text, tok), kind="political-militias", surfaces=surface)
    if head in PROTEST_NOUNS or lemma in PROTEST_NOUNS:
        return ActorMention(key="protesters", name="protesters", kind="protesters")
    if head in RIOT_NOUNS or lemma in RIOT_NOUNS:
        return ActorMention(key="rioters", name="rioters", kind="rioters")
    if (head in CIVILIAN_NOUNS or lemma in CIVILIAN_NOUNS) and role == "agent" and head.endswith("s") \
            and head not in ("civilians", "families", "children") \
            and tok.head.lemma_.lower() in VIOLENT_VERBS | PROTEST_VERBS | {"by"}:
        # "attacked by Usterzai's residents": people who take part in violence are a party of their own
        if verb_lemma(tok.head) in PROTEST_VERBS:
            return ActorMention(key="protesters", name="protesters", kind="protesters")
        return ActorMention(key=f"crowd:{lemma}", name=_plain(text, tok), kind="rioters")
    if (head in CIVILIAN_NOUNS or lemma in CIVILIAN_NOUNS) and role in ("target", "victim"):
        # one party, called what the report calls the people hit ("villagers", "worshippers")
        word = head if head.endswith("s") and head not in ("civilians", "family") else "civilians"
        if word != "civilians" and 1 < len(text.split()) <= 4 and text.split()[-1].lower() == head:
            word = text                  # "rubber plantation workers", "Kenyan businessmen"
        return ActorMention(key="civilians", name=word, kind="civilians")
    return None


PEOPLE_WORDS = {"tribe", "clan", "community", "ethnic group"}


def _people_named(tok: Token) -> str | None:
    """"fighters from the Murle tribe", "gunmen of the Fulani community" -> "Murle", "Fulani"."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "of"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in PEOPLE_WORDS:
                    names = [c for c in pobj.children if c.dep_ in ("compound", "amod", "nmod")
                             and c.text[:1].isupper() and c.i < pobj.i]
                    if names:
                        return pobj.doc[names[0].i: pobj.i].text
    return None


def _striking_country(tok: Token) -> str | None:
    """The country in "a U.S. airstrike" / "Israeli air strikes", or None."""
    if tok.dep_ not in ("compound", "amod", "nmod") or tok.head.lemma_.lower() not in STRIKE_NOUNS:
        return None
    if tok.ent_type_ not in ("GPE", "NORP") or tok.head.i <= tok.i:
        return None
    return country_of_word(tok.text)


def _group_for(name: str, groups) -> ActorMention:
    known = groups.get(name.lower()) or KNOWN_GROUPS.get(name.lower()) or (name, "rebel-groups")
    return ActorMention(key=f"group:{known[0].lower()}", name=known[0], kind=known[1], named=True)


def _plain(text: str, tok: Token) -> str:
    text = re.sub(r"^(unknown|unidentified|suspected|armed|attacking|other|several|many|some)\s+", "", text, flags=re.I)
    return text.strip() or tok.text


def _country_in(name: str) -> str | None:
    for w in re.findall(r"[A-Z][\w.]+", name):
        cc = country_of_word(w)
        if cc:
            return cc
    return None


def _country_of_tokens(tokens: list[Token], ctx: Context) -> str | None:
    """The country the capitalised words name, the longest run first ("South Sudan's", not "Sudan")."""
    runs, run = [], []
    for t in tokens:
        if t.text[:1].isupper() or (run and t.lower_ in ("'s", "’s")):
            run.append(t)
        else:
            runs.append(run)
            run = []
    runs.append(run)
    for run in runs:
        words = [t for t in run if t.lower_ not in ("'s", "’s")]
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                cc = country_of_word(" ".join(t.text for t in words[start:start + size]))
                if cc:
                    return cc
        for t in run:
            cc = _capital_country(t, ctx)
            if cc:
                return cc
    return None


def _capital_country(t: Token, ctx: Context) -> str | None:
    """"Baku's forces": a capital city speaks for its country."""
    if t.dep_ != "poss" or t.pos_ != "PROPN":
        return None
    return next((p.capital_of for p in ctx.gazetteer.lookup(t.text) if p.capital_of), None)


NONSTATE_KINDS = ("rebel-groups", "political-militias", "identity-militias")
VIOLENT_TYPES = ("battles", "explosions-remote-violence", "violence-against-civilians")
UNNAMED_ATTACKERS = re.compile(r"\b(those responsible|perpetrat(?:ors?|ed)|extremists?|attackers?|assailants?|killers?|gunmen|"
                               r"kidnappers?|abductors?|culprits?|armed men)\b", re.I)
SUICIDE_ATTACK = re.compile(r"\bsuicide (?:bomb|attack|car bomb|truck bomb)|\bblew (?:himself|herself|themselves) up", re.I)
SUICIDE_BOMBERS = re.compile(r"\bsuicide (?:bombers|attackers)\b|\b(?:two|twin|three|double|triple|several|multiple) "
                             r"(?:\w+ )?suicide (?:bomb|attack)", re.I)
TERRORIST_ATTACK = re.compile(r"\b(terror(ist)? (attacks?|bombings?|acts?|assaults?)|acts? of terror(ism)?|by terrorists)\b", re.I)


def _unnamed_terrorists(ctx: Context) -> int | None:
    """Where the headline or the lead calls the incident a terrorist attack (token index), or None."""
    if ctx.title_doc is not None and TERRORIST_ATTACK.search(ctx.title_doc.text):
        return 0
    for sent in ctx.sentences[:3]:
        if sent.start in ctx.background or sent.end_char <= ctx.dateline_end:
            continue
        m = TERRORIST_ATTACK.search(sent.text)
        if m:
            return sent.start
    return None


def _only_group_named(ctx: Context, groups) -> ActorMention | None:
    """The one non-state armed group the report names anywhere, if it names exactly one."""
    names = {name for name, kind in groups.values() if kind not in ("state-forces", "other", "external-forces")}
    if len(names) != 1:
        return None
    return _group_for(next(iter(names)), groups)


def _fold_generic(found: dict[str, ActorMention], only_group: ActorMention | None = None) -> list[ActorMention]:
    """Generic words join the named party they stand for ("rebels" -> FARC, "the bomber" -> al-Shabaab)."""
    actors = dict(found)
    named_nonstate = [a for a in actors.values() if a.key.startswith("group:")
                      and a.kind not in ("state-forces", "other", "external-forces")]
    if not named_nonstate and only_group is not None and "nonstate-generic" in actors and \
            actors["nonstate-generic"].name.split()[-1].lower() in COLLECTIVE_NONSTATE and \
            not any(k.startswith("militia:") for k in actors):
        # "the rebels attacked ..." in a report that names one rebel group, elsewhere, as the FARC
        generic = actors.pop("nonstate-generic")
        only_group.count, only_group.first = generic.count, generic.first
        actors[only_group.key] = only_group
        named_nonstate = [only_group]
    for key in [k for k in actors if k == "nonstate-generic" or k.startswith("militia:")]:
        generic = actors[key]
        target = None
        if len(named_nonstate) == 1 and (key == "nonstate-generic" or generic.name.lower() in ("gunmen", "gunman", "attackers")):
            target = named_nonstate[0]
        else:
            # with two named groups, "militias" are the militia and "rebels" the rebel group
            kinds = ("political-militias", "identity-militias") if key.startswith("militia:") else ("rebel-groups",)
            same_kind = [a for a in named_nonstate if a.kind in kinds]
            if len(same_kind) == 1:
                target = same_kind[0]
        if target is None and len(named_nonstate) > 1 and generic.name.lower().endswith("groups"):
            actors.pop(key)              # "rival armed groups" are the named groups, together
            continue
        if target is not None:
            target.count += generic.count
            target.first = min(target.first, generic.first)
            actors.pop(key)
    if not named_nonstate:
        # no group named: "the gang", "the attackers" and "militiamen" are one band of attackers
        generic = [k for k in actors if k == "nonstate-generic" or k.startswith("militia:")]
        if len(generic) > 1:
            keep = max(generic, key=lambda k: (actors[k].count, -actors[k].first))
            for key in generic:
                if key != keep:
                    actors[keep].count += actors[key].count
                    actors[keep].first = min(actors[keep].first, actors[key].first)
                    actors.pop(key)
    crowds = [k for k in actors if k.startswith("crowd:") or k in ("militia:youth", "militia:youths")]
    marchers = next((a for a in actors.values() if a.kind in ("protesters", "rioters") and a.key in ("protesters", "rioters")), None)
    for key in crowds:
        if marchers is not None:         # "traders" who rioted are the rioters
            marchers.first = min(marchers.first, actors.pop(key).first)
    if "state-generic:authorities" in actors and any(k.startswith(("police:", "state:")) for k in actors):
        actors.pop("state-generic:authorities")
    # "soldiers" with no country named: the one state force the report does name
    generic_forces = actors.get("state-generic:forces")
    explicit_states = [a for k, a in actors.items() if k.startswith("state:")]
    if generic_forces is not None:
        # the one state force named, or else the one of the report's own country
        same_country = [a for a in explicit_states if a.country and a.country == generic_forces.country]
        target = explicit_states[0] if len(explicit_states) == 1 else same_country[0] if len(same_country) == 1 else None
        if target is not None:
            target.surfaces.update(generic_forces.surfaces)
            target.first = min(target.first, generic_forces.first)
            actors.pop("state-generic:forces")
        elif not explicit_states and len(named_forces := [a for k, a in actors.items() if k.startswith("group:")
                                                          and a.kind in ("state-forces", "external-forces")]) == 1:
            # "partner forces", "the assault force" beside U.S. Central Command are its forces
            named_forces[0].first = min(named_forces[0].first, generic_forces.first)
            actors.pop("state-generic:forces")
        elif not explicit_states:
            cc = generic_forces.country
            actors.pop("state-generic:forces")
            generic_forces.key = f"state:{cc}"
            actors[generic_forces.key] = generic_forces
    # "security forces" take in the police: one party, not two
    security = next((a for a in actors.values() if a.key.startswith(("state:", "state-generic:"))
                     and _chosen_name(a).lower().endswith("security forces")), None)
    if security is not None:
        for key in [k for k, a in actors.items() if k.startswith("police:") and not a.named
                    and a.country in (security.country, None)]:
            security.first = min(security.first, actors.pop(key).first)
    for key, a in list(actors.items()):
        if key.startswith("org:") and a.country and f"state:{a.country}" in actors and \
                re.search(r"\b(army|military|forces)\b", a.name, re.I):
            other = actors.pop(f"state:{a.country}")
            a.first = min(a.first, other.first)
    return list(actors.values())
