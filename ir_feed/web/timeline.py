"""The issuer timeline: one ticker's designations and trial windows over time, as an inline SVG string.

What it draws, top to bottom:

* a small legend;
* one lane of points — each regulatory designation (or any dated single fact) a circle on its day, its label
  written beside it when there is room and always given as a ``<title>`` (the hover text);
* one lane per trial window bar, from window start to window end, packed greedily: a bar goes into the first lane
  where it (with its label, written above it) clears everything already in that lane, so the height grows with need;
* the time axis: ticks labelled at years (and at quarters when the range is under about three years), and a dashed
  vertical line labelled "today".

Status is never told by colour alone: a planned window is an outlined, hatched bar (an SVG ``<pattern>``), an
initiated one is solid, a window whose first patient is dosed is solid with a triangle at its start; every bar's
``<title>`` says its status in words.  Marks with a link are wrapped in ``<a href>`` so that keyboard users can reach
them; only site-relative links (``/...``) are kept, anything else is dropped and the mark kept.

Pure: data in, string out.  No I/O and no clock (the caller passes ``today``), so the same input gives the same
bytes, which makes the page cacheable and the drawing testable without a browser.  Every caller-supplied string is
untrusted: characters XML 1.0 forbids are dropped, the rest escaped, labels cut at 80 characters, and at most 500
points and 500 bars are drawn (the first ones given; the description says how many were left out).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

__all__ = ["MAX_BARS", "MAX_LABEL", "MAX_POINTS", "Bar", "Point", "render"]

MAX_POINTS = 500
MAX_BARS = 500
MAX_LABEL = 80

_MAX_TITLE = 120
_MAX_HREF = 2048
_MIN_WIDTH = 320
_CHAR_PX = 6.5  # rough width of one character at font-size 12

# colours: text and marks all reach at least 4.5:1 against the white background
_BG = "#ffffff"
_TEXT = "#1a1a1a"
_MUTED = "#595959"
_BAR = "#1f5fa8"
_POINT = "#8a4b00"
_TODAY = "#b3261e"
_GRID = "#e3e3e3"

# geometry (px)
_PAD = 12
_LEGEND_ROW = 18
_TODAY_LABEL = 16
_POINT_ROW = 18
_POINT_ROWS = 3
_R = 5.0
_LANE = 30
_BAR_H = 10
_BAR_MIN_W = 6.0
_LANE_GAP = 8.0
_AXIS_H = 30
_MIN_RANGE_DAYS = 120  # long enough to hold at least one quarter tick
_QUARTERS_UNDER_DAYS = 1100  # about three years
_YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_STATUS_WORDS = {"planned": "planned", "initiated": "initiated", "first_patient_dosed": "first patient dosed"}

# C0 controls but tab/LF/CR (forbidden by XML 1.0), DEL and C1 controls (allowed but discouraged),
# lone surrogates and U+FFFE/U+FFFF (forbidden)
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# the id prefix placeholder: NUL never survives _clean, so it marks only our own ids until the digest replaces it
_ID = "\x00"

_SVG_NS = "http://www.w3.org/2000/svg"
_EMPTY_TEXT = "No designations or trial windows yet"


@dataclass(frozen=True, slots=True)
class Point:
    """One designation (or any dated single fact)."""

    day: date
    label: str  # e.g. "FDA Fast Track — ACM-101 (NASH)"; untrusted text
    href: str | None = None  # a relative link, e.g. "/events/abc"; untrusted, must be escaped


@dataclass(frozen=True, slots=True)
class Bar:
    """One trial window."""

    start: date
    end: date  # >= start; equal means a one-day window
    label: str  # e.g. "ACM-101 Phase 2 (ACME-2)"; untrusted
    status: str  # "planned" | "initiated" | "first_patient_dosed" (anything else: drawn as planned)
    href: str | None = None


def render(points: Sequence[Point], bars: Sequence[Bar], *, today: date, title: str, width: int = 880) -> str:
    """The timeline as one <svg> element (a string).

    At most ``MAX_POINTS`` points and ``MAX_BARS`` bars are drawn: the first ones given.  A bar whose end is before
    its start is drawn from the earlier date to the later.  ``width`` (px) must be at least 320.
    """
    if width < _MIN_WIDTH:
        raise ValueError(f"width must be at least {_MIN_WIDTH}, got {width}")
    kept_points = sorted(points[:MAX_POINTS], key=_point_key)
    kept_bars = sorted((_ordered(b) for b in bars[:MAX_BARS]), key=_bar_key)
    dropped_points = max(0, len(points) - MAX_POINTS)
    dropped_bars = max(0, len(bars) - MAX_BARS)
    clean_title = _clean(title, _MAX_TITLE) or "Timeline"
    if not kept_points and not kept_bars:
        doc = _render_empty(clean_title, width)
    else:
        desc = _describe(kept_points, kept_bars, dropped_points, dropped_bars)
        doc = _render_timeline(kept_points, kept_bars, today, clean_title, desc, width)
    # ids must be unique on a page holding several timelines, and stable for the same input: derive them from the
    # drawing itself
    digest = hashlib.sha256(doc.encode("utf-8")).hexdigest()[:10]
    return doc.replace(_ID, f"tl-{digest}")


# --- text ---------------------------------------------------------------------------------------------------------


def _clean(text: str, limit: int) -> str:
    """``text`` without characters XML 1.0 forbids, whitespace collapsed, cut at ``limit`` with an ellipsis."""
    s = " ".join(_FORBIDDEN.sub("", text).split())
    if len(s) > limit:
        s = s[: limit - 1].rstrip() + "…"
    return s


def _fit(text: str, px: float) -> str:
    """``text`` cut (with an ellipsis) so that its rough width is at most ``px``."""
    most = int(px // _CHAR_PX)
    if len(text) <= most:
        return text
    if most <= 1:
        return ""
    return text[: most - 1].rstrip() + "…"


def _text_w(text: str) -> float:
    return len(text) * _CHAR_PX


def _safe_href(href: str | None) -> str | None:
    """``href`` if it is a site-relative link ("/..."), else None.

    Refused: anything not starting with "/", protocol-relative "//host" links, and links holding whitespace, control
    characters or backslashes (browsers drop or reinterpret those, which could turn "/\\t/host" into "//host").
    """
    if href is None or len(href) > _MAX_HREF or not href.startswith("/") or href.startswith("//"):
        return None
    if any(ch <= " " or "\x7f" <= ch <= "\x9f" or ch == "\\" for ch in href):
        return None
    if _FORBIDDEN.search(href):
        return None
    return href


def _day(d: date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _month(d: date) -> str:
    return f"{_MONTHS[d.month - 1]} {d.year}"


def _plural(n: int, word: str) -> str:
    if n == 0:
        return f"no {word}s"
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _status(bar: Bar) -> str:
    return bar.status if bar.status in _STATUS_WORDS else "planned"


# --- SVG building ---------------------------------------------------------------------------------------------------


def _num(v: float) -> str:
    s = f"{round(v, 1) + 0.0:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _attrs(attrs: Mapping[str, str | float]) -> str:
    parts = []
    for name, value in attrs.items():
        shown = value if isinstance(value, str) else _num(value)
        parts.append(f" {name}={quoteattr(shown)}")
    return "".join(parts)


def _el(tag: str, attrs: Mapping[str, str | float], content: str | None = None) -> str:
    if content is None:
        return f"<{tag}{_attrs(attrs)}/>"
    return f"<{tag}{_attrs(attrs)}>{content}</{tag}>"


def _text(x: float, y: float, text: str, **extra: str | float) -> str:
    return _el("text", {"x": x, "y": y, "fill": _TEXT, **extra}, escape(text))


def _svg(width: int, height: int, cls: str, title: str, desc: str, body: list[str]) -> str:
    head = _attrs(
        {
            "xmlns": _SVG_NS,
            "viewBox": f"0 0 {width} {height}",
            "width": width,
            "height": height,
            "role": "group",  # (not "img": its marks are links a screen reader must be able to reach)
            "aria-labelledby": f"{_ID}-title",
            "aria-describedby": f"{_ID}-desc",
            "class": cls,
            "font-family": "sans-serif",
            "font-size": 12,
        }
    )
    lines = [
        f"<svg{head}>",
        _el("title", {"id": f"{_ID}-title"}, escape(title)),
        _el("desc", {"id": f"{_ID}-desc"}, escape(desc)),
        _el("rect", {"class": "background", "x": 0, "y": 0, "width": width, "height": height, "fill": _BG}),
        *body,
        "</svg>",
    ]
    return "\n".join(lines)


def _mark(cls: str, tooltip: str, href: str | None, children: list[str]) -> str:
    """One mark: a link to ``href`` when it is safe, else a plain group; its ``<title>`` first."""
    inner = "".join([_el("title", {}, escape(tooltip)), *children])
    safe = _safe_href(href)
    if safe is None:
        return _el("g", {"class": cls}, inner)
    return _el("a", {"class": cls, "href": safe}, inner)


# --- the empty case -------------------------------------------------------------------------------------------------


def _render_empty(title: str, width: int) -> str:
    body = [_el("g", {"class": "empty"}, _text(_PAD, 32, _EMPTY_TEXT))]
    return _svg(width, 52, "timeline empty", title, _EMPTY_TEXT, body)


# --- the timeline ---------------------------------------------------------------------------------------------------


def _point_key(p: Point) -> tuple[date, str, str]:
    return (p.day, p.label, p.href or "")


def _bar_key(b: Bar) -> tuple[date, date, str, str, str]:
    return (b.start, b.end, b.label, b.status, b.href or "")


def _ordered(b: Bar) -> Bar:
    if b.end >= b.start:
        return b
    return Bar(start=b.end, end=b.start, label=b.label, status=b.status, href=b.href)


def _describe(points: Sequence[Point], bars: Sequence[Bar], dropped_points: int, dropped_bars: int) -> str:
    days = [p.day for p in points] + [b.start for b in bars] + [b.end for b in bars]
    first, last = min(days), max(days)
    windows = _plural(len(bars), "trial window")
    if bars:
        counts = [(words, sum(1 for b in bars if _status(b) == key)) for key, words in _STATUS_WORDS.items()]
        windows += " (" + ", ".join(f"{n} {words}" for words, n in counts if n) + ")"
    span = (
        f"in {_month(first)}"
        if (first.year, first.month) == (last.year, last.month)
        else (f"from {_month(first)} to {_month(last)}")
    )
    desc = f"{_plural(len(points), 'designation')} and {windows} {span}."
    left_out = []
    if dropped_points:
        left_out.append(_plural(dropped_points, "designation"))
    if dropped_bars:
        left_out.append(_plural(dropped_bars, "trial window"))
    if left_out:
        desc += f" {' and '.join(left_out)} not shown (at most {MAX_POINTS} of each are drawn)."
    return desc


@dataclass(frozen=True, slots=True)
class _Scale:
    first: int  # ordinal of the axis' first day
    last: int  # ordinal of its last day
    x0: float
    x1: float

    def x(self, d: date) -> float:
        return self.x0 + (d.toordinal() - self.first) / (self.last - self.first) * (self.x1 - self.x0)


def _scale(days: Sequence[date], x0: float, x1: float) -> _Scale:
    lo = min(days).toordinal()
    hi = max(days).toordinal()
    pad = max(14, (hi - lo) // 20)
    first, last = lo - pad, hi + pad
    if last - first < _MIN_RANGE_DAYS:
        grow = _MIN_RANGE_DAYS - (last - first)
        first -= grow // 2
        last += grow - grow // 2
    lowest, highest = date.min.toordinal(), date.max.toordinal()
    if first < lowest:
        last = min(highest, last + (lowest - first))
        first = lowest
    if last > highest:
        first = max(lowest, first - (last - highest))
        last = highest
    return _Scale(first, last, x0, x1)


@dataclass(frozen=True, slots=True)
class _Tick:
    day: date
    kind: str  # "year" | "quarter"
    label: str


def _ticks(scale: _Scale) -> list[_Tick]:
    first, last = date.fromordinal(scale.first), date.fromordinal(scale.last)
    ticks: list[_Tick] = []
    if scale.last - scale.first < _QUARTERS_UNDER_DAYS:
        year, month = first.year, ((first.month - 1) // 3) * 3 + 1
        while year <= date.max.year:
            d = date(year, month, 1)
            if d > last:
                break
            if d >= first:
                kind = "year" if month == 1 else "quarter"
                ticks.append(_Tick(d, kind, str(year) if month == 1 else _MONTHS[month - 1]))
            month += 3
            if month > 12:
                year, month = year + 1, 1
        if ticks and not any(t.kind == "year" for t in ticks):
            head = ticks[0]  # no year boundary in range: say the year once
            ticks[0] = _Tick(head.day, head.kind, f"{head.label} {head.day.year}")
        return ticks
    px_per_year = (scale.x1 - scale.x0) * 365.25 / (scale.last - scale.first)
    step = next((s for s in _YEAR_STEPS if s * px_per_year >= 48), _YEAR_STEPS[-1])
    year = -(-first.year // step) * step
    while year <= min(last.year, date.max.year):
        d = date(year, 1, 1)
        if d >= first:
            ticks.append(_Tick(d, "year", str(year)))
        year += step
    return ticks


def _legend(has_points: bool, has_bars: bool, x0: float, x1: float, top: float) -> tuple[list[str], float]:
    """The legend's elements and its height."""
    items: list[tuple[str, list[str]]] = []
    if has_points:
        items.append(("designation", [_el("circle", {"cx": 9, "cy": 0, "r": _R, "fill": _POINT})]))
    if has_bars:
        box = {"x": 0, "y": -5, "width": 18, "height": _BAR_H}
        items.append(
            (
                "planned",
                [_el("rect", {**box, "fill": f"url(#{_ID}-hatch)", "stroke": _BAR, "stroke-width": 1.5})],
            )
        )
        items.append(("initiated", [_el("rect", {**box, "fill": _BAR})]))
        items.append(("first patient dosed", [_el("rect", {**box, "fill": _BAR}), _triangle(0, -5)]))
    items.append(
        (
            "today",
            [
                _el(
                    "line",
                    {
                        "x1": 9,
                        "y1": -7,
                        "x2": 9,
                        "y2": 7,
                        "stroke": _TODAY,
                        "stroke-width": 2,
                        "stroke-dasharray": "4 3",
                    },
                )
            ],
        )
    )
    out: list[str] = []
    x, row = x0, 0
    for words, swatch in items:
        w = 18 + 6 + _text_w(words)
        if x > x0 and x + w > x1:
            x, row = x0, row + 1
        y = top + row * _LEGEND_ROW + 9
        group = "".join([*swatch, _text(24, 4, words)])
        out.append(_el("g", {"class": "legend-item", "transform": f"translate({_num(x)} {_num(y)})"}, group))
        x += w + 16
    return [_el("g", {"class": "legend"}, "".join(out))], (row + 1) * _LEGEND_ROW


