"""The timeline (dist/timeline.html): the corpus's events and statements on a time axis, written by the build.

On the synthetic corpus (tests/fixtures/corpus, with times and drafts added to its copy here) and on the real
corpus: exact items and intervals, open ends, undated items listed apart, the nodes identity judgements join shown
as one item, every evidence link naming a span of the reading view with the same quote. In Debian's chromium
(every request but the page's own file refused): filters by actor and by article show exactly the items the graph
gives them, text with HTML in it stays text, and a date on a month boundary is drawn on its day in any time zone.
Screenshots are saved in .test-artifacts/timeline/."""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from rightsgraph.build.pipeline import build_incremental, write_dist
from rightsgraph.core.project import ID_NS, Project
from rightsgraph.export.timeline import render
from rightsgraph.export.timeline_model import Article, Evidence, Item, Member, Timeline, as_date, axis, day, interval

from .conftest import MINIMAL, MINIMAL_SLUG, ROOT, Built, add_to_source, edit, project_from_fixture
from .pages import open_page, shot
from .test_identity import corpus_project

ARTIFACTS = ROOT / ".test-artifacts" / "timeline"
RG = "https://w3id.org/rightsgraph/ontology#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"
DENOTED_BY = "http://groundedannotationframework.org/gaf#denotedBy"
CONTEXT = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext"
XSS = '<img src=x onerror="window.injected=1"></script><script>window.injected=2</script> & Co'
ROW = re.compile(r'<li (id="i\d+"[^>]*)>(.*?)</li>\n')


# --- reading the page ----------------------------------------------------------------------------------------


def script_data(page: Path) -> dict:
    """The JSON a page of dist/ gives its script (`const DATA = ...;`)."""
    found = re.search(r"^const DATA = (.*);$", page.read_text(encoding="utf-8"), re.M)
    assert found, page
    return json.loads(found.group(1))


def rows(page: Path) -> dict[str, dict[str, str]]:
    """Each item's row: its attributes, the text of its name, time and sources, and the list it is in."""
    text = page.read_text(encoding="utf-8")
    undated = text[text.index('<ul id="undated">') :]
    found = {}
    for attributes, body in ROW.findall(text):
        row = {k: html.unescape(v) for k, v in re.findall(r'([\w-]+)="([^"]*)"', attributes)}
        row["text"] = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
        row["list"] = "undated" if f"<li {attributes}>" in undated else "dated"
        row["bar"] = str('class="bar"' in body)
        found[row["id"]] = row
    return found


def item_of(data: dict, node: str) -> str:
    """The id of the item a node is a member of."""
    (found,) = [key for key, item in data["items"].items() if ID_NS + node in {m["iri"] for m in item["members"]}]
    return found


def members(data: dict, key: str) -> set[str]:
    return {m["iri"][len(ID_NS) :] for m in data["items"][key]["members"]}


def assert_evidence_resolves(dist: Path) -> int:
    """Every evidence link of every item names a span of the article's reading view that grounds the item's node,
    with the same quote; returns how many links there are."""
    data, checked, pages = script_data(dist / "timeline.html"), 0, {}
    for item in data["items"].values():
        for member in item["members"]:
            assert member["evidence"], member["iri"]
            for evidence in member["evidence"]:
                page, anchor = evidence["href"].split("#")
                assert (dist / page).is_file(), page
                spans = pages.setdefault(page, script_data(dist / page)["spans"])
                assert anchor in spans, evidence
                assert spans[anchor]["quote"] == evidence["quote"], evidence
                assert member["iri"] in spans[anchor]["nodes"], evidence
                assert f'href="{html.escape(evidence["href"])}"' in (dist / "timeline.html").read_text(encoding="utf-8")
                checked += 1
    return checked


# --- the graph's own answer, for the filters -----------------------------------------------------------------


