"""`rightsgraph draft SLUG` and its scorer: the draft is annotation YAML in the real format, every proposed node
marked `draft: true` and grounded to a quote that occurs once in the text; it builds; it never overwrites a
researcher's confirmed work; the scorer's precision and recall are what a hand-made pair says they are."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

pytest.importorskip("spacy", reason="the optional extra rightsgraph[draft] is not installed")

from rightsgraph.authoring.draft.files import draft_article, draft_text
from rightsgraph.authoring.draft.score import score
from rightsgraph.build.pipeline import build_incremental
from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project

from .conftest import MINIMAL_SLUG, ROOT, project_from_fixture, run_cli

FIXTURES = Path(__file__).parent / "fixtures"
ANALYSIS = ("events", "statements", "claims_made", "assessments", "forecasts", "outcomes", "memberships")


def skeleton(project: Project, slug: str = MINIMAL_SLUG) -> Path:
    """The annotation as `rightsgraph new` leaves it: the article and its context, no analysis."""
    path = project.root / "data" / "annotations" / f"{slug}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for section in (*ANALYSIS, "relationships", "mentions"):
        data.pop(section, None)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def drafted_nodes(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        if node.get("draft") is True:
            found.append(node)
        for value in node.values():
            found += drafted_nodes(value)
    elif isinstance(node, list):
        for item in node:
            found += drafted_nodes(item)
    return found


def test_scorer_on_a_hand_made_pair() -> None:
    text = "The Observatory said that at least 12 prisoners were executed last March. The ministry denied it."
    finished = {
        "mentions": [{"id": "actor/observatory"}, {"id": "actor/ministry"}],
        "events": [
            {"count": [{"value": 12, "qualifier": "at-least"}], "time": {"expression": "last March", "edtf": "2024-03"}}
        ],
        "statements": [
            {"speaker": "actor/observatory", "stances": [{"stance": "reports"}], "evidence": ["The Observatory said"]},
            {"speaker": "actor/ministry", "stances": [{"stance": "denies"}], "evidence": ["The ministry denied it."]},
        ],
    }
    draft = {
        "mentions": [{"id": "actor/observatory"}, {"id": "place/elsewhere"}, {"id": "actor/ministry"}],
        "events": [
            {"count": [{"value": 12, "qualifier": "approximately"}], "time": {"expression": "March", "edtf": "2024-03"}}
        ],
        "statements": [
            {"speaker": "actor/observatory", "stances": [{"stance": "reports"}], "evidence": ["Observatory said"]},
            {"speaker": "actor/observatory", "stances": [{"stance": "denies"}], "evidence": ["denied it"]},
        ],
    }
    scores = score(draft, finished, text)
    assert (scores["mentions"].matched, scores["mentions"].drafted, scores["mentions"].finished) == (2, 3, 2)
    assert scores["counts"].precision == 0 and scores["counts"].recall == 0  # same value, wrong qualifier
    assert scores["dates"].precision == 1 and scores["dates"].recall == 1  # wording overlaps, same EDTF
    assert (scores["statements"].matched, scores["statements"].drafted, scores["statements"].finished) == (1, 2, 2)
    assert scores["stances"].precision == 0.5 and scores["stances"].recall == 0.5


def test_a_target_drafted_without_a_stance_proposes_no_stance() -> None:
    text = 'The Observatory said the hangings were "a disgrace".'
    finished = {
        "statements": [{"speaker": "actor/observatory", "stances": [{"stance": "condemns"}], "evidence": [text]}]
    }
    draft = {"statements": [{"speaker": "actor/observatory", "stances": [{"target": ["event/x"]}], "evidence": [text]}]}
    scores = score(draft, finished, text)
    assert scores["statements"].matched == 1
    assert (scores["stances"].matched, scores["stances"].drafted, scores["stances"].finished) == (0, 0, 1)


def test_a_speaker_is_matched_by_the_name_or_an_alias_the_annotation_gives_it() -> None:
    text = "The Interior Ministry said 224 people were detained. The Sample Office said it was wrong."
    finished = {
        "actors": [
            {
                "id": "actor/ministry",
                "name": "Ministry of Internal Affairs of Sampleland",
                "aliases": ["the Interior Ministry"],
            },
            {"id": "actor/office", "name": "Office of the Sample Prosecutor"},
        ],
        "statements": [
            {
                "speaker": "actor/ministry",
                "stances": [{"stance": "reports"}],
                "evidence": ["The Interior Ministry said"],
            },
            {"speaker": "actor/office", "stances": [{"stance": "rejects"}], "evidence": ["The Sample Office said"]},
        ],
    }
    draft = {
        "actors": [
            {"id": "actor/interior-ministry", "name": "Interior Ministry"},
            {"id": "actor/so", "name": "Sample Board"},
        ],
        "statements": [
            {"speaker": "actor/interior-ministry", "stances": [{"stance": "reports"}], "evidence": ["Ministry said"]},
            {"speaker": "actor/so", "stances": [{"stance": "rejects"}], "evidence": ["Office said"]},
        ],
    }
    scores = score(draft, finished, text)
    assert (scores["statements"].matched, scores["stances"].matched) == (1, 1)  # no name of the office matches
    # an alias matches as written (but for "the"), not as a subset of words: "Justice Ministry" is not "the ministry"
    finished["actors"][0]["aliases"] = ["the ministry"]
    draft["actors"][0]["name"] = "Justice Ministry"
    assert score(draft, finished, text)["statements"].matched == 0


def test_draft_of_the_minimal_fixture_builds(minimal: Project) -> None:
    path = skeleton(minimal)
    draft_article(minimal, MINIMAL_SLUG)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["statements"] and data["events"][0]["count"][0]["qualifier"] == "at-least"
    result = build_incremental(minimal)
    assert not result.violations, [v.as_dict() for v in result.violations]


@pytest.mark.parametrize("fixture", ["minimal", "model-v2"])
def test_every_drafted_node_has_a_quote_that_occurs_once(tmp_path: Path, fixture: str) -> None:
    project = Project.locate(project_from_fixture(tmp_path, FIXTURES / fixture, MINIMAL_SLUG))
    skeleton(project)
    data = yaml.safe_load(draft_article(project, MINIMAL_SLUG).read_text(encoding="utf-8"))
    text = (project.root / "data" / "sources" / f"{MINIMAL_SLUG}.txt").read_text(encoding="utf-8")
    nodes = drafted_nodes({k: v for k, v in data.items() if k != "article"})
    assert len(nodes) >= 5
    for node in nodes:
        assert node.get("evidence"), node
        for quote in node["evidence"]:
            assert text.count(quote) == 1, quote


def test_vague_times_keep_their_wording_and_add_no_year_to_text(minimal: Project) -> None:
    data = yaml.safe_load(draft_article(minimal, MINIMAL_SLUG, force=True).read_text(encoding="utf-8"))
    time = data["events"][0]["time"]
    assert time["expression"] == "last March" and time["edtf"] == "2024-03"
    assert time["basis"] == "article-relative" and time["relative_to"] == "article/synthetic-article"
    assert "2024" not in data["events"][0]["label"]


def test_a_denial_answers_the_claim_it_denies(minimal: Project) -> None:
    data = yaml.safe_load(draft_article(minimal, MINIMAL_SLUG, force=True).read_text(encoding="utf-8"))
    report, denial = data["statements"]
    assert denial["stances"][0]["stance"] == "denies"
    assert denial["stances"][0]["target"] == [report["claims"][0]["id"]]
    assert denial["responds_to"] == [report["id"]] and denial["claims"][0]["polarity"] == "negative"


def test_confirmed_work_is_never_overwritten(minimal: Project) -> None:
    path = minimal.root / "data" / "annotations" / f"{MINIMAL_SLUG}.yaml"
    before = path.read_text(encoding="utf-8")
    with pytest.raises(UserError, match="confirmed work"):
        draft_article(minimal, MINIMAL_SLUG)
    assert path.read_text(encoding="utf-8") == before
    side = minimal.root / "data" / "drafts" / f"{MINIMAL_SLUG}.yaml"
    draft_article(minimal, MINIMAL_SLUG, out=side)
    assert path.read_text(encoding="utf-8") == before and drafted_nodes(yaml.safe_load(side.read_text()))


def test_a_redraft_keeps_confirmed_mentions_and_replaces_drafts(minimal: Project) -> None:
    path = skeleton(minimal)
    draft_article(minimal, MINIMAL_SLUG)
    first = path.read_text(encoding="utf-8")
    confirmed = first.replace(
        "- id: actor/synthetic-observatory\n  draft: true\n", "- id: actor/synthetic-observatory\n"
    )
    assert confirmed != first
    path.write_text(confirmed, encoding="utf-8")
    draft_article(minimal, MINIMAL_SLUG)
    again = yaml.safe_load(path.read_text(encoding="utf-8"))
    mentions = [m for m in again["mentions"] if m["id"] == "actor/synthetic-observatory"]
    assert len(mentions) == 1 and "draft" not in mentions[0]
    assert len(again["statements"]) == len(yaml.safe_load(first)["statements"])


def test_without_spacy_the_command_says_how_to_install_it(minimal: Project) -> None:
    code = "import sys; sys.modules['spacy'] = None; from rightsgraph.cli import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "draft", MINIMAL_SLUG, "--root", str(minimal.root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "rightsgraph[draft]" in errors[0], result.stderr


def test_the_command_writes_the_draft(minimal: Project) -> None:
    skeleton(minimal)
    result = run_cli("draft", MINIMAL_SLUG, root=minimal.root)
    assert result.returncode == 0, result.stderr
    assert "draft: true" in (minimal.root / "data" / "annotations" / f"{MINIMAL_SLUG}.yaml").read_text()


def test_the_scores_in_the_docs_are_current() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import score_draft
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    table, _ = score_draft.table()
    assert table in (ROOT / "docs" / "draft-scores.md").read_text(encoding="utf-8")


def test_regression_amnesty_international_drafted_from_the_words_the_international() -> None:
    """A register name ending in an adjective ("Amnesty International") gave the short name "the international",
    so "the international community" was drafted as a mention of Amnesty. `the <head>` is a short name only
    when the head is an institutional noun (lexicon `head_nouns`: "the observatory", "the ministry")."""
    from rightsgraph.authoring.draft.lexicon import load_lexicon
    from rightsgraph.authoring.draft.mentions import register_names

    register = [
        {"id": "actor/amnesty-international", "name": "Amnesty International"},
        {"id": "actor/afad-observatory", "name": "Afad Observatory"},
        {"id": "actor/ministry-of-justice-of-examplia", "name": "Ministry of Justice of Examplia"},
    ]
    names = register_names(register, load_lexicon(Project(ROOT).vocab_dir))
    assert "the international" not in names["actor/amnesty-international"]
    assert "the observatory" in names["actor/afad-observatory"]
    assert "the ministry" in names["actor/ministry-of-justice-of-examplia"]


def test_regression_drafts_of_two_articles_minted_the_same_event_id(minimal: Project) -> None:
    """Draft ids were unique within one article only: drafting two articles that report executions gave both an
    `event/execution...` of the same id, and the build refused the second as "defined twice". A draft now
    avoids every id another annotation file defines."""
    import hashlib

    sources, annotations = minimal.root / "data" / "sources", minimal.root / "data" / "annotations"
    text = (sources / f"{MINIMAL_SLUG}.txt").read_text(encoding="utf-8")
    second = "second-synthetic-article"
    (sources / f"{second}.txt").write_text(text, encoding="utf-8")
    skeleton = (annotations / f"{MINIMAL_SLUG}.yaml").read_text(encoding="utf-8").split("\ncontext_sources:")[0]
    skeleton = skeleton.replace(f"article/{MINIMAL_SLUG}", f"article/{second}").replace(
        "    dated_by: inference/synthetic-dating\n", "    basis: dateline\n"
    )
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert digest in skeleton
    (annotations / f"{second}.yaml").write_text(skeleton.replace('edtf: "2024-04/.."', 'edtf: "2024-04"'), "utf-8")
    draft_article(minimal, MINIMAL_SLUG, force=True)
    draft_article(minimal, second)
    ids = [
        set(re.findall(r"^ *- id: (event/\S+)$", (annotations / f"{s}.yaml").read_text(encoding="utf-8"), re.M))
        for s in (MINIMAL_SLUG, second)
    ]
    assert ids[0] and ids[1] and not ids[0] & ids[1]


@pytest.mark.slow
def test_regression_drafts_of_the_corpus_did_not_validate(project_copy: Project) -> None:
    """Drafting every article of the corpus from its skeleton (article block, register) gave ids two articles
    shared ("defined twice") and counts no drafted claim was about (a count must be claimed): a draft must
    build and validate as written, beside the corpus's finished annotations, whose nodes it may mention. Each
    article is drafted as a new article `SLUG-draft` (a copy of its text), one after the other, so that each draft
    sees the ones before it; all drafts then build together with the finished corpus."""
    register = yaml.safe_load((project_copy.root / "data" / "actors.yaml").read_text(encoding="utf-8"))
    entries = [*register["actors"], *register["places"]]
    data = project_copy.root / "data"
    annotations = sorted((data / "annotations").glob("*.yaml"))
    assert len(annotations) > 1
    for path in annotations:
        finished = yaml.safe_load(path.read_text(encoding="utf-8"))["article"]
        article = {k: v for k, v in finished.items() if k in ("type", "headline", "language", "sha256", "rights")}
        article["id"] = f"article/{path.stem}-draft"
        published = finished["published"]
        article["published"] = {"edtf": "XXXX"} if "dated_by" in published else published
        text = (data / "sources" / f"{path.stem}.txt").read_text(encoding="utf-8")
        drafted = draft_text(project_copy, text, article, entries)
        (data / "sources" / f"{path.stem}-draft.txt").write_text(text, encoding="utf-8")
        (data / "annotations" / f"{path.stem}-draft.yaml").write_text(drafted, encoding="utf-8")
    result = build_incremental(project_copy, full=True)
    assert [(v.source, v.focus, v.value, v.message) for v in result.violations] == []


def test_regression_an_inverted_statement_whose_speaker_starts_an_earlier_sentence_crashed_the_draft() -> None:
    """Drafting the Belarus article stopped with spaCy's IndexError E035 ("start 122 and end 114"): for "...,
    Viasna said." the reported content was taken to end where the speaker begins, which lay before the
    sentence's start, and the hedge scan was asked for a span that ends before it starts."""
    slug = "belarus-political-prisoners-released-2025"
    project = Project(ROOT)
    finished = yaml.safe_load((ROOT / "data" / "annotations" / f"{slug}.yaml").read_text(encoding="utf-8"))
    register = yaml.safe_load((ROOT / "data" / "actors.yaml").read_text(encoding="utf-8"))
    text = (ROOT / "data" / "sources" / f"{slug}.txt").read_text(encoding="utf-8")
    drafted = yaml.safe_load(
        draft_text(project, text, dict(finished["article"]), [*register["actors"], *register["places"]])
    )
    assert drafted["statements"]


