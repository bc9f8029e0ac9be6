"""data/ -> quads: the actor register and every annotated article, with references resolved.

- data/actors.yaml goes into <graph/actors>;
- data/annotations/SLUG.yaml, about data/sources/SLUG.txt, goes into <graph/SLUG>, with its
  evidence quotes grounded to offsets and the full text on the article node (nif:isString).
Every id referred to must be defined somewhere in data/; every concept must exist in ontology/vocab.
Which files are read, and which are refused rather than left out, is the business of datafiles.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from rightsgraph.authoring.context import Context
from rightsgraph.authoring.ground import Grounder
from rightsgraph.authoring.yaml_lines import LDict, load_yaml
from rightsgraph.authoring.yamlld import Check, Converter, Emitted
from rightsgraph.core.errors import UserError, did_you_mean, read_text
from rightsgraph.core.project import GRAPH_NS, ONTOLOGY_NS, REGISTER_GRAPH, Project
from rightsgraph.core.rdf_files import parse_turtle

NIF_IS_STRING = ox.NamedNode("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString")
EVIDENCE = "http://groundedannotationframework.org/gaf#denotedBy"
SHA256 = "sha256"
SOURCE_WORDING = ox.NamedNode(ONTOLOGY_NS + "sourceWording")
SUBPROPERTY_OF = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subPropertyOf")


@cache
def wording_properties(ontology_file: Path) -> frozenset[str]:
    """The properties whose values are the source's words, verbatim: rg:sourceWording and its subproperties."""
    quads = parse_turtle(ontology_file)
    found, grew = {SOURCE_WORDING.value}, True
    while grew:
        more = {q.subject.value for q in quads if q.predicate == SUBPROPERTY_OF and q.object.value in found}
        grew, found = not more <= found, found | more
    return frozenset(found)


class WordingCheck:
    """A value of a source-wording property (a time's, a count's `expression`) is words of the text as written: text,
    found there whole (not inside a word), so that a reader can find it."""

    def __init__(self, text: str, text_path: Path, yaml_path: Path) -> None:
        self.text, self.text_path, self.yaml_path = text, text_path, yaml_path

    def __call__(self, value: Any, line: int, key: str) -> None:
        if not isinstance(value, str):
            kind = "date" if hasattr(value, "isoformat") else "yes/no value" if isinstance(value, bool) else "number"
            raise UserError(
                f"'{key}' must be the words of {self.text_path.name} as text; YAML read {value!r} as a {kind}",
                self.yaml_path,
                line,
                f'put the words in quotes: {key}: "{value}"',
            )
        if not value.strip() or not re.search(rf"(?<!\w){re.escape(value)}(?!\w)", self.text):
            raise UserError(
                f"'{key}' must be the words of {self.text_path.name}, verbatim; {value[:60]!r} is not in it",
                self.yaml_path,
                line,
                "copy the words exactly as the source has them (whole words; a time dated from another "
                "source, not from words of the text, has no expression)",
            )


def _display(project: Project, path: Path) -> str:
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def read_source_text(path: Path, yaml_path: Path) -> str:
    if not path.is_file():
        raise UserError(
            f"no source text {path.name} for this annotation", yaml_path, 1, f"put the verbatim article text in {path}"
        )
    text = read_text(path, "source text")
    if not text.strip():
        raise UserError("source text is empty", path, 1, "put the article text in the file")
    return text


def load_register(project: Project, context: Context) -> Emitted | None:
    path = project.data_dir / "actors.yaml"
    if not path.exists():
        return None

    def no_evidence(_quote: object, line: int) -> ox.NamedNode:
        raise UserError(
            "the register holds no evidence (it has no source text)",
            path,
            line,
            "ground mentions in an article's annotation file instead",
        )

    converter = Converter(
        context, path, ox.NamedNode(REGISTER_GRAPH), _display(project, path), hooks={EVIDENCE: no_evidence}
    )
    return converter.document(load_yaml(path))


