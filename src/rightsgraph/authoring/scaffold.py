"""A new article: its source text copied into data/sources/ and an annotation skeleton that builds as is.

`new_article(project, slug, text_path, language)` refuses, before writing anything, a slug that cannot name
an article (the rules of datafiles: a slug, no reserved graph, no clash in case), a slug already used (its
source or its annotation exists), and a text that cannot be read, is not UTF-8 or is empty. It then writes
data/sources/SLUG.txt (the bytes of the text, unchanged, so that its SHA-256 is the one recorded) and
data/annotations/SLUG.yaml: the `article:` metadata (id, headline from the first line when that line is
plainly a headline, or from the line after a dateline that follows a note on the text, language, sha256, a rights
statement, an unknown publication time) and one grounded
mention of each register actor and place the text names (mentions), and of each actor and place another article
defines that the text names by a proper name (authoring.elsewhere). Each is written only if both can be:
a failure removes what was written.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import yaml

from rightsgraph.authoring.annotations import EVIDENCE
from rightsgraph.authoring.context import Context, load_context
from rightsgraph.authoring.datafiles import REGISTER, check_slug
from rightsgraph.authoring.dateline import DATELINE, TOP_LINES, Dateline, read_dateline
from rightsgraph.authoring.elsewhere import defined_elsewhere
from rightsgraph.authoring.ground import NIF, Grounder
from rightsgraph.authoring.mentions import Entry, Mention, Unquotable, find_mentions, register_entries
from rightsgraph.authoring.yaml_lines import load_yaml
from rightsgraph.authoring.yamlld import Converter
from rightsgraph.core.errors import UserError, disk_errors, is_disk_full, read_text
from rightsgraph.core.project import GRAPH_NS, ONTOLOGY_NS, Project
from rightsgraph.core.text import NOT_TEXT

DRAFT = ONTOLOGY_NS + "isDraft"
MAX_HEADLINE = 200  # characters: a longer first line is a paragraph, not a headline
MAX_HEADLINE_WORDS = 25
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")  # BCP 47, as the article shape takes it
RIGHTS = (
    "Third-party text: its publisher and licence are unknown. It is quoted here verbatim for research and "
    "annotation only; rightsgraph does not relicense it, and the project licence does not cover it."
)


@dataclass
class NewArticle:
    """What `new_article` wrote: the two files, the text's digest, the headline (None: left to the
    researcher), the mentions and the names found only where no quote grounds once."""

    slug: str
    source: Path
    annotation: Path
    sha256: str
    headline: str | None
    mentions: list[Mention] = field(default_factory=list)
    unquotable: list[Unquotable] = field(default_factory=list)
    draft_key: str | None = None
    dateline: Dateline | None = None


def scalar(value: str) -> str:
    """`value` as one double-quoted YAML scalar, read back as exactly this text by every YAML reader."""
    dumped = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=float("inf"))
    return dumped.removesuffix("\n...\n").rstrip("\n")


def plain_headline(text: str) -> str | None:
    """The text's headline, where a line plainly is one: its first line, or, when the first line is something else
    (a note on where the text comes from) and a dateline of its own follows it, the line after the dateline. A
    headline is followed by more text, short, one phrase that does not end like a sentence or a clause, with
    letters and no control characters, and no dateline; else None."""
    lines = [line.strip() for line in text.lstrip("\ufeff").split("\n")]
    filled = [i for i, line in enumerate(lines) if line]
    if not filled:
        return None
    first = filled[0]
    if first == 0 and _headline(lines, 0):
        return lines[0]
    for at, following in itertools.pairwise(filled[: TOP_LINES + 1]):
        if _dateline_alone(lines[at]):
            return lines[following] if _headline(lines, following) else None
    return None


def _dateline_alone(line: str) -> bool:
    match = DATELINE.match(line)
    return match is not None and match.end() == len(line)


def _headline(lines: list[str], at: int) -> bool:
    line = lines[at]
    if not any(rest for rest in lines[at + 1 :]) or not line or len(line) > MAX_HEADLINE or _dateline_alone(line):
        return False
    if len(line.split()) > MAX_HEADLINE_WORDS or NOT_TEXT.search(line) or not any(c.isalpha() for c in line):
        return False
    return not (line.endswith((".", ",", ";", ":", "\u060c", "\u061b")) or re.search(r"[.!?\u061f]\s", line))


def _fix_for(slug: str) -> str:
    better = re.sub(r"[^A-Za-z0-9._-]+", "-", slug).strip("-.") or "article"
    if better == slug:
        better = f"{slug}-article"
    return f"choose another slug: letters, digits, '-', '.' or '_', e.g. rightsgraph new {better} --text FILE"


def check_new_slug(project: Project, slug: str) -> tuple[Path, Path]:
    """The paths of the new article's source and annotation, or a UserError: the slug is not one, is
    reserved, or is taken (exactly, or but for case) by an existing source or annotation."""
    annotations, sources = project.data_dir / "annotations", project.data_dir / "sources"
    annotation, source = annotations / f"{slug}.yaml", sources / f"{slug}.txt"
    for existing in (annotation, source):
        if existing.is_symlink() or existing.exists():
            raise UserError(
                f"the article '{slug}' already exists: {existing.relative_to(project.root).as_posix()} is there",
                existing,
                1,
                f"{_fix_for(slug)}; or edit data/annotations/{slug}.yaml",
            )
    seen = {
        p.stem.casefold(): p
        for folder, suffix in ((sources, ".txt"), (annotations, ".yaml"))  # an annotation named first
        for p in (sorted(folder.iterdir()) if folder.is_dir() else [])
        if p.suffix == suffix
    }
    try:
        check_slug(annotation, seen)
    except UserError as error:
        raise UserError(error.message, error.path, None, _fix_for(slug)) from None
    return source, annotation


def read_new_text(path: Path) -> tuple[bytes, str]:
    """The bytes of the text to copy and their text: readable, UTF-8, not empty; or a UserError."""
    text = read_text(path, "text")
    if not text.strip():
        raise UserError("the text is empty", path, 1, "give --text a file holding the article's text")
    return text.encode("utf-8"), text


def draft_key(context: Context) -> str | None:
    """The context's key for rg:isDraft, if the project has one: proposed mentions carry it."""
    return next((t.name for t in context.terms.values() if t.iri == DRAFT), None)


