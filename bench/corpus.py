"""A deterministic synthetic corpus of incident reports for the benchmark.

Reports are written from templates the way wire copy is: a headline, a lead with a relative date
("late Saturday"), a figure and who gives it, a second source that sometimes disputes the figure,
background, and a closing line. Countries, real town names (taken from the project's own packaged
gazetteer, so places resolve), provinces, armed groups, event types, figures, attributions and
dates vary; an incident is often told by two or three publishers, so the build groups them.

Same seed and N -> byte-identical files.
"""
from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# ISO code, name, demonym, state forces, armed groups, official sources, provinces
COUNTRIES = [
    ("NG", "Nigeria", "Nigerian", ["Nigerian army", "police"], ["Boko Haram", "ISWAP", "bandits"],
     ["the Nigerian army", "police spokesman Abubakar Shehu", "the state governor's office"],
     ["Borno", "Zamfara", "Kaduna", "Katsina", "Niger"]),
    ("ML", "Mali", "Malian", ["Malian army", "FAMa"], ["JNIM", "Islamic State Sahel"],
     ["the Malian army", "a local official", "the governor of the region"], ["Mopti", "Gao", "Segou"]),
    ("BF", "Burkina Faso", "Burkinabe", ["Burkinabe army", "VDP militia"], ["JNIM", "Ansarul Islam"],
     ["security sources", "the army", "a humanitarian worker"], ["Sahel", "Est", "Nord"]),
    ("SO", "Somalia", "Somali", ["Somali National Army", "police"], ["al-Shabaab"],
     ["police officer Abdi Farah", "the Somali government", "a local elder"], ["Banaadir", "Bay", "Hiiraan"]),
    ("AF", "Afghanistan", "Afghan", ["Taliban security forces"], ["Islamic State Khorasan", "National Resistance Front"],
     ["a Taliban spokesman", "provincial police", "hospital staff"], ["Kabul", "Nangarhar", "Kunduz"]),
    ("PK", "Pakistan", "Pakistani", ["Pakistani army", "Frontier Corps"], ["Tehrik-i-Taliban Pakistan", "Baloch Liberation Army"],
     ["the ISPR military media wing", "district police officer Khan Zeb", "rescue officials"],
     ["Khyber Pakhtunkhwa", "Balochistan", "Punjab"]),
    ("UA", "Ukraine", "Ukrainian", ["Ukrainian forces"], ["Russian forces"],
     ["the regional governor", "Ukraine's emergency service", "the prosecutor's office"],
     ["Kharkiv", "Zaporizhzhia", "Donetsk", "Sumy"]),
    ("YE", "Yemen", "Yemeni", ["government forces"], ["the Houthis", "AQAP"],
     ["a military official", "medics", "the Houthi-run health ministry"], ["Taizz", "Marib", "Shabwah"]),
    ("SD", "Sudan", "Sudanese", ["Sudanese Armed Forces"], ["Rapid Support Forces"],
     ["the Sudan Doctors Network", "activists", "a local resistance committee"], ["North Darfur", "Khartoum", "Kordofan"]),
    ("CD", "DR Congo", "Congolese", ["FARDC", "Congolese army"], ["M23", "ADF", "CODECO"],
     ["civil society leader Jean Kambale", "the army spokesman", "Red Cross volunteers"], ["North Kivu", "Ituri", "South Kivu"]),
    ("IQ", "Iraq", "Iraqi", ["Iraqi security forces"], ["Islamic State"],
     ["a police source", "the security media cell", "a health official"], ["Kirkuk", "Nineveh", "Diyala"]),
    ("SY", "Syria", "Syrian", ["government forces"], ["SDF", "Hayat Tahrir al-Sham"],
     ["the Syrian Observatory for Human Rights", "civil defence workers", "state media"], ["Idlib", "Aleppo", "Deir ez-Zor"]),
    ("CO", "Colombia", "Colombian", ["Colombian army", "police"], ["ELN", "FARC dissidents", "Clan del Golfo"],
     ["the ombudsman's office", "the defence ministry", "the mayor"], ["Cauca", "Antioquia", "Arauca"]),
    ("MX", "Mexico", "Mexican", ["National Guard", "state police"], ["the Sinaloa Cartel", "the Jalisco New Generation Cartel"],
     ["the state prosecutor", "the security cabinet", "local media"], ["Sinaloa", "Guerrero", "Michoacan"]),
    ("KE", "Kenya", "Kenyan", ["Kenyan police"], ["al-Shabaab", "protesters"],
     ["the Kenya Red Cross", "police commander Peter Mwangi", "Amnesty International Kenya"], ["Nairobi", "Lamu", "Garissa"]),
    ("ET", "Ethiopia", "Ethiopian", ["Ethiopian National Defence Force"], ["Fano militia", "OLA"],
     ["residents", "a regional official", "the Ethiopian Human Rights Commission"], ["Amhara", "Oromia"]),
    ("CM", "Cameroon", "Cameroonian", ["Cameroonian army"], ["Ambazonian separatists", "Boko Haram"],
     ["a local chief", "the army", "the Centre for Human Rights and Democracy"], ["Nord-Ouest", "Extreme-Nord"]),
    ("NE", "Niger", "Nigerien", ["Nigerien army"], ["Islamic State Sahel", "JNIM"],
     ["the defence ministry", "a local councillor", "state television"], ["Tillaberi", "Diffa", "Tahoua"]),
    ("MZ", "Mozambique", "Mozambican", ["Mozambican forces", "Rwandan troops"], ["Islamic State Mozambique"],
     ["a police source", "the Cabo Ligado monitor", "a local administrator"], ["Cabo Delgado", "Niassa"]),
    ("LY", "Libya", "Libyan", ["Government of National Unity forces"], ["the Libyan National Army", "armed groups"],
     ["the health ministry", "the emergency medicine centre", "a municipal official"], ["Tripoli", "Az Zawiyah"]),
]

