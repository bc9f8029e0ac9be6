"""Documentation derived from the sources of truth: the authoring keys of ontology/context.jsonld with
the definitions of ontology/, the concepts each key accepts (ontology/vocab/) and the classes the shapes
require of the nodes a key refers to. `scripts/gen_docs.py` writes it; a test fails when the file is stale."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from rightsgraph.authoring.annotations import EVIDENCE
from rightsgraph.authoring.context import Context, Term, load_context
from rightsgraph.core.namespaces import RDF_TYPE, RDFS_SUBCLASS_OF
from rightsgraph.core.prefixes import compact, project_prefixes
from rightsgraph.core.project import Project
from rightsgraph.core.rdf_files import load_files
from rightsgraph.sparql import queries
from rightsgraph.sparql.library import split_joined
from rightsgraph.validate.checks import ontology_store

ONTOLOGY = "https://w3id.org/rightsgraph/ontology#"
OWL_CLASS = ox.NamedNode("http://www.w3.org/2002/07/owl#Class")
SKOS_BROADER = ox.NamedNode("http://www.w3.org/2004/02/skos/core#broader")
SH_PATH = ox.NamedNode("http://www.w3.org/ns/shacl#path")
SH_CLASS = ox.NamedNode("http://www.w3.org/ns/shacl#class")


@dataclass(frozen=True)
class DocTerm:
    """A concept or a class as the documentation shows it: the name a YAML file writes, its English label and
    definition, and how deep it sits under its broader concepts or superclasses (0 at the top)."""

    name: str
    label: str
    definition: str
    depth: int
    also: tuple[str, ...] = ()  # a concept's other names (skos:altLabel), the words a researcher may look for


@dataclass(frozen=True)
class Scheme:
    name: str  # the scheme's last path segment, such as "event-status"
    title: str
    definition: str
    concepts: tuple[DocTerm, ...]  # broader before narrower, each level in alphabetical order


@dataclass(frozen=True)
class Model:
    """What the documentation says about the model, read from ontology/ and shapes/."""

    labels: dict[str, str]
    definitions: dict[str, str]
    schemes: dict[str, Scheme]  # by the namespace of its concepts ("https://w3id.org/rightsgraph/vocab/role/")
    classes: tuple[DocTerm, ...]  # the rg: classes, superclass before subclass
    node_classes: dict[str, tuple[str, ...]]  # property IRI -> the classes the shapes require of its values


def _tree(children: dict[str, list[str]], roots: list[str], make) -> list[DocTerm]:
    """Depth-first, alphabetical at each level; a term under several parents is listed under the first."""
    out: list[DocTerm] = []
    seen: set[str] = set()

    def walk(iri: str, depth: int) -> None:
        if iri in seen:
            return
        seen.add(iri)
        out.append(make(iri, depth))
        for child in sorted(children.get(iri, [])):
            walk(child, depth + 1)

    for root in sorted(roots):
        walk(root, 0)
    return out


def _forest(members: set[str], parent_pairs: list[tuple[str, str]], make) -> tuple[DocTerm, ...]:
    children: dict[str, list[str]] = {}
    has_parent: set[str] = set()
    for child, parent in parent_pairs:
        if child in members and parent in members:
            children.setdefault(parent, []).append(child)
            has_parent.add(child)
    return tuple(_tree(children, [m for m in members if m not in has_parent], make))


def read_model(project: Project) -> Model:
    store = ontology_store(project)
    query = queries.load_query(project.queries_dir / "system" / "term-definitions.rq")
    labels: dict[str, str] = {}
    definitions: dict[str, str] = {}
    for row in store.query(query.text, use_default_graph_as_union=True):
        definitions[row["term"].value] = row["definition"].value
        if row["label"] is not None:
            labels[row["term"].value] = row["label"].value

    alt_query = queries.load_query(project.queries_dir / "system" / "concept-alt-labels.rq")
    also = {
        row["term"].value: tuple(split_joined(row["labels"].value))
        for row in store.query(alt_query.text, use_default_graph_as_union=True)
    }

    def make(iri: str, depth: int) -> DocTerm:
        name = iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        return DocTerm(name, labels.get(iri, name), definitions.get(iri, ""), depth, also.get(iri, ()))

    in_scheme = queries.load_query(project.queries_dir / "system" / "concept-schemes.rq")
    members: dict[str, set[str]] = {}
    for triple in store.query(in_scheme.text, use_default_graph_as_union=True):
        members.setdefault(triple.object.value, set()).add(triple.subject.value)
    broader = [(q.subject.value, q.object.value) for q in store.quads_for_pattern(None, SKOS_BROADER, None)]
    schemes = {
        scheme + "/": Scheme(
            scheme.rsplit("/", 1)[-1],
            labels.get(scheme, scheme),
            definitions.get(scheme, ""),
            _forest(concepts, broader, make),
        )
        for scheme, concepts in members.items()
    }
    classes = {q.subject.value for q in store.quads_for_pattern(None, RDF_TYPE, OWL_CLASS)}
    classes = {c for c in classes if c.startswith(ONTOLOGY)}
    parents = [(q.subject.value, q.object.value) for q in store.quads_for_pattern(None, RDFS_SUBCLASS_OF, None)]
    return Model(labels, definitions, schemes, _forest(classes, parents, make), _node_classes(project))


def _node_classes(project: Project) -> dict[str, tuple[str, ...]]:
    """For each property the shapes constrain with sh:class, the classes (rg: local names, or compact IRIs)."""
    store = ox.Store()
    load_files(store, project.root, project.shape_files())
    prefixes = project_prefixes(project)
    found: dict[str, set[str]] = {}
    for shape in store.quads_for_pattern(None, SH_PATH, None):
        if isinstance(shape.object, ox.NamedNode):
            for required in store.quads_for_pattern(shape.subject, SH_CLASS, None):
                name = required.object.value
                shown = name[len(ONTOLOGY) :] if name.startswith(ONTOLOGY) else compact(name, prefixes)
                found.setdefault(shape.object.value, set()).add(shown)
    return {path: tuple(sorted(names)) for path, names in found.items()}


def one_of(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _plain(name: str) -> str:
    return name.lower().replace("-", " ")


def concept_list(scheme: Scheme) -> str:
    """The concepts of a scheme as a YAML file writes them, each with its label where it says more."""
    return ", ".join(
        f"`{c.name}`" + (f" ({c.label})" if _plain(c.label) != _plain(c.name) else "") for c in scheme.concepts
    )


HEADER = """# Authoring keys

