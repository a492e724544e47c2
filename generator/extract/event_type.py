"""ACLED event type and sub-type from a weighted lexicon.

Cue words score for a type; the headline and the first sentences weigh most, background
sentences not at all. Specific means of violence (explosives, air strikes) outrank the general
words around them, as ACLED's coding rules do.
"""
from __future__ import annotations

import re

from .context import Context

# the words of a fight between armed sides (not "fighting terrorism", a policy) ...
GENERIC_CLASH = r"clash(es|ed)?|fighting(?! (against )?(terrorism|terror|violent extremism|extremism|impunity|corruption|crime|poverty))|firefights?|gun ?battles?|gunfights?|shoot-?outs?|battles?|exchange of fire|exchanged( [\w-]+){0,4} fire|(gun)?fire was exchanged|fought|skirmish(es)?|offensive|heavy fighting|engaged"
# ... and of police (or another group) fighting a crowd: "clashes between police and protesters", "violence
# that erupted during the protests" (the riot's cue; its "clashes" are not also a battle's)
BOTH_SIDES = (r"(clash(es|ed)?|fighting|violence)( broke out| erupted)? (between|with) ([\w-]+ ){0,4}(rioters|protesters|protestors|demonstrators|marchers|strikers|"
              r"(oil |factory |mine |striking )?workers|students|youths|residents|villagers|supporters)|"
              r"(protesters|protestors|demonstrators) and ([\w-]+ ){0,2}(police|security forces) clashed|"
              r"violence (that )?(erupted|broke out|flared) (during|at|in) (the )?(protests?|demonstrations?|rall(y|ies)|march(es)?)|"
              r"damage to property|vandalism")

