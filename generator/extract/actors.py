"""The parties that fought, attacked, were attacked or protested, normalised, with ACLED kinds.

A noun phrase is an actor candidate when it is tied in the parse to a violent or protest verb or
noun (its subject, object, agent, or "against"/"on"/"with" phrase). Names are then folded:
"Taliban-led Afghan forces" and "Taliban militants" are the Taliban; "Pakistani soldiers" and
"Pakistan Army outposts" are Pakistan's army; "rebels" are the one rebel group the report names.
Third parties that only comment are sources (claims.py), not actors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from .context import Context, span_text
from .demonyms import country_of_word

VIOLENT_VERBS = {
    "attack", "fire", "shoot", "clash", "fight", "kill", "capture", "strike", "bomb", "ambush", "shell",
    "target", "storm", "retaliate", "engage", "hunt", "seize", "raid", "abduct", "kidnap", "wound",
    "protest", "demonstrate", "march", "riot", "loot", "torch", "burn", "detonate", "hit", "behead",
    "massacre", "besiege", "overrun", "battle", "repel", "arrest", "disperse", "conduct", "launch",
    "injure", "execute", "murder", "assault", "open", "take", "carry", "rally", "gather", "block",
    "ransack", "set", "throw", "confront", "pursue", "beat", "detain", "kidnap", "free", "rescue",
    "occupy", "advance", "withdraw", "bombard", "shoot", "crowd", "invade", "drone", "sign", "agree",
}
EVENT_NOUNS = {
    "attack", "clash", "fighting", "fight", "firefight", "battle", "strike", "airstrike", "offensive",
    "operation", "ambush", "raid", "assault", "bombing", "shelling", "protest", "demonstration",
    "rally", "march", "riot", "violence", "massacre", "killing", "abduction", "kidnapping", "advance",
    "incursion", "skirmish", "hostility", "hostilities", "ceasefire", "truce", "agreement", "talks", "crackdown",
}
STATE_NOUNS = {"force", "forces", "troop", "troops", "soldier", "soldiers", "army", "military", "police",
               "policeman", "policemen", "officer", "officers", "guard", "guards", "marine", "marines",
               "commando", "commandos", "platoon", "battalion", "brigade", "unit", "units", "authorities",
               "gendarme", "gendarmes", "gendarmerie", "navy", "agent", "agents", "personnel", "command",
               "convoy", "patrol", "outpost", "outposts", "post", "posts", "position", "positions", "base",
               "airforce"}
NONSTATE_NOUNS = {"militant", "militants", "rebel", "rebels", "insurgent", "insurgents", "fighter",
                  "fighters", "extremist", "extremists", "terrorist", "terrorists", "jihadist",
                  "jihadists", "guerrilla", "guerrillas", "separatist", "separatists", "bandit",
                  "bandits", "attacker", "attackers", "assailant", "assailants", "bomber", "bombers",
                  "insurgency", "group"}
MILITIA_NOUNS = {"militia", "militias", "militiaman", "militiamen", "vigilante", "vigilantes",
                 "paramilitary", "paramilitaries", "cartel", "cartels", "gang", "gangs", "gangster",
                 "narco-terrorists", "narco", "gunman", "gunmen", "hitmen"}
PROTEST_NOUNS = {"protester", "protesters", "protestor", "protestors", "demonstrator", "demonstrators",
                 "marcher", "marchers", "activist", "activists", "crowd", "crowds"}
RIOT_NOUNS = {"rioter", "rioters", "mob", "mobs", "looter", "looters"}
CIVILIAN_NOUNS = {"civilian", "civilians", "villager", "villagers", "resident", "residents", "student",
                  "students", "worshipper", "worshippers", "farmer", "farmers", "family", "families",
                  "children", "women", "men", "passenger", "passengers", "pupil", "pupils", "bystander",
                  "bystanders", "shopper", "shoppers", "worker", "workers", "teacher", "teachers",
                  "patients", "journalist", "journalists", "herders", "traders", "displaced", "refugees",
                  "pilgrims", "mourners", "people", "person", "man", "woman", "child", "boy", "girl"}
ALL_ACTOR_NOUNS = STATE_NOUNS | NONSTATE_NOUNS | MILITIA_NOUNS | PROTEST_NOUNS | RIOT_NOUNS | CIVILIAN_NOUNS
# Well-known armed groups, with ACLED actor kinds; a report's own named groups are found too.
KNOWN_GROUPS = {
    "taliban": ("Taliban", "state-forces"), "al-shabaab": ("al-Shabaab", "rebel-groups"),
    "al-shabab": ("al-Shabaab", "rebel-groups"), "al shabaab": ("al-Shabaab", "rebel-groups"),
    "abu sayyaf": ("Abu Sayyaf", "rebel-groups"), "farc": ("FARC", "rebel-groups"),
    "eln": ("ELN", "rebel-groups"), "boko haram": ("Boko Haram", "rebel-groups"),
    "iswap": ("ISWAP", "rebel-groups"), "islamic state": ("Islamic State", "rebel-groups"),
    "isis": ("Islamic State", "rebel-groups"), "isil": ("Islamic State", "rebel-groups"),
    "al-qaeda": ("al-Qaeda", "rebel-groups"), "al-qaida": ("al-Qaeda", "rebel-groups"),
    "jnim": ("JNIM", "rebel-groups"), "houthis": ("Houthis", "rebel-groups"), "houthi": ("Houthis", "rebel-groups"),
    "hezbollah": ("Hezbollah", "rebel-groups"), "hamas": ("Hamas", "rebel-groups"),
    "rapid support forces": ("Rapid Support Forces", "rebel-groups"), "rsf": ("Rapid Support Forces", "rebel-groups"),
    "m23": ("M23", "rebel-groups"), "adf": ("ADF", "rebel-groups"), "pkk": ("PKK", "rebel-groups"),
    "ttp": ("TTP", "rebel-groups"), "tehreek-e-taliban pakistan": ("TTP", "rebel-groups"),
    "wagner": ("Wagner Group", "external-forces"), "arakan army": ("Arakan Army", "rebel-groups"),
    "new people's army": ("New People's Army", "rebel-groups"), "npa": ("New People's Army", "rebel-groups"),
    "sinaloa cartel": ("Sinaloa Cartel", "political-militias"), "gulf clan": ("Gulf Clan", "political-militias"),
    "codeco": ("CODECO", "identity-militias"), "ansaru": ("Ansaru", "rebel-groups"),
    "people's defence force": ("People's Defence Force", "rebel-groups"),
    "people's defense force": ("People's Defence Force", "rebel-groups"),
}
GROUP_SUFFIX = re.compile(r"\s+(militants?|extremists?|fighters?|rebels?|insurgents?|terrorists?|"
                          r"forces?|gunmen|members?|jihadists?|group|guerrillas?|militiamen|militias?)$", re.I)


@dataclass
class ActorMention:
    key: str
    name: str
    kind: str
    country: str | None = None
    count: int = 1
    first: int = 0
    named: bool = False
    aliases: set[str] = field(default_factory=set)


def incident_actors(ctx: Context, place_countries: set[str]):
    from ..summary import Actor

    doc = ctx.doc
    led_by = _led_by(doc)
    groups = _named_groups(ctx)
    main_cc = _main_country(ctx, place_countries)
    found: dict[str, ActorMention] = {}
    for tok in doc:
        if ctx.is_background(tok):
            continue
        role = _role(tok)
        if role is None:
            continue
        mention = _normalise(tok, ctx, led_by, groups, main_cc)
        if mention is None:
            continue
        if role == "victim-negated":
            continue
        have = found.get(mention.key)
        if have is None:
            mention.first = tok.i
            found[mention.key] = mention
        else:
            have.count += 1
            if mention.named and not have.named:
                have.name, have.named = mention.name, True
    actors = _fold_generic(found, groups)
    actors.sort(key=lambda a: (a.first))
    out = []
    for a in actors[:5]:
        kind = a.kind
        if kind == "state-forces" and a.country and main_cc and a.country != main_cc and a.country not in place_countries:
            kind = "external-forces"
        out.append(Actor(name=a.name, kind=kind))
    return out


def _main_country(ctx: Context, place_countries: set[str]) -> str | None:
    if len(place_countries) == 1:
        return next(iter(place_countries))
    if ctx.countries:
        return max(ctx.countries, key=ctx.countries.get)
    return None


def _led_by(doc) -> dict[str, str]:
    """"Taliban-led Afghan forces": Afghan forces are the Taliban."""
    out = {}
    for m in re.finditer(r"\b([A-Z][\w-]+)-led\s+([A-Z]\w+)\s+(forces|troops|army|military|government)", doc.text):
        cc = country_of_word(m.group(2))
        if cc:
            out[cc] = m.group(1)
    return out


def _named_groups(ctx: Context) -> dict[str, tuple[str, str]]:
    """Named non-state groups in the report: known ones, and "rebel group, the X (ABC)"."""
    out = {}
    text = ctx.doc.text
    low = text.lower()
    for key, (name, kind) in KNOWN_GROUPS.items():
        if re.search(r"(?<![\w-])" + re.escape(key) + r"(?![\w-])", low):
            out[name.lower()] = (name, kind)
    for m in re.finditer(r"\b(?:rebel|militant|armed|insurgent|jihadist|extremist|separatist|terrorist)\s+"
                         r"(?:group|movement|organi[sz]ation|faction|coalition)s?\s*,?\s+(?:the\s+)?"
                         r"([A-Z][\w'’-]+(?:\s+(?:of\s+|for\s+|the\s+)?[A-Z][\w'’-]+)*)(?:\s*\(([A-Z][\w-]+)\))?", text):
        full, short = m.group(1), m.group(2)
        name = short or full
        out[name.lower()] = (name, "rebel-groups")
        out[full.lower()] = (name, "rebel-groups")
    return out


def _role(tok: Token) -> str | None:
    """How a noun is tied to the incident, or None."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    dep = tok.dep_
    head = tok.head
    if dep in ("compound", "amod") and head.pos_ in ("NOUN", "PROPN"):
        return _role(head) if head.lower_ in ALL_ACTOR_NOUNS or head.lemma_.lower() in EVENT_NOUNS else None
    if dep == "poss" and (head.lemma_.lower() in EVENT_NOUNS or head.lower_ in ALL_ACTOR_NOUNS):
        return "agent"
    if dep in ("nsubj", "nsubjpass", "dobj") and head.lemma_.lower() in VIOLENT_VERBS:
        if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return "victim-negated"
        return "agent" if dep == "nsubj" else "target"
    if dep in ("nsubj",) and head.lemma_.lower() in ("be",) :
        return None
    if dep == "pobj":
        prep = head
        gov = prep.head
        if prep.lower_ in ("against", "on", "with", "by", "between", "of", "at") and (
                gov.lemma_.lower() in EVENT_NOUNS or gov.lemma_.lower() in VIOLENT_VERBS):
            if prep.lower_ == "of" and gov.lemma_.lower() not in ("protest", "demonstration", "massacre", "killing", "abduction", "kidnapping", "attack"):
                return None
            return "target"
        if prep.lower_ == "into" and gov.lemma_.lower() in ("fire", "open", "shoot"):
            return "target"
        if prep.lower_ == "of" and gov.lemma_.lower() in ("crowd", "group", "dozen", "dozens", "hundreds", "thousands"):
            return _role(gov)
    if dep == "conj":
        return _role(head)
    if dep == "appos":
        return _role(head)
    if dep in ("nsubj", "nsubjpass") and head.lemma_.lower() in ("kill", "die", "wound", "injure", "abduct", "kidnap", "behead"):
        return "victim"
    if dep == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in ("death", "killing"):
        return "victim"
    if dep == "nsubj" and head.lemma_.lower() == "crowd":
        return "agent"
    return None


