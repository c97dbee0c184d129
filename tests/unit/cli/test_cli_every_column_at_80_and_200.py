"""Every table of the CLI reads at 80 columns and at 200, with long values (issue 13).

Each table command runs on the long demo (conftest.py) at ``COLUMNS=80`` and ``200``.
``print_table`` is watched, so the test knows each table's columns and the very
values given to it, and reads each column back from what was printed, by where it
stands under its header: every column is shown under its header — alone, or with
the columns stacked under it (``message / subscription / diff``) — or named in the
caption as hidden to fit (only the least needed, and never at 200); every value
given to a shown column is in that column, in its row, whole (a long error was cut
to a prefix ending in ``…`` before it was given). No line is wider than the console.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import ir_feed.cli
from ir_feed.cli import _console, main
from ir_feed.cli._console import Col
from tests.support.tables import widest_line
from tests.unit.cli.conftest import EXAMPLES, LONG_SUBSCRIPTION, ORPHAN_DRUG, WEBHOOK_ERROR, LongDemo

WIDTHS = (80, 200)
PAGE = EXAMPLES / "releases" / "tamsin-biologics-doses-first-patient-in-phase-2-tidal-trial-of-tmb-310.html"

# Every command that prints a table: the module printing it and its arguments.
COMMANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "deliveries": ("deliveries", ("deliveries",)),
    "deliveries show": ("deliveries", ("deliveries", "show", "{dead_id}")),
    "events": ("events", ("events",)),
    "event": ("events", ("event", ORPHAN_DRUG)),
    "diffs": ("events", ("diffs",)),
    "calendar": ("calendar", ("calendar", "--from", "2000-01-01", "--to", "2099-12-31")),
    "releases": ("releases", ("releases",)),
    "feeds": ("feeds", ("feeds",)),
    "subscriptions list": ("subscriptions", ("subscriptions", "list")),
    "poll": ("poll", ("poll", "--once", "--all")),
    "db prune": ("db", ("db", "prune", "--dry-run")),
    "extract": ("extract", ("extract", str(PAGE))),
}


def _norm(text: str) -> str:
    return "".join(text.split())


@dataclass
class Printed:
    title: str
    columns: Sequence[Col]
    rows: Sequence[Sequence[str]]
    caption: str | None
    show_header: bool
    separate_rows: bool
    width: int
    text: str = ""


@dataclass
class Read:
    """A printed table read back: each shown column's header and, per row, its text."""

    headers: list[str]
    cells: list[list[str]]  # [row][shown column]
    hidden: list[str]


def _spans(lines: list[str]) -> list[tuple[int, int]]:
    """Where the columns stand: runs of text two spaces or more apart."""
    width = max((len(line) for line in lines), default=0)
    used = [any(p < len(line) and line[p] != " " for line in lines) for p in range(width)]
    spans: list[tuple[int, int]] = []
    gap = 2
    for p, on in enumerate(used):
        if not on:
            gap += 1
            continue
        if gap >= 2:
            spans.append((p, p + 1))
        else:
            spans[-1] = (spans[-1][0], p + 1)
        gap = 0
    return spans


def read(t: Printed) -> Read:
    lines = [line.rstrip() for line in t.text.splitlines()]
    n = next(k for k in range(1, len(lines) + 1) if _norm(" ".join(lines[:k])) == _norm(t.title))
    rest = lines[n:]
    note = ""
    start = t.caption or ("hidden to fit" if "hidden to fit" in t.text else None)
    if start is not None:
        first = next(k for k in range(len(rest) - 1, -1, -1) if _norm(" ".join(rest[k:])).startswith(_norm(start)))
        note, rest = " ".join(" ".join(rest[first:]).split()), rest[:first]
    hidden_note = re.search(r"hidden to fit (\d+) columns: (.*)$", note)
    hidden = [h.strip() for h in hidden_note.group(2).split(",")] if hidden_note else []
    if hidden_note:
        assert int(hidden_note.group(1)) == t.width
    if t.show_header:
        rule = next(k for k, line in enumerate(rest) if line.startswith("─"))
        head, body = rest[:rule], rest[rule + 1 :]
    else:
        head, body = [], rest
    while body and not body[-1].strip():
        body.pop()
    spans = _spans(head + body)
    blocks: list[list[str]] = []
    if any(not line.strip() for line in body):  # rows of several lines, an empty line apart
        for line in body:
            if not line.strip():
                blocks.append([])
            elif blocks:
                blocks[-1].append(line)
            else:
                blocks.append([line])
    elif len(body) == len(t.rows):  # one line a row
        blocks = [[line] for line in body]
    elif len(t.rows) == 1:
        blocks = [body]
    else:  # (rows not set apart) a row starts where its first column has text
        for line in body:
            if line[spans[0][0] : spans[0][1]].strip() or not blocks:
                blocks.append([line])
            else:
                blocks[-1].append(line)
    blocks = [b for b in blocks if b]

    def cell(block: list[str], a: int, b: int) -> str:
        return " ".join(line[a:b].strip() for line in block).strip()

    return Read(
        headers=[" ".join(cell(head, a, b).split()) for a, b in spans],
        cells=[[cell(block, a, b) for a, b in spans] for block in blocks],
        hidden=hidden,
    )


