"""Casualty figures: how many were killed, hurt, taken, held or driven out, who, and who says so.

Each casualty word (killed, dead, death, wounded, abducted, ...) is tied through the dependency
parse to the people it happened to ("18 of its soldiers were killed", "killing six soldiers and
10 security officers", "the death of at least 12 Pakistani soldiers", "no civilians were injured
or killed"); the number and its qualifier come from that phrase, the claimant from the speech
verb or "according to" that covers it. Headlines are read with a few patterns of their own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from .claims import FoundClaim, claimant_for
from .context import Context, ents_of, clean_sentence, span_text
from .dates import WEEKDAYS
from .numbers import VAGUE, parse_number

VERB_STATUS = {
    "kill": "killed", "die": "killed", "behead": "killed", "massacre": "killed", "slay": "killed",
    "murder": "killed", "execute": "killed", "slaughter": "killed", "perish": "killed",
    "wound": "injured", "injure": "injured", "hurt": "injured", "maim": "injured",
    "abduct": "captured", "kidnap": "captured", "arrest": "arrested", "detain": "arrested",
    "apprehend": "arrested", "capture": "captured", "displace": "displaced", "flee": "displaced",
    "neutralise": "killed", "neutralize": "killed", "eliminate": "killed", "lynch": "killed",
    "seize": "captured", "snatch": "captured", "hospitalize": "injured", "hospitalise": "injured",
}
# Phrasal verbs whose particle makes them a casualty word: "gunned down", "rounded up"
PHRASAL_STATUS = {("gun", "down"): "killed", ("mow", "down"): "killed", ("round", "up"): "arrested"}
ROUNDING_UP_AUTHORITIES = {"police", "policeman", "authority", "troop", "soldier", "force", "army", "military",
                           "official", "officer", "agent", "government", "regime", "junta", "gendarme"}
# "shot dead", "beaten dead", "found dead": the verb's object (or passive subject) is the dead
DEAD_VERBS = {"shoot", "beat", "stab", "hack", "club", "stone", "burn", "find", "leave", "gun"}
# "forced 1.5 million from their homes", "drove thousands from their villages"
UPROOTING_VERBS = {"force", "drive", "chase", "push", "uproot", "expel", "evict"}
HOME_NOUNS = {"home", "house", "village", "land", "town", "area", "region"}
# "seized" takes towns, weapons and power as often as people: it counts only people named as such
SEIZED_PEOPLE = {"people", "person", "man", "woman", "child", "tourist", "foreigner", "national", "worker",
                 "engineer", "hostage", "passenger", "student", "villager", "civilian", "soldier", "officer",
                 "policeman", "journalist", "girl", "boy", "family", "employee", "contractor", "missionary",
                 "teacher", "doctor", "nurse", "pilgrim", "trader", "farmer", "other"}
ADJ_STATUS = {"dead": "killed", "killed": "killed", "injured": "injured", "wounded": "injured",
              "hurt": "injured", "missing": "missing", "captive": "captured", "displaced": "displaced",
              "abducted": "captured", "kidnapped": "captured", "arrested": "arrested", "homeless": "displaced"}
NOUN_STATUS = {"death": "killed", "fatality": "killed", "injury": "injured", "casualty": None,
               "hostage": "captured", "captive": "captured", "arrest": "arrested", "wound": "injured",
               "refugee": "displaced", "killing": "killed", "kidnapping": "captured", "abduction": "captured",
               "detention": "arrested", "murder": "killed", "body": "killed", "wounding": "injured", "execution": "killed",
               "injuring": "injured", "slaughter": "killed", "massacre": "killed"}
# "forced 18,000 people to flee": the infinitive after these verbs happened
CAUSATIVE = {"force", "cause", "drive", "compel", "prompt", "leave", "make"}
# Things that are not people: "captured outposts", "destroyed vehicles".
NOT_PEOPLE = {"outpost", "post", "vehicle", "weapon", "station", "building", "house", "home",
              "town", "village", "city", "area", "territory", "base", "position", "equipment",
              "facility", "convoy", "car", "truck", "tank", "aircraft", "drone", "plane", "airspace",
              "border", "ground", "control", "operation", "attack", "hope", "chance", "it", "that",
              "which", "this", "fire", "response", "claim", "bullet", "bullets", "shell", "shells", "rocket",
              "rockets", "bomb", "bombs", "mine", "mines", "flames", "round", "rounds", "shrapnel", "gunfire",
              "explosion", "blast", "strike", "strikes", "crossfire", "debris", "rubble"}
IRREALIS = {"threaten", "vow", "plan", "try", "attempt", "seek", "aim", "want", "intend", "prevent",
            "avoid", "fear", "refuse", "deny", "risk", "warn"}
QUALIFIER_WORDS = [
    ("at least", "at-least"), ("more than", "at-least"), ("over", "at-least"), ("upwards of", "at-least"),
    ("no fewer than", "at-least"), ("in excess of", "at-least"), ("as many as", "at-most"),
    ("up to", "at-most"), ("at most", "at-most"), ("fewer than", "at-most"), ("less than", "at-most"),
    ("no more than", "at-most"), ("about", "about"), ("around", "about"), ("some", "about"),
    ("nearly", "about"), ("almost", "about"), ("approximately", "about"), ("roughly", "about"),
    ("an estimated", "about"), ("estimated", "about"), ("close to", "about"), ("a dozen", "about"),
]


@dataclass
class CasualtyRow:
    status: str
    count: int | None
    count_max: int | None
    qualifier: str
    who: str | None
    claimed_by: str | None
    evidence: str
    from_title: bool = False
    order: int = 0
    background: bool = False


def casualty_figures(ctx: Context, claims: list[FoundClaim]) -> list[CasualtyRow]:
    rows: list[CasualtyRow] = []
    for tok in ctx.doc:
        status = _trigger_status(tok)
        if status is None or _irrealis(tok):
            continue
        for victim in _victims(tok, status):
            row = _row_for(victim, tok, status, ctx, claims, rows)
            if row is not None:
                rows.append(row)
                rows.extend(_breakdown(victim, tok, row, rows))
    if ctx.title_doc is not None:
        rows.extend(_title_rows(ctx.title_doc.text))
    rows.extend(_condoled(ctx, rows, claims))
    voice = own_voice(ctx)
    if voice:
        for r in rows:
            if r.claimed_by is None and not r.from_title:
                r.claimed_by = voice      # a command's press release states its own figures
    return _merge(rows)


CONDOLED = {"dead": "killed", "deceased": "killed", "injured": "injured", "wounded": "injured"}


def _condoled(ctx: Context, rows: list[CasualtyRow], claims) -> list[CasualtyRow]:
    """The dead and the hurt a statement only offers condolences to ("the families of the deceased",
    "a speedy recovery to the wounded", "those who were injured"): deaths and injuries it does not
    count, a row of their own when no figure of that kind is given."""
    found: list[CasualtyRow] = []
    for tok in ctx.doc:
        status = CONDOLED.get(tok.lower_)
        if status is None or ctx.is_background(tok) or any(r.status == status for r in rows + found):
            continue
        people = tok.dep_ == "pobj" and tok.pos_ == "ADJ" and any(c.lower_ == "the" for c in tok.children) or (
            tok.dep_ == "conj" and tok.head.pos_ == "ADJ" and tok.head.lower_ in CONDOLED and tok.head.dep_ == "pobj") or (
            tok.dep_ == "relcl" and tok.head.lower_ == "those" and any(
                c.lower_ == "who" and c.dep_ in ("nsubj", "nsubjpass") for c in tok.children))
        if people and not _irrealis(tok):
            found.append(CasualtyRow(status=status, count=None, count_max=None, qualifier="unspecified", who=None,
                                     claimed_by=claimant_for(tok, claims), evidence=clean_sentence(tok.sent.text),
                                     order=tok.i))
    return found


def own_voice(ctx: Context) -> str | None:
    """The organisation a press release speaks for, when the publisher is one the text names
    ("U.S. Africa Command Public Affairs" publishing about "U.S. Africa Command")."""
    publisher = (ctx.publisher or "").lower()
    if not publisher or re.search(r"\b(news|times|post|mirror|wire|desk|observer|tribune|herald|journal|gazette|"
                                  r"radio|tv|television|daily|press|agency|voice of america|wikinews|report|"
                                  r"standard|courier|monitor|chronicle|ledger|briefs?)\b", publisher):
        return None                      # a newspaper's own voice is no party's claim
    # a one-word name only as an acronym ("AFRICOM"): "State" of "Secretary of State" is no voice
    names = [e.text for e in ents_of(ctx.doc) if e.label_ == "ORG" and len(e.text) > 3
             and (len(e.text.split()) > 1 or e.text.isupper())]
    hits = [n for n in names if re.sub(r"^the\s+", "", n.lower()) in publisher]
    return re.sub(r"^(the|The)\s+", "", max(hits, key=len)) if hits else None


# ----------------------------------------------------------------------------------- triggers

def _trigger_status(tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    low = tok.lower_
    if tok.pos_ in ("VERB", "AUX") or tok.tag_ in ("VBN", "VBD", "VBG"):
        particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
        if (lemma, particle) in PHRASAL_STATUS:
            status = PHRASAL_STATUS[(lemma, particle)]
            subject = _subject(tok)
            if status == "arrested" and not (subject is not None and subject.lemma_.lower() in ROUNDING_UP_AUTHORITIES):
                return "captured"        # an armed group that rounds up villagers takes them captive
            return status
        if lemma in UPROOTING_VERBS and _uprooted_from_home(tok):
            return "displaced"
        if lemma in VERB_STATUS:
            if lemma == "capture" and not _people_object(tok) and not (
                    tok.dep_ == "acl" and tok.head.lemma_.lower() not in NOT_PEOPLE and tok.head.pos_ in ("NOUN", "PROPN")):
                return None
            if lemma == "execute" and not _people_object(tok):
                return None
            return VERB_STATUS[lemma]
        if low in ADJ_STATUS and (tok.tag_ == "VBN" or tok.dep_ == "acomp"
                                  or any(c.dep_ in ("aux", "auxpass") for c in tok.children)):
            return ADJ_STATUS[low]        # "were still missing", "one is missing"
    if tok.pos_ == "ADJ" and low in ADJ_STATUS:
        return ADJ_STATUS[low]
    if low in ADJ_STATUS and tok.dep_ == "pobj" and tok.head.lower_ in ("among", "of"):
        return ADJ_STATUS[low]          # "among the dead", "five of the injured"
    if lemma == "life" and tok.pos_ == "NOUN" and tok.lower_ == "lives" and (
            tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("claim", "take", "cost", "lose")
            or tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() == "lose"):
        return "killed"                 # "claimed at least 20 lives", "12 lives were lost"
    if lemma == "loss" and tok.pos_ == "NOUN" and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(p.lemma_.lower() == "life" for p in c.children)
            for c in tok.children):
        return "killed"                 # "saddened by the loss of life": deaths, uncounted
    if lemma == "toll" and tok.pos_ == "NOUN" and _toll_number(tok) is not None:
        return "killed" if not any(c.lower_ in ("injury", "injuries") for c in tok.children) else "injured"
    if lemma == "execution" and not any(
            c.dep_ == "prep" and c.lower_ == "of" and any(
                p.dep_ == "pobj" and any(n.dep_ == "nummod" for n in p.children) for p in c.children)
            for c in tok.children):
        return None                     # "the execution of five aid workers", not "the plan's execution"
    if lemma == "victim" and tok.dep_ == "pobj" and (tok.head.lower_ == "of" and tok.head.head.like_num
                                                     or tok.head.lower_ == "among") and \
            _DEATHS_BEFORE.search(tok.doc[:tok.i].text):
        # "at least six of the thirteen victims were children", "two children were among the victims":
        # a part of the dead
        return "killed"
    if lemma == "take" and any(c.dep_ == "prep" and c.lower_ == "into" and any(p.lower_ == "custody" for p in c.children)
                               for c in tok.children):
        return "arrested"               # "two men have been taken into custody"
    if tok.pos_ == "NOUN" and lemma in NOUN_STATUS and NOUN_STATUS[lemma]:
        if lemma == "death" and tok.dep_ == "compound" and tok.head.lemma_.lower() == "toll":
            return None                 # "death toll": the toll carries the figure
        if lemma in ("hostage", "captive") and tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
            return None
        if lemma == "refugee" and not any(c.dep_ == "nummod" for c in tok.children):
            return None
        if lemma == "body" and not (tok.lower_ == "bodies" and (
                any(c.dep_ == "prep" and c.lower_ == "of" and any(x.dep_ == "pobj" and any(
                    n.like_num for n in x.subtree) for x in c.children) for c in tok.children)
                or any(c.dep_ == "nummod" for c in tok.children) and tok.head.lemma_.lower() in (
                    "find", "recover", "collect", "discover", "retrieve", "pull", "exhume", "identify", "bring"))):
            return None                  # "bodies of nine troops", "12 bodies were found"; not "UN bodies"
        if lemma in ("killing", "kidnapping", "abduction", "detention", "murder", "slaughter", "massacre") and not any(
                c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return None                  # "the killing" names no one; "the kidnapping of four" does
        return NOUN_STATUS[lemma]
    return None


_DEATHS_BEFORE = re.compile(r"\b(killed|killing|dead|deaths|died|death toll)\b", re.I)


def _uprooted_from_home(verb: Token) -> bool:
    """"forced more than 1.5 million from their homes": people driven out, not "forced from power"."""
    return any(c.dep_ == "prep" and c.lower_ == "from" and any(
        p.dep_ == "pobj" and p.lemma_.lower() in HOME_NOUNS for p in c.children) for c in verb.children) \
        and any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children)


def _toll_number(toll: Token) -> Token | None:
    """"put the death toll at nine", "the toll rose to 12", "the toll stood at 9" -> the number."""
    places = [toll, toll.head] if toll.head.pos_ in ("VERB", "AUX") else [toll]
    for owner in places:
        for prep in owner.children:
            if prep.dep_ == "prep" and prep.lower_ in ("at", "to"):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None and (pobj.like_num or pobj.pos_ == "NUM"):
                    return pobj
                number = next((c for c in pobj.children if c.dep_ == "nummod"), None) if pobj is not None else None
                if number is not None:
                    return number                # "put the toll at 17 dead"
    if toll.head.lemma_ == "be":
        return next((c for c in toll.head.children if c.dep_ == "attr" and c.like_num), None)
    return None


def _people_object(verb: Token) -> bool:
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            return c.lemma_.lower() not in NOT_PEOPLE and (c.like_num or c.pos_ in ("NOUN", "PROPN"))
    return False


def _irrealis(tok: Token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and tok.dep_ in ("xcomp", "advcl", "acl", "ccomp"):
        if not (tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_.lower() in CAUSATIVE):
            return True
    chain = [tok, *tok.ancestors][:4]
    for i, anc in enumerate(chain):
        if anc.lemma_.lower() in IRREALIS and i > 0:
            # "denied responsibility for the death of a vendor": the death happened, the blame is denied
            if any(t.lemma_.lower() in ("responsibility", "involvement", "role", "blame") for t in chain[1:i]):
                return False
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in anc.children):
            return True
    return False


def _victims(tok: Token, status: str) -> list[Token]:
    """Head nouns of the people a casualty word applies to."""
    heads: list[Token] = []
    kids = list(tok.children)
    pos = tok.pos_
    before = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
    after = tok.doc[tok.i + 1] if tok.i + 1 < tok.sent.end else None
    if pos == "VERB" and after is not None and after.like_num and after.dep_ == "nummod" \
            and (after.head.ent_type_ in ("DATE", "TIME") or after.head.lower_ in WEEKDAY_WORDS) \
            and not any(c.dep_ == "dobj" for c in kids):
        heads.append(after)                 # "wounded seven Thursday": the parser hung the number on the day
    elif (pos == "ADJ" or tok.tag_ == "VBN") and before is not None and before.like_num \
            and (before.dep_ not in ("nummod", "dobj") or before.head == tok) and tok.dep_ in ("oprd", "conj"):
        # "left 30 people dead and more than 2,000 displaced": the number before the word counts it
        heads.append(before)
    elif tok.lemma_.lower() == "toll" and pos == "NOUN":
        number = _toll_number(tok)
        if number is not None:
            heads.append(number)
    elif tok.lemma_.lower() == "loss" and pos == "NOUN":
        heads.append(tok)                   # "the loss of life": no one counted
    elif tok.lower_ == "lives" and pos == "NOUN":
        # "claimed the lives of 14 civilians": the people are counted after "of"
        pobj = _of_object(tok)
        heads.append(pobj if pobj is not None and not any(c.dep_ == "nummod" for c in kids) else tok)
    elif tok.lemma_.lower() in NOUN_STATUS and pos == "NOUN":
        # "the death of 12 soldiers" / "12 deaths" / "many injuries" / "hostages"
        pobj = _of_object(tok)
        if pobj is None and tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("sustain", "suffer", "receive"):
            subj = _subject(tok.head)       # "four others sustained gunshot wounds"
            if subj is not None:
                pobj = subj
        if pobj is None and tok.dep_ == "pobj" and tok.head.lower_ == "of" and (
                tok.head.head.like_num or tok.head.head.pos_ == "NUM"):
            pobj = tok.head.head                # "six of the fatalities occurred in Suez"
        if pobj is None and tok.lemma_.lower() == "death" and tok.dep_ == "pobj" and tok.head.lower_ == "to" \
                and tok.head.head.pos_ in ("VERB", "AUX"):
            # "beat three men to death", "two inmates were thrown to their deaths", "froze to death"
            verb = tok.head.head
            pobj = next((c for c in verb.children if c.dep_ == "dobj"), None) or _subject(verb)
        heads.append(pobj if pobj is not None else tok)
    elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and (tok.head.head.like_num or tok.head.head.pos_ == "NUM"):
        # "Five of the injured were sent to hospital" (but "two of the wounded died" is a death)
        number = tok.head.head
        gov = number.head
        if _trigger_status(gov) is None:
            heads.append(number)
    elif pos in ("ADJ", "NOUN", "VERB") and tok.dep_ in ("pobj", "amod") and tok.head.lower_ == "among":
        # "four soldiers and three civilians were among the dead"
        verb = tok.head.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            heads.append(subj)
    elif pos == "ADJ" or (tok.tag_ in ("VBN", "VBD") and tok.dep_ in ("amod", "acl", "acomp", "oprd")
                          and (tok.tag_ == "VBN" or tok.dep_ == "acl")     # "tourists seized Sunday", tagged VBD
                          and not any(c.dep_ == "dobj" for c in kids)) or (   # not "a bombing killed 40 people"
            tok.lower_ in ADJ_STATUS and tok.tag_ == "VBG"):
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
            heads.append(_participle_noun(tok))
        elif tok.dep_ in ("amod",):
            heads.append(tok.head)
        elif tok.dep_ in ("dobj", "nsubj", "nsubjpass", "appos") and any(c.dep_ == "nummod" for c in kids):
            heads.append(tok)                   # "leaving 43 dead": the adjective counts the people
        elif tok.dep_ in ("acomp", "oprd", "ccomp", "xcomp", "conj", "ROOT"):
            subj = _subject(tok)
            if subj is not None:
                heads.append(subj)
        if tok.dep_ == "acomp" and tok.head.lemma_ == "leave":
            obj = next((c for c in tok.head.children if c.dep_ in ("dobj", "nsubj")), None)
            if obj is not None and obj not in heads:
                heads = [obj]
        elif tok.dep_ == "oprd" and tok.head.lemma_ == "leave":
            obj = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
            if _counted_apart(tok):
                heads = [tok]                   # "left two dead and many more injured": others, uncounted
            elif obj is not None and (obj.like_num or any(c.dep_ == "nummod" for c in obj.children)):
                heads = [obj]                   # "leaving 43 dead", "left two demonstrators dead"
        elif tok.dep_ in ("oprd", "acomp") and tok.head.lemma_.lower() in DEAD_VERBS and (
                obj := next((c for c in tok.head.children if c.dep_ in ("dobj", "nsubjpass")), None)) is not None:
            heads = [obj]                       # "shot dead a rubber tapper", "a policeman was shot dead"
        elif tok.dep_ == "conj" and tok.head.dep_ == "oprd" and tok.head.head.lemma_ == "leave":
            heads = [tok]                       # "... dead and many more injured": others, uncounted
        if tok.dep_ == "nsubj" and tok.head.lemma_.lower() == "include":
            # "the dead included three women and two children": each part of the toll is a figure
            heads = [c for c in tok.head.children if c.dep_ == "dobj"]
    else:
        passives = [c for c in kids if c.dep_ == "nsubjpass" and c.i < tok.i]
        # the subject that counts people ("two other ISIS operatives"), else the one next to the verb
        passive = max(passives, key=lambda c: (any(x.dep_ == "nummod" for x in c.children) or c.like_num, c.i)) \
            if passives else next((c for c in kids if c.dep_ == "nsubjpass"), None)
        dobj = next((c for c in kids if c.dep_ == "dobj"), None)
        lemma = tok.lemma_.lower()
        causer_obj = next((c for c in tok.head.children if c.dep_ == "dobj"), None) \
            if tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_.lower() in CAUSATIVE else None
        if passive is not None and passive.lower_ in ("who", "that") and tok.dep_ == "relcl":
            heads.append(tok.head)              # "the six who were wounded"
        elif passive is not None:
            heads.append(passive)
        elif causer_obj is not None and dobj is None or causer_obj is not None and lemma == "flee":
            heads.append(causer_obj)            # "forced 2,000 people to flee"
        elif lemma in ("die", "perish", "flee") or (tok.tag_ == "VBN" and dobj is None) or (
                dobj is None and tok.dep_ == "conj" and any(c.dep_ == "auxpass" for c in tok.head.children)):
            # (the last: "20 were killed and 16 others wounded", the second passive's "were" left out)
            subj = _subject(tok)
            passive_aux = any(c.dep_ == "auxpass" for c in tok.children) or (
                tok.dep_ == "conj" and any(c.dep_ == "auxpass" for c in tok.head.children))
            # a verb with its own "were" whose subject is borrowed from the verb it is joined to
            # ("The United States is saddened that 35 civilians ... were killed")
            borrowed = subj is not None and tok.dep_ == "conj" and subj.head != tok \
                and any(c.dep_ == "auxpass" for c in tok.children)
            if passive_aux and (subj is None or subj.i > tok.i or borrowed
                                or subj.lemma_.lower() in NOT_PEOPLE | {"strike", "blast"}):
                # a coordinated passive the parser left without a subject: "... and no civilians
                # were injured or killed" -> the noun just before "were"
                subj = next((t for t in reversed(tok.doc[max(tok.sent.start, tok.i - 5): tok.i])
                             if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() not in NOT_PEOPLE), subj)
                while subj is not None and subj.dep_ == "pobj" and subj.head.lower_ in ("including", "among"):
                    subj = subj.head.head        # "12 soldiers and seven civilians, including a child, were"
                while subj is not None and (subj.dep_ in ("conj", "appos") or subj.dep_ == "pobj" and (
                        subj.head.lower_ == "of" and subj.head.head.pos_ == "NOUN")):
                    # the first of the coordinated nouns (its conjuncts follow); "a commander of
                    # the al-Nusra Front, an al-Qaida-linked group, was killed": the commander
                    subj = subj.head if subj.dep_ != "pobj" else subj.head.head
            if subj is not None:
                heads.append(subj)
        elif dobj is not None:
            heads.append(dobj)
        elif tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_.lower() in CAUSATIVE:
            obj = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                heads.append(obj)
        elif tok.dep_ == "conj":
            subj = _subject(tok)
            if subj is not None and tok.tag_ == "VBN":
                heads.append(subj)
    # "seven soldiers were killed ..., along with about 20 rebels": the others killed with them
    if heads and tok.pos_ == "VERB":
        for along in (c for c in kids if c.dep_ == "prep" and c.lower_ == "along"):
            heads += [p for w in along.children if w.lower_ == "with" for p in w.children
                      if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN", "NUM")]
    # "a total of 23 civilians", "a group of 40 villagers": the people are after "of"
    heads = [(_of_object(h) or h) if h.lower_ in ("total", "group", "handful") else h for h in heads]
    out = []
    for h in heads:
        out.append(h)
        # "killed a former commander, Agha Shah, and two bystanders": the list goes on past the name
        named = [a for a in h.children if a.dep_ == "appos" and a.pos_ == "PROPN"]
        for c in [*h.conjuncts, *(x for a in named for x in a.conjuncts)]:
            if c.i > h.i and c.lemma_.lower() not in NOUN_STATUS and c.pos_ in ("NOUN", "PROPN", "NUM", "PRON") \
                    and not (h.i < tok.i < c.i):    # "12 soldiers killed ... and the 40 people who were wounded"
                out.append(c)
    if tok.lemma_.lower() in ("seize", "snatch"):
        out = [h for h in out if h.lemma_.lower() in SEIZED_PEOPLE or h.ent_type_ == "NORP"]
    return [h for h in out if h.lemma_.lower() not in NOT_PEOPLE]


def _subject(tok: Token) -> Token | None:
    for t in [tok, *tok.ancestors][:3]:
        if t is not tok and t.lemma_.lower() in ("say", "tell", "report", "add", "claim", "state"):
            break                        # the speaker of "X said ... died" did not die
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        if t.dep_ not in ("conj", "acomp", "xcomp", "ccomp"):
            break
    return None


# ----------------------------------------------------------------------------------- one row

def _row_for(victim: Token, trigger: Token, status: str, ctx: Context, claims, rows) -> CasualtyRow | None:
    if victim.pos_ == "PRON" and victim.lower_ not in ("none", "all", "another"):
        return None
    number_tok = None
    who_head = victim
    if victim.like_num or victim.pos_ == "NUM":
        number_tok = victim
        pobj = _of_object(victim)
        if pobj is not None:
            who_head = pobj
    else:
        number_tok = next((c for c in victim.children if c.dep_ == "nummod"), None)
        if number_tok is None:           # "nine ISWAP fighters": the number sits on the name
            number_tok = next((n for c in victim.children if c.dep_ in ("compound", "nmod")
                               for n in c.children if n.dep_ == "nummod" or n.dep_ == "compound" and n.like_num
                               and n.i < c.i), None)   # "Twenty KIA military cadets"
        if number_tok is None:           # "more than a dozen pilgrims", "dozen" parsed as a compound
            number_tok = next((c for c in victim.children if c.dep_ == "compound" and c.lower_ == "dozen"
                               and c.i > 0 and victim.doc[c.i - 1].lower_ == "a"), None)
    if victim.lower_ in VAGUE and victim.pos_ == "NOUN":
        # "dozens of civilians"
        pobj = _of_object(victim)
        if pobj is not None:
            who_head = pobj
    count = None
    count_max = None
    qualifier = "unspecified"
    if number_tok is not None:
        text = _number_text(number_tok)
        count = parse_number(text)
        if count is not None:
            qualifier = _qualifier(number_tok)
            upper = next((c for c in number_tok.children if c.dep_ == "conj" and c.like_num), None)
            if upper is not None and _prev_words(number_tok, 1) == ["between"]:
                count_max = parse_number(_number_text(upper))
                qualifier = "range"
            if text.lower() in ("a dozen", "dozen") and qualifier in ("exact", "unspecified"):
                qualifier = "about"          # but "more than a dozen" is at least twelve
            if number_tok.lower_ == "one" and _prev_words(number_tok, 1) == ["no"]:
                count, qualifier = 0, "exact"    # "no one was arrested"
    else:
        det = next((c for c in victim.children if c.dep_ in ("det", "nummod", "amod")), None)
        det_word = det.lower_ if det is not None else ""
        negated = any(t.lower_ in ("no", "not", "n't", "never", "without") for t in victim.doc[victim.sent.start: victim.i])
        if det_word == "no" or (det_word == "any" and negated):
            count, qualifier = 0, "exact"    # "no civilians", "no indications that any civilians were hurt"
        elif (victim.ent_type_ == "PERSON" and victim.pos_ == "PROPN") or any(
                t.ent_type_ == "PERSON" and t.dep_ in ("appos", "compound") for t in victim.subtree):
            count, qualifier = 1, "exact"    # "killing ISIS senior leader Khalid al-Jabouri"
        elif det_word in ("both", "either") and victim.tag_ in ("NNS", "NNPS"):
            count, qualifier = 2, "exact"    # "both bombers were killed"
        elif victim.lower_ == "another" and victim.pos_ == "PRON":
            count, qualifier = 1, "exact"    # "killed a policeman and wounded another"
        elif det_word in ("another", "one", "a", "an") and victim.tag_ in ("NN", "NNP"):
            hedged = any(c.dep_ == "aux" and c.lower_ in ("may", "might", "could") for c in trigger.children)
            if det_word in ("a", "an") and (hedged or trigger.dep_ == "acl"):
                return None
            count, qualifier = 1, "exact"
        elif victim.tag_ in ("NN",) and victim.lemma_.lower() not in NOUN_STATUS and victim.ent_type_ != "PERSON" \
                and det_word not in ("many", "several", "some") and victim is not trigger:
            return None  # "the operation", "the platoon": no headcount
    if victim.lower_ == "none":
        count, qualifier = 0, "exact"
    if victim is trigger or victim.lemma_.lower() in NOUN_STATUS:
        first = victim if victim.dep_ != "conj" else next((a for a in victim.ancestors if a.dep_ != "conj"), victim)
        if any(c.dep_ == "det" and c.lower_ == "no" for c in first.children):
            count, qualifier = 0, "exact"      # "no arrests or injuries"
    if count is None and victim.dep_ == "pobj" and victim.head.lower_ == "of" and \
            victim.head.head.lemma_.lower() == "number":
        # "brought to six the number of people killed", "raised the number of dead to 12"
        verb = victim.head.head.head
        # "to four" on the verb ("brought the number ... to four") or on the participle ("the number of
        # soldiers killed in this attack to four")
        to_number = next((p for owner in (verb, trigger) for prep in owner.children
                          if prep.dep_ == "prep" and prep.lower_ == "to"
                          for p in prep.children if p.like_num), None)
        if to_number is not None and parse_number(_number_text(to_number)) is not None:
            count, qualifier = parse_number(_number_text(to_number)), _qualifier(to_number)
    who = _who(who_head, number_tok, rows)
    claimed_by = claimant_for(trigger, claims)
    return CasualtyRow(status=status, count=count, count_max=count_max, qualifier=qualifier, who=who,
                       claimed_by=claimed_by, evidence=clean_sentence(trigger.sent.text), order=trigger.i,
                       background=ctx.is_background(trigger))


def _breakdown(victim: Token, trigger: Token, row: CasualtyRow, rows) -> list[CasualtyRow]:
    """"45 killed, including nine children": the part is a figure of its own."""
    out = []
    owners = [victim, trigger, trigger.head] + ([victim.head] if victim.like_num else [])
    for owner in owners:
        for prep in owner.children:
            if prep.dep_ == "prep" and prep.lower_ == "including":
                for part in [c for c in prep.children if c.dep_ == "pobj"]:
                    if part.lower_ in ("that", "those"):
                        # "ten deaths, including that of six Chinese and one Vietnamese"
                        part = _of_object(part) or part
                    for p in [part, *part.conjuncts]:
                        number = next((c for c in p.children if c.dep_ == "nummod"), None)
                        if number is None or parse_number(_number_text(number)) is None:
                            continue
                        out.append(CasualtyRow(row.status, parse_number(_number_text(number)), None, _qualifier(number),
                                               _who(p, number, rows), row.claimed_by, row.evidence, order=p.i,
                                               background=row.background))
    return out


def _number_text(tok: Token) -> str:
    parts = [tok]
    left = tok.i - 1
    doc = tok.doc
    while left >= 0 and (doc[left].like_num or doc[left].text == "-") and doc[left].head == tok:
        parts.insert(0, doc[left])
        left -= 1
    if left >= 0 and doc[left].lower_ in ("a", "an") and tok.lower_ in ("dozen", "hundred", "thousand", "million"):
        parts.insert(0, doc[left])
    right = tok.i + 1
    if right < len(doc) and doc[right].lower_ == "dozen" and doc[right].head == tok:
        parts.append(doc[right])         # "two dozen"
    elif right < len(doc) and doc[right].lower_ in ("m", "mln") and re.fullmatch(r"\d+(\.\d+)?", tok.text):
        parts.append(doc[right])         # "1.5 m people", "1.5m": millions
    return span_text(parts)


def _prev_words(tok: Token, n: int) -> list[str]:
    start = max(tok.sent.start, tok.i - n)
    return [t.lower_ for t in tok.doc[start: tok.i]]


def _of_object(tok: Token) -> Token | None:
    """The noun after "of": "the death of 12 soldiers" -> soldiers."""
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _counted_apart(tok: Token) -> bool:
    """"many more injured", "several others wounded": people of their own, not counted."""
    return any(t.lower_ in ("more", "many", "several", "others", "dozens")
               for c in tok.children if c.dep_ in ("advmod", "amod", "npadvmod") for t in c.subtree)


def _participle_noun(tok: Token) -> Token:
    """The people a participle describes: "the families of the 30 Nigerien and two Nigerian soldiers
    killed in the attack" — the parser hangs "killed" on "families", but the counted nouns just
    before it are the dead."""
    head = tok.head
    if _counted_apart(tok):
        return tok                          # "the violence that left four dead and many more injured"
    prev = tok.doc[tok.i - 1]
    if prev.i > head.i and prev.pos_ in ("NOUN", "PROPN") and prev != head and head not in prev.conjuncts:
        noun = prev
        while noun.dep_ == "conj" and noun.head.i > head.i:
            noun = noun.head
        if any(c.dep_ == "nummod" for c in noun.children) or noun.like_num:
            return noun
        if head.lemma_.lower() == "number" and noun.dep_ == "pobj" and noun.head.lower_ == "of":
            return noun                     # "bringing the number of U.S. Service Members killed ... to four"
    return head


def _qualifier(number_tok: Token) -> str:
    before = " ".join(_prev_words(number_tok, 4 if number_tok.lower_ == "dozen" else 3))
    if number_tok.lower_ == "dozen" and before.endswith(" a"):
        before = before[:-2]                 # "more than a dozen": the qualifier comes before "a"
    for phrase, qualifier in QUALIFIER_WORDS:
        if before.endswith(phrase):
            return qualifier
    return "exact"


def _who(head: Token, number_tok: Token | None, rows) -> str | None:
    if head.lower_ in ("others", "other", "more") and rows:
        return rows[-1].who
    if head.lemma_.lower() == "loss":
        return None                          # "the loss of life" says nothing of who died
    drop = {number_tok.i} if number_tok is not None else set()
    if number_tok is not None:
        drop |= {t.i for t in number_tok.subtree}
        if number_tok.head.lower_ in ("m", "mln", "million", "dozen") and number_tok.head.dep_ == "compound":
            drop.add(number_tok.head.i)  # "1.5 m people": the unit is part of the number
    tokens = []
    for t in head.subtree:
        if t.i in drop or t.dep_ in ("det", "relcl", "acl", "punct", "cc", "conj", "quantmod", "advmod") \
                or t.lower_ in ("its", "their", "his", "her", "the"):
            continue
        if any(a.dep_ in ("relcl", "acl", "conj", "prep", "appos") and a.i != head.i for a in t.ancestors
               if a.i in {x.i for x in head.subtree} and a != head):
            continue
        if t.dep_ == "prep" and t.head == head and t.lower_ not in ("of",):
            continue
        tokens.append(t)
    text = span_text([t for t in tokens if t.i >= head.left_edge.i])
    text = re.sub(r"^(of|at least|more than|some|about|as many as|up to)\s+", "", text, flags=re.I).strip()
    if not text or head.like_num:
        return None
    return text


# ----------------------------------------------------------------------------------- headlines

_NUM = r"(\d{1,3}(?:,\d{3})*|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
       r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|" \
       r"sixty|seventy|eighty|ninety|hundred|dozen)"
_HEAD_VERB = re.compile(r"\b(kill(?:s|ed|ing)?|wound(?:s|ed|ing)?|injur(?:es|ed|ing|e)|kidnap(?:s|ped|ping)?|"
                        r"abduct(?:s|ed|ing)?|arrest(?:s|ed|ing)?)\s+(at least\s+|more than\s+|over\s+)?" + _NUM
                        + r"\b", re.I)
_HEAD_NUM = re.compile(r"(at least\s+|more than\s+|over\s+)?\b" + _NUM +
                       r"((?:\s+[A-Za-z’'-]+){0,3}?)\s+(killed|dead|die|died|wounded|injured|hurt|kidnapped|"
                       r"abducted|arrested|missing|displaced)\b", re.I)
_TITLE_STATUS = {"kill": "killed", "dead": "killed", "die": "killed", "wound": "injured", "injur": "injured",
                 "hurt": "injured", "kidnap": "captured", "abduct": "captured", "arrest": "arrested",
                 "missing": "missing", "displaced": "displaced"}


def _title_status(word: str) -> str:
    w = word.lower()
    for stem, status in _TITLE_STATUS.items():
        if w.startswith(stem):
            return status
    return "killed"


def _title_rows(title: str) -> list[CasualtyRow]:
    rows = []
    for m in _HEAD_VERB.finditer(title):
        count = parse_number(m.group(3))
        if count is not None:
            rows.append(CasualtyRow(_title_status(m.group(1)), count, None,
                                    "at-least" if m.group(2) else "exact", None, None, title, True, -1))
    # "18 Soldiers, 5 Militants Dead": every figure in a list before one casualty word
    for m in _HEAD_NUM.finditer(title):
        status = _title_status(m.group(4))
        start = m.start()
        prefix = title[:start]
        listed = re.findall(r"\b" + _NUM + r"\s+[A-Za-z’'-]+(?:\s+[A-Za-z’'-]+)?\s*,\s*$", prefix, re.I)
        for extra in listed:
            n = parse_number(extra)
            if n is not None:
                rows.append(CasualtyRow(status, n, None, "exact", None, None, title, True, -1))
        count = parse_number(m.group(2))
        if count is not None:
            rows.append(CasualtyRow(status, count, None, "at-least" if m.group(1) else "exact", None, None,
                                    title, True, -1))
    return rows


# ----------------------------------------------------------------------------------- merging

def _quantified(who: str | None) -> bool:
    """'several people', 'dozens of civilians': a vague amount of its own, not a repeat."""
    return bool(who) and who.split()[0].lower() in VAGUE | {"other", "others"}


def _head_word(who: str | None) -> str:
    return who.split()[-1].lower() if who and who.split() else ""


WEEKDAY_WORDS = set(WEEKDAYS) | {"today", "yesterday", "overnight", "night", "morning", "evening"}
TOLD_AGAIN = {"death", "deaths", "dead", "killing", "killings", "casualties", "fatalities", "victims",
              "injuries", "wounded", "injured"}


def _merge(rows: list[CasualtyRow]) -> list[CasualtyRow]:
    """One row per distinct figure: repeats (same status and count) fold into the first telling."""
    body = [r for r in rows if not r.from_title]
    title = [r for r in rows if r.from_title]
    out: list[CasualtyRow] = []
    for r in body:
        # "two inmates were beheaded ... two other inmates were thrown to their deaths": others, not a repeat
        others = bool(r.who and re.search(r"\b(other|others|more|another)\b", r.who, re.I))
        twin = None if others else next((o for o in out if o.status == r.status and o.count == r.count and o.count_max == r.count_max
                     and (o.claimed_by == r.claimed_by or o.claimed_by is None or r.claimed_by is None
                          or o.count is None)), None)
        if twin is None:
            out.append(r)
            continue
        twin.background = twin.background and r.background
        if twin.claimed_by is None and r.claimed_by:
            twin.claimed_by = r.claimed_by
        if twin.qualifier in ("exact", "unspecified") and r.qualifier not in ("exact", "unspecified"):
            twin.qualifier = r.qualifier
        if not twin.who and r.who:
            twin.who = r.who
    # "killed villagers" beside "killed 17 villagers": the same people told without the number
    out = [r for r in out if not (r.count is None and r.qualifier == "unspecified" and not r.background
                                  and not _quantified(r.who) and any(
        o.status == r.status and o.count is not None and not o.background and _head_word(o.who)
        and _head_word(o.who) == _head_word(r.who) for o in out))]
    # "The deaths came a day after ...": the deaths already counted, told again
    out = [r for r in out if not (r.count is None and r.qualifier == "unspecified" and not r.background
                                  and _head_word(r.who) in TOLD_AGAIN and any(
        o.status == r.status and o.count is not None and not o.background for o in out))]
    for r in title:
        if any(o.status == r.status and o.count == r.count for o in out):
            continue
        if any(o.status == r.status and o.count == r.count for o in out if o.from_title):
            continue
        out.append(r)
    return out
