"""What the reading view (export.reading) shows: articles, their evidence spans, grounded nodes, statements."""

from __future__ import annotations

from dataclasses import dataclass, field

OTHER = ("other", 99)  # the kind of a node none of whose classes names a kind (reading-node-kinds.rq)


@dataclass
class Node:
    iri: str
    label: str
    kind: str = OTHER[0]
    rank: int = OTHER[1]
    types: list[str] = field(default_factory=list)
    certainty: str | None = None
    draft: bool = False
    links: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Span:
    iri: str
    begin: int
    end: int
    nodes: tuple[str, ...]


@dataclass
class Statement:
    iri: str
    speaker: str
    speaker_label: str
    stances: list[dict[str, object]] = field(default_factory=list)


@dataclass
class Article:
    slug: str
    iri: str
    headline: str
    language: str
    text: str
    spans: list[Span] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)


@dataclass
class Reading:
    """What the reading view shows of the whole dataset: the articles, and every grounded node."""

    articles: list[Article]
    nodes: dict[str, Node]