def clusters(quads) -> dict[str, str]:
    """Every event and statement -> its canonical node (itself where no identity judgement names it)."""
    canonical = {q.subject.value: q.object.value for q in quads if q.predicate.value == RG + "canonicalNode"}
    events = {q.subject.value for q in quads if q.predicate.value == RDF_TYPE and q.object.value == RG + "Event"}
    return {node: canonical.get(node, node) for node in events}


def expected_items(quads, nodes: set[str]) -> set[frozenset[str]]:
    """The items showing `nodes`: each cluster with a node among them, as the set of its members."""
    cluster = clusters(quads)
    by_key: dict[str, set[str]] = defaultdict(set)
    for node, key in cluster.items():
        by_key[key].add(node)
    return {frozenset(by_key[cluster[n]]) for n in nodes if n in cluster}


def nodes_with_actor(quads, actor: str) -> set[str]:
    roles = {q.subject.value: q.object.value for q in quads if q.predicate.value == RDF_VALUE}
    found = set()
    for q in quads:
        said_or_took_part = q.predicate.value in (RG + "speaker", SEM + "hasActor") and q.object.value == actor
        if said_or_took_part or (q.predicate.value == RG + "participation" and roles.get(q.object.value) == actor):
            found.add(q.subject.value)
    return found


def nodes_in_article(quads, slug: str) -> set[str]:
    spans = {
        q.subject.value for q in quads if q.predicate.value == CONTEXT and q.object.value == ID_NS + "article/" + slug
    }
    return {q.subject.value for q in quads if q.predicate.value == DENOTED_BY and q.object.value in spans}