def _triangle(x: float, bar_y: float) -> str:
    """The first-patient-dosed marker: a white triangle pointing right, at the bar's start."""
    top, bottom, mid = bar_y - 3, bar_y + _BAR_H + 3, bar_y + _BAR_H / 2
    d = f"M{_num(x)} {_num(top)} L{_num(x + 9)} {_num(mid)} L{_num(x)} {_num(bottom)} Z"
    return _el("path", {"class": "marker", "d": d, "fill": _BG, "stroke": _TEXT, "stroke-width": 1.5})


def _place_points(points: Sequence[Point], scale: _Scale) -> tuple[list[int], int]:
    """Each point's row in the points lane (circles that would touch go to the next row, up to 3) and rows used."""
    rights = [-math.inf] * _POINT_ROWS
    rows: list[int] = []
    for p in points:
        cx = scale.x(p.day)
        row = next((i for i, r in enumerate(rights) if r + 2 <= cx - _R), None)
        if row is None:  # every row is crowded here: overlap in the least crowded one
            row = min(range(_POINT_ROWS), key=lambda i: rights[i])
        rights[row] = max(rights[row], cx + _R)
        rows.append(row)
    return rows, (max(rows) + 1 if rows else 0)


def _draw_points(points: Sequence[Point], scale: _Scale, top: float) -> tuple[list[str], float]:
    rows, used = _place_points(points, scale)
    labels = [_clean(p.label, MAX_LABEL) for p in points]
    shown = [""] * len(points)
    for row in range(used):
        members = [i for i, r in enumerate(rows) if r == row]
        for n, i in enumerate(members):
            start = scale.x(points[i].day) + _R + 4
            limit = scale.x1
            if n + 1 < len(members):
                limit = min(limit, scale.x(points[members[n + 1]].day) - _R - 4)
            room = limit - start
            if _text_w(labels[i]) <= room:
                shown[i] = labels[i]
            elif room >= 10 * _CHAR_PX:
                shown[i] = _fit(labels[i], room)
    out: list[str] = []
    for i, p in enumerate(points):
        cx = scale.x(p.day)
        cy = top + rows[i] * _POINT_ROW + _POINT_ROW / 2
        children = [_el("circle", {"cx": cx, "cy": cy, "r": _R, "fill": _POINT, "stroke": _BG, "stroke-width": 1.5})]
        if shown[i]:
            children.append(_text(cx + _R + 4, cy + 4, shown[i]))
        tooltip = f"{labels[i] or 'designation'}, {_day(p.day)}"
        out.append(_mark("point", tooltip, p.href, children))
    return [_el("g", {"class": "points"}, "\n".join(out))] if out else [], used * _POINT_ROW