def _names_of(header: str, names: list[str]) -> list[str] | None:
    """The columns a shown header names (``a / b / c``: ``b`` and ``c`` stacked under ``a``)."""

    def split(rest: str, left: list[str]) -> list[str] | None:
        for name in left:
            n = _norm(name)
            if rest == n:
                return [name]
            if rest.startswith(n + "/"):
                tail = split(rest[len(n) + 1 :], [x for x in left if x != name])
                if tail:
                    return [name, *tail]
        return None

    return split(_norm(header), names)


def check(t: Printed) -> Read:
    """Every column shown, with each row's value in it, or named as hidden."""
    got = read(t)
    names = [c.header for c in t.columns]
    assert len(got.cells) == len(t.rows), (t.title, got.cells)
    if not t.show_header:
        assert len(got.headers) == len(names), t.text
        where = {name: (s, 0) for s, name in enumerate(names)}
    else:
        where = {}
        for s, header in enumerate(got.headers):
            named = _names_of(header, names)
            assert named, (header, names, t.text)
            where |= {name: (s, depth) for depth, name in enumerate(named)}
    assert not (set(where) & set(got.hidden)), t.text
    assert set(where) | set(got.hidden) == set(names), (names, where, got.hidden, t.text)
    ranks = {c.header: c.rank for c in t.columns}
    assert all(ranks[h] > 0 for h in got.hidden), got.hidden  # only the least needed go
    if t.width >= 200:
        assert not got.hidden, t.text
    for r, row in enumerate(t.rows):
        for c, value in enumerate(row):
            if names[c] not in where or not value:  # hidden, or empty
                continue
            s, depth = where[names[c]]
            if depth and value == "-":  # stacked: a "-" is left out
                continue
            assert _norm(value) in _norm(got.cells[r][s]), (names[c], value, got.cells[r][s], t.text)
    return got