Generated by `python scripts/gen_docs.py` from `ontology/context.jsonld` and `ontology/`; do not edit
by hand (a test fails when this file is stale). Every key of a YAML file in `data/` is one of these.

"""


def _value_kind(term: Term, scoped: Context, model: Model) -> str:
    if term.iri == EVIDENCE:
        return "verbatim quote(s) of the source, list; the build grounds each to a text span"
    if term.type == "@id":
        kinds = model.node_classes.get(term.iri)
        kind = "id of a node" + (f": {one_of(list(kinds))}" if kinds else "")
    elif term.type == "@vocab" and term.scoped and scoped.vocab in model.schemes:
        scheme = model.schemes[scoped.vocab]
        kind = f"one concept of `{scheme.name}`: {concept_list(scheme)}"
    elif term.type == "@vocab":
        kind = f"concept of `{scoped.vocab.rstrip('/').rsplit('/', 1)[-1]}`" if term.scoped else "a property name"
    elif term.type:
        kind = f"literal `{term.type.rsplit('#', 1)[-1].rsplit('/', 1)[-1]}`"
    elif term.scoped:
        kind = "nested entry"
    else:
        kind = "text" + (f" (@{term.language})" if term.language else "")
    return kind + (", list" if term.is_set else "")


def _rows(context: Context, model: Model, prefixes: dict[str, str], parent: str) -> list[str]:
    rows = []
    for name in sorted(context.terms):
        term = context.terms[name]
        scoped = context.scoped_for(term)
        if term.type is None and term.iri in model.definitions and name == term.iri.rsplit("/", 1)[-1]:
            continue  # a concept named inside a scoped context ('role: target'), not a key
        definition = model.definitions.get(term.iri, f"reused from its vocabulary ({compact(term.iri, prefixes)})")
        rows.append(
            f"| `{parent}{name}` | `{compact(term.iri, prefixes)}` | {_value_kind(term, scoped, model)} | "
            f"{definition.replace('|', '/')} |"
        )
        if term.scoped and any(k not in context.terms for k in term.scoped if not k.startswith("@")):
            nested = {k: v for k, v in scoped.terms.items() if k not in context.terms}
            sub = Context(scoped.vocab, scoped.base, scoped.prefixes, nested, scoped.aliases)
            rows += _rows(sub, model, prefixes, f"{parent}{name}.")
    return rows


def _keyword_rows(model: Model) -> list[str]:
    """`id` and `type`, the two keys every node has, which the context writes as keyword aliases."""
    classes = ", ".join(f"`{c.name}`" for c in model.classes)
    return [
        "| `id` | `@id` | the node's id, `kind/slug` such as `event/nasiriyah-executions` | Names the node: "
        "unique in data/, and what other nodes and other articles refer to it by. |",
        f"| `type` | `rdf:type` | a class: {classes}, or `org:Membership` | What kind of node it is; a node is "
        "defined where it has its `type`, once in data/. |",
    ]


def key_table(project: Project, model: Model | None = None) -> list[str]:
    """The table of every key: its property, the values it accepts and its definition."""
    model = model or read_model(project)
    context = load_context(project.ontology_dir / "context.jsonld")
    rows = _keyword_rows(model) + _rows(context, model, project_prefixes(project), "")
    return ["| key | property | value | definition |", "| --- | --- | --- | --- |", *rows]


def sections(project: Project) -> list[str]:
    context = load_context(project.ontology_dir / "context.jsonld")
    return sorted(k for k, v in context.aliases.items() if v == "@included")


def render_authoring_keys(project: Project, model: Model | None = None) -> str:
    lines = [
        HEADER,
        "Sections of a file: " + ", ".join(f"`{s}`" for s in sections(project)) + ".\n\n",
        "A concept is written as its name (`status: alleged`); its label follows in brackets where it says more. "
        "What each concept and class means: [the authoring guide](authoring.md#vocabularies).\n\n",
    ]
    lines += [row + "\n" for row in key_table(project, model)]
    return "".join(lines)


QUESTIONS_START = "<!-- questions:start (generated by scripts/gen_docs.py from queries/*.rq) -->"
QUESTIONS_END = "<!-- questions:end -->"


def render_questions(project: Project) -> str:
    """The README's "Questions you can ask" table, from the headers of queries/*.rq."""
    from rightsgraph.sparql.library import Library

    lines = [QUESTIONS_START, "", "| question | ask it with | parameters |", "| --- | --- | --- |"]
    for query in Library(project).queries.values():
        params = "; ".join(f"`{p.name}` ({p.type}): {p.description}" for p in query.params) or ""
        lines.append(f"| {query.title}: {query.description} | `rightsgraph query {query.name}` | {params} |")
    lines += ["", QUESTIONS_END]
    return "\n".join(lines)


def update_readme(text: str, block: str) -> str:
    start, end = text.index(QUESTIONS_START), text.index(QUESTIONS_END) + len(QUESTIONS_END)
    return text[:start] + block + text[end:]