def test_regression_the_highest_number_since_2003_was_drafted_as_a_time() -> None:
    """ "the highest number since 2003" took the seed's execution event as its time ("since 2003"), and the
    article's "last September" was then dropped: after a superlative, "since YEAR" is a comparison."""
    import datetime as dt

    from rightsgraph.authoring.draft.base import Parsed
    from rightsgraph.authoring.draft.nlp import english
    from rightsgraph.authoring.draft.times import find_times

    text = "Hangings reached the highest number since 2003 last September. Protests have grown since 2022."
    doc = english()(text)
    found = find_times(Parsed(text, doc, list(doc.sents)), english(), "article/x", dt.date(2024, 10, 20))
    assert [f.data["expression"] for f in found] == ["last September", "since 2022"]


def test_regression_the_draft_proposed_iraqs_government_in_a_kenyan_article() -> None:
    """The draft's own matcher (not only `new`'s) proposed "the government" as the Government of Iraq in
    articles about Kenya, Saudi Arabia and Georgia: a generic name now needs one of the entry's anchor words."""
    from rightsgraph.authoring.draft.base import Parsed
    from rightsgraph.authoring.draft.lexicon import load_lexicon
    from rightsgraph.authoring.draft.mentions import find_mentions
    from rightsgraph.authoring.draft.nlp import english

    register = [{"id": "actor/government-of-iraq", "name": "Government of Iraq", "aliases": ["the government"]}]
    lex = load_lexicon(Project(ROOT).vocab_dir)
    for text, expected in [
        ("The government pathologist in Nairobi said so.", []),
        ("Iraq hanged 13 men. The government defended it.", ["actor/government-of-iraq"]),
    ]:
        doc = english()(text)
        found = find_mentions(Parsed(text, doc, list(doc.sents)), english(), lex, register)
        assert [f.data["id"] for f in found] == expected, text


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Sampleton, 6 May 2025\nThe London-based group Samplewatch counted 33 executions.\n", "actor/samplewatch"),
        ("Sampleton, 6 May 2025\nThe executions went on, SAMPLOHR said in its report.\n", "actor/samplohr"),
        ('Sampleton, 6 May 2025\n"The executions must stop," said Jo Examplia of the group.\n', "actor/jo-examplia"),
    ],
)
def test_a_speaker_named_by_one_word_or_after_the_verb_is_drafted(text: str, speaker: str) -> None:
    """One capitalised word or acronym before a reporting verb ("Reprieve counted", "ESOHR said") and a name
    right after an inverted verb ('"...," said Jeed Basyouni') speak; a capital that only begins a sentence
    ("Officials said") names no one: they are an unnamed source. (Invented names: the corpus's own actors
    would be mentioned, not proposed.)"""
    article = {"id": "article/x", "type": "Article"}
    drafted = yaml.safe_load(draft_text(Project(ROOT), text, article, []))
    assert [s["speaker"] for s in drafted.get("statements", [])] == [speaker]
    officials = "Sampleton, 6 January 2025\nOfficials said the executions were lawful.\n"
    actors = yaml.safe_load(draft_text(Project(ROOT), officials, article, []))["actors"]
    assert [(a["id"], a["type"]) for a in actors] == [("actor/officials", "UnnamedSource")]  # unnamed, not a name
