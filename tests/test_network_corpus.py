"""The network over a corpus: camps within each issue (an event with its identity cluster, a type of event in a
country, a country), affiliations that keep a body with its parent and a member with its organisation, the
issues and camps in the derived graph, the summary, and the network page's filters (article, time, issue)
and its two periods side by side.

Exact camps on the synthetic corpus of tests/fixtures/network-corpus (its README says who stands where), and
exact stance ties of denials, rebuttals and contradictions on tests/fixtures/network-denials; the page in
Debian's chromium, on that corpus and on the real one, with every request but the page's own file blocked.
Screenshots are saved in .test-artifacts/network-corpus/."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from rightsgraph.api import Dataset
from rightsgraph.build.pipeline import BuildResult, add_network, build_incremental, write_dist
from rightsgraph.cli import main, output
from rightsgraph.core.project import Project
from rightsgraph.network.balance import balance_partition, signed_ties
from rightsgraph.network.issues import MIN_SIGNED_TIES, UNALIGNED, IssueCamps
from rightsgraph.network.periods import AFTER, BEFORE, SPANS, StatementTime, median_date, period

from .conftest import ROOT, Built, project_from_corpus_fixture

FIXTURE = ROOT / "tests" / "fixtures" / "network-corpus"
ARTIFACTS = ROOT / ".test-artifacts" / "network-corpus"
ID = "https://w3id.org/rightsgraph/id/"
ISSUE = ID + "issue/"
RG = "https://w3id.org/rightsgraph/ontology#"
REPUBLIC = "place/synthetic-republic"


def network_corpus_project(root: Path) -> Project:
    """The minimal project with the network corpus's register and its two articles."""
    return project_from_corpus_fixture(root, FIXTURE)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BuildResult]:
    """The network corpus built and written to its dist/ (no docs), in this process."""
    project = network_corpus_project(tmp_path_factory.mktemp("network-corpus"))
    result = build_incremental(project, full=True)
    assert not result.violations, [v.message for v in result.violations]
    add_network(project, result)
    write_dist(project, result, docs=False)
    return project, result


def found(corpus: tuple[Project, BuildResult], iri: str) -> IssueCamps:
    assert corpus[1].measures is not None
    return next(f for f in corpus[1].measures.issues if f.issue.iri == ISSUE + iri)


def short(iri: str) -> str:
    return iri[len(ID) :] if iri.startswith(ID) else iri


def camps(issue: IssueCamps) -> dict[str, set[str]]:
    return {name: {short(a) for a in members} for name, members in issue.camps.items()}


EXECUTIONS = {
    "camp of Synthetic Ministry": {
        "actor/synthetic-ministry",
        "actor/synthetic-presidency",
        "actor/synthetic-union",
    },
    "camp of Synthetic Observatory": {
        "actor/synthetic-observatory",
        "actor/synthetic-league",
        "actor/synthetic-ada-exemplar",
    },
}
CRACKDOWN = {
    "camp of Synthetic Police": {"actor/synthetic-government", "actor/synthetic-police"},
    "camp of Synthetic Union": {"actor/synthetic-league", "actor/synthetic-union"},
}


def test_each_issue_has_its_own_camps(corpus: tuple[Project, BuildResult]) -> None:
    """The union backs the executions and condemns the crackdown: with the ministry on one issue, with the
    league on the other. Ada Exemplar praises the presidency's defence but is a member of the league."""
    executions = found(corpus, "event/synthetic-executions")
    assert camps(executions) == EXECUTIONS
    assert (executions.signed_ties, executions.frustration) == (6, 1)  # Ada's praise crosses the camps
    crackdown = found(corpus, "event/synthetic-crackdown")
    assert camps(crackdown) == CRACKDOWN
    assert (crackdown.signed_ties, crackdown.frustration) == (4, 0)
    country = found(corpus, "country/" + REPUBLIC)
    assert country.issue.label == "events in Synthetic Republic"
    assert camps(country) == {
        "camp of Synthetic Ministry": {
            "actor/synthetic-government",
            "actor/synthetic-ministry",
            "actor/synthetic-police",
            "actor/synthetic-presidency",
        },
        "camp of Synthetic Observatory": {
            "actor/synthetic-observatory",
            "actor/synthetic-league",
            "actor/synthetic-ada-exemplar",
            "actor/synthetic-union",
        },
    }
    assert (country.signed_ties, country.frustration) == (10, 2)  # Ada's praise, the union's support