# (pattern, event type, sub-type, weight)
CUES: list[tuple[str, str, str, float]] = [
    (r"air ?strikes?|air raids?|drone strikes?|drones?|airstrikes?|warplanes?|jets? (struck|bombed)|aerial (bombardment|attack)|(self-defen[cs]e|precision|u\.s\.) strikes?|(conducted|carried out|launched) (an? |two |three |several |\w+ \(\d+\) )?[\w -]{0,30}strikes?|(one|a|the|second|first) strike killed", "explosions-remote-violence", "air-drone-strike", 3.0),
    (r"shell(ing|ed|s)?|artillery|mortars?|rockets?(?!-propelled)|missiles?|bombard(ed|ment)", "explosions-remote-violence", "shelling-artillery-missile-attack", 2.5),
    (r"suicide (bomb(er|ing)?|attack(er)?|vest)|blew (himself|herself|themselves) up", "explosions-remote-violence", "suicide-bomb", 4.0),
    (r"roadside bombs?|ied|improvised explosive|landmines?|explosives?|car bombs?|bombs?|bombing|blasts?|explosions?|detonat(ed|ion)", "explosions-remote-violence", "remote-explosive-landmine-ied", 3.0),
    (r"(?<!propelled )grenades?(?! launchers?)", "explosions-remote-violence", "grenade", 1.0),
    (GENERIC_CLASH, "battles", "armed-clash", 2.0),
    (r"(attack(ed|s)?|assault(ed|s)?|ambush(ed)?)( by)?( [\w-]+){0,3} (soldiers|troops|army|police(men)?|rebels?|insurgents|guerrillas|rebel group)|(rebels?|insurgents|guerrillas|militants) (attacked|assaulted|ambushed|raided)", "battles", "armed-clash", 1.5),
    (r"(captured|seized|took control of|overran) [\w -]{0,30}(outposts?|posts?|positions?|towns?|villages?|bases?|areas|cit(y|ies)|districts?)", "battles", "armed-clash", 1.5),
    (r"(militants|rebels|insurgents|fighters|jihadists|guerrillas) (have |had )?(attack(ed)?|raid(ed)?|storm(ed)?|seized?|overr[au]n) (a |the )?([\w-]+ ){0,2}(towns?|city|base|posts?|outposts?|government|areas?|positions?|barracks)", "battles", "armed-clash", 1.5),
    (r"recaptured|retook|regained control", "battles", "government-regains-territory", 2.5),
    # one armed side killing or raiding the other: "troops have killed about 30 militants in a raid"
    (r"(troops|soldiers|forces|army|military|police(men)?|security forces) (have |had )?(killed|attacked|raided|ambushed|"
     r"routed|repelled|overpowered)( [\w,-]+){0,3} (militants|rebels|insurgents|fighters|jihadists|terrorists|gunmen|"
     r"bandits|extremists|guerrillas|assailants)|(militants|rebels|insurgents|fighters|jihadists|terrorists|gunmen|"
     r"bandits|guerrillas|assailants) (have |had )?(killed|kill|kills|shot and killed|shot dead|attacked|ambushed)"
     r"( [\w,-]+){0,3} (soldiers?|troops|policem[ae]n|police (officers?|guards?)|gendarmes?|marines?|service "
     r"members?|security forces|peacekeepers?)|(soldiers|troops|policemen|police officers|gendarmes|security forces) "
     r"(were|have been|had been) (killed|ambushed|attacked) by ([\w-]+ ){0,2}(militants|rebels|insurgents|fighters|"
     r"jihadists|terrorists|gunmen|bandits|guerrillas|assailants|attackers)|attacks? "
     r"(that took place )?([\w-]+ )?(against|on) (the )?(([\w.-]+ (and )?){1,3}forces|security forces|army|military|police|troops|soldiers)",
     "battles", "armed-clash", 2.5),
    # an attack told by the forces it killed ("the attack in Al-Arish that killed several police officers"),
    # a member of the forces killed on duty, violence aimed at them: ACLED codes an attack on state forces
    # by an armed group as a battle, however it was carried out when the text does not say
    (r"attacks? [^.]{0,60}?(killed|killing|kills|wounded|wounding|injured|injuring|left) ([\w-]+ ){0,3}(police "
     r"officers?|policem[ae]n|soldiers?|troops|gendarmes?|security (forces|personnel|officers)|service members?)|"
     r"(police officers?|policem[ae]n|soldiers?|gendarmes?)\b[^.]{0,100}? (was|were) (killed|shot dead)|"
     r"violence (directed at|against|targeting) (the )?(law enforcement|police|security forces|soldiers)|"
     r"(escalation of |outbreak of )?violence (along|on|at) (the )?[\w-]+ (border|frontier)",
     "battles", "armed-clash", 1.5),
    # peacekeepers are armed forces: an attack on them, their patrol or the convoy they guard is a battle
    (r"(attack(ed|s)?|ambush(ed)?|assault(ed)?|killing)( (on|against|of))?( [\w()’'-]+){0,12}? (peacekeepers?|blue helmets|(peacekeeping |military |un |mission )?patrols?)", "battles", "armed-clash", 2.5),
    (r"ambush(ed)?", "battles", "armed-clash", 1.5),
    (r"(attack(ed|s)?|raid(ed|s)?|stormed|overran)( [\w-]+){0,2}? (on )?(a|an|the|their) ([\w-]+ )?(military|army|police|security) (post|base|outpost|checkpoint|station|barracks|camp|garrison|headquarters)", "battles", "armed-clash", 2.5),
    (r"protests?|protesters?|demonstrations?|demonstrators?|rall(y|ies)|(?-i:march(ed|es|ers)?)|marchers|sit-in|took to the streets|strike action|walkout", "protests", "peaceful-protest", 2.5),
    # (but "riot police" and "anti-riot units" are the police)
    (r"(?<!anti-)riots?(?! (police|policemen|gear|squads?|control|shields?|units?|officers|troops|forces))|rioters?|"
     r"mobs?|looted|looting|lynch(ed|ing)?|vandali[sz]ed", "riots", "violent-demonstration", 2.5),
    (r"(communal|sectarian) (violence|unrest|clashes|riots?|fighting)|(mosques?|churches|temples?) (was |were )?(burned|torched|set ablaze|set on fire)", "riots", "mob-violence", 3.0),
    (r"(protesters|protestors|demonstrators|rioters|youths?|students|supporters|strikers|crowds?|angry (villagers|residents|crowds?|mobs?)) (have |had |who )?(also |then |later )?(tried to |trying to )?(clashed|clash|fought|battled|attacked|attack|smashed|looted|torched|burned|set fire to|set ablaze|ransacked|stormed|storm|occupy|occupied|took over|seized|fired( shots)?|opened fire|threw|hurled|ram(med)?)|violent (demonstrations?|protests?)", "riots", "violent-demonstration", 3.0),
    # both sides fought: "clashes between police and protesters", "violence that erupted during the protests"
    (BOTH_SIDES, "riots", "violent-demonstration", 3.0),
    # a crowd that takes over or burns a public building ("after taking over the mayor's office")
    (r"(took over|taking over|taken over|ransacked|ransacking|torched|torching|set fire to|setting fire to|looted|looting) (the |a )?"
     r"([\w'’-]+ ){0,2}(office|offices|building|buildings|headquarters|prison|jail|town hall|city hall|courthouse|"
     r"(radio|television|tv|police) stations?)",
     "riots", "violent-demonstration", 2.0),
    # a crowd's arson in the street: "protesters also set fire to several buses"
    (r"(set fire to|setting fire to|set ablaze|torched|torching|burned|burning|burnt|smashed) ([\w-]+ ){0,2}(buses|cars|"
     r"vehicles|tyres|tires|shops|stores|shopfronts)", "riots", "violent-demonstration", 2.0),
    # crude weapons and political supporters mark a riot, not a battle between armed organisations
    (r"(armed with|wielding) (sticks|machetes|stones|clubs|spears|knives|rods|bamboo)|(hurled|threw|pelted)( \w+)? (stones|rocks|bricks)|(with|throwing|hurling) (rocks|stones|bricks|bottles)|molotov cocktails|petrol bombs|firebombs|(stone|rock)[- ]?(throwing|throwers|pelting|pelters)|pelting stones|supporters of (two )?rival|rival (supporters|factions|groups of supporters)", "riots", "mob-violence", 4.0),
    (r"massacr(e|ed)|executed|executions? of|gunmen (killed|opened fire)|mass shooting|burned alive|beheaded|decapitated|(stormed|attacked) (a |the )?(funeral|wedding|party|concert)|opened fire, killing( at least| more than)? [\w,-]+ (people|civilians|mourners)|targeting (innocent )?civilians|attack(s)? on (innocent )?(civilians|villagers|families|worshippers|students|passengers|the village)|innocent (men|families|civilians|people)|shot dead|shot to death|(killed|shot|massacred|executed|slaughtered) (to death )?(at least |more than |some )?[\w,]* ([\w-]+ )?(civilians|villagers|worshippers|passengers|farmers|residents|workers|traders|students|teachers|tourists|cyclists|"
     r"journalists|pilgrims|missionaries|aid workers)", "violence-against-civilians", "attack", 2.5),
    # the weapons of an attack on people rather than of a fight: knives, a car driven into them
    (r"stabb(ed|ing)|knifed|hacked to death|with (knives|machetes|axes)|(hit|ran over|rammed|mowed down)( [\w-]+){0,4} "
     r"with (a |their |his |her )?(vehicle|car|truck|lorry)|drove (a |their |his )?(car|truck|lorry|vehicle) into "
     r"(a |the )?(crowd|people|pedestrians|cyclists|tourists)", "violence-against-civilians", "attack", 2.0),
    # an attack on a family's home, and violence the report counts only in civilian lives
    (r"(arson )?(attacks?|assaults?|raids?) (against|on) (the )?(homes?|house|houses|residences?)\b|arson attacks?|"
     r"(resulted in|resulting in|caused|causing|led to|leading to) (at least |more than |some |about )?[\w,-]+ civilian "
     r"(deaths|casualties)", "violence-against-civilians", "attack", 2.0),
    # "the terrorist attacks in Palma": told by who made them, not whom they hit (weak: a battle's cues outweigh it)
    (r"terrorist (attacks?|assaults?)", "violence-against-civilians", "attack", 1.0),
    # what a statement of condolence calls a killing: "this senseless act of violence", "this heinous crime"
    (r"senseless (act of violence|attack|killing|murder)|heinous (crimes?|murders?|killings?|attacks?)|act of violence and cowardice",
     "violence-against-civilians", "attack", 1.5),
    (r"(gunmen|militants|attackers|assailants|bandits|insurgents|rebels|fighters|jihadists|armed men|militiamen|raiders)( (from|of) (the )?([\w-]+ ){1,3}(tribe|clan|community|militia|group))? (have |had )?(shot and killed|killed|shot|massacred|burned|torched|attacked) (at least |more than |some |about |several )?[\w,-]* ?(people|civilians|villagers|residents|patients|worshippers|students|passengers|children|women|farmers|mourners|villages?|communit(y|ies)|homes)|killing (at least |more than |some |about )?[\w,-]* ?(civilians|villagers|worshippers|passengers|farmers)|opened fire on (the )?(patients|worshippers|villagers|residents|civilians|people|passengers|students|mourners|shoppers|patrons|customers|diners|revell?ers|a crowd|guests|(a |the )?(busy |crowded )?(market(place)?|bazaar|bus|mosque|church|wedding|school|cafe|restaurant|bar|nightclub))|attacked (a |the )?(family|families|homes?|houses?)|(attacks?|assaults?) (against|on) (the )?(residents|civilians|villagers|civilian population|population)|(attack|raid|assault)s? on (a |the )?(village|market|church|mosque|school|bus|hospital|wedding|camp|center|centre|hotel|farm|settlement)|stormed (a |the )?(village|church|mosque|school|market|homes?|cent(er|re)|hotel|hospital|farm)|shooting (residents|villagers|civilians|people)|(shooting|firing|shot)( \w+)? at (all )?(the )?(people|residents|villagers|civilians|worshippers|passengers)", "violence-against-civilians", "attack", 2.5),
    # one community's armed men raiding another's villages, camps or people: "fighters from the Murle tribe
    # attacked several villages", "militiamen raided Elgolicha village", "attacked the Samburu tribe"
    (r"(attacked|raided|stormed|overran|torched|burned)( several| two| three| a| the| an)? (?!(military|army|police|security|"
     r"rebel|militia|government)\b)([\w'’-]+ ){0,2}(villages?|(refugee |displacement |idp )?camps?|settlements?|"
     r"tribe|clan|community|communities)", "violence-against-civilians", "attack", 2.5),
    # attacks told by their toll alone: "three attacks in Colombia kill at least 17"
    (r"(attacks?|massacres?|raids?) [^.]{0,40}?kill(ed|s|ing)? (at least |more than |some |about )?[\w,-]+ "
     r"(people|civilians|villagers|residents)|(people|civilians|villagers|residents) (were |have been )?killed in "
     r"([\w-]+ ){0,2}(attacks?|massacres?|raids?)", "violence-against-civilians", "attack", 1.5),
    (r"abduct(ed|ion|ors|s)?|kidnap(ped|ping|pers|s)?|taken hostage|hostages|(seized?|snatched) ([\w-]+ ){0,2}(tourists|foreigners|hostages|workers|engineers|nationals)", "violence-against-civilians", "abduction-forced-disappearance", 3.0),
    # "murders perpetrated on Sunday", not a gang "blamed for many murders"
    (r"murdered|(murders?|killings) (perpetrated|committed|carried out)|the murders? of", "violence-against-civilians", "attack", 2.0),
    (r"rap(e|ed)|sexual violence", "violence-against-civilians", "sexual-violence", 3.0),
    (r"cease-?fire|truce|cessation of hostilities|peace (deal|agreement|accord|treaty|pact)|signed an? agreement|agreed to|peace talks|"
     r"(joint )?declaration of peace|peace declaration|commitment to peace|normali[sz]ation of relations|"
     r"signing of the [\w ]{0,40}(agreement|accord|treaty)", "strategic-developments", "agreement", 3.0),
    (r"arrested|detained|arrests|detentions|detention of|detainees|apprehended|taken into custody|jailed|imprison(ed|ing)", "strategic-developments", "arrests", 2.0),
    (r"mutin(y|ies|ied|eers?)|defect(ed|ion|ions)", "strategic-developments", "change-to-group-activity", 3.0),
    (r"seized (weapons|arms|explosives)|weapons cache|defused", "strategic-developments", "disrupted-weapons-use", 2.0),
    # a town handed over without a fight: the troops left and the other side walked in
    (r"(troops|forces|soldiers|peacekeepers) (have |had )?(withdrew|withdrawn|pulled out|left|abandoned|vacated)|"
     r"without (a fight|resistance|firing a shot)|(took|taken) (over|control of) [\w -]{0,40}without", "strategic-developments",
     "non-violent-transfer-of-territory", 3.5),
]
LOOTING = re.compile(r"\b(looted|looting|looters|ransacked|ransacking)\b", re.I)
# A report whose headline or lead is a follow-up (arrests over a bombing, hostages set free) files
# that development, however much of the text retells the attack before it.
FOLLOW_UP = [
    (re.compile(r"\b(arrest(s|ed)?|detain(s|ed)?) [\w ,'-]{0,40}(in connection (with|to)|over)\b", re.I), "arrests"),
    (re.compile(r"\b(release[sd]?|free[sd]?) (all |the )?([\w-]+ ){0,2}(hostages|captives|missionaries|"
                r"people it (had )?(kidnapped|abducted|held))\b"
                r"|\b(held (captive|hostage)|kidnapped|abducted)\b[^.]{0,80}? (have been|has been|were|was) (released|freed)\b"
                r"|\bhostages? (were |was |have been )?(released|freed)\b"
                r"|\b(released|freed) ([\w-]+ ){0,3}(people|persons|civilians|workers|passengers|villagers|tourists|"
                r"soldiers|policemen|students|children) (who|that) (were|had been) (kidnapped|abducted|held|seized)\b",
                re.I), "other"),
]
# "no one was arrested in the raid" is no arrest
NEGATED = re.compile(r"\b(no one|nobody|none|no (one|arrests?|casualties)) (was|were|has been|have been|had been|"
                     r"reported)( \w+)?\b", re.I)
