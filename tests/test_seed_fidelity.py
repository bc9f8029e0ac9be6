"""The seed graph states nothing its article does not (issue 12, section 1): one regression test per
fact a review found the article never states, named after what was wrong, each checked on the built
dataset (and, where the mistake is of a kind, for every article of the corpus)."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

import rightsgraph
from rightsgraph.core.namespaces import RDF_TYPE, RDFS_SUBCLASS_OF
from rightsgraph.core.project import (
    DERIVED_GRAPHS,
    GRAPH_NS,
    ONTOLOGY_GRAPH,
    REGISTER_GRAPH,
    TYPES_GRAPH,
)

ID = "https://w3id.org/rightsgraph/id/"
RG = "https://w3id.org/rightsgraph/ontology#"
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
ALT_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
SUB_EVENT = ox.NamedNode("http://semanticweb.cs.vu.nl/2009/11/sem/hasSubEvent")
IS_STRING = ox.NamedNode("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString")
YEAR = re.compile(r"(?<!\d)(1[6-9]\d\d|20\d\d)(?!\d)")
DERIVED = (ONTOLOGY_GRAPH, REGISTER_GRAPH, *DERIVED_GRAPHS)


def rg(name: str) -> ox.NamedNode:
    return ox.NamedNode(RG + name)


def node(path: str) -> ox.NamedNode:
    return ox.NamedNode(ID + path)


@pytest.fixture(scope="module")
def store(built) -> ox.Store:
    s = ox.Store()
    s.extend(built.quads)
    return s


def objects(store: ox.Store, subject: ox.NamedNode, predicate: ox.NamedNode) -> set:
    return {q.object for q in store.quads_for_pattern(subject, predicate, None)}


def _article_graphs(quads: frozenset) -> tuple[str, ...]:
    return tuple(
        sorted(
            {
                q.graph_name.value
                for q in quads
                if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value not in DERIVED
            }
        )
    )


def test_nasiriyah_round_is_no_sub_event_of_the_70_since_the_text_never_says_so(store: ox.Store) -> None:
    """Neither directly, nor through a shared victim, nor in the register's description of the executed."""
    nasiriyah, seventy = (
        node("event/nasiriyah-execution-round-2024-09"),
        node("event/executions-since-early-september-2024"),
    )
    assert not list(store.quads_for_pattern(seventy, SUB_EVENT, nasiriyah))
    has_actor = ox.NamedNode("http://semanticweb.cs.vu.nl/2009/11/sem/hasActor")
    victims = [
        objects(store, e, has_actor)
        - {node("actor/government-of-iraq"), node("actor/afad-observatory"), node("actor/unnamed-reports")}
        for e in (nasiriyah, seventy)
    ]
    assert victims[0] and victims[1] and not victims[0] & victims[1]
    description = ox.NamedNode("https://schema.org/description")
    for victim in victims[1]:
        assert not any(
            "among them those hanged" in q.object.value for q in store.quads_for_pattern(victim, description, None)
        )


def test_no_claim_text_or_label_gives_a_year_its_article_does_not_state(built, store: ox.Store) -> None:
    """Claim texts, and the labels of every node an article graph names (its own, and the register's names of
    the actors and places it mentions), give no year absent from that article's text."""
    found = []
    for graph in _article_graphs(built.quads):
        g = ox.NamedNode(graph)
        text = " ".join(q.object.value for q in store.quads_for_pattern(None, IS_STRING, None, g))
        stated = set(YEAR.findall(text))
        named = {q.subject for q in store.quads_for_pattern(None, None, None, g)}
        named |= {q.object for q in store.quads_for_pattern(None, None, None, g) if isinstance(q.object, ox.NamedNode)}
        literals = [(q.subject.value, q.object.value) for q in store.quads_for_pattern(None, rg("claimText"), None, g)]
        literals += [
            (n.value, q.object.value)
            for n in named
            if n.value.startswith(ID)
            for p in (LABEL, ALT_LABEL)
            for q in store.quads_for_pattern(n, p, None)
        ]
        found += [(graph, who, year) for who, value in literals for year in YEAR.findall(value) if year not in stated]
    assert found == []


def test_over_15_years_of_imprisonment_is_said_of_sunni_community_members_not_the_executed(store: ox.Store) -> None:
    claim = node("claim/activists-some-imprisoned-over-15-years")
    about = objects(store, claim, rg("about"))
    assert node("actor/sunni-community-of-iraq") in about
    assert node("actor/executed-detainees-iraq-2024") not in about
    event = node("event/long-imprisonment-of-detainees")  # "some of whom": not the whole community, nor the executed
    assert not objects(store, event, ox.NamedNode("http://semanticweb.cs.vu.nl/2009/11/sem/hasActor"))


