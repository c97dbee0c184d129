"""The console tables are printed on (rich), apart from :mod:`._common` so that a
command printing JSON only does not load the store to get it.

:func:`fit_table` lays a table out for the console's width itself rather than
leaving it to rich, whose own squeeze shrinks the columns that may wrap first and
then every column evenly: a long column that may not wrap (a diff key) took the
room of the short ones beside it, which came out empty or as ``…``.  Here a short
column (:attr:`Col.wrap` false: ids, statuses, counts) always gets its full width,
a long one wraps in what is left, and when even that does not fit the least
important columns are stacked under another one or, failing that, hidden — and
the caption says which.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text


def stdout() -> Console:
    # Piped output gets a wide table rather than rich's 80-column default.
    width = None if sys.stdout.isatty() else shutil.get_terminal_size(fallback=(160, 24)).columns
    return Console(soft_wrap=False, highlight=False, width=width)


@dataclass(frozen=True)
class Col:
    """One column of a :func:`fit_table`.

    ``wrap``: long text that may wrap (at spaces, else anywhere) down to ``min_width``;
    otherwise the column is always as wide as its widest value or header.
    ``rank``: 0 is always shown; when the console is too narrow, the highest ranks
    go first (the later column first among equals), each stacked as an extra line
    under the column named by ``under`` when that one is shown, else hidden.
    """

    header: str
    wrap: bool = False
    min_width: int = 12
    rank: int = 0
    under: str | None = None
    justify: JustifyMethod = "left"


# The look of every table: a rule under the header, two spaces between columns, no
# outer border, so that 80 columns leave room for the data.
_GAP = 2
# A wrapping column at most this wide (a time, a name) gets its width before the long ones.
_SHORT = 24


def _overhead(columns: int) -> int:
    return _GAP * (columns - 1) if columns else 0


def _width(value: str) -> int:
    return max((cell_len(line) for line in value.splitlines()), default=0)


def fit_table(
    title: str,
    columns: Sequence[Col],
    rows: Sequence[Sequence[str]],
    *,
    width: int,
    caption: str | None = None,
    show_header: bool = True,
    separate_rows: bool = True,
) -> Table:
    """A table of ``rows`` (plain text, never markup) laid out for ``width`` columns."""
    cols = list(columns)
    names = [c.header for c in cols]
    data = [list(r) for r in rows]
    if any(len(r) != len(cols) for r in data):
        raise ValueError("every row needs one value per column")

    def header(i: int) -> str:
        return cols[i].header if show_header else ""

    shown = list(range(len(cols)))
    stacked: dict[int, list[int]] = {}  # a shown column -> the columns stacked under it

    def lines(i: int) -> list[int]:
        """The column and those stacked under it (a fixed column folds them in its own width)."""
        return [i, *sorted(stacked.get(i, []))] if cols[i].wrap else [i]

    def values(i: int) -> int:
        return max((_width(r[j]) for r in data for j in lines(i)), default=0)

    def words(i: int) -> int:  # a wrapping column's header may wrap between its words
        return max((cell_len(w) for j in lines(i) for w in header(j).split()), default=0)

    def full(i: int) -> int:
        return max(values(i), _width(" / ".join(header(j) for j in lines(i))))

    def natural(i: int) -> int:
        return max(values(i), words(i)) if cols[i].wrap else full(i)

    def need(i: int) -> int:
        return min(natural(i), cols[i].min_width) if cols[i].wrap else natural(i)

    def comfortable(i: int) -> int:  # a short wrapping column (a time, a name) on one line
        return natural(i) if cols[i].wrap and natural(i) <= _SHORT else need(i)

    # Columns are stacked or hidden, least needed first, until the rest fit comfortably
    # (or nothing more may go: then the short wrapping columns wrap too).
    hidden: list[int] = []
    while sum(comfortable(i) for i in shown) + _overhead(len(shown)) > width:
        droppable = [i for i in shown if cols[i].rank > 0]
        if not droppable:
            break
        drop = max(droppable, key=lambda i: (cols[i].rank, i))
        shown.remove(drop)
        moved = [drop, *stacked.pop(drop, [])]  # what was stacked under it goes along
        above = cols[drop].under
        host = names.index(above) if above is not None and above in names else None
        if host is not None and host in shown:
            stacked.setdefault(host, []).extend(moved)
        else:
            hidden.extend(moved)

    widths = {i: need(i) for i in shown}
    room = width - _overhead(len(shown)) - sum(widths.values())
    fixed = room >= 0  # else narrower than the essential columns: rich squeezes them
    if fixed:
        # The room goes to the wrapping columns: first to the short ones (a time, a
        # name) so that they fit on one line, their headers too, then to all, evenly
        # (those that need less than an even share get just what they need); the long
        # columns' headers unwrap last.
        passes = ((natural, _SHORT), (full, _SHORT), (natural, None), (full, None))
        for target, most in passes:
            wanting = sorted(
                (target(i) - widths[i], i)
                for i in shown
                if cols[i].wrap and target(i) > widths[i] and (most is None or target(i) <= most)
            )
            for n, (short, i) in enumerate(wanting):
                give = min(short, room // (len(wanting) - n))
                widths[i] += give
                room -= give

    under = {i: sorted(stacked.get(i, [])) for i in shown}
    cells = [[Text("\n".join([r[i], *(r[j] for j in under[i] if r[j] and r[j] != "-")])) for i in shown] for r in data]
    # Rows of more than one line are set apart by an empty line (when rich squeezes the
    # columns, some text is wider than its column: the rows too).
    tall = separate_rows and (
        not fixed
        or any(
            any("\n" in t.plain or _width(t.plain) > widths[i] for t, i in zip(row, shown, strict=True))
            for row in cells
        )
    )
    notes = [caption] if caption else []
    if hidden:
        notes.append(f"hidden to fit {width} columns: {', '.join(names[i] for i in sorted(hidden))}")
    table = Table(
        title=title,
        caption="; ".join(notes) or None,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
        padding=(0, 1),
        show_header=show_header,
        show_lines=tall,
    )
    for i in shown:
        table.add_column(
            " / ".join(names[j] for j in [i, *under[i]]),
            justify=cols[i].justify,
            overflow="fold",
            width=widths[i] if fixed else None,
            min_width=None if fixed else min(need(i), 8),
        )
    for row in cells:
        table.add_row(*row)
    return table


def clip(text: str, limit: int) -> str:
    """``text`` whole when it has at most ``limit`` characters, else its start and ``…``
    (``limit`` characters in all): a table's long free text (an error, an answer) is
    cut so, never silently; the JSON output has it whole."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def print_table(
    console: Console,
    title: str,
    columns: Sequence[Col],
    rows: Sequence[Sequence[str]],
    *,
    caption: str | None = None,
    show_header: bool = True,
    separate_rows: bool = True,
) -> None:
    """:func:`fit_table` printed at the console's width."""
    table = fit_table(
        title,
        columns,
        rows,
        width=console.width,
        caption=caption,
        show_header=show_header,
        separate_rows=separate_rows,
    )
    console.print(table)
