"""Reading the CLI's tables back (ir_feed/cli/_console.py: a rule under the header,
two spaces or more between columns, an empty line between rows when a row takes
several lines)."""

from __future__ import annotations

import re

from rich.cells import cell_len


def table_rows(text: str) -> list[list[str]]:
    """The first line of every row of the first table in ``text`` (the last thing
    printed before its caption), split into its cells: a cell holding two spaces in a
    row would be split, which ids, statuses, counts and times never do."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("─")) + 1
    body = [line.rstrip() for line in lines[start:]]
    if any(not line.strip() for line in body):  # rows of several lines, one empty line apart
        blocks = "\n".join(body).split("\n\n")
        firsts = [block.splitlines()[0] for block in blocks if block.strip()]
    else:
        firsts = [line for line in body if line.strip() and not line.startswith(" ")]
    return [re.split(r" {2,}", line.strip()) for line in firsts]


def widest_line(text: str) -> int:
    """The width of the widest line of ``text``, trailing spaces not counted."""
    return max((cell_len(line.rstrip()) for line in text.splitlines()), default=0)
