"""The draft engine's finders on short synthetic sentences (invented names): names as they are written, unnamed
speakers, the speaker of "X of Y said", counts, date ranges and parts of months, and where a time goes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from rightsgraph.authoring.draft.base import Parsed
from rightsgraph.authoring.draft.counts import find_counts
from rightsgraph.authoring.draft.document import draft_document
from rightsgraph.authoring.draft.lexicon import load_lexicon
from rightsgraph.authoring.draft.mentions import find_candidates, find_mentions
from rightsgraph.authoring.draft.nlp import english
from rightsgraph.authoring.draft.statements import find_statements
from rightsgraph.authoring.draft.times import find_times
from rightsgraph.core.project import Project

from .conftest import ROOT

LEX = load_lexicon(Project(ROOT).vocab_dir)
REFERENCE = dt.date(2025, 3, 19)  # a Wednesday


def parse(text: str) -> Parsed:
    doc = english()(text)
    return Parsed(text, doc, list(doc.sents))


def candidates(text: str) -> list[tuple[str, str, bool]]:
    parsed = parse(text)
    return [
        (text[f.start : f.end], f.data["id"], bool(f.data.get("alias")))
        for f in find_candidates(parsed, english(), LEX, [])
    ]


def speakers(text: str, register: list[dict[str, Any]] | None = None) -> list[tuple[str, str | None]]:
    parsed = parse(text)
    mentions = find_mentions(parsed, english(), LEX, register or [])
    actors = mentions + find_candidates(parsed, english(), LEX, mentions)
    return [(f.data["speaker"], f.data.get("name")) for f in find_statements(parsed, english(), LEX, actors, [])]


def times(text: str) -> list[tuple[str, str | None]]:
    return [
        (f.data["expression"], f.data.get("edtf")) for f in find_times(parse(text), english(), "article/x", REFERENCE)
    ]


def test_hyphenated_names_and_particles_are_whole_names() -> None:
    found = candidates("Sampleton France-Presse said so. Mahmoud al-Sampleti and Jana Hennis-Sample agreed.")
    assert ("Sampleton France-Presse", "actor/sampleton-france-presse", False) in found
    assert ("Mahmoud al-Sampleti", "actor/mahmoud-al-sampleti", False) in found
    assert ("Jana Hennis-Sample", "actor/jana-hennis-sample", False) in found


def test_the_acronym_in_brackets_after_a_name_is_its_alias() -> None:
    text = "The Sampleland Organisation for Sample Rights (SOSR) counted 12 cases. SOSR said more were likely."
    found = candidates(text)
    assert found[0] == (
        "Sampleland Organisation for Sample Rights",
        "actor/sampleland-organisation-for-sample-rights",
        False,
    )
    aliases = [f for f in found if f[2]]
    assert [a[0] for a in aliases] == ["SOSR", "SOSR"]
    assert {a[1] for a in aliases} == {"actor/sampleland-organisation-for-sample-rights"}
    assert not any(f[0] == "Rights" for f in found)  # no surname alias for an organisation's last word


def test_a_title_stays_in_an_institutional_name_but_not_before_a_person() -> None:
    found = [f[0] for f in candidates("The Interior Ministry said so. Prime Minister Jana Sampleton agreed.")]
    assert "Interior Ministry" in found
    assert "Jana Sampleton" in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rights groups have accused the synthetic police.", [("actor/rights-groups", "Rights groups")]),
        ("Synthetic officials said the claims were false.", [("actor/synthetic-officials", "Synthetic officials")]),
        ("The claims were rejected.", []),  # "claims" after "the" is a noun, and no one speaks
    ],
)
def test_unnamed_speakers_are_named_by_the_texts_words(text: str, expected: list[tuple[str, str]]) -> None:
    assert speakers(text) == expected


def test_the_head_of_a_phrase_speaks() -> None:
    assert speakers("Jana Sampleton of the Synthetic University said the vote was unfair.")[0][0] == (
        "actor/jana-sampleton"
    )
    assert speakers("Mira Sampleti, the synthetic rapporteur for Sampleland, told reporters it was so.")[0][0] == (
        "actor/mira-sampleti"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police said six people were held and two weeks passed.", [(6, "exactly", "people")]),
        ("The group counted at least 224.", [(224, "at-least", None)]),
        (
            "It said 24 Samplelanders and 33 others died on 24 December.",
            [(24, "exactly", "Samplelanders"), (33, "exactly", "others")],
        ),
        ("They walked for four days, about 350 km.", [(350, "approximately", "km")]),
    ],
)
def test_counts(text: str, expected: list[tuple[int, str, str | None]]) -> None:
    found = find_counts(parse(text), english(), LEX)
    assert [(f.data["value"], f.data["qualifier"], f.data.get("counted")) for f in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Protests went on between 28 November and 16 December.",
            [("between 28 November and 16 December", "2024-11-28/2024-12-16")],
        ),
        ("It ran from 21 January to 30 April.", [("from 21 January to 30 April", "2025-01-21/2025-04-30")]),
        ("It rose in January and February.", [("in January and February", "2025-01/2025-02")]),
        ("Crowds gathered between Friday and Sunday.", [("between Friday and Sunday", "2025-03-14/2025-03-16")]),
        ("Two men were moved in late November.", [("in late November", "2024-11-16/2024-11-30")]),
        ("He has been held since 10 March.", [("since 10 March", "2025-03-10/..")]),
        ("The body has been withheld since Saturday.", [("since Saturday", "2025-03-15/..")]),
    ],
)
def test_date_ranges_open_dates_and_parts_of_months(text: str, expected: list[tuple[str, str]]) -> None:
    assert times(text) == expected


def test_a_time_no_event_or_statement_takes_dates_a_claim_of_the_narrator() -> None:
    """ "had been moved to the colony in December" has no event word and no speaker: the time is not dropped but
    drafted as the valid time of the narrator's claim of that sentence, about the actors it names."""
    text = (
        "Synthetic news\nSampleland, 19 March 2025\nJana Sampleton had been moved to the Sample Colony in December.\n"
    )
    published = {"expression": "19 March 2025", "earliest": REFERENCE, "latest": REFERENCE}
    article = {"id": "article/x", "type": "Article", "published": published}
    register = [{"id": "actor/jana-sampleton", "type": "Person", "name": "Jana Sampleton"}]
    document = draft_document(text, article, register, Project(ROOT).vocab_dir, {})
    claims = yaml.safe_load(yaml.safe_dump(document, default_flow_style=False, allow_unicode=True))["claims_made"]
    dated = [c for c in claims if "valid_time" in c]
    assert [(c["about"], c["valid_time"]["expression"], c["valid_time"]["edtf"]) for c in dated] == [
        (["actor/jana-sampleton"], "in December", "2024-12")
    ]
    assert dated[0]["evidence"] == ["Jana Sampleton had been moved to the Sample Colony in December."]


def test_a_share_in_percent_is_a_percentage_not_a_number_of_people() -> None:
    text = "Three countries carried out about 91 percent of them, and drug cases 52 percent of the total."
    found = find_counts(parse(text), english(), LEX)
    assert [(f.data.get("percent"), f.data.get("value"), f.data["qualifier"], f.data["expression"]) for f in found] == [
        (91, None, "approximately", "about 91 percent"),
        (52, None, "exactly", "52 percent"),
    ]
