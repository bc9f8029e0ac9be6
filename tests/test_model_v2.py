"""The 0.2 model end to end, as a researcher meets it: a synthetic article (tests/fixtures/model-v2/)
is built with the real CLI into a throwaway project, then asked the library's questions.

The article is fiction written for these tests (Northland, its ministry, Prisoners' Watch and every
person are invented). It exercises qualified stances, event status, the four time bases, vague
counts, relationships, memberships, a participant's age, a charge and its law, a forecast horizon,
a rebuttal, an unnamed source and the narrator. Every test asserts the exact answer the annotation
gives, not only that there is one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

import rightsgraph

from .conftest import project_from_fixture, run_cli

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "model-v2"
SLUG = "northland-student-death-in-custody"
ID = "https://w3id.org/rightsgraph/id/"
ARTICLE = f"{ID}article/{SLUG}"
DEATH = f"{ID}event/death-in-custody-of-tomas-vell"
RELEASE = f"{ID}event/release-of-tomas-vell"
ARREST = f"{ID}event/arrest-of-tomas-vell"
DETENTIONS = f"{ID}event/detentions-at-the-northland-protest"
DEATH_LABEL = "death of Tomas Vell in custody at the Westgate Detention Centre"

QUERY_HEADER = "# title: {title}\n# description: {title}, asked directly in a test.\n"
PREFIXES = """PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
"""


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the real ontology, shapes and queries and the model-v2 article, built with the CLI."""
    root = project_from_fixture(tmp_path_factory.mktemp("model-v2"), FIXTURE, SLUG)

    built = run_cli("build", "--no-docs", root=root)
    assert built.returncode == 0, built.stderr
    assert "violation" not in built.stderr
    assert (root / "dist" / "rightsgraph.nq").is_file()
    validated = run_cli("validate", "--json", root=root)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    report = json.loads(validated.stdout)
    assert report["conforms"] is True and report["violations"] == []
    return root


def ask(root: Path, name: str, **params: str) -> list[dict[str, str]]:
    """One library question (or a .rq path) through the CLI as JSON: rows of the bound values."""
    args = ["query", name, "--format", "json"]
    for key, value in params.items():
        args += ["--param", f"{key}={value}"]
    result = run_cli(*args, root=root)
    assert result.returncode == 0, result.stderr
    bindings = json.loads(result.stdout)["results"]["bindings"]
    return [{column: term["value"] for column, term in row.items()} for row in bindings]