PUBLISHERS = ["Sahel Monitor", "Reuters", "Agence France-Presse", "Associated Press", "Al Jazeera",
              "The New Humanitarian", "BBC Monitoring", "Radio Ndeke Luka", "Daily Trust", "Dawn",
              "Kyiv Independent", "Garowe Online", "El Tiempo", "Nation Africa", "Addis Standard"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
                9: "nine", 10: "ten", 11: "eleven", 12: "a dozen"}
QUALIFIERS = ["at least ", "", "more than ", "up to ", "about "]
SAY = ["said", "told reporters", "said in a statement", "told local radio", "said on Sunday"]
VICTIMS = ["civilians", "villagers", "soldiers", "people", "farmers", "worshippers", "traders", "children"]
ISSUES = ["fuel prices", "unpaid salaries", "a disputed election", "water shortages", "rising food prices",
          "police abuses", "a new tax law"]


@dataclass
class Incident:
    country: tuple
    town: str
    province: str
    kind: str
    day: dt.date
    attacker: str
    forces: str
    victims: str
    killed: int
    injured: int


def _number(rng: random.Random, n: int) -> str:
    if n in NUMBER_WORDS and rng.random() < 0.5:
        return NUMBER_WORDS[n]
    return str(n)


@lru_cache(maxsize=4)
def towns_by_country(min_population: int = 20_000, per_country: int = 40) -> dict[str, list[str]]:
    """Real town names from the packaged gazetteer, biggest first (ties by name): deterministic."""
    from generator.extract.gazetteer import packaged_gazetteer

    wanted = {c[0] for c in COUNTRIES}
    found: dict[str, dict[str, int]] = {cc: {} for cc in wanted}
    for places in packaged_gazetteer().index.values():
        for p in places:
            if (p.kind == "city" and p.country_code in wanted and p.population >= min_population
                    and re.fullmatch(r"[A-Z][A-Za-z' -]{2,20}", p.name)):
                found[p.country_code][p.name] = p.population
    return {cc: [n for n, _ in sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))][:per_country]
            for cc, names in found.items()}


def _relative_date(rng: random.Random, day: dt.date, published: dt.date) -> str:
    delta = (published - day).days
    if delta == 1 and rng.random() < 0.4:
        return "yesterday"
    if delta <= 6:
        part = rng.choice(["late ", "early ", "on ", ""])
        return f"{part}{WEEKDAYS[day.weekday()]}".strip() if part != "on " else f"on {WEEKDAYS[day.weekday()]}"
    return f"on {day.day} {MONTHS[day.month - 1]}"