@pytest.fixture
def watch(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> list[Printed]:
    """Every table printed, with the text it printed (``print_table`` watched in every
    command module, and where ``extract`` looks it up)."""
    printed: list[Printed] = []
    original = _console.print_table

    def spy(console: Any, title: str, columns: Sequence[Col], rows: Sequence[Sequence[str]], **kw: Any) -> None:
        before = capsys.readouterr()
        printed.append(
            Printed(
                title,
                columns,
                rows,
                kw.get("caption"),
                kw.get("show_header", True),
                kw.get("separate_rows", True),
                console.width,
            )
        )
        original(console, title, columns, rows, **kw)
        printed[-1].text = capsys.readouterr().out
        print(before.out, end="")  # what was printed before the table stays in order
        print(printed[-1].text, end="")

    for name in _table_modules():
        module = importlib.import_module(f"ir_feed.cli.{name}")
        if hasattr(module, "print_table"):  # extract imports it when it prints
            monkeypatch.setattr(module, "print_table", spy)
    monkeypatch.setattr(_console, "print_table", spy)
    return printed


def _table_modules() -> set[str]:
    cli = Path(ir_feed.cli.__file__).parent
    return {
        m.name
        for m in pkgutil.iter_modules([str(cli)])
        if not m.name.startswith("_") and "print_table(" in (cli / f"{m.name}.py").read_text()
    }


def test_every_module_printing_a_table_is_run_here() -> None:
    assert _table_modules() == {module for module, _ in COMMANDS.values()}


@pytest.fixture(scope="module")
def poll_config(long_demo: LongDemo) -> Path:
    """``poll`` on a database of its own (it writes the feeds' state the others read)."""
    config = long_demo.config.parent / "poll.yaml"
    config.write_text(long_demo.config.read_text().replace("long.db", "poll.db"))
    return config


def _run(command: str, width: int, long_demo: LongDemo, poll_config: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("COLUMNS", str(width))
    _, argv = COMMANDS[command]
    args = [a.format(dead_id=long_demo.dead_id) for a in argv]
    if command != "extract":
        args += ["-c", str(poll_config if command == "poll" else long_demo.config)]
    return main(args)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_column_is_shown_in_its_place_or_named_as_hidden(
    command: str,
    width: int,
    long_demo: LongDemo,
    poll_config: Path,
    watch: list[Printed],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _run(command, width, long_demo, poll_config, monkeypatch) == 0
    out = capsys.readouterr().out
    assert watch, out
    assert widest_line(out) <= width, out
    for t in watch:
        assert t.width == width
        assert t.text in out
        check(t)


def _column(got: Read, t: Printed, name: str) -> int:
    return next(
        s for s, header in enumerate(got.headers) if name in (_names_of(header, [c.header for c in t.columns]) or [])
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_deliveries_show_status_attempts_last_status_and_error(
    width: int,
    long_demo: LongDemo,
    poll_config: Path,
    watch: list[Printed],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["deliveries", "-c", str(long_demo.config), "--format", "json"]) == 0
    messages = {m["id"]: m for m in json.loads(capsys.readouterr().out)}
    assert _run("deliveries", width, long_demo, poll_config, monkeypatch) == 0
    capsys.readouterr()
    (t,) = watch
    got = check(t)
    message, subscription, status, attempts, last, error = (
        _column(got, t, name) for name in ("message", "subscription", "status", "attempts", "last", "last error")
    )
    shown = {_norm(row[message])[:30]: row for row in got.cells}  # the id: 30 characters, first in its column
    assert shown.keys() == messages.keys()
    for id_, m in messages.items():
        row = shown[id_]
        expected = "failed" if m["status"] == "retrying" else m["status"]
        assert (row[status], row[attempts], row[last]) == (expected, str(m["attempts"]), str(m["last_status"] or "-"))
        if m["id"] == long_demo.dead_id:  # a long error: its start, then "…"
            assert (m["status"], m["attempts"], m["last_status"]) == ("dead", 12, 503)
            assert _norm(row[error]).startswith(_norm(WEBHOOK_ERROR[:100])) and row[error].endswith("…")
            assert LONG_SUBSCRIPTION in _norm(row[subscription])  # stacked under the message at 80
        elif m["last_error"]:  # a connection error (host, port, reason): whole
            assert _norm(row[error]) == _norm(m["last_error"])
        else:
            assert row[error] == ""
    assert {m["status"] for m in messages.values()} == {"dead", "delivered", "retrying"}


@pytest.mark.parametrize("width", WIDTHS)
def test_a_long_free_text_is_cut_with_an_ellipsis_never_silently(
    width: int,
    long_demo: LongDemo,
    poll_config: Path,
    watch: list[Printed],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for command in ("deliveries", "deliveries show", "feeds"):
        assert _run(command, width, long_demo, poll_config, monkeypatch) == 0
    capsys.readouterr()
    long_text = [v for t in watch for row in t.rows for v in row if len(v) > 100]
    assert long_text  # the webhook's error and answer, the feed's TLS error
    cut = [v for t in watch for row in t.rows for v in row if v.endswith("…")]
    assert any(v.startswith("ReadTimeout: ") for v in cut)  # deliveries: 120 characters
    assert any(v.startswith("<html>") for v in cut)  # deliveries show: the answer's start
    assert any(v.startswith("ConnectError: [SSL:") for v in cut)  # feeds
    shows = [t for t in watch if t.title.endswith("attempt(s)")]
    assert any(row[4] == WEBHOOK_ERROR for t in shows for row in t.rows)  # one message: its error whole
