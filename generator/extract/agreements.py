"""The parties to an agreement: who signed, agreed or negotiated, read from the parse of the lead.

A ceasefire or peace deal has no attacker and no victim; its parties are the sides named around the
agreement words: "talks between the Ugandan government and rebels of the Lord's Resistance Army",
"the signing by two armed groups, the New Mon State Party and the Lahu Democratic Union",
"Kiir and rebels signed", "congratulates the Government of Colombia on reaching agreements with the
FARC". Mediators, witnesses and the governments that welcome the deal are not parties.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from .context import Context, entity_of
from .demonyms import country_of_word, demonym_of

AGREEMENT_NOUNS = {"agreement", "agreements", "accord", "accords", "deal", "treaty", "ceasefire", "cease-fire",
                   "truce", "talks", "negotiation", "negotiations", "signing", "pact", "cessation", "armistice",
                   "dialogue", "memorandum", "peace", "declaration", "settlement"}
# the verbs whose subject is a side (actor_words.AGREEMENT_VERBS also has the mediators' verbs)
SIGNING_VERBS = {"sign", "agree", "reach", "conclude", "negotiate", "ink"}
# "congratulates the Government of Colombia on reaching agreements": the one congratulated signed
PRAISE_VERBS = {"congratulate", "commend", "praise", "applaud", "thank"}
# nouns that stand for the body they belong to: "rebels of the LRA", "representatives of the SPLM-IO"
MEMBER_NOUNS = {"representatives", "representative", "members", "member", "leaders", "leader", "delegation",
                "delegations", "delegates", "negotiators", "envoys", "rebels", "fighters", "officials", "wing"}
# a phrase names a party only with a proper name or one of these heads
PARTY_HEADS = {"government", "governments", "rebels", "rebel", "opposition", "regime", "army", "military", "forces",
               "militia", "militias", "movement", "front", "party", "parties", "groups", "group", "junta", "authorities",
               "insurgents", "guerrillas", "separatists", "alliance", "coalition", "council", "society", "union",
               "communities", "tribes", "clans"}
COMMUNITIES = {"communities", "community", "tribes", "tribe", "clans", "clan"}
STATE_HEADS = {"government", "governments", "regime", "army", "military", "forces", "junta", "authorities", "state",
               "republic", "kingdom"}
STATE_TITLES = re.compile(r"\b(president|vice president|prime minister|minister|government|king|general)\b", re.I)
NOT_A_PARTY = re.compile(r"^(both|all|two|the two|each|other|either)\b|\b(sides?|community|leaders|states|nations|"
                         r"countries|mediators?|guarantors?|witness(es)?|public)$", re.I)
# an army or front that names itself for a cause is a rebel one: "the National Liberation Army"
REBEL_NAME = re.compile(r"^(?!.*\brepublic\b).*\b(liberation|revolutionary|resistance|rebel|salvation|freedom)\b", re.I)
QUANTITIES = {"some", "one", "most", "many", "several", "all", "two", "both"}
LEADING_WORDS = {"the", "a", "an", "two", "three", "additional", "several", "its", "their", "his", "her", "both", "all"}


@dataclass
class Party:
    name: str
    kind: str
    first: int          # token index, for the order the report names them in
    named: bool = True  # a proper name ("Renamo"), not a description ("rival armed groups")
    person: bool = False  # a signatory named in person ("John Garang"), who stands for a side


def agreement_parties(ctx: Context, sentences: int = 3) -> list[Party]:
    """The sides of the agreement the lead is about, in the order first named (at most four). The
    headline's wording ("Rival armed groups agree ceasefire") counts only where the body names fewer
    than two sides."""
    lead = [s for i, s in enumerate(ctx.sentences) if i not in ctx.background_indices][:sentences]
    found = _sides_in(lead, {})
    if len(found) < 2 and ctx.title_doc is not None:
        found = _sides_in([ctx.title_doc[:]], found)
    # a person stands for their side only when the report names no body for it
    parties = list(found.values())
    bodies = [p for p in parties if not p.person]
    people = [p for p in parties if p.person]
    chosen = bodies if len(bodies) >= 2 else bodies + people
    if any(p.named and p.kind == "rebel-groups" and not p.person for p in chosen):
        # "Rebels ... say they have agreed", then "the Seleka rebel coalition": one side, named
        chosen = [p for p in chosen if p.named or p.kind != "rebel-groups"]
    if sum(p.named for p in chosen) >= 2:
        chosen = [p for p in chosen if p.named]     # "rival armed groups" are the two brigades it names
    return chosen[:4]


def _sides_in(sentences: list[Span], found: dict[str, Party]) -> dict[str, Party]:
    found = dict(found)
    for sent in sentences:
        for tok in sent:
            if not _is_agreement_word(tok):
                continue
            for head in _party_heads(tok):
                for party in _parties_of(head):
                    key = party.name.lower()
                    if key not in found and not any(key in k or k in key for k in found):
                        found[key] = party
    return found


def _is_agreement_word(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX"):
        return lemma in SIGNING_VERBS or tok.lower_ in ("signed", "agreed", "reached", "concluded", "negotiated")
    return tok.pos_ in ("NOUN", "PROPN") and (lemma in AGREEMENT_NOUNS or tok.lower_ in AGREEMENT_NOUNS)


def _party_heads(tok: Token) -> list[Token]:
    """The heads of the phrases that name a side of this agreement word."""
    heads: list[Token] = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("between", "with", "by", "among"):
            heads += [t for t in child.children if t.dep_ == "pobj"]
        if tok.pos_ in ("VERB", "AUX") and child.dep_ in ("nsubj", "agent"):
            heads += [_speaker_of(child)] if child.dep_ == "nsubj" else [t for t in child.children if t.dep_ == "pobj"]
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "dobj" and tok.head.lemma_.lower() not in SIGNING_VERBS:
        # "welcomes the signing today by X": the parse hangs the signers on the welcoming verb
        heads += [t for c in tok.head.children if c.dep_ == "prep" and c.lower_ in ("by", "between")
                  for t in c.children if t.dep_ == "pobj"]
    if tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ in ("on", "for"):
        # "congratulates X on reaching agreements", "congratulates X and Y for the agreements they announced"
        praised = tok.head.head
        if praised.lemma_.lower() in PRAISE_VERBS:
            heads += [t for t in praised.children if t.dep_ == "dobj"]
    return heads


def _speaker_of(subject: Token) -> Token:
    """ "Rebels say they have agreed": 'they' are the ones who say so."""
    if subject.lower_ in ("they", "we", "it") and subject.head.dep_ == "ccomp":
        said = subject.head.head
        speaker = next((c for c in said.children if c.dep_ == "nsubj"), None)
        if speaker is not None and speaker.pos_ in ("NOUN", "PROPN"):
            return speaker
    return subject


def _parties_of(head: Token) -> list[Party]:
    """A phrase and its conjuncts and appositions, each as a party (or none)."""
    out: list[Party] = []
    for tok in [head] + _conjuncts(head) + _conjuncts_in_of(head):
        body = _body_of_members(tok)
        if body is not None:
            out += _parties_of(body)    # "youth leaders from the Lou Nuer and Murle communities"
            continue
        named = [a for a in tok.children if a.dep_ == "appos"]
        if named and not _is_named(tok):
            for a in named:             # "two armed groups, the New Mon State Party and the Lahu Democratic Union"
                out += _parties_of(a)
            continue
        split = _coordinated_modifier(tok)
        if split is not None:
            out += split
            continue
        party = _party(tok)
        if party is not None:
            out.append(party)
    return out


def _coordinated_modifier(tok: Token) -> list[Party] | None:
    """ "The Sudanese government and rebel forces": the parse makes one phrase of two sides, the
    first a modifier of the second's head with the second's first word its conjunct."""
    for mod in tok.lefts:
        conj = [c for c in mod.children if c.dep_ == "conj" and c.i < tok.i]
        if mod.dep_ in ("nmod", "compound") and (mod.lower_ in PARTY_HEADS or mod.pos_ == "PROPN"
                                                  and tok.lower_ in COMMUNITIES) and conj:
            first = _party(mod)
            words = [t for t in tok.doc[conj[0].i: tok.i + 1]]
            if NOT_A_PARTY.search(" ".join(t.text for t in words)):
                return [first] if first is not None else []
            second = Party(" ".join(t.text for t in words), "rebel-groups" if tok.lower_ not in STATE_HEADS or any(
                t.lower_ in ("rebel", "rebels", "opposition") for t in words) else "state-forces", conj[0].i,
                any(t.pos_ == "PROPN" for t in words))
            sides = [p for p in (first, second) if p is not None]
            if tok.lower_ in COMMUNITIES:
                sides = [replace(p, kind="identity-militias", person=False) for p in sides]   # a people's name
            return sides
    return None


def _body_of_members(tok: Token) -> Token | None:
    if tok.lower_ not in MEMBER_NOUNS:
        return None
    body = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
            for p in c.children if p.dep_ == "pobj"]
    return body[0] if body and _is_named(body[0]) else None


def _conjuncts(tok: Token) -> list[Token]:
    """The conjuncts after `tok` ("X, Y and Z": Y and Z for X)."""
    return [c for c in tok.conjuncts if c.i > tok.i]


def _conjuncts_in_of(tok: Token) -> list[Token]:
    """ "the Government of the Republic of Mozambique and Renamo": the parse makes Renamo a conjunct
    of Mozambique, inside the 'of' phrase; it is a side of its own."""
    found = []
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    found += _conjuncts(pobj) + _conjuncts_in_of(pobj)
    return found


def _is_named(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or any(t.pos_ == "PROPN" for t in tok.lefts if t.dep_ in ("compound", "nmod"))


def _party(tok: Token) -> Party | None:
    of = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    if of and tok.lower_ in QUANTITIES:
        return _party(of[0])            # "some of the country's separatist groups"
    if tok.ent_type_ == "PERSON":
        span = entity_of(tok)
        if span is None:
            return None
        title = " ".join(t.text for t in _phrase(tok) if t.i < span.start)
        kind = "rebel-groups" if re.search(r"\b(rebel|opposition|insurgent)", title, re.I) else \
            "state-forces" if STATE_TITLES.search(title) else "other"
        return Party(re.sub(r"^(Dr|Mr|Mrs|Ms|Gen)\.?\s+", "", span.text), kind, tok.i, person=True)
    tokens = _phrase(tok)
    while tokens and tokens[0].lower_ in LEADING_WORDS:
        tokens = tokens[1:]
    if not tokens:
        return None
    name = re.sub(r"\s+\(\s*[A-Z][\w-]*\s*\)", "", "".join(t.text_with_ws for t in tokens).strip())
    name = re.sub(r"['’]s$", "", name).strip()
    owner = re.fullmatch(r"([A-Z][\w ]+?)['’]s (\w.*)", name)
    if owner and owner.group(2).lower() == "government":
        demonym = demonym_of(country_of_word(owner.group(1)))
        # "Mali's government", named as the other parties' governments are: "Malian government"
        name = f"{demonym} government" if demonym else f"Government of {owner.group(1)}"
    elif owner and (tokens[0].ent_type_ == "GPE" or country_of_word(owner.group(1))):
        name = owner.group(2)                       # "Nepal's Maoists": the country only places them
    # a capital that only starts the sentence ("Rival armed groups agree ...") names no one
    named = any(t.pos_ == "PROPN" and (t.ent_type_ or t.i != t.sent.start) for t in tokens
                if t.i == tok.i or t.dep_ == "compound" and t.head.i == tok.i)
    if NOT_A_PARTY.search(name) or not any(t.pos_ == "PROPN" or t.lower_ in PARTY_HEADS for t in tokens):
        return None
    if tok.ent_type_ in ("GPE",) and len(tokens) == 1:
        return Party(name, "state-forces", tok.i)
    kind = "state-forces" if tok.lower_ in STATE_HEADS and not REBEL_NAME.search(name) else \
        "identity-militias" if tok.lower_ in COMMUNITIES else "rebel-groups"
    if any(t.lower_ in ("parties", "society") for t in tokens):
        kind = "other"
    return Party(name, kind, tok.i, named)


def _phrase(tok: Token) -> list[Token]:
    """The words of the noun phrase: its modifiers, and an 'of' phrase ("Government of the Republic of Mozambique")."""
    left = [t for t in tok.subtree if t.i < tok.i and t.dep_ not in ("appos", "conj", "cc", "relcl")
            and (t.dep_ != "punct" or t.text in ("-", "'", "’"))
            and all(a.i >= tok.i or a.dep_ not in ("appos", "conj", "relcl", "prep") for a in _path(t, tok))]
    right = []
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = [t for t in child.children if t.dep_ == "pobj"]
            if not pobj or _is_agreement_word(pobj[0]):
                break                   # "the New Mon State Party, of the Nationwide Ceasefire Agreement"
            sides = _conjuncts_in_of(tok)
            skip = {t.i for c in sides for t in c.subtree} | {t.i for c in sides for t in c.head.children
                                                                 if t.dep_ == "cc"}
            right += [t for t in child.subtree if t.i not in skip]
        elif child.dep_ == "appos" and child.text.isupper():
            continue
        elif child.dep_ not in ("punct",):
            break
    words = sorted(set(left + [tok] + right), key=lambda t: t.i)
    return [t for t in words if t.dep_ != "punct" or t.text in ("'", "’", "-")]


def _path(t: Token, top: Token) -> list[Token]:
    path = []
    while t.i != top.i and t.head.i != t.i:
        path.append(t)
        t = t.head
    return path

