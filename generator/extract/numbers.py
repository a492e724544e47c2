"""Numbers as reports write them: digits, number words, "a dozen", and vague amounts."""
from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "no": 0, "none": 0, "one": 1, "a": 1, "an": 1, "single": 1, "another": 1,
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12, "both": 2,
    "couple": 2, "pair": 2,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Amounts with no number behind them: the row keeps count null and qualifier unspecified.
VAGUE = {"dozens", "scores", "hundreds", "thousands", "millions", "several", "many", "numerous",
         "some", "multiple", "countless", "few", "a few", "more", "most", "tens"}
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")


def parse_number(text: str) -> int | None:
    """'12' -> 12, 'twenty-one' -> 21, 'a dozen' -> 12, '1,200' -> 1200, '2.5 million', '1.5m'; else None."""
    t = text.strip().lower().replace("\u2011", "-")
    if not t:
        return None
    if _DIGITS.match(t):
        return int(float(t.replace(",", "")))
    t = re.sub(r"^(\d+(?:\.\d+)?)\s*(?:m|mln)$", r"\1 million", t)    # "1.5m", "1.5 m": millions
    words = re.split(r"[\s-]+", t)
    total = current = 0
    seen = False
    if words and words[0] in ("a", "an") and len(words) > 1:
        words = words[1:]
        if words[0] in _SCALES:
            current, seen = 1, True      # "a million", "a hundred"
    for i, w in enumerate(words):
        if w == "and":
            continue
        if _DIGITS.match(w):
            current += float(w.replace(",", ""))
            seen = True
        elif w == "dozen" and seen:
            current *= 12               # "two dozen"
        elif w in _UNITS and not (w in ("a", "an", "no") and len(words) > 1):
            current += _UNITS[w]
            seen = True
        elif w in _TENS:
            current += _TENS[w]
            seen = True
        elif w in _SCALES and seen:
            current = (current or 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total += current
                current = 0
        else:
            return None
    return int(total + current) if seen else None


def is_vague_amount(text: str) -> bool:
    return text.strip().lower() in VAGUE