def _phrase_tokens(tok: Token) -> list[Token]:
    keep = []
    for t in tok.subtree:
        if t.i > tok.i and t.dep_ in ("prep", "relcl", "acl", "punct", "cc", "conj", "appos"):
            break
        keep.append(t)
    return [t for t in keep if t.i <= tok.i or t.dep_ not in ("prep",)]


def _normalise(tok: Token, ctx: Context, led_by, groups, main_cc) -> ActorMention | None:
    tokens = [t for t in _phrase_tokens(tok) if t.dep_ not in ("det", "nummod", "quantmod", "poss", "predet")
              and not t.like_num and t.lower_ not in ("its", "their", "his", "her", "the", "at", "least", "more", "than")]
    if not tokens:
        return None
    text = span_text(tokens)
    low = text.lower()
    head = tok.lower_
    # a named group anywhere in the phrase
    for key in sorted(groups, key=len, reverse=True):
        if re.search(r"(?<![\w-])" + re.escape(key) + r"(?![\w-])", low):
            name, kind = groups[key]
            return ActorMention(key=f"group:{name.lower()}", name=name, kind=kind, named=True)
    if tok.ent_type_ in ("ORG",) and head not in ALL_ACTOR_NOUNS:
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is None:
            return None
        name = re.sub(r"^(the|a)\s+", "", ent.text, flags=re.I)
        cc = _country_in(name)
        if re.search(r"\b(army|military|forces|police|command|navy|air force|guard|gendarmerie)\b", name, re.I):
            key = f"state:{cc}" if cc else f"org:{name.lower()}"
            if cc and cc in led_by:
                return _group_for(led_by[cc], groups)
            return ActorMention(key=key, name=name, kind="state-forces", country=cc, named=True)
        if re.search(r"\b(ministry|department|agency|service|directorate|security)\b", name, re.I):
            return ActorMention(key=f"org:{name.lower()}", name=name, kind="state-forces", country=cc, named=True)
        return None
    if head not in ALL_ACTOR_NOUNS and tok.lemma_.lower() not in ALL_ACTOR_NOUNS:
        return None
    cc = None
    for t in tokens:
        if t.i != tok.i:
            cc = cc or country_of_word(t.text) if t.text[:1].isupper() else cc
    lemma = tok.lemma_.lower()
    if head in STATE_NOUNS or lemma in STATE_NOUNS:
        if cc and cc in led_by:
            return _group_for(led_by[cc], groups)
        if head in ("authorities",) and not cc:
            return ActorMention(key="state-generic:authorities", name="authorities", kind="state-forces", country=main_cc)
        police = head in ("police", "policeman", "policemen", "gendarmes", "gendarmerie") or "police" in low
        cc = cc or main_cc
        demonym = _demonym(cc)
        if police:
            return ActorMention(key=f"police:{cc}", name=f"{demonym} police".strip() if demonym else "police",
                                kind="state-forces", country=cc)
        explicit = bool(cc and any(country_of_word(t.text) for t in tokens if t.i != tok.i))
        return ActorMention(key=f"state:{cc}", name=f"{demonym} military".strip() if demonym else "military",
                            kind="state-forces", country=cc, named=False,
                            aliases={"explicit"} if explicit else set())
    if head in NONSTATE_NOUNS or lemma in NONSTATE_NOUNS:
        return ActorMention(key="nonstate-generic", name=_plain(text, tok), kind="rebel-groups")
    if head in MILITIA_NOUNS or lemma in MILITIA_NOUNS:
        name = _plain(text, tok)
        return ActorMention(key=f"militia:{tok.lemma_.lower()}", name=name, kind="political-militias")
    if head in PROTEST_NOUNS or lemma in PROTEST_NOUNS:
        return ActorMention(key="protesters", name="protesters", kind="protesters")
    if head in RIOT_NOUNS or lemma in RIOT_NOUNS:
        return ActorMention(key="rioters", name="rioters", kind="rioters")
    if head in CIVILIAN_NOUNS or lemma in CIVILIAN_NOUNS:
        return ActorMention(key="civilians", name="civilians", kind="civilians")
    return None


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