# --- the synthetic corpus ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The synthetic corpus with, in this copy, statements dated on their day, open at one end, on a month's last
    day, a draft statement and a draft member of the cluster of executions; built and written as the build does."""
    project = corpus_project(tmp_path_factory.mktemp("timeline-corpus"))
    annotations = project.data_dir / "annotations"
    edit(
        annotations / "synthetic-follow-up.yaml",
        "    speaker: actor/synthetic-observatory\n    stances: [{stance: reports, target: [event/synthetic-march",
        "    speaker: actor/synthetic-observatory\n    time: {expression: on Thursday, edtf: '2024-05-02', "
        "earliest: 2024-05-02, latest: 2024-05-02, basis: article-relative, relative_to: article/synthetic-follow-up}\n"
        "    stances: [{stance: reports, target: [event/synthetic-march",
    )
    edit(
        annotations / "synthetic-follow-up.yaml",
        "    speaker: actor/synthetic-ministry\n",
        "    speaker: actor/synthetic-ministry\n    time: {expression: by 2 May, edtf: '../2024-05-02', "
        "latest: 2024-05-02, basis: dateline}\n",
    )
    edit(
        annotations / "synthetic-follow-up.yaml",
        "    label: hangings in March\n",
        "    label: hangings in March\n    draft: true\n",
    )
    edit(
        annotations / "synthetic-dispute.yaml",
        "    speaker: actor/synthetic-court-clerk\n",
        "    speaker: actor/synthetic-court-clerk\n    draft: true\n"
        "    time: {expression: on 31 May, edtf: '2024-05-31', earliest: 2024-05-31, latest: 2024-05-31, "
        "basis: article-relative, relative_to: article/synthetic-dispute}\n",
    )
    add_to_source(project, "synthetic-follow-up", "The ministry had answered by 2 May.")
    add_to_source(project, "synthetic-dispute", "The clerk spoke on 31 May.")
    result = build_incremental(project, full=True)
    assert result.violations == [], [v.message for v in result.violations]
    write_dist(project, result, docs=False)
    return project


def test_an_event_of_last_march_is_the_month_with_its_words_and_joins_the_same_events(corpus: Project) -> None:
    page = corpus.dist_dir / "timeline.html"
    data, found = script_data(page), rows(page)
    key = item_of(data, "event/synthetic-executions")
    assert members(data, key) == {
        "event/synthetic-executions",
        "event/synthetic-march-hangings",
        "event/synthetic-executions-per-clerk",
    }
    row = found[key]
    assert (row["list"], row["data-begin"], row["data-end"]) == (
        "dated",
        str(day(date(2024, 3, 1))),
        str(day(date(2024, 4, 1))),
    )
    assert day(date(2024, 3, 1)) == 19783  # days since 1970-01-01, the page's unit
    assert "2024-03-01 \u2013 2024-03-31" in row["text"] and "\u201clast March\u201d EDTF 2024-03" in row["text"]
    assert data["items"][key]["dates"] == "2024-03-01 \u2013 2024-03-31"
    assert "1 of 3 drafts" in row["text"] and "3 nodes" in row["text"] and "draft" in row["class"].split()
    articles = {
        line.split("(")[0].strip(): value
        for value, line in re.findall(r'<option value="(r\d+)">([^<]*)</option>', page.read_text())
    }
    assert set(row["data-articles"].split()) == {
        articles["Synthetic article"],
        articles["Synthetic follow-up"],
        articles["Synthetic dispute"],
    }


def test_statements_are_placed_on_their_days_open_ended_or_undated(corpus: Project) -> None:
    page = corpus.dist_dir / "timeline.html"
    data, found = script_data(page), rows(page)
    thursday = found[item_of(data, "statement/synthetic-observatory-figures")]
    assert (thursday["data-begin"], thursday["data-end"]) == (str(day(date(2024, 5, 2))), str(day(date(2024, 5, 3))))
    assert "2024-05-02 \u00b7 \u201con Thursday\u201d EDTF 2024-05-02" in thursday["text"]
    rejection = found[item_of(data, "statement/synthetic-ministry-rejection")]
    assert (rejection["data-begin"], rejection["data-end"]) == ("", str(day(date(2024, 5, 3))))
    assert (
        "\u2026 \u2013 2024-05-02" in rejection["text"]
        and "\u201cby 2 May\u201d EDTF ../2024-05-02" in rejection["text"]
    )
    clerk = found[item_of(data, "statement/synthetic-clerk")]
    assert (clerk["data-begin"], clerk["data-end"]) == (str(day(date(2024, 5, 31))), str(day(date(2024, 6, 1))))
    assert (
        clerk["class"].split()[-1] == "draft"
        and ">draft<" in page.read_text().split(f'id="{clerk["id"]}"')[1].split("</li>")[0]
    )
    # no bound: listed apart, no bar, never a date
    for node in ("statement/synthetic-report", "statement/synthetic-denial"):
        row = found[item_of(data, node)]
        assert (row["list"], row["bar"], row["data-begin"], row["data-end"]) == ("undated", "False", "", "")
        assert "undated" in row["text"]
    assert [r["list"] for r in found.values()] == ["dated"] * 4 + ["undated"] * 2  # in time order, undated last
    assert len(found) == 6


def test_every_evidence_link_of_the_corpus_names_its_span_in_the_reading_view(corpus: Project) -> None:
    assert assert_evidence_resolves(corpus.dist_dir) == 8


# --- the real corpus -----------------------------------------------------------------------------------------


def test_the_build_writes_the_timeline_as_one_file_that_loads_nothing(built: Built) -> None:
    page = built.project.dist_dir / "timeline.html"
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"<(script|img|link|iframe|object|embed|source|video|audio)\b[^>]*\b(src|href)=", text)
    assert "@import" not in text and "url(" not in text and "http://" not in text.split("const DATA")[0]
    assert "timeline.html" in (built.project.dist_dir / "SHA256SUMS").read_text(encoding="utf-8")
    assert all(href.startswith("articles/") for href in re.findall(r'<a class="evidence" href="([^"]*)"', text))


def test_known_items_of_the_corpus_and_their_intervals(built: Built) -> None:
    page = built.project.dist_dir / "timeline.html"
    data, found = script_data(page), rows(page)
    assert {frozenset(members(data, k)) for k in data["items"]} == {
        frozenset(n[len(ID_NS) :] for n in cluster)
        for cluster in expected_items(built.quads, set(clusters(built.quads)))
    }
    september = found[item_of(data, "event/executions-counted-by-afad-2024-09")]
    assert members(data, september["id"]) == {  # the seed's, the 2025 Iraq article's and Amnesty's report's
        "event/executions-counted-by-afad-2024-09",
        "event/nasiriyah-execution-round-2024-09",
        "event/iraq-executions-2024-09-afad-count",
    }
    assert (september["data-begin"], september["data-end"]) == (str(day(date(2024, 9, 1))), str(day(date(2024, 10, 1))))
    assert "\u201clast September\u201d EDTF 2024-09" in september["text"]
    assert "\u201cin September 2024\u201d EDTF 2024-09" in september["text"]
    increase = found[item_of(data, "event/increase-in-mass-unannounced-executions-iraq-2024")]
    assert (increase["data-begin"], increase["data-end"]) == ("", str(day(date(2024, 5, 17))))
    assert "\u2026 \u2013 2024-05-16 \u00b7 \u201cthe recent increase\u201d EDTF ../2024-05-16" in increase["text"]
    since = found[item_of(data, "event/amnesty-tracking-saudi-executions")]
    assert (since["data-begin"], since["data-end"]) == (str(day(date(1990, 1, 1))), "")
    assert "1990-01-01 \u2013 \u2026 \u00b7 \u201csince 1990\u201d EDTF 1990/.." in since["text"]
    death_row = found[item_of(data, "event/death-row-in-iraq-2024")]
    assert members(data, death_row["id"]) == {"event/death-row-in-iraq-2024", "event/iraq-death-row-2024"}
    assert (death_row["list"], death_row["bar"]) == ("undated", "False")


def test_every_evidence_link_of_the_real_corpus_names_its_span_in_the_reading_view(built: Built) -> None:
    spans = {
        q.object.value
        for q in built.quads
        if q.predicate.value == DENOTED_BY and q.subject.value in clusters(built.quads)
    }
    assert assert_evidence_resolves(built.project.dist_dir) >= len(spans)


# --- the model -----------------------------------------------------------------------------------------------


def test_the_interval_of_joined_nodes_is_what_all_their_bounds_allow_or_all_of_them_when_they_disagree() -> None:
    march = Member("a", "a", earliest=date(2024, 3, 1), latest=date(2024, 3, 31))
    since = Member("b", "b", earliest=date(2024, 3, 10))
    undated = Member("c", "c", expression="recently")
    assert interval([march, since, undated]) == (date(2024, 3, 10), date(2024, 3, 31), False)
    assert interval([undated]) == (None, None, False)
    may = Member("d", "d", earliest=date(2024, 5, 1), latest=date(2024, 5, 31))
    assert interval([march, may]) == (date(2024, 3, 1), date(2024, 5, 31), True)
    assert as_date("2024-04-01Z") == date(2024, 4, 1) and as_date("2024-04-01-05:00") == date(2024, 4, 1)
    assert as_date("2024-02-30") is None and as_date("2024-04") is None and as_date(None) is None


def test_the_axis_opens_on_the_years_most_bounds_fall_in() -> None:
    items = [Item(str(n), [], earliest=date(2024, 1 + n % 12, 1)) for n in range(40)] + [
        Item("x", [], latest=date(1990, 5, 1))
    ]
    ax = axis(items)
    assert (ax.first, ax.last) == (day(date(1990, 1, 1)), day(date(2025, 1, 1)))
    assert (ax.start, ax.end) == (day(date(2024, 1, 1)), day(date(2025, 1, 1)))


def test_a_corpus_without_events_gets_an_empty_timeline() -> None:
    page = render(Timeline([], [], axis([])))
    assert "0 events and 0 statements from 0 articles: 0 placed on the axis, 0 undated" in page
    assert '<ol id="dated"></ol>' in page and '<ul id="undated"></ul>' in page


# --- in chromium ---------------------------------------------------------------------------------------------


VISIBLE = """[...document.querySelectorAll('li.item')].filter(li => !li.hidden && li.offsetParent !== null)
    .map(li => DATA.items[li.id].members.map(m => m.iri))"""


def visible(page) -> set[frozenset[str]]:
    return {frozenset(m) for m in page.evaluate(VISIBLE)}


def option(page, select: str, text: str) -> str:
    starts = json.dumps(text + " (")
    script = f"[...document.querySelectorAll('#{select} option')].filter(o => o.textContent.startsWith({starts}))"
    (value,) = page.evaluate(script + ".map(o => o.value)")
    return value


@pytest.mark.browser
def test_filters_by_actor_and_by_article_show_what_the_graph_gives_them(browser, built: Built) -> None:
    blocked: list[str] = []
    errors: list[str] = []
    page = open_page(browser, built.project.dist_dir / "timeline.html", blocked, errors)
    everything = expected_items(built.quads, set(clusters(built.quads)))
    assert visible(page) == everything
    assert page.inner_text("#shown").startswith(f"{len(everything)} of {len(everything)} items shown")
    assert page.locator("#dated .bar").count() == page.locator("#dated li.item").count() > 100
    shot(page, ARTIFACTS, "corpus")

    amnesty = ID_NS + "actor/amnesty-international"
    page.select_option("#actor", option(page, "actor", "Amnesty International"))
    shown = visible(page)
    assert shown == expected_items(built.quads, nodes_with_actor(built.quads, amnesty)) and 3 < len(shown) < len(
        everything
    )
    shot(page, ARTIFACTS, "actor-amnesty-international")

    page.select_option("#actor", "")
    slug = "iraq-secret-executions-denied"
    (headline,) = {
        q.object.value
        for q in built.quads
        if q.subject.value == ID_NS + "article/" + slug and q.predicate.value == "https://schema.org/headline"
    }
    page.select_option("#article", option(page, "article", headline))
    shown = visible(page)
    assert shown == expected_items(built.quads, nodes_in_article(built.quads, slug)) and 10 < len(shown) < len(
        everything
    )
    assert page.inner_text("#shown").startswith(f"{len(shown)} of {len(everything)} items shown")
    shot(page, ARTIFACTS, "article-iraq-secret-executions-denied")

    # both at once: the items of that article in which the actor takes part
    page.select_option("#actor", option(page, "actor", "Amnesty International"))
    both = expected_items(built.quads, nodes_in_article(built.quads, slug) & nodes_with_actor(built.quads, amnesty))
    assert visible(page) == both
    page.click("#reset")
    assert visible(page) == everything
    assert blocked == [] and errors == []


@pytest.mark.browser
def test_a_click_shows_the_quotes_and_a_link_leads_to_the_span_in_the_reading_view(browser, built: Built) -> None:
    dist = built.project.dist_dir
    blocked: list[str] = []
    errors: list[str] = []
    page = open_page(browser, dist / "timeline.html", blocked, errors, allowed=dist / "articles")
    data = script_data(dist / "timeline.html")
    key = item_of(data, "event/executions-counted-by-afad-2024-09")
    page.click(f"#{key} button.label")
    quotes = page.locator("#details blockquote").all_inner_texts()
    assert quotes == [e["quote"] for m in data["items"][key]["members"] for e in m["evidence"]] and len(quotes) >= 2
    assert "last September" in page.inner_text("#details") and "in September 2024" in page.inner_text("#details")
    link = page.locator(f"#{key} a.evidence").first
    first = data["items"][key]["members"][0]["evidence"][0]
    assert (
        link.get_attribute("title") == f"\u201c{first['quote']}\u201d \u2014 {first['headline']}"
    )  # the quote on hover
    shot(page, ARTIFACTS, "clicked")
    link.click()
    page.wait_for_url("**/articles/*.html#s*")
    assert page.evaluate("DATA.spans[location.hash.slice(1)].quote") == first["quote"]
    # the reading view selects the span it was sent to: its details show what the span grounds
    span = page.evaluate("location.hash.slice(1)")
    assert page.locator(f'#text .seg.selected[data-spans~="{span}"]').count() >= 1
    assert (
        page.evaluate("document.querySelectorAll('#text .seg[data-spans~=\"' + location.hash.slice(1) + '\"]').length")
        >= 1
    )
    assert blocked == [] and errors == []


def boundary_page(tmp_path: Path) -> Path:
    """A timeline of two single days on either side of a month boundary, rendered from the model."""
    days = [("last-of-march", date(2024, 3, 31)), ("first-of-april", date(2024, 4, 1))]
    items = [
        Item(
            ID_NS + name,
            [Member(ID_NS + name, name, earliest=d, latest=d, evidence=[Evidence(None, None, "q", "h")])],
            earliest=d,
            latest=d,
        )
        for name, d in days
    ]
    items.append(
        Item(ID_NS + "late", [Member(ID_NS + "late", "late", earliest=date(2024, 12, 31))], earliest=date(2024, 12, 31))
    )
    target = tmp_path / "timeline.html"
    target.write_text(
        render(Timeline(items, [Article(ID_NS + "article/a", "a", "A", None)], axis(items))), encoding="utf-8"
    )
    return target


@pytest.mark.browser
@pytest.mark.parametrize("zone", ["America/Los_Angeles", "UTC", "Pacific/Kiritimati"])
def test_a_date_on_a_month_boundary_is_drawn_on_its_day_in_any_time_zone(browser, tmp_path: Path, zone: str) -> None:
    path = boundary_page(tmp_path)
    blocked: list[str] = []
    errors: list[str] = []
    page = open_page(browser, path, blocked, errors, timezone_id=zone)
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == zone
    april, may = (page.locator("#ticks .tick", has_text=re.compile(f"^{m}$")).bounding_box() for m in ("Apr", "May"))
    one_day = (may["x"] - april["x"]) / 30
    first, last = (page.locator(f"#i{n} .bar").bounding_box() for n in (1, 0))
    assert abs(first["x"] - april["x"]) < 0.5  # 1 April starts where April does
    assert abs(last["x"] - (april["x"] - one_day)) < 0.5  # 31 March the day before (bars are at least 3 px wide)
    assert page.inner_text("#i1 .dates") == "2024-04-01" and page.inner_text("#i0 .dates") == "2024-03-31"
    assert blocked == [] and errors == []


@pytest.mark.browser
def test_html_in_labels_names_quotes_and_wording_shows_as_text(browser, tmp_path: Path) -> None:
    root = project_from_fixture(tmp_path / "project", MINIMAL, MINIMAL_SLUG)
    project = Project.locate(root)
    edit(project.data_dir / "actors.yaml", "name: Synthetic Observatory", f"name: '{XSS}'")
    annotation = project.data_dir / "annotations" / f"{MINIMAL_SLUG}.yaml"
    edit(annotation, "label: synthetic executions", f"label: '{XSS}'")
    edit(annotation, "expression: last March", f"expression: '{XSS}'")
    add_to_source(project, MINIMAL_SLUG, XSS)  # a time's wording is the text's
    result = build_incremental(project, full=True)
    assert result.violations == [], [v.message for v in result.violations]
    write_dist(project, result, docs=False)
    blocked: list[str] = []
    errors: list[str] = []
    page = open_page(browser, project.dist_dir / "timeline.html", blocked, errors)
    assert page.locator("#dated button.label").inner_text() == XSS
    assert page.locator("#undated button.label", has_text="statement by").first.inner_text() == f"statement by {XSS}"
    assert f"\u201c{XSS}\u201d EDTF 2024-03" in page.inner_text("#dated .when")
    assert page.locator("#actor option", has_text="window.injected").inner_text().startswith(XSS)
    page.locator("#dated button.label").click()
    assert page.inner_text("#details h2") == XSS and f"\u201c{XSS}\u201d" in page.inner_text("#details")
    assert page.evaluate("window.injected") is None
    assert page.locator("img").count() == 0 and page.locator("script").count() == 1
    shot(page, ARTIFACTS, "html-in-text")
    assert blocked == [] and errors == []