def test_topics_are_types_of_event_in_a_country(corpus: tuple[Project, BuildResult]) -> None:
    """The executions' country is the jurisdiction of their perpetrator's parent body, the crackdown's its
    place (Sampleton, in the republic), the beatings' that of the crackdown they are part of; a crackdown
    is also a repression (skos:broader)."""
    topics = {f.issue.label: f for f in corpus[1].measures.issues if f.issue.kind == "topic"}  # type: ignore[union-attr]
    assert sorted(topics) == [
        "crackdown in Synthetic Republic",
        "execution in Synthetic Republic",
        "ill-treatment in Synthetic Republic",
        "repression in Synthetic Republic",
    ]
    assert camps(topics["execution in Synthetic Republic"]) == EXECUTIONS
    assert camps(topics["repression in Synthetic Republic"]) == CRACKDOWN


def test_an_identity_cluster_its_parts_and_the_answers_are_one_issue(corpus: tuple[Project, BuildResult]) -> None:
    """The league's September condemnation of 'the March executions' (judged the same event as the minimal
    article's) is in the executions issue, and no issue stands for the recalled node alone; the condemnation
    of the beatings is in the crackdown issue (they are part of it); the union's answer to the government
    is in the crackdown issue (it answers a statement about it)."""
    executions = found(corpus, "event/synthetic-executions").statements
    assert "statement/synthetic-league-recalls-executions" in [short(s) for s in executions]
    assert ISSUE + "event/synthetic-march-executions-recalled" not in {
        f.issue.iri
        for f in corpus[1].measures.issues  # type: ignore[union-attr]
    }
    assert [short(s) for s in found(corpus, "event/synthetic-crackdown").statements] == [
        "statement/synthetic-government-defends-police",
        "statement/synthetic-league-condemns-beatings",
        "statement/synthetic-union-answers",
        "statement/synthetic-union-condemns-crackdown",
    ]


def test_an_issue_with_too_few_signed_ties_has_no_camps(corpus: tuple[Project, BuildResult]) -> None:
    beatings = found(corpus, "event/synthetic-beatings")
    assert beatings.signed_ties == 1 < MIN_SIGNED_TIES
    assert beatings.leaders == {} and set(beatings.camp.values()) == {UNALIGNED}


def test_regression_a_member_stood_opposite_its_organisation(corpus: tuple[Project, BuildResult]) -> None:
    """Bug (issue 16): the balance split put Ada Exemplar, a lawyer of the league, in the camp opposite the
    league, because she praised the presidency. Affiliations now bind: she is in the league's camp in every
    split, the global one (rg:camp) included; without them she would not be."""
    _, result = corpus
    assert result.measures is not None
    ada, league = ID + "actor/synthetic-ada-exemplar", ID + "actor/synthetic-league"
    assert result.measures.camp[ada] == result.measures.camp[league]
    for issue in result.measures.issues:
        if issue.leaders and ada in issue.camp:
            assert issue.camp[ada] == issue.camp[league], issue.issue.label
    ties = signed_ties(found(corpus, "event/synthetic-executions").graph)
    side, _ = balance_partition(ties)  # no affiliations: she goes where her praise points
    assert side[ada] != side[league]