@dataclass(frozen=True, slots=True)
class _PlacedBar:
    bar: Bar
    lane: int
    x: float
    w: float
    label: str  # as written (cut to fit the plot)
    label_x: float


def _pack_bars(bars: Sequence[Bar], scale: _Scale) -> list[_PlacedBar]:
    """Greedy lanes: each bar (with its label above it) goes into the first lane it clears."""
    lane_rights: list[float] = []
    placed: list[_PlacedBar] = []
    plot_w = scale.x1 - scale.x0
    for b in bars:
        x = scale.x(b.start)
        w = max(scale.x(b.end) - x, _BAR_MIN_W)
        label = _fit(_clean(b.label, MAX_LABEL), plot_w)
        lw = _text_w(label)
        label_x = x if x + lw <= scale.x1 else max(scale.x0, scale.x1 - lw)
        left, right = min(x, label_x), max(x + w, label_x + lw)
        lane = next((i for i, r in enumerate(lane_rights) if r + _LANE_GAP <= left), len(lane_rights))
        if lane == len(lane_rights):
            lane_rights.append(right)
        else:
            lane_rights[lane] = max(lane_rights[lane], right)
        placed.append(_PlacedBar(b, lane, x, w, label, label_x))
    return placed


def _draw_bars(placed: Sequence[_PlacedBar], top: float) -> list[str]:
    out: list[str] = []
    for pb in placed:
        status = _status(pb.bar)
        lane_y = top + pb.lane * _LANE
        bar_y = lane_y + 16
        rect: dict[str, str | float] = {"class": "bar-shape", "x": pb.x, "y": bar_y, "width": pb.w, "height": _BAR_H}
        if status == "planned":
            rect.update({"fill": f"url(#{_ID}-hatch)", "stroke": _BAR, "stroke-width": 1.5})
        else:
            rect["fill"] = _BAR
        children = [_el("rect", rect)]
        if status == "first_patient_dosed":
            children.append(_triangle(pb.x, bar_y))
        if pb.label:
            children.append(_text(pb.label_x, lane_y + 12, pb.label))
        b = pb.bar
        when = f"on {_day(b.start)}" if b.start == b.end else f"{_day(b.start)} to {_day(b.end)}"
        tooltip = f"{_clean(b.label, MAX_LABEL) or 'trial window'} — {_STATUS_WORDS[status]}, {when}"
        out.append(_mark(f"bar {status}", tooltip, b.href, children))
    return [_el("g", {"class": "bars"}, "\n".join(out))] if out else []


