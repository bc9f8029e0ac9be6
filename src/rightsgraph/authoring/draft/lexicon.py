"""The draft lexicon (lexicon.yaml): reporting verbs, hedges, count qualifiers, vague counts, event words.

Every concept it names is checked against the project's concept schemes (ontology/vocab/*.ttl) when it is
loaded, so a word can only propose a concept the model has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from rightsgraph.core.errors import UserError

# Which vocabulary file each part of the lexicon proposes concepts from.
SCHEMES = {"stance": "stance", "kind": "claim-kind", "certainty": "certainty", "qualifier": "count-qualifier"}
_CONCEPT = re.compile(r"^[a-z-]+:([a-z0-9-]+) a skos:Concept", re.M)
_IMPLIED_MIN = re.compile(r"^[a-z-]+:([a-z0-9-]+) a skos:Concept.*?rg:impliedMinInclusive (\d+)", re.M | re.S)


@dataclass(frozen=True)
class Lexicon:
    data: dict[str, Any]
    implied_min: dict[str, int]  # magnitude slug -> the lower bound its scheme gives

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    @cached_property
    def reporting_heads(self) -> frozenset[str]:
        """The first word of each reporting verb or phrase ("said", "called" of "called for")."""
        return frozenset(str(words).split()[0] for words in self.data["reporting"])

    @cached_property
    def negations(self) -> frozenset[str]:
        """The words that negate what follows them ("not", "never", "n't")."""
        return frozenset(str(word) for word in self.data["negations"])

    @cached_property
    def own_subjects(self) -> frozenset[str]:
        """The subjects after which a word of obligation is the speaker's own ("we have to"): `own_obligation`."""
        return frozenset(str(word) for word in self.data["own_obligation"]["subjects"])

    @cached_property
    def own_cues(self) -> frozenset[str]:
        """The words of obligation `own_subjects` make the speaker's own ("have to", "must")."""
        return frozenset(str(word) for word in self.data["own_obligation"]["cues"])

    @cached_property
    def disputed_figures(self) -> frozenset[str]:
        """What words that dispute must call wrong: a figure or a count (`disputed_figures`)."""
        return frozenset(str(word) for word in self.data["disputed_figures"])

    @cached_property
    def single_magnitudes(self) -> frozenset[str]:
        """The magnitudes of one word ("hundreds", "dozens", "several"), a figure in what is said."""
        return frozenset(str(words) for words in self.data["magnitudes"] if " " not in str(words))


def concepts(vocab_dir: Path, scheme: str) -> set[str]:
    return set(_CONCEPT.findall((vocab_dir / f"{scheme}.ttl").read_text(encoding="utf-8")))


@cache
def load_lexicon(vocab_dir: Path) -> Lexicon:
    data = yaml.safe_load(resources.files(__package__).joinpath("lexicon.yaml").read_text(encoding="utf-8"))
    wanted: list[tuple[str, str]] = []
    for entry in data["reporting"].values():
        wanted += [(SCHEMES[k], v) for k, v in entry.items() if k in SCHEMES]
        wanted += [("stance", v) for k, v in entry.items() if k in ("future_stance", "quote_stance")]
    wanted += [("stance", k) for k in data["stance_words"]] + [("stance", "accuses-of-human-rights-abuses")]
    wanted += [("certainty", v) for v in data["hedges"].values()]
    wanted += [("count-qualifier", v["qualifier"]) for v in data["qualifiers"].values()]
    wanted += [("count-qualifier", data["range_qualifier"])]
    wanted += [("magnitude", v) for v in data["magnitudes"].values()]
    wanted += [("proportion", v) for v in data["proportions"].values()]
    wanted += [("event-type", v) for v in data["events"].values()]
    wanted += [(scheme, slug) for spec in data["vague_before_noun"].values() for scheme, slug in spec.items()]
    for scheme, slug in wanted:
        if slug not in concepts(vocab_dir, scheme):
            raise UserError(
                f"the draft lexicon proposes '{slug}', which is not a concept of the {scheme} scheme",
                vocab_dir / f"{scheme}.ttl",
                fix="add the concept to the scheme or correct rightsgraph/authoring/draft/lexicon.yaml",
            )
    magnitude = (vocab_dir / "magnitude.ttl").read_text(encoding="utf-8")
    implied = {slug: int(n) for block in magnitude.split("\n\n") for slug, n in _IMPLIED_MIN.findall(block)}
    return Lexicon(data, implied)
