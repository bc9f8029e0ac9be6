"""Tables on a terminal that are readable at any width and never cut a cell short.

A table prints in one of three layouts, chosen by the width it gets (`layout`):

- lines: one line per row, when every column fits at its natural width (its longest cell or its name);
- wrapped: the table at the width, long cells wrapped (at spaces; an IRI anywhere), no column narrower
  than MIN_WIDTH characters unless its content is;
- records: when the columns cannot all be that wide, one block per row of "column: value" lines, the value
  wrapped under itself (psql's expanded display, \\x).

`wide=True` prints one line per row at the table's natural width whatever the width (for a pager: less -S).

The width is rich's: COLUMNS when set, else the terminal's (also when stdout is piped into a pager: rich asks
stdin and stderr too), else 80. Cells are measured and printed as `plain` text (control characters as escapes,
tabs as spaces), so a name can neither drive the terminal nor break the columns.

Cells of a query's answer (`cell_text`): an IRI compact with the prefixes a parameter of the query may use
(id:actor/x, rg:Claim), so that `--param name=id:actor/x` takes back what a table shows; a literal as its
value; a blank node as _:id; nothing where unbound.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pyoxigraph as ox
from rich.cells import cell_len
from rich.console import Console
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from rightsgraph.cli.output import LiteralConsole, console
from rightsgraph.core.text import plain

MIN_WIDTH = 12  # the narrowest a wrapped column gets (a column whose every cell is shorter gets what it needs)
MIN_VALUE_WIDTH = 20  # the narrowest a record's values get, however long the column names
HIERARCHICAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")  # what --param reads as an IRI without <>


def compact_iri(iri: str, prefixes: dict[str, str]) -> str:
    """`iri` as `--param` reads it back: prefix:local with the longest namespace that fits, else the IRI as it
    is (https://...), else in <> (urn:x, mailto:x, or an IRI whose scheme is also a prefix's name)."""
    best = ""
    for name, namespace in prefixes.items():
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and local and not local.startswith("//") and len(namespace) > len(best):
            best, compacted = namespace, f"{name}:{local}"
    if best:
        return compacted
    scheme = iri.partition(":")[0]
    return iri if HIERARCHICAL.match(iri) and scheme not in prefixes else f"<{iri}>"


def cell_text(term: object, prefixes: dict[str, str]) -> str:
    """One cell of an answer: an IRI compact (`compact_iri`), a literal's value, _:id, or "" where unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value, prefixes)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)  # an RDF 1.2 triple term, in N-Triples


def text_width(text: str) -> int:
    """The columns `text` takes on a terminal: its widest line (a wide character takes two)."""
    return max((cell_len(line) for line in text.split("\n")), default=0)


def table_width(widths: Sequence[int]) -> int:
    """The width of a rich table with these column widths: a space either side of each cell, and borders."""
    return sum(widths) + 3 * len(widths) + 1


def column_widths(natural: Sequence[int], width: int, words: Sequence[int] = ()) -> list[int] | None:
    """Column widths for a table at most `width` wide: the natural widths if they fit; else the widest columns
    narrowed to one common cap (and what the cap leaves shared among them). No column is narrower than
    MIN_WIDTH unless its content is, nor than its longest word (`words`) where that fits, the shortest words
    first; None when the columns cannot all be MIN_WIDTH wide."""
    room = width - table_width([0] * len(natural))
    if sum(natural) <= room:
        return list(natural)
    least = [min(n, MIN_WIDTH) for n in natural]
    if sum(least) > room:
        return None
    for i in sorted(range(len(words)), key=lambda i: words[i]):
        wanted = min(natural[i], max(least[i], words[i]))
        if sum(least) - least[i] + wanted <= room:
            least[i] = wanted
    cap = max(natural)
    while sum(max(low, min(n, cap)) for low, n in zip(least, natural, strict=True)) > room:
        cap -= 1
    widths = [max(low, min(n, cap)) for low, n in zip(least, natural, strict=True)]
    for i, n in enumerate(natural):  # the columns cut at the cap share the rest, one character each
        if sum(widths) < room and n > widths[i]:
            widths[i] += 1
    return widths


def layout(columns: Sequence[str], rows: Sequence[Sequence[str]], width: int, wide: bool = False) -> str:
    """Which layout a table gets at `width`: "lines", "wrapped" or "records" (see the module's docstring)."""
    if wide or table_width(natural_widths(columns, one_line(rows))) <= width:
        return "lines"
    return "wrapped" if column_widths(natural_widths(columns, rows), width) is not None else "records"


def natural_widths(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    return [max([text_width(c), *(text_width(row[i]) for row in rows)]) for i, c in enumerate(columns)]


def word_widths(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    """Each column's longest word (of its name and cells): narrower, the column would break it."""
    longest = lambda text: max((cell_len(word) for word in text.split()), default=0)
    return [max([longest(c), *(longest(row[i]) for row in rows)]) for i, c in enumerate(columns)]


def one_line(rows: Sequence[Sequence[str]]) -> list[list[str]]:
    """The rows with each line break inside a cell shown as \\n, which keeps a row on one line."""
    return [[cell.replace("\n", "\\n") for cell in row] for row in rows]


def print_table(
    title: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    wide: bool = False,
    out: Console = console,
) -> None:
    """Print a table of text cells in the layout its width allows (`layout`)."""
    columns = [plain(c) for c in columns]
    rows = [[plain(cell).expandtabs(4) for cell in row] for row in rows]  # a tab's width depends on where it is
    chosen = layout(columns, rows, out.width, wide)
    if chosen == "lines":
        _print_lines(title, columns, rows, out)
    elif chosen == "records":
        _print_records(title, columns, rows, out)
    else:
        widths = column_widths(natural_widths(columns, rows), out.width, word_widths(columns, rows))
        out.print(_table(title, columns, rows, widths or [], no_wrap=False))


def _table(
    title: str, columns: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int], no_wrap: bool
) -> Table:
    table = Table(title=Text(title), title_justify="left")
    for name, width in zip(columns, widths, strict=True):
        table.add_column(Text(name), width=width, no_wrap=no_wrap, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def _print_lines(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]], out: Console) -> None:
    """One line per row at the natural widths (`one_line`), on a console as wide as the table: a line wider
    than the terminal is not cut."""
    rows = one_line(rows)
    widths = natural_widths(columns, rows)
    total = table_width(widths)  # the title wraps above it
    target = out
    if total > out.width:
        target = LiteralConsole(
            file=out.file,
            width=total,
            color_system=out.color_system,
            force_terminal=out.is_terminal,
        )
    target.print(_table(title, columns, rows, widths, no_wrap=True))


def _print_records(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]], out: Console) -> None:
    """One block per row: a rule naming the row, then "column: value" lines, each value wrapped under itself
    (at spaces; an IRI anywhere), nothing padded after it."""
    width = out.width
    label = min(max(text_width(c) for c in columns) + 1, max(width - MIN_VALUE_WIDTH - 1, 1))
    room = max(width - label - 1, MIN_VALUE_WIDTH)
    out.print(Text(title, style="bold"))
    names = {name: Text(f"{name}:", style="bold").wrap(out, label, overflow="fold") for name in columns}
    for number, row in enumerate(rows, start=1):
        out.print(Rule(Text(f"row {number} of {len(rows)}"), align="left", style="dim"))
        lines: list[Text] = []  # one print per row: printing line by line costs more than wrapping
        for name, cell in zip(columns, row, strict=True):
            values = Text(cell).wrap(out, room, overflow="fold")
            for i in range(max(len(names[name]), len(values))):
                key = names[name][i].copy() if i < len(names[name]) else Text()
                key.rstrip()
                line = Text.assemble(key, " " * (label + 1 - key.cell_len), values[i] if i < len(values) else "")
                line.rstrip()
                lines.append(line)
        out.print(Text("\n").join(lines))