# explosives found, cleared or defused went off nowhere: "removing explosive devices planted by the rebels"
DISARMED = re.compile(r"\b(remov|defus|clear|found|find|dismantl|discover|sweep|search)\w* [\w ]{0,20}?(explosive devices|explosives|"
                      r"(land)?mines|bombs|ieds)\b", re.I)
# a truce someone calls for has not been agreed: "calls on both sides to engage in dialogue for a lasting ceasefire"
_CALLED_FOR = re.compile(r"\b(call(s|ed|ing)? (on|upon|for)|urg(e|es|ed|ing)|appeal(s|ed|ing)? (to|for)|press(es|ed|ing)? "
                         r"for)\b[^.;]{0,120}", re.I)
_COMPILED = [(re.compile(r"\b(?:" + p + r")\b", re.I), t, s, w) for p, t, s, w in CUES]
_BY_PATTERN = {p: c for (p, *_), (c, *_) in zip(CUES, _COMPILED)}
_BOTH_SIDES, _GENERIC_CLASH = _BY_PATTERN[BOTH_SIDES], _BY_PATTERN[GENERIC_CLASH]
# "tribal clashes", "clan fighting": the words of communal violence, whose type is told by what was done
# (villages raided, a crowd's riot) rather than by "clashes"
_COMMUNAL = re.compile(r"\b(tribal|clan|inter-?clan|inter-?tribal|ethnic|inter-?ethnic|communal|inter-?communal) "
                       r"(clash(es)?|fighting|battles?)\b", re.I)