def ask_sparql(root: Path, tmp_path: Path, title: str, body: str) -> list[dict[str, str]]:
    """A query of our own, written to a .rq file under tmp_path and run with `rightsgraph query PATH`."""
    path = tmp_path / (re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") + ".rq")
    path.write_text(QUERY_HEADER.format(title=title) + PREFIXES + body, encoding="utf-8")
    return ask(root, str(path))


def project(rows: list[dict[str, str]], *columns: str) -> set[tuple[str | None, ...]]:
    return {tuple(row.get(column) for column in columns) for row in rows}


# --- the fixture itself ------------------------------------------------------------------------


def test_fixture_is_a_synthetic_article_of_the_right_length() -> None:
    text = (FIXTURE / "source.txt").read_text(encoding="utf-8")
    annotation = (FIXTURE / "annotation.yaml").read_text(encoding="utf-8")
    article_words = text[: text.index("[Synthetic text")].split()
    assert 250 <= len(article_words) <= 400
    assert text.startswith("NORTHPORT, 20 November 2024 (Meridian Press) —")
    assert "[Synthetic text written for rightsgraph's tests" in text
    header = annotation[: annotation.index("article:")]
    assert "SYNTHETIC. The article is fiction written for rightsgraph's tests" in header
    rights = yaml.safe_load(annotation)["article"]["rights"]
    assert rights.startswith("Synthetic text written for rightsgraph's tests")


def test_the_article_is_dated_by_its_dateline(root: Path) -> None:
    rows = ask(root, "articles")
    assert project(rows, "article", "headline", "earliest", "latest", "datedBy") == {
        (ARTICLE, "Northland ministry denies student died in custody", "2024-11-20", "2024-11-20", None)
    }
    assert rows[0]["rights"].startswith("Synthetic text written for rightsgraph's tests")
    # The publication time's evidence is the dateline itself, at the start of the text.
    evidence = ask(root, "evidence-for-node", node=f"{ARTICLE}/published")
    assert project(evidence, "quote", "begin", "end") == {("NORTHPORT, 20 November 2024", "0", "27")}


# --- event status ------------------------------------------------------------------------------


def test_the_death_in_custody_is_contested_with_allegations_and_the_denial(root: Path) -> None:
    rows = ask(root, "event-status")
    statuses = {row["event"]: row["status"] for row in rows}
    assert statuses == {DEATH: "contested", RELEASE: "denied", ARREST: "reported", DETENTIONS: "reported"}

    death = [row for row in rows if row["event"] == DEATH]
    assert {row["label"] for row in death} == {DEATH_LABEL}
    assert project(death, "claimant", "kind", "text") == {
        ("Anja Korsgaard", "denial", "Tomas Vell did not die in custody."),
        (
            "Prisoners' Watch",
            "allegation",
            "Tomas Vell died in custody at the Westgate Detention Centre on 14 November.",
        ),
        ("Mira Vell", "allegation", "Her son was taken away alive and given back to the family dead."),
        (
            "unnamed sources at the Westgate Detention Centre",
            "factual-claim",
            "Guards found Tomas Vell unconscious in his cell on the morning of the day he died.",
        ),
        ("Ines Halvard", "opinion", "The death of Tomas Vell is deeply alarming."),
        (
            "Ines Halvard",
            "call-to-action",
            "There should be an independent investigation into the death of Tomas Vell.",
        ),
    }
    denial = next(row for row in death if row["kind"] == "denial")
    assert denial["quote"] == "denied that Vell had died in custody"

    # The denial negates the event; the allegations affirm it.
    claims = ask(root, "claims-about-event", event=DEATH)
    assert project(claims, "claimant", "kind", "polarity") >= {
        ("Anja Korsgaard", "denial", "negative"),
        ("Prisoners' Watch", "allegation", "positive"),
        ("Mira Vell", "allegation", "positive"),
    }
    assert {row["polarity"] for row in claims if row["kind"] != "denial"} == {"positive"}


def test_the_release_only_the_ministry_claims_is_denied_by_the_lawyers_rebuttal(root: Path) -> None:
    release = [row for row in ask(root, "event-status") if row["event"] == RELEASE]
    assert project(release, "status", "claimant", "kind", "text") == {
        ("denied", "Anja Korsgaard", "factual-claim", "Tomas Vell was released on 13 November and fell ill at home."),
        ("denied", "Paul Dant", "rebuttal", "Tomas Vell was never released; there is no release order."),
    }


def test_rebuttals_are_recorded_conflicts(root: Path) -> None:
    rows = ask(root, "conflicting-claims")
    rebuttals = project(
        [row for row in rows if row["conflict"] == "rebuts it"], "claimant", "claim", "counterClaimant", "counterClaim"
    )
    assert rebuttals == {
        (
            "Prisoners' Watch",
            f"{ID}claim/prisoners-watch-vell-died-in-custody",
            "Anja Korsgaard",
            f"{ID}claim/ministry-vell-did-not-die-in-custody",
        ),
        (
            "Anja Korsgaard",
            f"{ID}claim/ministry-vell-was-released",
            "Paul Dant",
            f"{ID}claim/lawyer-vell-never-released",
        ),
    }


# --- time ----------------------------------------------------------------------------------------


def test_times_on_four_bases_with_their_bounds(root: Path) -> None:
    rows = ask(root, "uncertain-times")
    columns = ("node", "timeKind", "timeExpression", "edtf", "earliest", "latest", "basis", "relativeTo")
    assert project(rows, *columns) == {
        (ARTICLE, "publication", "20 November 2024", "2024-11-20", "2024-11-20", "2024-11-20", "dateline", None),
        (ARREST, "time", "on 3 November 2024", "2024-11-03", "2024-11-03", "2024-11-03", "stated-date", None),
        (RELEASE, "time", "on 13 November", "2024-11-13", "2024-11-13", "2024-11-13", "article-relative", ARTICLE),
        (DEATH, "time", "on 14 November", "2024-11-14", "2024-11-14", "2024-11-14", "article-relative", ARTICLE),
        # "The next day": the day after the death, not after the article.
        (
            f"{ID}statement/ministry-denies-death-in-custody",
            "time",
            "The next day",
            "2024-11-15",
            "2024-11-15",
            "2024-11-15",
            "node-relative",
            DEATH,
        ),
        (
            f"{ID}statement/rapporteur-on-the-death",
            "time",
            "on 19 November",
            "2024-11-19",
            "2024-11-19",
            "2024-11-19",
            "article-relative",
            ARTICLE,
        ),
        # The forecast's horizon: only an upper bound.
        (
            f"{ID}claim/rapporteur-forecast-more-deaths",
            "horizon",
            "before the end of the year",
            "../2024-12-31",
            None,
            "2024-12-31",
            "article-relative",
            ARTICLE,
        ),
    }
    # Everything was read from the article: no dating inference, no context source.
    assert all(row.get("inference") is None and row.get("reasoning") is None for row in rows)
    assert {row["basis"] for row in rows} == {"dateline", "stated-date", "article-relative", "node-relative"}


def test_the_forecast_with_its_horizon(root: Path) -> None:
    rows = ask(root, "forecasts")
    columns = (
        "forecast",
        "author",
        "modalCue",
        "cause",
        "effect",
        "condition",
        "horizon",
        "horizonLatest",
        "certainty",
    )
    assert project(rows, *columns) == {
        (
            f"{ID}claim/rapporteur-forecast-more-deaths",
            "Ines Halvard",
            "could",
            "detentions at the protest outside parliament",
            "further deaths in custody among those detained at the protest",
            "unless independent monitors were allowed into Northland's detention centres",
            "before the end of the year",
            "2024-12-31",
            "possible",
        )
    }


# --- actors, relationships, memberships ---------------------------------------------------------


def test_relationships_mother_of_and_lawyer_of(root: Path) -> None:
    rows = ask(root, "relationships")
    assert project(rows, "from", "relation", "to", "quote") == {
        ("Mira Vell", "mother of", "Tomas Vell", "his mother, Mira Vell"),
        ("Paul Dant", "lawyer of", "Tomas Vell", "Vell's lawyer, Paul Dant"),
        ("Prisoners' Watch", "based in", "Northport", "Northport-based"),
    }


def test_memberships_spokesperson_and_special_rapporteur(root: Path) -> None:
    rows = ask(root, "memberships")
    assert project(rows, "member", "role", "organization", "quote") == {
        (
            "Anja Korsgaard",
            "spokesperson",
            "Ministry of the Interior of Northland",
            "interior ministry spokesperson Anja Korsgaard",
        ),
        ("Ines Halvard", "special rapporteur", "United Nations", "The UN Special Rapporteur on torture, Ines Halvard"),
    }


def test_every_actor_of_the_article_and_register_is_an_rg_actor(root: Path, tmp_path: Path) -> None:
    defined = set()
    for path in (FIXTURE / "actors.yaml", FIXTURE / "annotation.yaml"):
        defined |= {ID + actor["id"] for actor in yaml.safe_load(path.read_text(encoding="utf-8"))["actors"]}
    rows = ask_sparql(root, tmp_path, "Every actor", "SELECT ?x WHERE { ?x a rg:Actor }\n")
    assert len(rows) == len(defined) == 11
    assert {row["x"] for row in rows} == defined

    types = {row["label"]: row["type"] for row in ask(root, "actor-types")}
    assert types == {
        "Meridian Press": "organisation",
        "Ministry of the Interior of Northland": "government body",
        "Prisoners' Watch": "human-rights organisation",
        "United Nations": "international organisation",
        "Anja Korsgaard": "person",
        "Ines Halvard": "person",
        "Paul Dant": "person",
        "Tomas Vell": "person",
        "Mira Vell": "person",
        "unnamed sources at the Westgate Detention Centre": "unnamed source",
        "people detained at the protest outside parliament": "collective actor",
    }


# --- statements and stances ----------------------------------------------------------------------


def test_one_statement_condemns_one_target_and_denies_another(root: Path) -> None:
    by_speaker = ask(root, "statements-by-speaker")
    assert project(
        [r for r in by_speaker if r["speakerLabel"] == "Anja Korsgaard"], "stance", "sign", "statements"
    ) == {
        ("condemns", "-1", "1"),
        ("denies", "-1", "1"),
    }

    profile = ask(root, "actor-profile", actor=f"{ID}actor/anja-korsgaard")
    made = {row["detail"] for row in profile if row["aspect"] == "statement made"}
    assert made == {"condemns → Prisoners' Watch", f"denies → {DEATH_LABEL}"}
    assert {row["related"] for row in profile if row["aspect"] == "statement made"} == {
        f"{ID}statement/ministry-denies-death-in-custody"
    }

    # Through the Python API: the stance network has the condemnation towards Prisoners' Watch, and a denial
    # towards it too: the denial's stance targets the death (an event with no perpetrator, which gives no tie),
    # but its claim rebuts Prisoners' Watch's claim, which ties the speaker to the rebutted claim's speaker.
    edges = [
        row for row in rightsgraph.open(root).query("stance-network") if row["source"] == f"{ID}actor/anja-korsgaard"
    ]
    assert [(e["targetLabel"], e["stance"], e["sign"], e["via"], e["hedged"], e["article"]) for e in edges] == [
        ("Prisoners' Watch", "condemns", -1, "actor", None, ARTICLE),
        ("Prisoners' Watch", "denies", -1, "rebuttal", None, ARTICLE),
    ]


def test_narrator_claims_are_the_articles_own_voice(root: Path) -> None:
    rows = ask(root, "narrator-claims")
    assert project(rows, "article", "narrator", "kind", "certainty", "text", "quote") == {
        (
            ARTICLE,
            "Meridian Press",
            "assessment",
            "certain",
            "The conflicting accounts leave open where Tomas Vell was when he died.",
            "The conflicting accounts leave open where Vell was when he died.",
        ),
        (
            ARTICLE,
            "Meridian Press",
            "factual-claim",
            "certain",
            "The interior ministry has not said whether it will open an inquiry.",
            "The ministry has not said whether it will open an inquiry.",
        ),
    }


def test_the_unnamed_source_speaks_as_an_unnamed_source(root: Path) -> None:
    rows = ask(root, "statements-by-speaker")
    assert project(
        [r for r in rows if r["speakerLabel"].startswith("unnamed")], "speakerLabel", "stance", "statements"
    ) == {("unnamed sources at the Westgate Detention Centre", "reports", "1")}


# --- counts --------------------------------------------------------------------------------------


def test_vague_counts_in_the_counts_question_carry_no_invented_value(root: Path) -> None:
    rows = ask(root, "counts")
    ours = [row for row in rows if row["count"].startswith(f"{ID}quantity/")]
    assert project(ours, "count", "expression", "value", "qualifier", "min", "max", "counted", "event", "claimant") == {
        (
            f"{ID}quantity/people-detained-at-the-northland-protest",
            "dozens",
            None,
            None,
            "24",
            None,
            "people detained at the protest",
            "detentions at the protest outside parliament",
            "Prisoners' Watch",
        ),
        (
            f"{ID}quantity/students-among-people-detained",
            "more than half of them",
            None,
            None,
            None,
            None,
            "students among the people detained at the protest",
            "detentions at the protest outside parliament",
            "Prisoners' Watch",
        ),
    }


def test_vague_counts_in_the_graph_are_a_magnitude_and_a_proportion_of_it(root: Path, tmp_path: Path) -> None:
    rows = ask_sparql(
        root,
        tmp_path,
        "Vague counts",
        """
SELECT ?count ?expression ?magnitude ?proportion ?partOf ?value ?min ?minExclusive ?qualifier WHERE {
  ?count a rg:Quantity ; rg:quantityExpression ?expression .
  OPTIONAL { ?count rg:magnitude/skos:notation ?magnitude }
  OPTIONAL { ?count rg:proportion/skos:notation ?proportion }
  OPTIONAL { ?count rg:partOf ?partOf }
  OPTIONAL { ?count schema:value ?value }
  OPTIONAL { ?count schema:minValue ?min }
  OPTIONAL { ?count rg:minExclusive ?minExclusive }
  OPTIONAL { ?count rg:qualifier ?qualifier }
}
""",
    )
    dozens = f"{ID}quantity/people-detained-at-the-northland-protest"
    columns = ("count", "expression", "magnitude", "proportion", "partOf", "value", "min", "minExclusive", "qualifier")
    assert project(rows, *columns) == {
        (dozens, "dozens", "dozens", None, None, None, "24", None, None),
        (
            f"{ID}quantity/students-among-people-detained",
            "more than half of them",
            None,
            "more-than-half",
            dozens,
            None,
            None,
            None,
            None,
        ),
    }


# --- the arrest: charge, law, age -----------------------------------------------------------------


def test_the_arrest_has_its_charge_its_law_and_the_sons_age(root: Path) -> None:
    charges = ask(root, "charges")
    assert project(charges, "event", "status", "charge", "law") == {
        (ARREST, "reported", "spreading false news", "Public Order Act of Northland")
    }
    participants = ask(root, "event-participants", event=ARREST)
    assert {(r["actorLabel"], r["age"], r["ageExpression"]) for r in participants if r["age"]} == {
        ("Tomas Vell", "19", "19-year-old")
    }
    evidence = ask(root, "evidence-for-node", node=f"{ID}law/northland-public-order-act")
    assert {row["quote"] for row in evidence} == {"Northland's Public Order Act"}
