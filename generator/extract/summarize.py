"""One to three sentences, taken from the report, that say what happened."""
from __future__ import annotations

import re

from .context import Context, clean_sentence
from .dates import INCIDENT_WORDS

MAX_CHARS = 420
_HEADER = re.compile(r"^\s*(statement|press release|for immediate release|update)\b", re.I)


def extractive_summary(ctx: Context) -> str:
    chosen: list[str] = []
    for i, sent in enumerate(ctx.sentences):
        text = clean_sentence(sent.text)
        if len(text) < 25 or _HEADER.match(text) or sent.start in ctx.background:
            continue
        if not text.rstrip().endswith((".", "!", "?", "”", '"', "’", "'")):
            continue                     # a caption or a heading, not a sentence
        if not INCIDENT_WORDS.search(text) and chosen == [] and i < 3:
            continue
        if chosen and sum(len(c) for c in chosen) + len(text) > MAX_CHARS:
            break
        chosen.append(text)
        if len(chosen) == 2 or i > 4:
            break
    if not chosen and ctx.sentences:
        chosen = [clean_sentence(ctx.sentences[0].text)]
    return " ".join(chosen)