def test_issues_and_camps_are_written_to_the_network_graph(corpus: tuple[Project, BuildResult]) -> None:
    _, result = corpus
    quads = list(result.store.quads_for_pattern(None, None, None, None))
    facts = {
        (short(q.subject.value), q.predicate.value[len(RG) :], short(q.object.value))
        for q in quads
        if q.graph_name.value.endswith("/graph/network") and q.predicate.value.startswith(RG)
    }
    executions = "issue/event/synthetic-executions"
    assert {(p, o) for s, p, o in facts if s == executions and p != "issueStatement"} == {
        ("issueEvent", "event/synthetic-executions"),
        ("signedTies", "6"),
        ("frustration", "1"),
    }
    assert len({o for s, p, o in facts if s == executions and p == "issueStatement"}) == 8
    members = {
        s: (
            {o for s2, p, o in facts if s2 == s and p == "campLeader"},
            {o for s2, p, o in facts if s2 == s and p == "campMember"},
        )
        for s, p, o in facts
        if p == "campIn" and o == executions
    }
    assert members == {
        executions + "/camp/1": ({"actor/synthetic-ministry"}, EXECUTIONS["camp of Synthetic Ministry"]),
        executions + "/camp/2": ({"actor/synthetic-observatory"}, EXECUTIONS["camp of Synthetic Observatory"]),
    }
    topic = f"issue/topic/crackdown/{REPUBLIC}"
    assert {(p, o) for s, p, o in facts if s == topic and p.startswith("issueEvent")} == {
        ("issueEventType", "https://w3id.org/rightsgraph/vocab/event-type/crackdown")
    }
    assert (topic, "issueCountry", REPUBLIC) in facts
    beatings = "issue/event/synthetic-beatings"
    assert (beatings, "signedTies", "1") in facts and not [
        f for f in facts if f[0] == beatings and f[1] == "frustration"
    ]


def cli(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["rightsgraph", *argv])
    for console in (output.console, output.err_console):
        monkeypatch.setattr(console, "width", 300)
    with pytest.raises(SystemExit) as stop:
        main()
    return int(stop.value.code or 0), capsys.readouterr().out


