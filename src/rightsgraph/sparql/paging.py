"""`query --limit N --offset M`: one page of a question's rows, asked as SPARQL's own LIMIT and OFFSET.

The page is a solution modifier added to the outer query (before a final VALUES block, where SPARQL puts it),
so the store computes only what the page needs where it can (Oxigraph stops a SELECT without ORDER BY at the
page's last row, and keeps only the top rows of an ORDER BY), the same on the embedded store and on an
endpoint. It applies to SELECT only, and to a question that does not page itself: a LIMIT or OFFSET after its
outer group is its author's, which a second one would contradict (a sub-select's own LIMIT is no matter)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rightsgraph.sparql import syntax
from rightsgraph.sparql.queries import QueryFile, query_form

# keywords, not variables (?limit, $values) nor the local part of a prefixed name (ex:values)
MODIFIER = re.compile(r"(?<![?$:\w])(LIMIT|OFFSET)\s+\d", re.IGNORECASE)
FINAL_VALUES = re.compile(r"(?<![?$:\w])VALUES\b[^{}]*\{[^{}]*\}\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    limit: int | None = None
    offset: int = 0

    @property
    def whole(self) -> bool:
        return self.limit is None and self.offset == 0

    def next_offset(self, rows: int) -> int | None:
        """The --offset of the next page when this one came full (more rows may follow); else None."""
        return self.offset + rows if self.limit is not None and rows >= self.limit else None


WHOLE = Page()  # every row


class PageError(ValueError):
    """A question that cannot be paged (the CLI's usage error, exit 2)."""


def paged(query: QueryFile, text: str, page: Page) -> str:
    """`text` (the question as it will be sent) with the page's LIMIT and OFFSET; PageError where the question
    cannot be paged."""
    if page.whole:
        return text
    form = query_form(query.prelude + query.text)
    if form != "SELECT":
        raise PageError(f"{query.name} is a {form} query: a page is rows of a SELECT")
    blanked = syntax.blank(query.text)
    final = FINAL_VALUES.search(blanked)
    body = blanked[: final.start()] if final else blanked
    if MODIFIER.search(body[body.rfind("}") + 1 :]):  # the outer query's modifiers (a sub-select's are its own)
        raise PageError(
            f"{query.name} has its own LIMIT or OFFSET: page it in its text, or leave out --limit and --offset"
        )
    modifiers = "".join(
        (f"\nLIMIT {page.limit}" if page.limit is not None else "", f"\nOFFSET {page.offset}" if page.offset else "")
    )
    final = FINAL_VALUES.search(syntax.blank(text))
    cut = final.start() if final else len(text)
    return f"{text[:cut].rstrip()}{modifiers}\n{text[cut:]}"