def _draw_axis(scale: _Scale, plot_top: float, axis_y: float) -> list[str]:
    ticks = _ticks(scale)
    # labels: years first, then quarters where they do not collide with one already written
    taken: list[tuple[float, float]] = []
    label_of: dict[int, str] = {}
    for kind in ("year", "quarter"):
        for i, t in enumerate(ticks):
            if t.kind != kind:
                continue
            x, half = scale.x(t.day), _text_w(t.label) / 2
            lo, hi = x - half, x + half
            if lo < 0 or hi > scale.x1 + _PAD or any(lo < b + 6 and a < hi + 6 for a, b in taken):
                continue
            taken.append((lo, hi))
            label_of[i] = t.label
    grid: list[str] = []
    marks: list[str] = []
    for i, t in enumerate(ticks):
        x = scale.x(t.day)
        if t.kind == "year":
            grid.append(_el("line", {"x1": x, "y1": plot_top, "x2": x, "y2": axis_y, "stroke": _GRID}))
        length = 6 if t.kind == "year" else 4
        parts = [_el("line", {"x1": x, "y1": axis_y, "x2": x, "y2": axis_y + length, "stroke": _MUTED})]
        if i in label_of:
            parts.append(_text(x, axis_y + 18, label_of[i], **{"text-anchor": "middle"}))
        marks.append(_el("g", {"class": f"tick {t.kind}"}, "".join(parts)))
    axis_line = _el(
        "line", {"class": "axis-line", "x1": scale.x0, "y1": axis_y, "x2": scale.x1, "y2": axis_y, "stroke": _MUTED}
    )
    return [_el("g", {"class": "grid"}, "".join(grid)), _el("g", {"class": "axis"}, "".join([axis_line, *marks]))]


