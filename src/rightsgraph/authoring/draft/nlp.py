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
    from spacy.pipeline import Sentencizer

    nlp = spacy.blank("en")
    # a line break ends a sentence too: a headline, a dateline and a paragraph without a full stop are their own
    nlp.add_pipe("sentencizer", config={"punct_chars": [*Sentencizer.default_punct_chars, "\n"]})
    return nlp