@pytest.mark.parametrize("statement", ["statement/calls-for-reform", "statement/criticism-from-various-quarters"])
def test_words_without_a_named_speaker_are_credited_to_no_named_actor(store: ox.Store, statement: str) -> None:
    """ "the growing calls for reform" and "criticism from various quarters" name no speaker."""
    (speaker,) = objects(store, node(statement), rg("speaker"))
    assert rg("UnnamedSource") in objects(store, speaker, RDF_TYPE)


def test_supporting_the_death_penalty_is_not_supporting_the_government_execution_campaign(store: ox.Store) -> None:
    targets = {
        t
        for q in objects(store, node("statement/public-support-for-death-penalty"), rg("qualifiedStance"))
        for t in objects(store, q, rg("target"))
    }
    assert targets == {node("event/death-penalty-in-iraq")}


def test_more_than_n_is_an_exclusive_bound_not_an_inclusive_one(store: ox.Store) -> None:
    more_than = ox.NamedNode("https://w3id.org/rightsgraph/vocab/count-qualifier/more-than")
    counts = {q.subject for q in store.quads_for_pattern(None, rg("qualifier"), more_than)}
    assert node("quantity/imprisonment-over-15-years") in counts
    for count in counts:  # every "more than N" of the corpus
        assert objects(store, count, rg("minExclusive")), count
        assert not objects(store, count, ox.NamedNode("https://schema.org/minValue")) & objects(
            store, count, rg("minExclusive")
        ), count


def test_one_of_the_largest_execution_rounds_is_a_hedged_comparison_not_certain(store: ox.Store) -> None:
    claim = node("claim/afad-largest-execution-round-since-2003")
    assert objects(store, claim, rg("certainty")) == {
        ox.NamedNode("https://w3id.org/rightsgraph/vocab/certainty/probable")
    }
    assert ox.Literal("one of the largest") in objects(store, claim, rg("modalCue"))


def test_public_outrage_is_not_typed_a_protest(store: ox.Store) -> None:
    types = objects(
        store,
        node("event/public-outcry-over-executions"),
        ox.NamedNode("http://semanticweb.cs.vu.nl/2009/11/sem/eventType"),
    )
    assert types == {ox.NamedNode("https://w3id.org/rightsgraph/vocab/event-type/public-outcry")}


def test_register_facts_in_an_actor_profile_say_they_come_from_the_register(built) -> None:
    rows = rightsgraph.open(built.project.root).query("actor-profile", actor=ID + "actor/presidency-of-iraq")
    part_of = [r for r in rows if str(r["aspect"]) == "part of"]
    assert part_of and {str(r["graph"]) for r in part_of} == {REGISTER_GRAPH}
    made = [r for r in rows if str(r["aspect"]) == "statement made"]
    assert made and {str(r["graph"]) for r in made} == {GRAPH_NS + "campaign-against-mass-executions-in-iraq"}


def test_a_denial_is_paired_only_with_the_claim_it_denies(store: ox.Store) -> None:
    """One stance per target: the AMSI statement denies the Presidency's claim and condemns its statement;
    'denies' is not aimed at the statement, nor 'condemns' at the claim."""
    pairs = set()
    for qualified in objects(store, node("statement/amsi-condemns-presidency-stance"), rg("qualifiedStance")):
        for stance in objects(store, qualified, rg("stance")):
            pairs |= {
                (stance.value.rsplit("/", 1)[1], t.value[len(ID) :]) for t in objects(store, qualified, rg("target"))
            }
    assert pairs == {
        ("condemns", "statement/presidency-defends-executions"),
        ("denies", "claim/presidency-opponents-spread-false-information"),
        ("accuses", "actor/government-of-iraq"),
    }


def test_every_actor_is_found_as_rg_actor_without_subclass_reasoning(store: ox.Store) -> None:
    """The type closure is published in <graph/entailed-types>: `?x a rg:Actor` finds every actor."""
    actor_classes, frontier = {rg("Actor")}, [rg("Actor")]
    while frontier:  # the subclasses of rg:Actor, read from the ontology graph
        for q in store.quads_for_pattern(None, RDFS_SUBCLASS_OF, frontier.pop(), ox.NamedNode(ONTOLOGY_GRAPH)):
            if q.subject not in actor_classes:
                actor_classes.add(q.subject)
                frontier.append(q.subject)
    asserted = {
        q.subject
        for q in store.quads_for_pattern(None, RDF_TYPE, None)
        if q.graph_name.value != TYPES_GRAPH and q.object in actor_classes
    }
    found = {q.subject for q in store.quads_for_pattern(None, RDF_TYPE, rg("Actor"))}
    assert len(asserted) > 15 and found == asserted