def _lead(rng: random.Random, inc: Incident, when: str, killed: str, injured: str, source: str) -> tuple[str, str]:
    name, town, prov = inc.country[1], inc.town, inc.province
    k = inc.kind
    if k == "battle":
        head = f"Clashes between {inc.forces} and {inc.attacker} near {town} kill {killed}"
        lead = (f"Fighting between {inc.forces} and {inc.attacker} near {town}, in {name}'s {prov} region, "
                f"killed {killed} fighters {when}, {source} {rng.choice(SAY)}.")
    elif k == "airstrike":
        head = f"Air strike on {town} kills {killed} {inc.victims}"
        lead = (f"An air strike {when} on a market in {town}, {prov} province, killed {killed} {inc.victims} "
                f"and wounded {injured} others, {source} {rng.choice(SAY)}.")
    elif k == "bombing":
        head = f"Roadside bomb kills {killed} {inc.victims} near {town}"
        lead = (f"{killed.capitalize()} {inc.victims} were killed when a roadside bomb hit their vehicle near "
                f"{town} {when}, {source} {rng.choice(SAY)}.")
    elif k == "attack":
        head = f"Gunmen kill {killed} {inc.victims} in attack on village near {town}"
        lead = (f"Gunmen suspected to be members of {inc.attacker} killed {killed} {inc.victims} in an attack on "
                f"a village near {town} {when}, {source} {rng.choice(SAY)}.")
    elif k == "abduction":
        head = f"{inc.attacker} abducts {killed} {inc.victims} near {town}"
        lead = (f"Armed men from {inc.attacker} abducted {killed} {inc.victims} from a village outside {town}, "
                f"in {prov}, {when}, {source} {rng.choice(SAY)}.")
    elif k == "protest":
        head = f"Thousands march in {town} over {rng.choice(ISSUES)}"
        lead = (f"Thousands of people marched through {town} {when} to protest against {rng.choice(ISSUES)}, "
                f"and police fired tear gas, wounding {injured} demonstrators, {source} {rng.choice(SAY)}.")
    elif k == "riot":
        head = f"Rioters torch offices in {town}; {killed} dead"
        lead = (f"Rioters set fire to government offices in {town} {when} after the arrest of a local leader, "
                f"and {killed} people were killed in the unrest, {source} {rng.choice(SAY)}.")
    else:  # ceasefire
        head = f"{inc.forces.capitalize()} and {inc.attacker} agree ceasefire around {town}"
        lead = (f"{inc.forces.capitalize()} and {inc.attacker} agreed a ceasefire around {town} {when}, "
                f"{source} {rng.choice(SAY)}, after weeks of fighting in {prov}.")
    return head, lead


def make_report(rng: random.Random, inc: Incident, published: dt.date, publisher: str, variant: int) -> tuple[str, str]:
    """(title, body) of one report about an incident."""
    cc, name, demonym, forces, groups, sources, provinces = inc.country
    when = _relative_date(rng, inc.day, published)
    killed_n = max(1, inc.killed + (rng.choice([0, 0, 1, 2, -1]) if variant else 0))
    q = rng.choice(QUALIFIERS)
    killed = f"{q}{_number(rng, killed_n)}".strip()
    injured = _number(rng, inc.injured)
    source = sources[variant % len(sources)]
    title, lead = _lead(rng, inc, when, killed, injured, source)
    other = sources[(variant + 1) % len(sources)]
    paras = [lead]
    if inc.kind not in ("protest", "ceasefire"):
        paras.append(
            f"{other[0].upper() + other[1:]} put the death toll at {_number(rng, killed_n + rng.randint(0, 6))}, "
            f"saying {injured} people were wounded and taken to hospital in {inc.town}. "
            f"\"The situation is very tense, people are afraid,\" a resident of {inc.town} who asked not to be "
            f"named told {publisher}.")
    else:
        paras.append(f"According to {other}, {_number(rng, inc.injured + 1)} people were arrested. "
                     f"\"We will keep going until we are heard,\" one organiser told {publisher}.")
    paras.append(
        f"{inc.attacker.capitalize() if inc.attacker[0].islower() else inc.attacker} has been active in {inc.province} "
        f"for several years, and attacks on {rng.choice(VICTIMS)} in the area have risen since last year. "
        f"{demonym} authorities have deployed additional troops to the region.")
    if rng.random() < 0.6:
        paras.append(f"No group has claimed responsibility. The {name} government has not commented on the "
                     f"incident, and {rng.choice(['humanitarian agencies', 'the United Nations', 'local leaders'])} "
                     f"called for an investigation into what happened in {inc.town}.")
    paras.append(f"{publisher} could not independently verify the figures.")
    return title, "\n\n".join(paras)