def event_type(ctx: Context) -> tuple[str, str | None]:
    lead = " ".join([ctx.title_doc.text if ctx.title_doc is not None else ""] +
                    [s.text for s in ctx.sentences[:1]])
    for pattern, sub in FOLLOW_UP:
        if pattern.search(lead):
            return "strategic-developments", sub    # decided by the lead alone: no cue needs scoring
    scores: dict[str, float] = {}
    subtypes: dict[str, dict[str, float]] = {}
    texts = []
    if ctx.title_doc is not None:
        # a quoted label in a headline ("'Suicide Bomb Mastermind'") names no event
        texts.append((re.sub(r"(^|\s)['‘\"“][^'’\"”]+['’\"”]", " ", ctx.title_doc.text), 2.5))
    for i, sent in enumerate(ctx.telling, start=1):
        if sent.start in ctx.background:
            continue
        weight = 3.0 if i == 1 else 2.0 if i == 2 else 1.2 if i < 5 else 0.6
        texts.append((sent.text, weight))
    for text, weight in texts:
        text = DISARMED.sub(" ", NEGATED.sub(" ", text))
        for pattern, etype, sub, w in _COMPILED:
            if sub == "agreement" and weight < 2.0:
                continue                 # a truce mentioned down the page is context, not the event
            n = len(pattern.findall(_COMMUNAL.sub(" ", _BOTH_SIDES.sub(" ", text)) if pattern is _GENERIC_CLASH
                                    else _CALLED_FOR.sub(" ", text) if sub == "agreement" else text))
            if n:
                gain = weight * w * (1 + 0.25 * (min(n, 3) - 1))
                scores[etype] = scores.get(etype, 0) + gain
                subtypes.setdefault(etype, {})[sub] = subtypes.setdefault(etype, {}).get(sub, 0) + gain
    if not scores:
        return "other", None
    best = max(scores, key=scores.get)
    # soldiers killed by explosives set off beside their convoy, with no exchange of fire told: a
    # remote attack (ACLED: explosions), however the headline says "rebels kill 16 soldiers in ambush"
    exchange = any(_GENERIC_CLASH.search(_BOTH_SIDES.sub(" ", text)) for text, _ in texts)
    if best == "battles" and not exchange and subtypes.get("explosions-remote-violence", {}).get(
            "remote-explosive-landmine-ied", 0) >= 0.4 * scores["battles"]:
        best = "explosions-remote-violence"
    # a protest that was met with force is still a protest (ACLED: protest with intervention)
    if best == "battles" and scores.get("protests", 0) >= 0.6 * scores["battles"]:
        best = "protests"
    # shelling in the middle of a fight between armed sides is part of the battle (ACLED: armed clash)
    if best == "explosions-remote-violence" and max(subtypes[best], key=subtypes[best].get) == \
            "shelling-artillery-missile-attack" and scores.get("battles", 0) >= 0.6 * scores[best]:
        best = "battles"
    # a bomb that opens an assault on a base, followed by gunfire, is part of the battle for it
    lead_text = " ".join(t for t, w in texts if w >= 2.0).lower()
    if best == "explosions-remote-violence" and scores.get("battles", 0) >= 0.5 * scores[best] and re.search(
            r"\b(military|army|security|police) (base|post|camp|barracks|outpost)\b", lead_text) and re.search(
            r"\b(attacked|stormed|overran|seized|opened fire|gunfire|fought|battle)\b", lead_text):
        best = "battles"
    # demonstrators who fight with stones and firebombs make it a riot (ACLED: violent demonstration)
    if best == "protests" and (scores.get("riots", 0) >= 0.4 * scores["protests"] or
                               any(LOOTING.search(text) for text, _ in texts)):
        best = "riots"                   # looting anywhere in the telling: ACLED's violent demonstration
    sub = max(subtypes[best], key=subtypes[best].get)
    if best == "protests":
        body = ctx.text.lower()
        if re.search(r"\b(killed|shot|opened fire|live ammunition|dead)\b", body):
            sub = "excessive-force-against-protesters"
        elif re.search(r"\b(tear ?gas|dispersed|water cannon|arrested|baton)\b", body):
            sub = "protest-with-intervention"
    return best, sub