def skeleton(article: NewArticle, language: str) -> str:
    """The annotation file's text."""
    slug, headline = article.slug, article.headline
    lines = [
        f"# Annotation of data/sources/{slug}.txt (YAML-LD read through ontology/context.jsonld), written by",
        "# `rightsgraph new`. Every quote under `evidence:` is copied verbatim from the text and occurs",
        "# exactly once in it; the build grounds it to character offsets. Keys: docs/authoring-keys.md.",
        "",
        "article:",
        f"  id: article/{slug}",
        "  type: Article",
    ]
    if headline is not None:
        lines.append(f"  headline: {scalar(headline)}")
    else:
        lines += [
            "  # TODO headline: no line near the top reads as a headline; write the article's own.",
            f"  headline: {scalar(f'(headline of {slug} not yet recorded)')}",
        ]
    lines += [
        f"  language: {language}",
        f"  sha256: {article.sha256}",
        "  # TODO rights: who published the text and under which licence, if known.",
        f"  rights: {scalar(RIGHTS)}",
    ]
    if article.dateline is not None:
        day = article.dateline.date.isoformat()
        lines += [
            "  # published: read from the text's dateline; check it (a dateline can be the date of the events,",
            "  # not of publication: then date the article from context sources instead).",
            "  published:",
            f"    expression: {scalar(article.dateline.expression)}",
            f'    edtf: "{day}"',
            f"    earliest: {day}",
            f"    latest: {day}",
            "    basis: dateline",
            "",
        ]
    else:
        lines += [
            "  # TODO published: the publication date is unknown (EDTF XXXX) until you date it: the text's dateline",
            "  # (expression, basis: dateline) or an inference from context sources (earliest/latest, dated_by).",
            "  published:",
            '    edtf: "XXXX"',
            "",
        ]
    if article.mentions:
        lines += [
            "# Mentions: one grounded mention of each register actor and place (and of each another article",
            "# defines) whose name occurs in the text,",
            "# found by `rightsgraph new`. Check each: delete it where the words do not mean that actor or place"
            + (f",\n# and confirm it by deleting its `{article.draft_key}: true` line." if article.draft_key else "."),
            "mentions:",
        ]
        for mention in article.mentions:
            lines.append(f"  - id: {mention.id}  # {scalar(mention.name)}")
            if article.draft_key:
                lines.append(f"    {article.draft_key}: true")
            lines.append(f"    evidence: [{scalar(mention.quote)}]")
    else:
        lines.append("# No register actor or place is named in the text (data/actors.yaml: name, aliases).")
    for missing in article.unquotable:
        lines.append(
            f"# Not proposed: {missing.id} ({scalar(missing.name)}), named only in passages that occur more than once."
        )
    return "\n".join(lines) + "\n"


