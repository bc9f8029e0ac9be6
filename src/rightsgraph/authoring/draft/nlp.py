"""The tokenizer of the draft engine: spaCy's blank English pipeline (rules only, nothing downloaded).

spaCy is the optional extra `rightsgraph[draft]`; without it, the command says how to install it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from rightsgraph.core.errors import UserError

INSTALL = "pip install 'rightsgraph[draft]' (in this checkout: .venv/bin/pip install -e '.[draft]')"


@cache
def english() -> Any:
    try:
        import spacy
    except ImportError:
        raise UserError("rightsgraph draft needs spaCy, which is not installed", fix=INSTALL) from None
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