def test_summary_prints_the_camps_of_each_issue_and_the_global_split(
    corpus: tuple[Project, BuildResult], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = str(corpus[0].root)
    code, out = cli(["network", "summary", "--root", root], capsys, monkeypatch)
    assert code == 0
    assert (
        "synthetic executions (event; 6 signed ties, frustration 1; the same camps: execution in Synthetic Republic"
        " (topic)):\n"
        "  camp of Synthetic Ministry: Synthetic Ministry, Synthetic Presidency, Synthetic Union\n"
        "  camp of Synthetic Observatory: Ada Exemplar, Synthetic League, Synthetic Observatory\n"
    ) in out
    assert "  camp of Synthetic Union: Synthetic League, Synthetic Union\n" in out
    assert "\nGlobal camps (one structural-balance split of the whole network" in out
    assert out.index("Camps per issue") < out.index("Global camps")
    code, out = cli(["network", "summary", "--issue", "CRACKDOWN", "--root", root], capsys, monkeypatch)
    assert code == 0 and "the breaking up of a rally in Sampleton (event;" in out and "synthetic executions" not in out
    code, out = cli(["network", "summary", "--json", "--root", root], capsys, monkeypatch)
    data = json.loads(out)
    assert [i["label"] for i in data["issues"]][:2] == ["events in Synthetic Republic", "synthetic executions"]
    executions = data["issues"][1]
    assert {name: {short(a) for a in c["actors"]} for name, c in executions["camps"].items()} == EXECUTIONS
    assert executions["camps"]["camp of Synthetic Ministry"]["leader"] == ID + "actor/synthetic-ministry"
    assert data["nodes"][ID + "actor/synthetic-union"]["global_camp"] == "camp of Synthetic Observatory"
    assert data["statements_in_no_issue"] == [] and data["min_signed_ties"] == MIN_SIGNED_TIES


def test_the_issue_camps_file_lists_every_actor_of_every_issue(corpus: tuple[Project, BuildResult]) -> None:
    text = (corpus[0].dist_dir / "network" / "issue-camps.csv").read_text(encoding="utf-8")
    assert text.startswith("issue,kind,issue_label,signed_ties,actor,actor_label,camp\n")
    assert (
        f"{ISSUE}event/synthetic-beatings,event,the beating of several protesters,1,"
        f"{ID}actor/synthetic-league,Synthetic League,unaligned\n"
    ) in text


def test_periods_keep_an_uncertain_time_out_of_both() -> None:
    may, open_ended = (
        StatementTime("2024-05-02", "2024-05-02", "statement"),
        StatementTime("2024-04-01", None, "article"),
    )
    assert [period(t, "2024-06-01") for t in (may, open_ended, None)] == [BEFORE, SPANS, SPANS]
    assert period(StatementTime("2024-06-01", "2024-06-30", "statement"), "2024-06-01") == AFTER
    assert period(StatementTime("2024-05-01", "2024-06-30", "statement"), "2024-06-01") == SPANS
    assert median_date([may, open_ended, StatementTime(None, "2024-09-01", "article")]) == "2024-05-02"
    assert median_date([]) is None


# --- denials, rebuttals and contradictions (tests/fixtures/network-denials) -----------------------------------

DENIALS = ROOT / "tests" / "fixtures" / "network-denials"
PARTY_STATEMENT = "statement/synthetic-party-rejects-report"


@pytest.fixture(scope="module")
def denials(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BuildResult]:
    """The minimal article and the denials article, built with their network, in this process."""
    project = project_from_corpus_fixture(tmp_path_factory.mktemp("network-denials"), DENIALS)
    result = build_incremental(project, full=True)
    assert not result.violations, [v.message for v in result.violations]
    add_network(project, result)
    return project, result


def stance_rows(corpus: tuple[Project, BuildResult]) -> list[tuple[object, ...]]:
    """The rows of queries/stance-network.rq: speaker, target, stance, sign, statement, via and claim."""
    rows = Dataset(corpus[0], store=corpus[1].store).query("stance-network")
    return [
        (
            *(short(str(r[column])) for column in ("source", "target")),
            r["stance"],
            r["sign"],
            short(str(r["statement"])),
            r["via"],
            short(str(r["claim"])) if r.get("claim") else None,
        )
        for r in rows
    ]


def test_regression_denial_gives_no_tie_to_claim_author(denials: tuple[Project, BuildResult]) -> None:
    """Bug (issue 16): the Awami League, which called the UN report fabricated, stood in the UN office's camp:
    a claim that rebuts another, or a denial about a claim or a statement, gave no tie to whoever made it. The
    party here takes no stance towards the office, its report or its claims; its denial, which rebuts the
    office's count, and its rebuttal about the report now set it against the office (one row: the stance
    denies, reached first as a denial, resting on the least of its two claims)."""
    rows = stance_rows(denials)
    assert [r for r in rows if r[0] == "actor/synthetic-party"] == [
        (
            "actor/synthetic-party",
            "actor/synthetic-rights-office",
            "denies",
            -1,
            PARTY_STATEMENT,
            "denial",
            "claim/synthetic-party-nobody-killed",
        )
    ]
    crackdown = found(denials, "event/synthetic-january-crackdown")
    party, head, office = (ID + f"actor/synthetic-{x}" for x in ("party", "bo-exemplar", "rights-office"))
    assert crackdown.camp[party] == crackdown.camp[head] != crackdown.camp[office]
    assert UNALIGNED not in (crackdown.camp[party], crackdown.camp[office])


def test_regression_denying_an_event_set_the_denier_against_its_perpetrators(
    denials: tuple[Project, BuildResult],
) -> None:
    """Bug (issue 16): the Awami League denied the crackdown, and the stance network read that as a stance
    against the crackdown's perpetrators (the former government and its security forces, whom it defends):
    six negative ties that put it with the UN office. Denying (or confirming) that an event happened says
    nothing for or against who did it: the party has no tie to the guard or the regime."""
    targets = {r[1] for r in stance_rows(denials) if r[0] == "actor/synthetic-party"}
    assert targets == {"actor/synthetic-rights-office"}
    crackdown = found(denials, "event/synthetic-january-crackdown")
    regime = ID + "actor/synthetic-regime"
    assert crackdown.camp[ID + "actor/synthetic-party"] == crackdown.camp[regime] != UNALIGNED


def test_a_contradiction_ties_its_speakers_unless_both_claims_are_figures(
    denials: tuple[Project, BuildResult],
) -> None:
    """The regime's justification contradicts the office's accusation: a tie (disputes); the wire service's 38
    dead contradicts the office's 40: two factual claims, a conflict of evidence, no tie."""
    rows = stance_rows(denials)
    assert (
        "actor/synthetic-regime",
        "actor/synthetic-rights-office",
        "disputes",
        -1,
        "statement/synthetic-regime-guard-lawful",
        "contradiction",
        "claim/synthetic-regime-guard-acted-lawfully",
    ) in rows
    assert [r[1:3] for r in rows if r[0] == "actor/synthetic-wire"] == [
        ("actor/synthetic-guard", "reports"),
        ("actor/synthetic-regime", "reports"),
    ]


def test_the_stance_network_is_one_row_per_speaker_target_stance_and_statement(
    denials: tuple[Project, BuildResult],
) -> None:
    """Every row of the denials corpus, exactly: no stance is paired with another's target, a stance towards a
    claim reaches the speaker of the statement that makes it (the ministry's denial of the observatory's count,
    which is also a denial claim about it), a response alone gives no tie (the watch's tie to the office is its
    support of the report, not its answering it)."""
    # speaker, target, stance, sign, statement, via, claim (or -): names without their "synthetic-" prefix
    expected = """
        ministry observatory denies -1 denial claim denial
        observatory ministry reports 0 report event -
        party rights-office denies -1 party-rejects-report denial party-nobody-killed
        regime guard defends 1 regime-guard-lawful actor -
        regime rights-office disputes -1 regime-guard-lawful contradiction regime-guard-acted-lawfully
        rights-office bo-exemplar accuses-of-human-rights-abuses -1 office-report actor -
        rights-office guard reports 0 office-report event -
        rights-office regime accuses-of-human-rights-abuses -1 office-report actor -
        rights-office regime reports 0 office-report event -
        watch guard condemns -1 watch-backs-report event -
        watch regime condemns -1 watch-backs-report event -
        watch rights-office supports 1 watch-backs-report statement -
        wire guard reports 0 wire-count event -
        wire regime reports 0 wire-count event -
    """
    rows = [line.split() for line in expected.strip().splitlines()]
    assert stance_rows(denials) == [
        (f"actor/synthetic-{s}", f"actor/synthetic-{t}", stance, int(sign), f"statement/synthetic-{statement}", via)
        + ((None,) if claim == "-" else (f"claim/synthetic-{claim}",))
        for s, t, stance, sign, statement, via, claim in rows
    ]


# --- the page ----------------------------------------------------------------------------------------------


def open_page(browser, path: Path) -> tuple[object, list[str]]:
    """The page, every request but its own file refused; what was refused and the page's errors are recorded
    in the list returned with it."""
    page = browser.new_page(viewport={"width": 1500, "height": 950})
    problems: list[str] = []

    def only_local(route) -> None:
        if route.request.url == path.as_uri():
            route.continue_()
        else:
            problems.append("request: " + route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.on("pageerror", lambda exc: problems.append("error: " + str(exc)))
    page.goto(path.as_uri())
    return page, problems


SHOWN = "(c => c.edges().filter(e => e.style('display') !== 'none').map(e => e.id()).sort())"
STATE = ID + "actor/synthetic-ministry"


def edges(page, view: str = "window.cy") -> list[tuple[str, str]]:
    ids = page.evaluate(f"{SHOWN}({view})")
    return sorted(tuple(short(part) for part in edge.split(" -> ")) for edge in ids)


@pytest.mark.browser
def test_the_page_filters_by_issue_article_and_time(browser, corpus: tuple[Project, BuildResult]) -> None:
    page, problems = open_page(browser, corpus[0].dist_dir / "network.html")
    assert len(edges(page)) == 12
    page.select_option("#issue", ISSUE + "event/synthetic-crackdown")
    assert edges(page) == [
        ("actor/synthetic-government", "actor/synthetic-police"),
        ("actor/synthetic-government", "actor/synthetic-union"),
        ("actor/synthetic-league", "actor/synthetic-police"),
        ("actor/synthetic-union", "actor/synthetic-government"),
        ("actor/synthetic-union", "actor/synthetic-police"),
    ]
    colour = "(id => window.cy.getElementById(id).data('colour'))"
    union, league, government = (ID + f"actor/synthetic-{x}" for x in ("union", "league", "government"))
    assert page.evaluate(f"{colour}({union!r})") == page.evaluate(f"{colour}({league!r})")
    assert page.evaluate(f"{colour}({union!r})") != page.evaluate(f"{colour}({government!r})")
    assert "camps in the issue:" in page.inner_text("#legend")
    assert page.evaluate(f"window.cy.getElementById({STATE!r}).style('display')") == "none"  # not in the issue
    page.select_option("#issue", ISSUE + "event/synthetic-executions")  # the union now sides with the ministry
    assert page.evaluate(f"{colour}({union!r})") == page.evaluate(f"{colour}({STATE!r})")
    page.select_option("#issue", "")
    page.select_option("#source", ID + "article/synthetic-article")
    assert edges(page) == [  # the report, the denial
        ("actor/synthetic-ministry", "actor/synthetic-observatory"),
        ("actor/synthetic-observatory", "actor/synthetic-ministry"),
    ]
    page.select_option("#source", "")
    page.fill("#from", "2024-09-16")
    page.fill("#to", "2024-09-16")
    page.dispatch_event("#to", "change")
    assert edges(page) == [
        ("actor/synthetic-league", "actor/synthetic-ministry"),  # the recalled executions
        ("actor/synthetic-league", "actor/synthetic-police"),
        ("actor/synthetic-ministry", "actor/synthetic-observatory"),  # undated: their article's open-ended date
        ("actor/synthetic-observatory", "actor/synthetic-ministry"),
    ]
    assert page.inner_text("#caption1") == "4 statement(s) shown"
    report = ID + "actor/synthetic-observatory -> " + STATE
    assert page.evaluate(f"window.cy.getElementById({report!r}).data('colour')") == "#9e9e9e"  # the report alone
    assert problems == []


@pytest.mark.browser
def test_the_page_shows_the_same_actors_in_two_periods(browser, corpus: tuple[Project, BuildResult]) -> None:
    """Split at 1 June 2024: the May debate on the left, the September one on the right; the ministry's
    denial (its article's date is open-ended) in neither. The union's tie to the ministry is positive before,
    and it has none after; every actor stands at the same place in both views."""
    page, problems = open_page(browser, corpus[0].dist_dir / "network.html")
    assert page.input_value("#split") == "2024-05-07"  # the median statement date
    page.fill("#split", "2024-06-01")
    page.check("#compare")
    page.dispatch_event("#split", "change")
    before, after = edges(page), edges(page, "window.cy2")
    assert before == [
        ("actor/synthetic-ada-exemplar", "actor/synthetic-presidency"),
        ("actor/synthetic-league", "actor/synthetic-ministry"),
        ("actor/synthetic-observatory", "actor/synthetic-ministry"),
        ("actor/synthetic-presidency", "actor/synthetic-league"),
        ("actor/synthetic-presidency", "actor/synthetic-ministry"),
        ("actor/synthetic-union", "actor/synthetic-ministry"),
    ]
    assert after == [
        ("actor/synthetic-government", "actor/synthetic-police"),
        ("actor/synthetic-government", "actor/synthetic-union"),
        ("actor/synthetic-league", "actor/synthetic-ministry"),
        ("actor/synthetic-league", "actor/synthetic-police"),
        ("actor/synthetic-union", "actor/synthetic-government"),
        ("actor/synthetic-union", "actor/synthetic-police"),
    ]
    assert page.inner_text("#caption1") == "before 2024-06-01: 5 statement(s)"
    assert page.inner_text("#caption2") == "from 2024-06-01 on: 5 statement(s); 2 whose time spans the date in neither"
    positions = "(c => Object.fromEntries(c.nodes().map(n => [n.id(), n.position()])))"
    assert page.evaluate(f"{positions}(window.cy)") == page.evaluate(f"{positions}(window.cy2)")
    assert page.evaluate(f"window.cy2.getElementById({STATE!r}).hasClass('idle')") is False
    union_state = ID + "actor/synthetic-union -> " + STATE
    assert page.evaluate(f"window.cy.getElementById({union_state!r}).data('colour')") == "#2e7d32"  # positive
    ada = ID + "actor/synthetic-ada-exemplar"
    assert page.evaluate(f"window.cy2.getElementById({ada!r}).hasClass('idle')")  # no tie after June: faded
    assert problems == []


@pytest.mark.browser
def test_the_real_corpus_page_in_four_views(browser, built: Built) -> None:
    """The whole corpus, one article, one issue and two periods, each saved as a screenshot."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page, problems = open_page(browser, built.project.dist_dir / "network.html")
    total = page.evaluate("window.cy.edges().length")
    assert total >= 100 and len(edges(page)) == total
    page.screenshot(path=str(ARTIFACTS / "whole-corpus.png"))

    georgia = ID + "article/georgia-protest-crackdown-2024"
    page.select_option("#source", georgia)
    shown = page.evaluate(f"{SHOWN}(window.cy)")
    assert 5 <= len(shown) < total
    articles = page.evaluate(
        f"""{json.dumps(shown)}.map(id => window.cy.getElementById(id).data('statements')
            .filter(s => DATA.statements[s].article === {georgia!r}).length)"""
    )
    assert all(n >= 1 for n in articles)
    page.screenshot(path=str(ARTIFACTS / "by-article.png"))
    page.select_option("#source", "")

    policy = ISSUE + "event/iraq-execution-policy"
    page.select_option("#issue", policy)
    colour = "(id => window.cy.getElementById(id).data('colour'))"
    government, presidency, afad = (
        ID + f"actor/{x}" for x in ("government-of-iraq", "presidency-of-iraq", "afad-observatory")
    )
    assert page.evaluate(f"{colour}({government!r})") == page.evaluate(f"{colour}({presidency!r})")
    assert page.evaluate(f"{colour}({government!r})") != page.evaluate(f"{colour}({afad!r})")
    visible = page.evaluate("window.cy.nodes().filter(n => n.style('display') !== 'none').map(n => n.id())")
    assert government in visible and not [n for n in visible if "saudi" in n]
    page.screenshot(path=str(ARTIFACTS / "by-issue.png"))
    page.select_option("#issue", "")

    page.check("#compare")
    split = page.input_value("#split")
    assert split and page.evaluate("window.cy2 !== null")
    before, after = (int(page.inner_text(f"#caption{n}").split(": ")[1].split(" ")[0]) for n in (1, 2))
    spanning = page.inner_text("#caption2").split("; ")
    across = int(spanning[1].split(" ")[0]) if len(spanning) > 1 else 0
    assert (
        before > 10 and after > 10 and before + after + across == page.evaluate("Object.keys(DATA.statements).length")
    )
    page.screenshot(path=str(ARTIFACTS / "two-periods.png"))
    for name in ("whole-corpus", "by-article", "by-issue", "two-periods"):
        assert (ARTIFACTS / f"{name}.png").stat().st_size > 20_000
    assert problems == []


def test_the_network_of_an_issue_is_the_network_of_its_statements(corpus: tuple[Project, BuildResult]) -> None:
    """Every issue's stance network is the whole network restricted to its statements: each tie counts the
    issue's statements on it, no other."""
    _, result = corpus
    assert result.networks is not None and result.measures is not None
    whole = result.networks.stance
    for issue in result.measures.issues:
        for u, v, d in issue.graph.edges(data=True):
            mine = d["statements"].split()
            assert set(mine) == set(whole.edges[u, v]["statements"].split()) & issue.issue.statements
            assert d["weight"] == len(mine)