def _demonym(cc: str | None) -> str:
    if not cc:
        return ""
    from .demonyms import demonyms
    for word, code in demonyms().items():
        if code == cc and " " not in word and word[0].isalpha() and word not in ("us", "u.s.", "kurdish"):
            return word.title() if word.islower() else word
    return ""


def _fold_generic(found: dict[str, ActorMention], groups) -> list[ActorMention]:
    """Generic words join the named party they stand for ("rebels" -> FARC)."""
    actors = dict(found)
    named_nonstate = [a for a in actors.values() if a.key.startswith("group:") and a.kind != "state-forces"]
    generic = actors.pop("nonstate-generic", None)
    if generic is not None:
        if len(named_nonstate) >= 1:
            named_nonstate[0].count += generic.count
            named_nonstate[0].first = min(named_nonstate[0].first, generic.first)
        else:
            actors["nonstate-generic"] = generic
    authorities = actors.get("state-generic:authorities")
    if authorities is not None and any(k.startswith(("police:", "state:")) for k in actors):
        actors.pop("state-generic:authorities")
    # an organisation of a state's forces and that state's generic forces are one party
    for key, a in list(actors.items()):
        if key.startswith("org:") and a.country and f"state:{a.country}" in actors and a.kind == "state-forces" \
                and re.search(r"\b(army|military|forces)\b", a.name, re.I):
            other = actors.pop(f"state:{a.country}")
            a.first = min(a.first, other.first)
    return list(actors.values())
