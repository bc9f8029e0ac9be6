"""export.turtle_parts: the merged Turtle written part by part is Oxigraph's Turtle of the whole dataset, and after
an edit, taking the parts it did not touch and writing the rest gives the same bytes and the same parts as writing
it all from empty: whatever the edit adds or removes, the first subject and the subjects that begin a part too."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from rightsgraph.core.dist_reuse import HEAD
from rightsgraph.export import turtle_parts
from rightsgraph.export.turtle_parts import OldTurtle, begins_part, subject_of, write_turtle

NS = "https://example.org/synthetic/turtle-parts/"
PREFIXES = {"syn": NS, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
Graphs = dict[str, list[bytes]]


def line(subject: str, value: str, predicate: str = LABEL) -> bytes:
    return f'<{NS}{subject}> {predicate} "{value}" .'.encode()


TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
# subjects whose IRIs are prefixes of one another, or hold characters beyond ASCII, sorted among the others
AWKWARD = ("s00010/x", "s00010#a", "s00010.x", "s00010-", "s0001\u00e9", "\u00e9v\u00e9nement", "s00010/x/y")


def corpus(subjects: int = 1500, seed: int = 7) -> Graphs:
    """Synthetic graphs whose subjects overlap (a triple in two graphs too), each graph's lines sorted: labels, typed
    values, types (Turtle's `a`), text over several lines."""
    rng = random.Random(seed)
    graphs: dict[str, set[bytes]] = {f"{NS}graph/{g}": set() for g in range(12)}
    names = [f"s{n:05d}" for n in range(subjects)] + list(AWKWARD)
    for n, name in enumerate(names):
        for k in range(rng.randint(1, 4)):
            graph = f"{NS}graph/{rng.randrange(12)}"
            graphs[graph].add(line(name, f"value {k}"))
            graphs[graph].add(f'<{NS}{name}> <{NS}p{k}> "{n}"^^<{INTEGER}> .'.encode())
        if n % 3 == 0:
            graphs[f"{NS}graph/{n % 12}"].add(f"<{NS}{name}> {TYPE} <{NS}Kind{n % 4}> .".encode())
        if n % 5 == 0:
            graphs[f"{NS}graph/{n % 12}"].add(line(name, 'two\\nlines \\"quoted\\"'))
    return {g: sorted(lines) for g, lines in graphs.items()}


def whole(graphs: Graphs) -> bytes:
    """What export.dumps wrote before the parts: Oxigraph's Turtle of the sorted, distinct lines of every graph."""
    lines = sorted(set().union(*graphs.values()))
    triples = ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""


def subjects(graphs: Graphs) -> list[bytes]:
    return sorted({subject_of(x) for lines in graphs.values() for x in lines})


def without(graphs: Graphs, subject: bytes) -> Graphs:
    return {g: [x for x in lines if subject_of(x) != subject] for g, lines in graphs.items()}


def with_lines(graphs: Graphs, graph: str, *added: bytes) -> Graphs:
    return {**graphs, graph: sorted(set(graphs.get(graph, [])) | set(added))}


def edits(graphs: Graphs) -> dict[str, Graphs]:
    found = subjects(graphs)
    starting = [s for s in found[1:] if begins_part(s)]
    first_graph = next(iter(graphs))
    one = found[len(found) // 2]
    changed = {
        g: sorted({x.replace(b'"value 0"', b'"value 0 (edited)"') if subject_of(x) == one else x for x in lines})
        for g, lines in graphs.items()
    }
    return {
        "a value of one subject": changed,
        "a subject that begins a part removed": without(graphs, starting[3]),
        "two neighbouring part starts removed": without(without(graphs, starting[5]), starting[6]),
        "the first subject removed": without(graphs, found[0]),
        "a subject before the first added": with_lines(graphs, first_graph, line("a-first", "new")),
        "a subject after the last added": with_lines(graphs, first_graph, line("z-last", "new")),
        "a triple of another graph repeated": with_lines(graphs, first_graph, graphs[f"{NS}graph/5"][0]),
        "new subjects, some of which begin parts": with_lines(
            graphs, first_graph, *(line(f"s{n:05d}-new", "new") for n in range(0, 1500, 7))
        ),
        "every subject removed": {g: [] for g in graphs},
    }


def written(graphs: Graphs, path: Path, kept: OldTurtle | None = None, changed: set[bytes] | None = None) -> dict:
    return write_turtle(graphs, path, PREFIXES, kept, changed)


def as_kept(path: Path, parts: dict[str, list]) -> OldTurtle:
    return OldTurtle(path, (parts[HEAD][0], parts[HEAD][1]), {s: p for s, p in parts.items() if s != HEAD})


def changed_subjects(before: Graphs, after: Graphs) -> set[bytes]:
    quads = set()
    for graph in set(before) | set(after):
        quads |= {(graph, x) for x in before.get(graph, [])} ^ {(graph, x) for x in after.get(graph, [])}
    return {subject_of(x) for _, x in quads}


def test_the_turtle_written_part_by_part_is_oxigraphs_turtle_of_the_whole(tmp_path: Path) -> None:
    graphs = corpus()
    parts = written(graphs, tmp_path / "all.ttl")
    assert (tmp_path / "all.ttl").read_bytes() == whole(graphs)
    assert 5 < len(parts) - 1 < 40  # about one subject in 128 begins a part
    data = (tmp_path / "all.ttl").read_bytes()
    starts = sorted((p[0], s) for s, p in parts.items() if s != HEAD)
    assert [begins_part(s.encode()) for _, s in starts[1:]] == [True] * (len(starts) - 1)
    for _, first in starts:  # each part is that subject's Turtle, as the prefixes write it
        start, end, _ = parts[first]
        assert data[start:end].startswith(b"syn:" + first[len(NS) + 1 : -1].encode() + b" ")


@pytest.mark.parametrize("what", list(edits(corpus())))
def test_an_edit_takes_the_parts_it_did_not_touch_and_writes_what_a_build_from_empty_writes(
    tmp_path: Path, what: str
) -> None:
    before = corpus()
    after = edits(before)[what]
    old = tmp_path / "old.ttl"
    kept = as_kept(old, written(before, old))
    parts = written(after, tmp_path / "new.ttl", kept, changed_subjects(before, after))
    fresh = written(after, tmp_path / "fresh.ttl")
    assert (tmp_path / "new.ttl").read_bytes() == (tmp_path / "fresh.ttl").read_bytes() == whole(after)
    assert parts == fresh
    # and the parts an edit wrote serve the next edit as well
    again = edits(after)["a value of one subject"] if what != "every subject removed" else before
    parts = written(again, tmp_path / "next.ttl", as_kept(tmp_path / "new.ttl", parts), changed_subjects(after, again))
    assert (tmp_path / "next.ttl").read_bytes() == whole(again)


def parts_written(monkeypatch: pytest.MonkeyPatch) -> list[list[bytes]]:
    """The lines of each part export.turtle_parts writes from here on (not those it takes)."""
    made: list[list[bytes]] = []
    original = turtle_parts._turtle

    def counted(lines: list[bytes], prefixes: dict[str, str]):
        made.append(lines)
        return original(lines, prefixes)

    monkeypatch.setattr(turtle_parts, "_turtle", counted)
    return made


def test_an_edit_of_one_subject_writes_one_part_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = corpus()
    after = edits(before)["a value of one subject"]
    old = tmp_path / "old.ttl"
    kept = as_kept(old, written(before, old))
    made = parts_written(monkeypatch)
    written(after, tmp_path / "new.ttl", kept, changed_subjects(before, after))
    assert len(made) == 1 and len(made[0]) < len(set().union(*after.values())) // 5