def _draw_today(scale: _Scale, today: date, plot_top: float, axis_y: float) -> str:
    x = scale.x(today)
    anchor = "start" if x < scale.x0 + 20 else "end" if x > scale.x1 - 20 else "middle"
    line = _el(
        "line",
        {
            "x1": x,
            "y1": plot_top - 2,
            "x2": x,
            "y2": axis_y,
            "stroke": _TODAY,
            "stroke-width": 2,
            "stroke-dasharray": "4 3",
        },
    )
    label = _el("text", {"x": x, "y": plot_top - 5, "fill": _TODAY, "text-anchor": anchor}, "today")
    return _el("g", {"class": "today"}, line + label)


def _hatch() -> str:
    inner = "".join(
        [
            _el("rect", {"width": 6, "height": 6, "fill": _BG}),
            _el("line", {"x1": 0, "y1": 0, "x2": 0, "y2": 6, "stroke": _BAR, "stroke-width": 2.5}),
        ]
    )
    pattern = _el(
        "pattern",
        {
            "id": f"{_ID}-hatch",
            "patternUnits": "userSpaceOnUse",
            "width": 6,
            "height": 6,
            "patternTransform": "rotate(45)",
        },
        inner,
    )
    return _el("defs", {}, pattern)


def _render_timeline(
    points: Sequence[Point], bars: Sequence[Bar], today: date, title: str, desc: str, width: int
) -> str:
    x0, x1 = float(_PAD), float(width - _PAD)
    days = [p.day for p in points] + [b.start for b in bars] + [b.end for b in bars] + [today]
    scale = _scale(days, x0, x1)

    legend, legend_h = _legend(bool(points), bool(bars), x0, x1, _PAD)
    plot_top = _PAD + legend_h + 6 + _TODAY_LABEL
    point_marks, points_h = _draw_points(points, scale, plot_top)
    bars_top = plot_top + points_h + (4 if points else 0)
    placed = _pack_bars(bars, scale)
    lanes = max((pb.lane for pb in placed), default=-1) + 1
    axis_y = bars_top + lanes * _LANE + 6
    height = math.ceil(axis_y + _AXIS_H)

    body = [
        _hatch(),
        *legend,
        *_draw_axis(scale, plot_top, axis_y),
        _draw_today(scale, today, plot_top, axis_y),  # under the marks, so that it never hides a label
        *point_marks,
        *_draw_bars(placed, bars_top),
    ]
    return _svg(width, height, "timeline", title, desc, body)