def _converts(content: str, text: str, context: Context, article: NewArticle) -> str | None:
    """None if the skeleton converts as the build converts it (every quote grounded once, where it was found),
    else the converter's complaint."""
    data = load_yaml(article.annotation, content)
    graph = ox.NamedNode(GRAPH_NS + article.slug)
    grounder = Grounder(
        text, article.source, article.annotation, context.base + f"article/{article.slug}",
        context.base + f"span/{article.slug}/", graph,
    )  # fmt: skip
    try:
        Converter(context, article.annotation, graph, article.slug, hooks={EVIDENCE: grounder}).document(data)
    except UserError as error:
        return str(error)
    spans = {(q.subject.value, q.object.value) for q in grounder.quads if q.predicate.value == NIF + "beginIndex"}
    starts = sorted(int(start) for _, start in spans)
    assert starts == sorted(m.quote_start for m in article.mentions), "a quote grounded elsewhere"
    return None


def _checked_skeleton(text: str, context: Context, article: NewArticle, language: str) -> str:
    """The skeleton, checked by the build's own converter. Where the converter does not take `draft: true`
    yet (the key in the context, the yes/no refused), the mentions are written without it."""
    content = skeleton(article, language)
    problem = _converts(content, text, context, article)
    if problem is not None and article.draft_key is not None:
        article.draft_key = None
        content = skeleton(article, language)
        problem = _converts(content, text, context, article)
    if problem is not None:
        raise RuntimeError(f"the skeleton of {article.slug} does not convert: {problem}")
    return content


def _write_new(path: Path, content: bytes) -> None:
    """A new file holding `content`, never one that was there; on failure, no file (and a UserError)."""
    with disk_errors(path):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            out = path.open("xb")
        except FileExistsError:
            raise UserError("the file appeared while writing it", path, None, "run it again") from None
        except OSError as exc:
            if is_disk_full(exc):
                raise
            raise UserError(f"cannot write the file: {exc.strerror}", path, None, "check the folder") from None
        try:
            with out:
                out.write(content)
        except BaseException:
            path.unlink(missing_ok=True)
            raise


def new_article(project: Project, slug: str, text_path: Path, language: str = "en") -> NewArticle:
    """Check everything, then write the source text and the annotation skeleton (both, or neither)."""
    source, annotation = check_new_slug(project, slug)
    if not LANGUAGE_TAG.fullmatch(language):
        raise UserError(
            f"--language {language!r} is not a language tag", None, None, "give a BCP 47 tag such as en, ar or ckb"
        )
    raw, text = read_new_text(text_path)
    context = load_context(project.ontology_dir / "context.jsonld")
    digest = hashlib.sha256(raw).hexdigest()
    article = NewArticle(
        slug,
        source,
        annotation,
        digest,
        plain_headline(text),
        draft_key=draft_key(context),
        dateline=read_dateline(text),
    )
    entries = register_entries(project.data_dir / REGISTER, context)
    known = [{"name": name} for entry in entries for name in entry.names]
    entries += [Entry(e["id"], (e["name"], *e["aliases"]), 0) for e in defined_elsewhere(project, slug, known)]
    article.mentions, article.unquotable = find_mentions(text, entries)
    content = _checked_skeleton(text, context, article, language)
    _write_new(source, raw)
    try:
        _write_new(annotation, content.encode("utf-8"))
    except BaseException:
        source.unlink(missing_ok=True)
        raise
    return article
