"""The issues and their camps as RDF in <graph/network>, beside the measures of each actor.

    <issue> a rg:Issue ;
        rg:issueEvent <event>                                # an event issue: its identity cluster's node
        | rg:issueEventType <type> ; rg:issueCountry <country>   # a topic: a type of event in a country
        | rg:issueCountry <country> ;                        # every event in a country
        rg:signedTies 11 ; rg:frustration 0 ;
        rg:issueStatement <statement> , ... .
    <issue/camp/1> a rg:Camp ; rg:campIn <issue> ; rg:campLeader <actor> ; rg:campMember <actor> , ... .

Camps are numbered within their issue, largest first. No labels: an issue is named by its event, or by its
type and country, and a camp by its leader, each of which has its own label.
"""

from __future__ import annotations

import pyoxigraph as ox

from rightsgraph.core.namespaces import RDF_TYPE, XSD
from rightsgraph.core.project import ONTOLOGY_NS
from rightsgraph.network.issues import IssueCamps


def _rg(name: str) -> ox.NamedNode:
    return ox.NamedNode(ONTOLOGY_NS + name)


def issue_quads(issues: list[IssueCamps], graph: ox.NamedNode) -> list[ox.Quad]:
    integer = ox.NamedNode(XSD + "integer")
    quads = []
    for found in issues:
        issue = ox.NamedNode(found.issue.iri)
        facts: list[tuple[str, ox.NamedNode | ox.Literal]] = [
            ("signedTies", ox.Literal(str(found.signed_ties), datatype=integer))
        ]
        if found.leaders:
            facts.append(("frustration", ox.Literal(str(found.frustration), datatype=integer)))
        facts += [
            (p, ox.NamedNode(v))
            for p, v in (
                ("issueEvent", found.issue.event),
                ("issueEventType", found.issue.event_type),
                ("issueCountry", found.issue.country),
            )
            if v
        ]
        facts += [("issueStatement", ox.NamedNode(s)) for s in found.statements]
        quads.append(ox.Quad(issue, RDF_TYPE, _rg("Issue"), graph))
        quads += [ox.Quad(issue, _rg(p), value, graph) for p, value in facts]
        camps = sorted(found.camps.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        for number, (name, members) in enumerate(camps, start=1):
            camp = ox.NamedNode(f"{found.issue.iri}/camp/{number}")
            quads += [
                ox.Quad(camp, RDF_TYPE, _rg("Camp"), graph),
                ox.Quad(camp, _rg("campIn"), issue, graph),
                ox.Quad(camp, _rg("campLeader"), ox.NamedNode(found.leaders[name]), graph),
            ]
            quads += [ox.Quad(camp, _rg("campMember"), ox.NamedNode(a), graph) for a in members]
    return quads
