"""Where the incident happened.

Place mentions come from spaCy's place entities and from context patterns that catch the names
the model mislabels ("the Aryub Zazi district", "the town of Hacari", "the Shakij, Bibi Jani and
Salehan districts", "areas ... including Spina Shaga, Giwi and Mani Jabha"). Each is resolved in
the gazetteer, preferring the report's countries, with fuzzy matching for spelling variants.
Then the analyst's rules: background sentences don't count, a dateline is not a place, a
province that only serves as a town's address is dropped, and countries are listed only when
nothing finer is given.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .context import Context, ents_of, clean_sentence
from .dates import MONTHS, TRAILING_WEEKDAY, WEEKDAYS
from .demonyms import country_of_word
from .gazetteer import Place, fold

_W = r"(?:[A-Z][\w’'.-]*[\w]|[A-Z]|(?:al|el|ad|ar|as|ash|at|az|an|ul|bin|ibn)-[A-Z][\w’'-]*)"
NAME = _W + r"(?:(?:\s+|-)(?:(?:de|del|la|el|al|du|des|bin|ul|e|i)\s+)?" + _W + r")*"
NAMELIST = NAME + r"(?:\s*,\s*" + NAME + r")*(?:\s*,?\s+and\s+" + NAME + r")?"
PLACE_WORDS = {
    "district": "district", "districts": "district", "province": "province", "provinces": "province",
    "region": "province", "regions": "province", "state": "province", "states": "province",
    "governorate": "province", "governorates": "province", "county": "district", "counties": "district",
    "department": "province", "departments": "province", "prefecture": "province",
    "municipality": "city", "municipalities": "city", "town": "city", "towns": "city", "city": "city",
    "cities": "city", "village": "village", "villages": "village", "area": "village", "areas": "village",
    "island": "feature", "islands": "feature", "camp": "village", "neighbourhood": "village",
    "neighborhood": "village", "commune": "district", "communes": "district", "oblast": "province",
    "suburb": "village", "resort": "city", "post": "village", "outpost": "village", "barracks": "village", "locality": "village", "settlement": "village", "hamlet": "village",
    "local government area": "district", "lga": "district", "union": "village", "upazila": "district",
    "township": "district", "tehsil": "district", "subdistrict": "district", "sub-district": "district",
    "ward": "village", "barangay": "village", "canton": "district", "parish": "district",
    "quarter": "village", "market": "feature", "valley": "feature", "territory": "district",
    "administrative post": "district", "administrative posts": "district", "mountains": "feature", "mountain": "feature", "hills": "feature", "forest": "feature", "lake": "feature",
}
# Where people went, or where someone spoke, is not where the incident happened.
DESTINATION_VERBS = {"flee", "arrive", "take", "evacuate", "transfer", "move", "cross", "return", "rush",
                     "send", "bring", "travel", "head", "airlift", "escape", "relocate", "admit", "hurry",
                     "fly"}
# A place name that qualifies these says who or whose, not where
EYEWITNESSES = {"witness", "eyewitness", "resident", "survivor", "villager", "local"}
WHO_NOT_WHERE = {"force", "troop", "army", "military", "government", "crackdown", "criticism", "citizen", "national",
                 "embassy", "diplomat", "envoy", "soldier", "worker", "journalist", "tourist", "official", "leader",
                 "decision", "response", "policy", "support", "ally", "warplane", "jet", "drone", "aircraft",
                 "member"}
# the incident itself: a place that belongs to it is the scene, whoever speaks of it further up
INCIDENT_NOUNS = {"attack", "bombing", "shooting", "explosion", "blast", "massacre", "ambush", "raid", "clash",
                  "airstrike", "killing"}
NOT_SCENE_OBJECT_VERBS = {"visit", "tour", "pressure", "press", "urge", "lobby", "criticize", "criticise", "accuse",
                          "blame", "warn"}
JOURNEY_VERBS = {"travel", "return", "hurry", "fly", "drive", "head", "commute", "journey", "rush", "arrive"}
SPEECH_CONTEXT = {"say", "tell", "speak", "brief", "announce", "issue", "hold", "release", "briefing",
                  "statement", "conference", "talks", "meeting", "summit", "negotiation", "interview"}
NOT_INCIDENT_NOUNS = {"hospital", "hospitals", "clinic", "morgue", "court", "headquarters", "capital",
                      "talks", "embassy", "source", "sources", "official", "officials", "spokesman",
                      "spokeswoman", "spokesperson", "correspondent", "reporter", "leader", "commander",
                      "representative", "office", "resident", "residents", "journalist", "journalists",
                      "government", "governments", "ministry", "envoy", "envoys", "ambassador", "president",
                      "prime", "minister", "delegation", "delegations", "bureau", "bureaus", "studio", "studios",
                      "newsroom"}
# words that say who people are, never where: "the predominantly Shi'ite Turkmen town"
COMMUNITY_WORDS = {"shiite", "shi'ite", "shia", "sunni", "muslim", "christian", "hindu", "buddhist", "jewish",
                   "arab", "kurdish", "turkmen", "tamil", "sikh", "catholic", "orthodox", "alawite", "druze"}
_PW = r"(" + "|".join(sorted(PLACE_WORDS, key=len, reverse=True)) + r")"
# capitalised, these still follow a place's name ("Zerok District", "al-Baydah Governorate", "Embaski
# Village"); "State", "Department" or "Area" do not ("Islamic State", "State Department")
TITLE_PLACE_WORDS = {"District", "Districts", "Province", "Provinces", "Governorate", "Village", "County",
                     "Oblast", "Prefecture", "Region", "Municipality", "Township"}
_PW_OR_TITLE = r"(" + "|".join(sorted([*PLACE_WORDS, *TITLE_PLACE_WORDS], key=len, reverse=True)) + r")"
_LIST_THEN_WORD = re.compile(r"(?<![\w-])(" + NAMELIST + r")\s+(?:(?:tribal|restive|remote|border|rural|"
                             r"mountainous|semi-autonomous|autonomous)\s+)?" + _PW_OR_TITLE + r"\b")
# "the Datta Khel area of ...": what follows names a container
_PLACE_WORD_OF_BEFORE = re.compile(r"\b" + _PW + r"\s+of\s+(?:the\s+)?$")
_WORD_OF_LIST = re.compile(r"(?:(" + NAME + r")\s+)?\b" + _PW + r"\s+of\s+(?:the\s+)?(" + NAMELIST + r")")
# "in the Colombian capital Bogotá", "near the capital, Mogadishu" (the model often takes such a name for a person)
_CAPITAL = re.compile(r"\b(?:in|at|near|outside|around|into)\s+(?:the\s+)?(?:[A-Z][\w'’-]+\s+)?capital"
                      r"(?:\s+city)?,?\s+(?:of\s+)?(" + NAME + r")")
# "in Madagascar's capital", "in the Malagasy capital" (no name after it): that country's capital
_COUNTRYS_CAPITAL = re.compile(r"\b(?:in|at|near|outside|around|into|across)\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)"
                               r"(?:['’]s)?\s+capital\b(?!\s*,?\s*(?:city\s+)?(?:of\s+)?[A-Z])")
_PREP_NAME = re.compile(r"(?:\b(?:in|near|at|outside|around|into|from|across|toward|towards|inside|of)|(?:^|(?<=[.!?]\s))"
                        r"(?:In|Near|Outside|Inside))\s+(?:the\s+)?"
                        r"(?:(?:north|south|east|west|central|(?:north|south)-?(?:east|west))(?:ern)?\s+)?"   # "in southwest Niger"
                        r"(" + NAMELIST + r")")   # also "In Vista Hermosa, ..."
_INCLUDING = re.compile(r"\b(?:areas?|districts?|provinces?|towns?|villages?|cities|regions?|localities|border)\b[^.]{0,60}?\bincluding\s+(?:the\s+)?(" + NAMELIST + r")")
# "near Cal Miskaad, Bari region", "in Makalondi (Torodi department)", "near Cadale, Somalia"
_ADDRESS = re.compile(r"\b(?:in|near|at|outside|around|on)\s+(?:the\s+(?:town|village|city)\s+of\s+)?(" + NAME +
                      r")(?:,\s+(?:in\s+)?(?:the\s+)?|\s+\(\s*)(" + NAME + r")(?:\s+" + _PW + r")?\b")
# "an area called God Dofar", "a village known as Bula Hawo": the report names an unknown place outright
_CALLED = re.compile(r"\b(?:area|village|town|place|locality|neighbou?rhood|district|settlement|hamlet)\s+"
                     r"(?:called|known as|named)\s+[“\"]?(" + NAME + r")")
# "Tahrir Square", "Independence Square": a square is a scene in its own right, named with its word
_SQUARE = re.compile(r"(?<![\w-])(" + NAME + r")\s+Square\b")
# "villages of the Lou-Nuer tribe", "the Murle community": a people, not a place
_PEOPLE_AFTER = re.compile(r"\s+(?:tribe|tribes|tribesmen|clan|clans|ethnic group|community|communities)\b")
# the name in "the Gulf of Aden" or "the Sea of Azov" is the water, not the town
_WATER_BEFORE = re.compile(r"\b(?:Gulf|Sea|Bay|Straits?)\s+of\s+(?:the\s+)?$")
_IN_CONTAINER = re.compile(r"(" + NAME + r"),?\s+(?:in|of)\s+(?:the\s+)?(" + NAME + r")\s+" + _PW + r"\b")
NOT_PLACES = {w.capitalize() for w in WEEKDAYS} | {m.capitalize() for m in MONTHS} | {
    "The", "Durand Line", "Line", "Border", "God", "Islamic State", "State", "Army", "Police",
    "President", "Ministry", "Security", "Defense", "Defence", "Government", "Taliban", "Reuters",
    "Monday", "Tuesday", "Parliament", "Congress", "Senate", "Council", "Command", "Forces", "Force",
    # continents and world regions are never where one incident happened
    "Africa", "West Africa", "East Africa", "North Africa", "Europe", "Asia", "South Asia", "Middle East",
    "Latin America", "South America", "Central America", "Sahel", "Caucasus", "North Caucasus"}


@dataclass
class Mention:
    text: str
    sent_i: int
    kind_hint: str | None
    strong: bool                 # from a context pattern: kept even when the gazetteer lacks it
    container_of: list[str] = field(default_factory=list)
    listed: bool = False         # named in a list of peers ("Paktia, Paktika and Khost provinces")
    start: int = -1              # character offset in the document
    entity: bool = False         # a place entity of the model


def incident_places(ctx: Context, event_date=None):
    """Where the incident happened. `event_date`, when known, sets aside sentences dated another
    day ("On Sunday, a rocket attack outside Kabul ...": another incident in a round-up)."""
    from ..summary import Location

    mentions = _mentions(ctx)
    resolved: dict[str, tuple[Place | None, Mention]] = {}
    order: list[str] = []
    containers: dict[str, set[str]] = {}
    listed: set[str] = set()
    references: set[str] = set()        # named only as a landmark: "near the capital city of X"
    located: set[str] = set()           # named at least once by a place pattern, not only as an entity
    for m in mentions:
        key = fold(m.text)
        for inner in m.container_of:
            containers.setdefault(key, set()).add(fold(inner))
        if m.listed:
            listed.add(key)
        if m.sent_i in ctx.background_indices or not _incident_context(m, ctx):
            continue
        if m.sent_i > 0 and ctx.about_another_day(m.sent_i, event_date):
            continue
        if not m.entity:
            located.add(key)             # named after "in", "of", "near" ...: told as a place
        if m.kind_hint == "province":
            key += "|province"           # "the province of Yala" and "Yala town" are two places
        elif key + "|province" in resolved and m.kind_hint not in ("city", "village"):
            continue                     # a bare "Zaporizhzhia" after "Zaporizhzhia province"
        if key in resolved:
            if key in references and not _landmark(m, ctx):
                references.discard(key)  # named as a scene elsewhere
            continue
        if _landmark(m, ctx):
            references.add(key)
        place = _resolve(m, ctx)
        if place is None and not m.strong and not _scene_of_the_lead(m, ctx):
            continue
        if place is None and _is_country_name(m.text):
            continue                     # "Bolivia's states", "Andijan, Uzbekistan": a country, never a town
        resolved[key] = (place, m)
        order.append(key)

    # place unknown to the gazetteer: country of its neighbours in the text
    # (the countries of the places found inside a country vote first: a report's weights also
    # count where refugees fled and where talks were held)
    votes = Counter(resolved[k][0].country_code for k in order
                    if resolved[k][0] is not None and resolved[k][0].kind != "country")
    fallback = votes.most_common(1)[0][0] if votes else (
        max(ctx.countries, key=ctx.countries.get) if ctx.countries else None)
    entries = [[key, *resolved[key]] for key in order]
    for i, (key, place, m) in enumerate(entries):
        if place is None:
            cc = _neighbour_country(entries, i) or fallback
            entries[i][1] = Place(name=m.text, kind=m.kind_hint or "village", country_code=cc, source="text")

    # merge spelling variants ("Aryub Zazi" / "Aryoub Zazi")
    merged: list[list] = []
    for key, place, m in entries:
        twin = next((e for e in merged if e[1].country_code == place.country_code
                     and (e[1].kind == "province") == (place.kind == "province") and (
            fold(e[1].name) == fold(place.name) or fuzz.ratio(fold(e[1].name), fold(place.name)) >= 88)), None)
        if twin is None:
            merged.append([key, place, m])

    finer = [e for e in merged if e[1].kind != "country"]
    if finer:
        merged = finer
    elif len(merged) > 1 and ctx.countries:
        # only countries: those told as a place ("in areas of Yemen") over those that only act or
        # speak ("the U.S. military said"), then those the report is about
        merged = [e for e in merged if e[0] in located] or merged
        top = max(ctx.countries.values())
        merged = [e for e in merged if ctx.countries.get(e[1].country_code or "", 0) >= 0.5 * top] or merged
    scenes = [e for e in merged if e[0] not in references]
    if scenes:
        merged = scenes                  # a landmark counts only when nothing else is named
    # A province named beside a town is the town's address ("Hacari in Norte de Santander
    # province"), unless the report lists it among the places hit ("in Paktia, Khost and Kunar
    # provinces"); a district is dropped only when the text puts a town inside it.
    towns = {e[0] for e in merged if e[1].kind in ("city", "village")}
    town_names = {fold(e[1].name) for e in merged if e[1].kind in ("city", "village")} | towns
    finer_than_province = any(e[1].kind in ("district", "city", "village", "feature") for e in merged)
    kept = []
    for e in merged:
        key, place, m = e
        inner = containers.get(key.split("|")[0], set()) | containers.get(fold(place.name), set())
        plain = key.split("|")[0]
        if place.kind == "province" and finer_than_province and plain not in listed and fold(place.name) not in listed:
            continue
        if place.kind == "district" and inner & town_names:
            continue
        kept.append(e)
    if not kept:
        # no place named in the body: a headline's "Attacks in Northern Rakhine State" says where
        kept = _title_places(ctx)
    if not kept and ctx.countries:
        # no place named in the incident's own sentences: the country the report is about, as an
        # analyst would file it ("Sri Lanka's Tamil Tiger rebels ... their final battle")
        cc = max(ctx.countries, key=ctx.countries.get)
        country = ctx.gazetteer.countries.get(cc)
        if country is not None:
            kept.append([fold(country.name), country, _first_naming(ctx, country, cc)])

    out = []
    for key, place, m in kept:
        out.append(Location(name=place.name, kind=place.kind if place.kind in
                            ("country", "province", "district", "city", "village", "feature") else "city",
                            country_code=place.country_code, admin1=place.admin1, lat=place.lat, lon=place.lon,
                            evidence=clean_sentence(ctx.sentences[m.sent_i].text if m.sent_i >= 0 else
                                                    ctx.title_doc.text)))
    return out


_TITLE_IN = re.compile(r"\b(?:in|near|at|outside|on)\s+(?:the\s+)?(?:(?:North|South|East|West|Central)(?:ern)?\s+)?(" + NAMELIST + r")")


def _title_places(ctx: Context) -> list[list]:
    """Places a headline names after "in", "near", ... (title case: the name is the longest run of
    its words the gazetteer knows, "Kabul" in "in Kabul Kills 12"). Countries are left to the caller."""
    if ctx.title_doc is None:
        return []
    found: list[list] = []
    for m in _TITLE_IN.finditer(ctx.title_doc.text):
        for name in _split(m.group(1)):
            words = name.split()
            for k in range(len(words), 0, -1):
                hint = PLACE_WORDS.get(words[k - 1].lower()) if k > 1 else None
                n = _clean(" ".join(words[:k - 1] if hint else words[:k]))
                if not n:
                    continue
                place = _resolve(Mention(n, -1, hint, False), ctx)
                if place is not None and place.kind != "country":
                    if not any(fold(e[1].name) == fold(place.name) for e in found):
                        found.append([fold(place.name), place, Mention(n, -1, hint, False)])
                    break
    return found


def _first_naming(ctx: Context, country: Place, cc: str) -> Mention:
    """The first sentence that names the country (or its people), as the evidence of a fallback."""
    for i, sent in enumerate(ctx.sentences):
        if country.name in sent.text or any(country_of_word(t.text) == cc for t in sent if t.text[:1].isupper()):
            return Mention(country.name, i, "country", False)
    return Mention(country.name, 0, "country", False)


def _incident_context(m: Mention, ctx: Context) -> bool:
    """False for a dateline, an organisation's name, "-based", a destination, where someone spoke."""
    if m.start < 0:
        return True
    if ctx.in_dateline(m.start):
        return False
    doc = ctx.doc
    span = doc.char_span(m.start, m.start + len(m.text), alignment_mode="expand")
    if span is None or not len(span):
        return True
    after = ctx.text[span.end_char: span.end_char + 7]
    if after.startswith(("-based", "–based")) or re.match(r"\s+time\b", after) \
            or re.search(r"\bbased\s+in\s+$", ctx.text[max(0, span.start_char - 12): span.start_char]):
        return False                     # "Tripoli-based", "based in Juarez", "12:04 a.m. Damascus time"
    for ent in ents_of(doc):
        # a name inside a longer organisation's name: "the Zamfara State Police Command"
        if ent.label_ == "ORG" and ent.start_char <= span.start_char and span.end_char <= ent.end_char \
                and (ent.end_char - ent.start_char) > len(m.text) + 2 and not ent.text.lower().startswith(("the " + m.text.lower(), m.text.lower())) :
            return False
    before = ctx.text[max(0, span.start_char - 60): span.start_char].lower()
    if _DISTANCE_FROM.search(before):
        return False
    if re.search(r"\b(embassy|consulate|consulate general|mission|office)\s+$", before):
        return False                     # "U.S. Embassy Tirana": the name of an office, not a scene
    sentence = ctx.sentences[m.sent_i]
    if re.search(r"\b(in|at)\s+(the\s+)?[A-Z][^.;]{1,60},\s+(near|not far from|close to|outside)\s+"
                 r"(the\s+((town|city|village)\s+of\s+|(\w+\s+)?capital,?\s+))?$",
                 ctx.text[sentence.start_char: span.start_char]):
        return False                    # "in Usterzai, near the town of Kohat": the scene, then its landmark
    if re.search(r"\breport(s|ed|ing)?\s+from\s+(the\s+)?([\w-]+\s+){0,2}((city|town|capital),?\s+)?$", before):
        return False                    # "VOA's Steve Herman reports from New Delhi"
    head = span.root
    if head.dep_ in ("poss", "compound", "amod", "nmod") and head.head.lemma_.lower() in WHO_NOT_WHERE:
        return False                    # "Baku's forces", "a U.S. citizen", "Ankara's crackdown": who, not where
    gov = head.head.head if head.dep_ == "pobj" and head.head.lower_ in ("in", "at", "from") else None
    if gov is not None and gov.dep_ == "nsubj" and gov.head.lemma_.lower() in SPEECH_CONTEXT | {"tell", "say"} \
            and gov.lemma_.lower() not in EYEWITNESSES:
        return False                    # "Journalist Narita Namaste in Abidjan tells VOA" (but witnesses
                                        # in Mogadishu say what they saw there)
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_.lower() in SPEECH_CONTEXT | {
            "confirm", "deny", "claim", "accuse", "condemn", "blame", "warn", "express", "call", "urge", "respond",
            "reject", "dismiss", "insist", "demand"}:
        return False                    # "Islamabad neither confirmed nor denied": a government speaking
    for level in range(3):
        prep = head.head
        if head.dep_ == "pobj" and (prep.dep_ == "prep" or prep.dep_ == "conj" and prep.head.dep_ == "prep"):
            gov = prep.head.head if prep.dep_ == "conj" else prep.head      # "to and from Kabul"
            if gov.dep_ == "advmod" and gov.lower_ in ("back", "home", "away"):
                gov = gov.head                                               # "hurried back to Ankara"
            lemma = gov.lemma_.lower()
            if prep.lower_ in ("to", "towards", "toward", "into") and lemma in DESTINATION_VERBS:
                return False
            if prep.lower_ == "from" and lemma in JOURNEY_VERBS:
                return False                 # "hurried back to Ankara from Konya", "travelling from Kabul"
            if lemma in INCIDENT_NOUNS and level > 0:
                return True                  # "a statement on the attack in two mosques in Christchurch"
            if lemma in ("refuge", "shelter", "arrival", "sanctuary", "safety", "seek"):
                return False                 # "sought refuge in Pemba", "new arrivals in Pemba"
            if lemma in SPEECH_CONTEXT:
                return False
            if gov.lower_ in NOT_INCIDENT_NOUNS and (level < 2 or gov.lower_ not in ("residents", "resident")) \
                    and not (gov.lower_ == "capital" and prep.lower_ == "of"):   # "the Afghan capital of Kabul"
                # "the president of Zacatlán", "residents of Pemba said"; but "residents of a community
                # in the municipality of Zacatlán beat them" are the people of the scene
                return False
            if gov.pos_ in ("NOUN", "PROPN") and gov.dep_ == "pobj":
                head = gov
                continue
        elif head.dep_ in ("compound", "conj", "appos"):
            head = head.head
            continue
        break
    # "barred the king from touring Bugerere County" (a destination), "pressuring Jakarta to crack
    # down" (a government): the object of these verbs is no scene
    return not (head.dep_ == "dobj" and head.head.lemma_.lower() in NOT_SCENE_OBJECT_VERBS)


