"""The CLI's table layout (ir_feed/cli/_console.py) on its own: short columns whole,
long ones wrapped in what is left, the least needed stacked or hidden, and said so."""

from __future__ import annotations

import pytest
from rich.console import Console

from ir_feed.cli._console import Col, fit_table
from tests.support.tables import table_rows, widest_line

COLUMNS = (
    Col("created", wrap=True, min_width=10, rank=3),
    Col("id"),
    Col("status"),
    Col("tries", justify="right"),
    Col("diff", wrap=True, min_width=16, rank=2, under="id"),
    Col("note", wrap=True, min_width=8, rank=1),
    Col("error", wrap=True, min_width=16),
)
ROW = (
    "2026-12-06 07:18",
    "msg_01M953F0KQ25F5F0WF8PNFBPNA",
    "delivered",
    "12",
    "event.created " + "x" * 120,  # a long value beside short ones: it used to take their room
    "replayed",
    "ConnectError: Cannot connect to host 127.0.0.1:18998 ssl:default [Errno 111] refused",
)


def render(width: int, columns: tuple[Col, ...] = COLUMNS, rows: tuple[tuple[str, ...], ...] = (ROW,)) -> str:
    console = Console(width=width, record=True, highlight=False)
    console.print(fit_table("t", columns, rows, width=width))
    return console.export_text()


@pytest.mark.parametrize("width", [80, 120, 200, 400])
def test_short_columns_are_whole_and_nothing_is_cut(width: int) -> None:
    out = render(width)
    assert widest_line(out) <= width
    assert "…" not in out
    cells = table_rows(out)[0]
    assert {"msg_01M953F0KQ25F5F0WF8PNFBPNA", "delivered", "12"} <= set(cells)
    assert "[Errno" in out  # plain text, not rich markup
    assert "x" * 10 in out and "".join(out.split()).count("x") == 120  # folded, every character kept


def test_the_least_needed_go_first_stacked_where_they_can_be() -> None:
    out = render(80)
    assert "id / diff" in out  # the diff under the id
    assert "hidden to fit 80 columns: created" in out and "note" in out
    out = render(60)
    assert "id / diff" in out and "hidden to fit 60 columns: created, note" in out
    out = render(200)
    assert "hidden" not in out and "id / diff" not in out
    assert table_rows(out)[0][:3] == ["2026-12-06 07:18", "msg_01M953F0KQ25F5F0WF8PNFBPNA", "delivered"]


def test_the_room_goes_to_short_wrapping_columns_first() -> None:
    cols = (Col("when", wrap=True, min_width=10), Col("id"), Col("text", wrap=True, min_width=10))
    out = render(60, cols, (("2026-12-06 07:18", "abc", "word " * 40),))
    assert table_rows(out)[0][0] == "2026-12-06 07:18"  # not split over two lines


def test_narrower_than_the_essential_columns_still_prints() -> None:
    out = render(30)
    assert "msg_01M953F0KQ25F5F0WF8PNFBPNA"[:8] in out


def test_a_row_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError, match="one value per column"):
        fit_table("t", COLUMNS, [("a",)], width=80)
