"""The words actors.py reads parties by: verbs and nouns of violence, protest and agreement,
state forces, armed groups, crowds and civilians."""

VIOLENT_VERBS = {
    "attack", "fire", "shoot", "clash", "fight", "kill", "capture", "strike", "bomb", "ambush", "shell",
    "target", "storm", "retaliate", "engage", "hunt", "seize", "raid", "abduct", "kidnap", "wound",
    "loot", "torch", "burn", "detonate", "hit", "behead", "massacre", "besiege", "overrun", "battle",
    "repel", "arrest", "disperse", "conduct", "launch", "injure", "execute", "murder", "assault", "open",
    "take", "carry", "block", "ransack", "throw", "confront", "pursue", "beat", "detain", "occupy",
    "advance", "withdraw", "bombard", "invade", "chase", "surround", "round", "stab", "lynch", "set",
    "stage", "perpetrate", "commit", "mount", "unleash", "annihilate", "rout", "repulse", "crush", "defeat",
    "disrupt",
}
# "assailants began shooting": the subject of these verbs does what their complement says
ASPECT_VERBS = {"begin", "start", "continue", "try", "attempt", "resume", "keep", "threaten"}
# "armed men", "masked men": men are a party only with such a word
ARMED_WORDS = {"armed", "masked", "unidentified", "unknown", "gun-toting", "hooded", "uniformed"}
PROTEST_VERBS = {"protest", "demonstrate", "march", "rally", "gather", "strike", "riot", "chant", "picket"}
AGREEMENT_VERBS = {"sign", "agree", "mediate", "broker", "accept", "negotiate"}
EVENT_NOUNS = {
    "force", "attack", "clash", "fighting", "fight", "firefight", "battle", "strike", "airstrike", "offensive",
    "operation", "ambush", "raid", "assault", "bombing", "shelling", "protest", "demonstration",
    "rally", "march", "riot", "violence", "massacre", "killing", "abduction", "kidnapping", "advance",
    "incursion", "skirmish", "hostility", "hostilities", "ceasefire", "truce", "agreement", "crackdown",
}
FORCE_NOUNS = {"force", "forces", "troop", "troops", "soldier", "soldiers", "army", "military", "navy", "recruits",
               "marine", "marines", "commando", "commandos", "gendarme", "gendarmes", "gendarmerie",
               "airforce", "personnel", "platoon", "battalion", "brigade", "unit", "units", "guard", "guards",
               "peacekeeper", "peacekeepers"}
POLICE_NOUNS = {"police", "policeman", "policemen", "policewoman", "gendarmerie", "officer", "officers"}
STATE_PLACES = {"convoy", "patrol", "outpost", "outposts", "post", "posts", "position", "positions",
                "base", "checkpoint", "station"}
STATE_NOUNS = FORCE_NOUNS | POLICE_NOUNS | STATE_PLACES | {"authorities"}
NONSTATE_NOUNS = {"militant", "militants", "rebel", "rebels", "insurgent", "insurgents", "fighter",
                  "fighters", "extremist", "extremists", "terrorist", "terrorists", "jihadist",
                  "jihadists", "guerrilla", "guerrillas", "separatist", "separatists", "bandit",
                  "bandits", "attacker", "attackers", "assailant", "assailants", "bomber", "bombers",
                  "gunman", "gunmen", "cells", "cell", "dissidents", "khwarij", "khawarij", "kharijis",
                  "kidnappers", "abductors", "hostage-takers", "perpetrators", "killers", "assassins"}
MILITIA_NOUNS = {"militia", "militias", "militiaman", "militiamen", "vigilante", "vigilantes",
                 "paramilitary", "paramilitaries", "cartel", "cartels", "gang", "gangs", "gangster",
                 "narco-terrorists", "hitmen", "youth", "youths", "herdsmen", "herdsman", "tribesmen", "tribesman"}
PROTEST_NOUNS = {"protester", "protesters", "protestor", "protestors", "demonstrator", "demonstrators",
                 "marcher", "marchers"}
RIOT_NOUNS = {"rioter", "rioters", "mob", "mobs", "looter", "looters"}
CIVILIAN_NOUNS = {"civilian", "civilians", "cyclists", "hikers", "missionaries", "guests", "customers", "diners",
                  "villager", "villagers", "worshipper", "worshippers",
                  "student", "students", "pupil", "pupils", "passenger", "passengers", "farmer", "farmers",
                  "herder", "herders", "trader", "traders", "shopper", "shoppers", "bystander", "bystanders",
                  "refugees", "pilgrims", "mourners", "families", "children", "schoolchildren", "schoolgirls",
                  "schoolboys", "teachers", "journalists", "patients", "residents", "family", "workers",
                  "laborers", "labourers", "employees", "businessmen", "shopkeepers", "vendors", "tourists",
                  "fishermen", "miners", "commuters", "motorists", "pedestrians", "doctors", "nurses", "monks",
                  "priests", "clerics", "worshipers", "churchgoers", "guests", "spectators", "voters"}
ALL_ACTOR_NOUNS = STATE_NOUNS | NONSTATE_NOUNS | MILITIA_NOUNS | PROTEST_NOUNS | RIOT_NOUNS | CIVILIAN_NOUNS
GROUP_HEADS = {"front", "brigade", "brigades", "army", "movement", "forces", "force", "militia", "group", "command",
               "council", "coalition", "alliance", "cartel", "battalion", "guards", "committee",
               "jamaat", "organisation", "organization", "mobilisation", "mobilization", "union"}
SINGULAR_FORCES = {"soldier": "soldiers", "officer": "officers", "policeman": "policemen", "trooper": "troopers",
                   "commando": "commandos", "marine": "marines", "guard": "guards", "gendarme": "gendarmes"}
KNOWN_VERBS = VIOLENT_VERBS | PROTEST_VERBS | AGREEMENT_VERBS | ASPECT_VERBS
AIRCRAFT = {"drone", "warplane", "aircraft", "jet", "helicopter", "plane", "gunship"}
STRIKE_NOUNS = {"airstrike", "strike", "raid", "bombing", "bombardment", "shelling", "missile"} | AIRCRAFT
COLLECTIVE_NONSTATE = {"rebels", "militants", "insurgents", "fighters", "men", "gunmen", "guerrillas", "extremists",
                       "jihadists", "separatists", "terrorists", "assailants", "attackers", "group", "groups"}