# Reference points: the scene is near them, and they stand for it only when nothing else is named
_REFERENCE_POINTS = [re.compile(p, re.I) for p in (
    # "a slum near the capital city of Port-au-Prince" (but "near the town of Hacari" is the scene)
    r"\b(near|outside|close to|not far from)\s+(the\s+)?(\w+\s+)?capital(\s+city)?,?\s+(of\s+)?$",
    # "north of the main city of Kismayo", "an area east of the town of Khan Younis"
    r"\b(north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)"
    r"(ern)?\s+of\s+(the\s+)?([\w'’-]+\s+)?((capital|city|town)(\s+city)?,?\s+(of\s+)?)?$",
    # "in the town of Wad Banda, just outside war-torn Darfur"
    r"\b(just|right)\s+outside\s+(of\s+)?(the\s+)?([\w'’-]+\s+)?$",
)]
# "30 miles west of the Pakistani capital Islamabad": a place that far off is never the scene
_DISTANCE_FROM = re.compile(
    r"\b(miles?|km|kilomet(er|re)s?)\)?\s+(\w+\s+)?(north|south|east|west|northeast|northwest|southeast|southwest|"
    r"north-east|north-west|south-east|south-west|from|of)\s+(of\s+)?(the\s+)?([\w'’-]+\s+){0,3}$", re.I)


