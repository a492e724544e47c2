"""Word lists shipped with the package: nationality words ("Pakistani", "Afghan") and the
countries they point to; well-known armed groups."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    table = {}
    text = resources.files("generator").joinpath("data/demonyms.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, code = line.split("\t")[:2]
            table[word.lower()] = code.strip()
    return table


def country_of_word(word: str) -> str | None:
    """ISO code for a demonym ("Pakistani") or a country name known to the gazetteer."""
    key = word.strip().lower().removesuffix("s") if word.lower().endswith("ns") else word.strip().lower()
    hit = demonyms().get(word.strip().lower()) or demonyms().get(key)
    if hit:
        return hit
    from .gazetteer import packaged_gazetteer

    for place in packaged_gazetteer().lookup(word):
        if place.kind == "country":
            return place.country_code
    return None


def demonym_of(cc: str | None) -> str:
    """The adjective of a country's people ("Malian" for ML; "U.S." for US), or "" when none is known."""
    if not cc:
        return ""
    if cc == "US":
        return "U.S."                    # "U.S. forces", not "American forces"
    for word, code in demonyms().items():
        if code == cc and " " not in word and word[0].isalpha() and word not in ("us", "u.s.", "kurdish"):
            return word.title() if word.islower() else word
    return next((w.title() if w.islower() else w for w, code in demonyms().items() if code == cc), "")


@lru_cache(maxsize=1)
def known_groups() -> dict[str, tuple[str, str]]:
    """alias (lower case) -> (name, ACLED actor kind)."""
    table = {}
    text = resources.files("generator").joinpath("data/armed_groups.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            alias, name, kind = line.split("\t")[:3]
            table[alias.strip()] = (name.strip(), kind.strip())
    return table