def _check_article_node(data: LDict, path: Path, article_iri: str, text: str, context: Context) -> None:
    node = data.get("article")
    if not isinstance(node, LDict):
        raise UserError(
            "no 'article' section with the article's metadata",
            path,
            1,
            "add 'article:' with id, type: Article, headline, language, sha256 and rights",
        )
    iri = context.expand(str(node.get("id", "")), vocab_relative=False)
    if iri != article_iri:
        raise UserError(
            f"the article id must be article/{path.stem} (the file's name)",
            path,
            node.key_lines.get("id", node.line),
            f"write 'id: article/{path.stem}'",
        )
    actual = hashlib.sha256(text.encode("utf-8")).hexdigest()
    recorded = node.get(SHA256)
    if recorded != actual:
        raise UserError(
            f"source text does not match the recorded sha256 (text is {actual})",
            path,
            node.key_lines.get(SHA256, node.line),
            f"the source changed after annotation: re-check every evidence quote, then set 'sha256: {actual}'",
        )


def load_article(project: Project, context: Context, path: Path) -> tuple[str, Emitted, Path]:
    slug = path.stem
    text_path = project.data_dir / "sources" / f"{slug}.txt"
    data = load_yaml(path)
    text = read_source_text(text_path, path)
    graph = ox.NamedNode(GRAPH_NS + slug)
    article_iri = context.base + f"article/{slug}"
    if isinstance(data, LDict):
        _check_article_node(data, path, article_iri, text, context)
    grounder = Grounder(text, text_path, path, article_iri, context.base + f"span/{slug}/", graph)
    check = WordingCheck(text, text_path, path)
    checks: dict[str, Check] = {iri: check for iri in wording_properties(project.ontology_file)}
    converter = Converter(context, path, graph, _display(project, path), hooks={EVIDENCE: grounder}, checks=checks)
    emitted = converter.document(data)
    emitted.quads += grounder.quads
    emitted.quads.append(ox.Quad(ox.NamedNode(article_iri), NIF_IS_STRING, ox.Literal(text), graph))
    return graph.value, emitted, text_path


def check_terms(part: Emitted, known_terms: set[str]) -> None:
    """Every rg: class named by `type` and every concept value exists in ontology/."""
    for ref in part.types:
        if ref.iri.startswith(ONTOLOGY_NS) and ref.iri not in known_terms:
            name = ref.iri[len(ONTOLOGY_NS) :]
            classes = [
                t[len(ONTOLOGY_NS) :]
                for t in known_terms
                if t.startswith(ONTOLOGY_NS) and t[len(ONTOLOGY_NS)].isupper()
            ]
            raise UserError(f"unknown type '{name}'", ref.path, ref.line, did_you_mean(name, classes))
    for ref in part.concepts:
        if ref.namespace and not ref.iri.startswith(ref.namespace):
            raise UserError(
                f"'{ref.key}' value is read as {ref.iri}, not as a concept of {ref.namespace}",
                ref.path,
                ref.line,
                "a context key has the concept's name: map that name to the "
                "concept in the key's scoped context (see 'role' in ontology/context.jsonld)",
            )
        if ref.iri not in known_terms:
            scheme, _, name = ref.iri.rpartition("/")
            siblings = [t.rpartition("/")[2] for t in known_terms if t.startswith(scheme + "/")]
            raise UserError(
                f"'{name}' is not a concept of {scheme} (key '{ref.key}')",
                ref.path,
                ref.line,
                did_you_mean(name, siblings),
            )


def check_references(part: Emitted, is_defined, base: str, candidates) -> None:
    """Every id referred to under the project's namespace is defined somewhere (`is_defined(iri)`)."""
    for ref in part.references:
        if ref.iri.startswith(base) and not is_defined(ref.iri):
            slug = ref.iri[len(base) :]
            hint = did_you_mean(slug, [i[len(base) :] for i in candidates()])
            raise UserError(
                f"'{ref.key}' refers to {slug}, which no file in data/ defines",
                ref.path,
                ref.line,
                hint if "did you mean" in hint else "define it (with a type) or correct the id",
            )


def load_one(project: Project, context: Context, graph: str, files: list[Path]) -> Emitted:
    if graph == REGISTER_GRAPH:
        register = load_register(project, context)
        assert register is not None  # inputs() lists the register graph only when actors.yaml exists
        return register
    return load_article(project, context, files[0])[1]


def duplicate_error(iri: str, where: str, first: str, base: str) -> UserError:
    path, _, line = where.rpartition(":")
    return UserError(
        f"{iri[len(base) :]} is defined twice: also at {first}",
        path,
        int(line),
        "define each actor, event and statement once; refer to it elsewhere",
    )