def _landmark(m: Mention, ctx: Context) -> bool:
    """A place named as a reference point (see _REFERENCE_POINTS), not as the scene."""
    if m.start < 0:
        return False
    before = ctx.text[max(0, m.start - 60): m.start]
    return any(p.search(before) for p in _REFERENCE_POINTS)


def _scene_of_the_lead(m: Mention, ctx: Context) -> bool:
    """A place the model found in the first sentences, where the incident happened ("the gunmen
    stormed Gamboru Ngala", "fighting in Nyabiondo"), kept even when the gazetteer lacks it."""
    if not m.entity or m.sent_i > 2 or m.start < 0 or not ctx.countries:
        return False
    span = ctx.doc.char_span(m.start, m.start + len(m.text), alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in ("in", "near", "at", "outside", "around", "into", "on"):
        # not inside a name: "al-Qaeda in the Arabian Peninsula"
        before = ctx.doc[root.head.i - 1] if root.head.i > 0 else root.head
        return root.head.head.pos_ != "PROPN" and before.pos_ != "PROPN" and before.ent_type_ != "ORG"
    return root.dep_ == "dobj" and root.head.lemma_.lower() in ("storm", "attack", "raid", "overrun", "shell",
                                                                   "bomb", "strike", "hit", "besiege", "seize")


def _neighbour_country(entries, i):
    for dist in range(1, len(entries)):
        for j in (i - dist, i + dist):
            if 0 <= j < len(entries) and entries[j][1] is not None and entries[j][2].sent_i == entries[i][2].sent_i:
                return entries[j][1].country_code
    return None


def _split(names: str) -> list[str]:
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", names)
    return [p.strip() for p in parts if p.strip()]


def _clean(name: str) -> str | None:
    name = re.sub(r"^(?:The|A|the|In|At|On|From|Near)\s+", "", name.strip())
    owner = re.match(r"^(.+?)[’']s\s+(.+)$", name)
    if owner and (country_of_word(owner.group(1)) or _is_known_place(owner.group(1))):
        name = owner.group(2)           # "Burkina Faso's Sourou" -> "Sourou", "Narsingdi's Raipura"
    name = re.sub(r"[’']s$", "", name)
    name = TRAILING_WEEKDAY.sub("", name)   # "Kabul Wednesday"
    # "Muslim-majority Yala", "rebel-held Goma": who lives there or holds it is not part of the name
    name = re.sub(r"^[\w’']+-(?:majority|dominated|held|controlled|populated|rich|ruled|run|occupied)\s+", "", name,
                  flags=re.I)
    if re.search(r"-(?:ruled|held|controlled|run|occupied)$", name, re.I) or re.fullmatch(
            r"(?:(?:North|South|East|West|Central|Northern|Southern|Eastern|Western)[\s-]+)?"
            r"(?:African|Asian|European|American|Arab|Middle Eastern)", name):
        return None                     # "the Hamas-ruled territory", "the West African state": no place named
    if not name or name in NOT_PLACES or country_of_word(name) and not _is_country_name(name):
        return None
    if name.split()[-1].lower() in ("battalion", "brigade", "regiment", "division", "army", "front", "movement",
                                    "militia", "forces", "police", "command"):
        return None                     # "KIA Battalion 26" is a unit, not a place
    if len(name) < 3:
        return None
    if re.match(r"(?:Universi\w*|College|School|Hospital|Instituto?|Institute|Academy)\b", name):
        return None                     # "Universidad Simon Bolivar": an institution, however named
    if re.search(r"\b(?:Sea|Ocean)$|^Gulf\b|\bGulf$", name):
        return None                     # open water is no country's ground ("the Red Sea", "the Gulf of Aden")
    words = [w.lower().replace("’", "'") for w in name.split()]
    if all(w in COMMUNITY_WORDS or country_of_word(w) and not _is_country_name(w) for w in words):
        return None
    return name


def _is_known_place(name: str) -> bool:
    from .gazetteer import packaged_gazetteer
    return bool(packaged_gazetteer().lookup(name))


def _is_country_name(name: str) -> bool:
    from .gazetteer import packaged_gazetteer
    return any(p.kind == "country" for p in packaged_gazetteer().lookup(name))


def _mentions(ctx: Context) -> list[Mention]:
    found = _raw_mentions(ctx)
    for m in found:
        if m.start < 0:
            sent = ctx.sentences[m.sent_i]
            at = sent.text.find(m.text)
            m.start = sent.start_char + at if at >= 0 else -1
    return [m for m in found if m.start < 0 or not (
        _WATER_BEFORE.search(ctx.text[max(0, m.start - 24): m.start])
        or _PEOPLE_AFTER.match(ctx.text, m.start + len(m.text)))]


def _raw_mentions(ctx: Context) -> list[Mention]:
    out: list[Mention] = []
    for si, sent in enumerate(ctx.sentences):
        text = sent.text
        for m in _LIST_THEN_WORD.finditer(text):
            word = m.group(2)
            names = _split(m.group(1))
            after = text[m.end(): m.end() + 60]
            contained_in = re.match(r"\s+of\s+(?:the\s+)?(" + NAME + r")", after)
            if word in TITLE_PLACE_WORDS and _PLACE_WORD_OF_BEFORE.search(text, 0, m.start()):
                continue                 # "the Datta Khel area of North Waziristan District": a container (below)
            for n in names:
                n = _clean(n)
                if n:
                    # a capitalised word makes a name the gazetteer lacks a place ("Zerok District"); one it
                    # knows keeps the weight of its other mentions ("the Mandera District Commissioner")
                    strong = word.islower() or word in TITLE_PLACE_WORDS and not _is_known_place(n)
                    out.append(Mention(n, si, PLACE_WORDS[word.lower()], strong, listed=len(names) > 2))
            if contained_in:
                c = _clean(contained_in.group(1))
                if c:
                    out.append(Mention(c, si, None, False, container_of=[x for x in names]))
        for m in _WORD_OF_LIST.finditer(text):
            word = m.group(2)
            if not word.islower():
                continue
            names = _split(m.group(3))
            if len(names) == 2 and " and " not in m.group(3) and _is_known_place(names[1]) \
                    and not _is_known_place(names[0]):
                # "the municipality of Saravena, Arauca": a place and its address
                out.append(Mention(names[0], si, PLACE_WORDS[word.lower()], True))
                out.append(Mention(names[1], si, None, False, container_of=[names[0]]))
                continue
            before = _clean(m.group(1)) if m.group(1) else None
            then_word = re.match(r"\s+" + _PW + r"\b", text[m.end():])
            single_container = len(names) == 1 and then_word is not None
            if before and word.lower() in ("city", "town", "village", "municipality"):
                # "the Mandalay city of Meikhtila": the name after "of" is the town, the one before its region
                for n in names:
                    n = _clean(n)
                    if n:
                        out.append(Mention(n, si, PLACE_WORDS[word.lower()], True))
                out.append(Mention(before, si, None, False, container_of=names))
                continue
            if before and (not word.endswith("s") or single_container) and before.split()[-1].lower() not in PLACE_WORDS:
                # "the Datta Khel area of North Waziristan", "the Mucojo administrative posts of
                # Macomia district": the name before is the place, the one after its container
                out.append(Mention(before, si, PLACE_WORDS[word.lower()], True))
                for n in names:
                    n = _clean(n)
                    if n:
                        out.append(Mention(n, si, None, False, container_of=[before]))
                continue
            for n in names:
                n = _clean(n)
                if n:
                    out.append(Mention(n, si, PLACE_WORDS[word.lower()], True, listed=len(names) > 2))
            if before:
                out.append(Mention(before, si, None, False, container_of=names))
        for m in _IN_CONTAINER.finditer(text):
            inner, outer = _clean(m.group(1)), _clean(m.group(2))
            if inner and outer and m.group(3).islower():
                out.append(Mention(outer, si, PLACE_WORDS[m.group(3).lower()], True, container_of=[inner]))
        for m in _ADDRESS.finditer(text):
            inner, outer = _clean(m.group(1)), _clean(m.group(2))
            if inner and outer and _is_known_place(outer) and not _is_known_place(inner + " " + outer):
                out.append(Mention(inner, si, "village", True, start=sent.start_char + m.start(1)))
                out.append(Mention(outer, si, PLACE_WORDS.get((m.group(3) or "").lower()), False,
                                   container_of=[inner], start=sent.start_char + m.start(2)))
        for m in _SQUARE.finditer(text):
            n = _clean(m.group(1))
            if n and not n.endswith(" Square"):
                out.append(Mention(f"{n} Square", si, "feature", True, start=sent.start_char + m.start(1)))
        for m in _INCLUDING.finditer(text):
            for n in _split(m.group(1)):
                n = _clean(n)
                if n:
                    out.append(Mention(n, si, "village", True, listed=True))
        for pattern, kind, strong in ((_CALLED, "village", True), (_CAPITAL, "city", False)):
            for m in pattern.finditer(text):
                n = _clean(m.group(1))
                if n:
                    out.append(Mention(n, si, kind, strong, start=sent.start_char + m.start(1)))
        for m in _COUNTRYS_CAPITAL.finditer(text):
            cc = country_of_word(re.sub(r"['’]s$", "", m.group(1)))
            capital = ctx.gazetteer.capitals.get(cc) if cc else None
            if capital:
                out.append(Mention(capital, si, "city", True, start=sent.start_char + m.start(1)))
        for m in _PREP_NAME.finditer(text):
            names = _split(m.group(1))
            for n in names:
                n = _clean(n)
                if n:
                    out.append(Mention(n, si, None, False, listed=len(names) > 2))
        for ent in sent.ents:
            if ent.label_ in ("GPE", "LOC", "FAC"):
                words = ent.text.split()
                hint = PLACE_WORDS.get(words[-1].lower()) if len(words) > 1 else None
                # "Nasir county" -> Nasir; "North-West Frontier Province" keeps its name and kind,
                # "Qarabagh District" becomes Qarabagh when the gazetteer has no such name
                strip = hint and (words[-1].islower() or hint in ("district", "province", "village")
                                  and not _is_known_place(ent.text))
                n = _clean(" ".join(words[:-1]) if strip else ent.text)
                if n:
                    at = ent.start_char + ent.text.find(n)
                    out.append(Mention(n, si, hint, False, start=at, entity=True))
    return out


_COUNTRY_BEFORE = re.compile(r"\b([A-Z][\w-]+(?: [A-Z][\w-]+)?)(?:['’]s)? (?:capital|city|town|port|border town)"
                             r",?\s+(?:of\s+)?$")


def _named_with_its_country(m: Mention, ctx: Context, place: Place) -> bool:
    """In the lead, a place named with its country is a scene, whatever country the report is about
    (down the page such places are mostly history: "a deal signed in the Nigerian capital Abuja")."""
    if m.start < 0 or m.sent_i > 2:
        return False
    before = _COUNTRY_BEFORE.search(ctx.text[max(0, m.start - 50): m.start])
    return before is not None and country_of_word(before.group(1)) == place.country_code


def _resolve(m: Mention, ctx: Context) -> Place | None:
    gaz = ctx.gazetteer
    kinds = None
    if m.kind_hint in ("province",):
        kinds = ("province", "site")
    elif m.kind_hint in ("district",):
        kinds = ("district", "province", "city")
    place = gaz.best(m.text, ctx.countries, kinds)
    if place is None and kinds:
        place = gaz.best(m.text, ctx.countries)
    if place is not None and place.source != "site" and place.kind != "country" and fold(place.name) != fold(m.text):
        # matched by one of its alternate names: the report's own spelling ("Sopore", not "Sopur")
        place = Place(name=m.text, kind=place.kind, country_code=place.country_code, admin1=place.admin1,
                      lat=place.lat, lon=place.lon, population=place.population, source=place.source,
                      capital_of=place.capital_of)
    if place is None and (m.strong or m.listed):
        codes = {cc for cc, w in ctx.countries.items() if w > 0}
        place = gaz.fuzzy(m.text, codes)
    if place is not None and place.kind == "country" and m.kind_hint not in (None,):
        return None
    if place is not None and place.kind != "country" and _named_with_its_country(m, ctx, place):
        return place             # "in the Eritrean capital, Asmara": abroad, and told so
    if place is not None and place.source != "site" and ctx.countries and place.kind != "country" \
            and max(ctx.countries.values()) >= 1.5:
        top = max(ctx.countries.values())
        if ctx.countries.get(place.country_code or "", 0) < 0.34 * top:
            return None
    if place is not None and place.source != "site" and m.strong and ctx.countries:
        top = max(ctx.countries, key=ctx.countries.get)
        if place.country_code != top and ctx.countries.get(place.country_code or "", 0) < 0.5 * ctx.countries[top]:
            return None          # "the village of Lukweti" in a report about Congo is in Congo
    if place is not None and place.source != "site" and m.kind_hint in ("district", "village", "province") \
            and m.strong and place.kind != m.kind_hint and place.kind != "country" \
            and not (m.kind_hint == "village" and place.kind == "province"):   # "the South Kivu area"
        # the report's own word ("Zaporizhzhia province", "Nasir county") says what kind of place it is
        place = Place(name=place.name, kind=m.kind_hint, country_code=place.country_code, admin1=place.admin1,
                      lat=place.lat if m.kind_hint == "village" else None,
                      lon=place.lon if m.kind_hint == "village" else None, source="text")
    return place