KINDS = ["battle", "airstrike", "bombing", "attack", "abduction", "protest", "riot", "ceasefire"]


def generate(n: int, seed: int = 20250101):
    """Yield (stem, markdown_text, meta) for n reports: deterministic for (n, seed)."""
    rng = random.Random(seed)
    towns = towns_by_country()
    start = dt.date(2023, 1, 1)
    span_days = 730
    i = 0
    while i < n:
        country = rng.choice(COUNTRIES)
        cc = country[0]
        town = rng.choice(towns[cc]) if towns.get(cc) else country[1]
        day = start + dt.timedelta(days=rng.randrange(span_days))
        inc = Incident(country=country, town=town, province=rng.choice(country[6]), kind=rng.choice(KINDS),
                       day=day, attacker=rng.choice(country[4]), forces=rng.choice(country[3]),
                       victims=rng.choice(VICTIMS), killed=rng.randint(2, 40), injured=rng.randint(2, 30))
        for variant in range(rng.choice([1, 1, 2, 3])):
            if i >= n:
                break
            published = day + dt.timedelta(days=rng.choice([0, 1, 1, 2, 3]))
            publisher = PUBLISHERS[(i * 7 + variant) % len(PUBLISHERS)]
            title, body = make_report(rng, inc, published, publisher, variant)
            slug = re.sub(r"[^a-z0-9]+", "-", f"{country[1]} {town} {inc.kind}".lower()).strip("-")
            stem = f"{published.isoformat()}-{slug}-{i:05d}"
            meta = {"title": title, "publisher": publisher, "published": published,
                    "url": f"https://example.org/{re.sub(r'[^a-z]+', '-', publisher.lower()).strip('-')}/{stem}",
                    "tags": [cc.lower(), inc.kind]}
            text = ("---\n"
                    f"title: \"{title}\"\n"
                    f"publisher: \"{publisher}\"\n"
                    f"url: \"{meta['url']}\"\n"
                    f"published: {published.isoformat()}\n"
                    "language: en\n"
                    f"tags: [{cc.lower()}, {inc.kind}]\n"
                    "---\n" + body + "\n")
            yield stem, text, meta
            i += 1


SITE_YAML = """title: Briefing benchmark desk
description: Synthetic incident reports for the benchmark.
language: en
base_url: ""
per_page: 20
incident_window_days: 3
"""


def write_site(folder: Path, n: int, seed: int = 20250101) -> list[Path]:
    """A site (site.yaml + reports/) with n reports; returns the report paths."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    reports = folder / "reports"
    reports.mkdir(exist_ok=True)
    paths = []
    for stem, text, _meta in generate(n, seed):
        path = reports / f"{stem}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def write_pelican_content(folder: Path, n: int, seed: int = 20250101) -> None:
    """The same reports as Pelican Markdown articles (Title/Date/Category/Tags metadata)."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem, text, meta in generate(n, seed):
        body = text.split("---\n", 2)[2]
        title = meta["title"].replace("\n", " ")
        (folder / f"{stem}.md").write_text(
            f"Title: {title}\nDate: {meta['published'].isoformat()}\nCategory: {meta['tags'][1]}\n"
            f"Tags: {', '.join(meta['tags'])}\nAuthors: {meta['publisher']}\nSlug: {stem}\n\n{body}",
            encoding="utf-8")
