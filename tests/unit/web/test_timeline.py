from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from itertools import pairwise

import pytest

from ir_feed.web.timeline import Bar, Point, render

NS = "{http://www.w3.org/2000/svg}"
TODAY = date(2025, 5, 20)

HOSTILE = [
    "<script>alert(1)</script>",
    "\"double\" 'single' & ampersand &amp; &#x3C;",
    "nul\x00byte",
    "escape\x1b[31mred",
    "]]><!-- --><![CDATA[x]]>",
    "bell\x07 form\x0c feed \ufffe \udc80 lone surrogate",
    "</text></svg><svg onload=alert(1)>",
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def marks(root: ET.Element, kind: str) -> list[ET.Element]:
    """The mark elements (<g> or <a>) whose class list holds ``kind`` ("point" or "bar")."""
    return [el for el in root.iter() if kind in (el.get("class") or "").split() and el.tag in (f"{NS}g", f"{NS}a")]


def title_of(el: ET.Element) -> str:
    title = el.find(f"{NS}title")
    assert title is not None
    return title.text or ""


def by_title(root: ET.Element, kind: str, prefix: str) -> ET.Element:
    found = [m for m in marks(root, kind) if title_of(m).startswith(prefix)]
    assert len(found) == 1, [title_of(m) for m in marks(root, kind)]
    return found[0]


def circle_x(mark: ET.Element) -> float:
    circle = mark.find(f"{NS}circle")
    assert circle is not None
    return float(circle.get("cx", "nan"))


def bar_rect(mark: ET.Element) -> ET.Element:
    rect = mark.find(f"{NS}rect")
    assert rect is not None
    return rect


def root_desc(root: ET.Element) -> str:
    desc = root.find(f"{NS}desc")
    assert desc is not None
    return desc.text or ""


def sample() -> tuple[list[Point], list[Bar]]:
    points = [
        Point(date(2024, 3, 12), "FDA Fast Track — ACM-101 (NASH)", "/events/ft"),
        Point(date(2024, 9, 1), "FDA Orphan Drug — ACM-101 (PBC)"),
        Point(date(2025, 6, 3), "FDA Breakthrough — ACM-202"),
    ]
    bars = [
        Bar(date(2024, 4, 1), date(2024, 12, 31), "ACM-101 Phase 2 (ACME-2)", "first_patient_dosed", "/events/p2"),
        Bar(date(2026, 1, 1), date(2027, 12, 31), "ACM-101 Phase 3 (ACME-3)", "planned"),
    ]
    return points, bars


# --- the element and its accessible name ----------------------------------------------------------------------------


def test_one_svg_element_with_title_and_desc_it_is_labelled_by() -> None:
    points, bars = sample()
    svg = render(points, bars, today=TODAY, title="ACME (ACM) — timeline")
    assert svg.startswith("<svg ")
    assert svg.endswith("</svg>")
    assert svg.count("<svg") == 1
    root = parse(svg)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "group"
    assert root.get("viewBox") == f"0 0 880 {root.get('height')}"
    title = root.find(f"{NS}title")
    desc = root.find(f"{NS}desc")
    assert title is not None
    assert desc is not None
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert title.text == "ACME (ACM) — timeline"
    assert desc.text == (
        "3 designations and 2 trial windows (1 planned, 1 first patient dosed) from Mar 2024 to Dec 2027."
    )


def test_desc_singular_and_single_month() -> None:
    root = parse(render([Point(date(2025, 2, 3), "x")], [], today=TODAY, title="t"))
    assert root_desc(root) == "1 designation and no trial windows in Feb 2025."


def test_same_input_same_output_and_ids_follow_the_content() -> None:
    points, bars = sample()
    a = render(points, bars, today=TODAY, title="t")
    assert a == render(list(points), list(bars), today=TODAY, title="t")
    # the order given does not matter: marks are drawn in time order
    assert a == render(points[::-1], bars[::-1], today=TODAY, title="t")
    b = render(points[:1], bars, today=TODAY, title="t")
    id_a = parse(a).get("aria-labelledby")
    id_b = parse(b).get("aria-labelledby")
    assert id_a != id_b
    assert re.fullmatch(r"tl-[0-9a-f]{10}-title", id_a or "")


def test_too_narrow_is_refused() -> None:
    with pytest.raises(ValueError, match="width"):
        render([], [], today=TODAY, title="t", width=100)


def test_width_sets_the_viewbox() -> None:
    points, bars = sample()
    root = parse(render(points, bars, today=TODAY, title="t", width=600))
    assert root.get("width") == "600"
    assert (root.get("viewBox") or "").startswith("0 0 600 ")
    xs = [float(bar_rect(m).get("x", "nan")) + float(bar_rect(m).get("width", "nan")) for m in marks(root, "bar")]
    assert max(xs) <= 600


# --- untrusted text -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_still_parse_as_xml(label: str) -> None:
    svg = render(
        [Point(date(2025, 1, 1), label, "/events/" + "a")],
        [Bar(date(2025, 2, 1), date(2025, 8, 1), label, "initiated")],
        today=TODAY,
        title=label,
    )
    root = parse(svg)  # raises if the markup broke
    assert all(el.tag.startswith(NS) for el in root.iter())
    assert not [el for el in root.iter() if el.tag.endswith(("script", "foreignObject"))]
    assert len(root.findall(f".//{NS}svg")) == 0  # no nested <svg> smuggled in
    assert "<script" not in svg
    for forbidden in ("\x00", "\x1b", "\x07", "\x0c", "\ufffe"):
        assert forbidden not in svg
    assert len(marks(root, "point")) == 1
    assert len(marks(root, "bar")) == 1


def test_escaped_text_reads_back_as_the_original_words() -> None:
    label = "<script>alert(1)</script> \"q\" 'a' & co\x00\x1b"
    root = parse(render([Point(date(2025, 1, 1), label)], [], today=TODAY, title="t"))
    assert title_of(marks(root, "point")[0]) == "<script>alert(1)</script> \"q\" 'a' & co, 1 Jan 2025"


def test_relative_href_wraps_the_mark_in_a_link_escaped() -> None:
    href = "/events/abc?x=1&y=\"2\"&z='3'<b>"
    root = parse(
        render(
            [Point(date(2025, 1, 1), "p", href)],
            [Bar(date(2025, 2, 1), date(2025, 3, 1), "b", "planned", "/events/b")],
            today=TODAY,
            title="t",
        )
    )
    links = root.findall(f".//{NS}a")
    assert [a.get("href") for a in links] == [href, "/events/b"]
    assert links[0].get("class") == "point"
    assert links[0].find(f"{NS}circle") is not None
    assert links[1].get("class") == "bar planned"
    assert links[1].find(f"{NS}rect") is not None


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        " /events/a",
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "/\t/evil.example",
        "/events/a b",
        "data:text/html,<script>alert(1)</script>",
        "events/relative-without-slash",
        "",
        "/" + "a" * 5000,
    ],
)
def test_hrefs_not_site_relative_are_dropped_and_the_mark_kept(href: str) -> None:
    svg = render(
        [Point(date(2025, 1, 1), "designation", href)],
        [Bar(date(2025, 2, 1), date(2025, 3, 1), "trial", "initiated", href)],
        today=TODAY,
        title="t",
    )
    root = parse(svg)
    assert root.findall(f".//{NS}a") == []
    assert "href" not in svg
    assert "javascript" not in svg.lower()
    assert title_of(marks(root, "point")[0]) == "designation, 1 Jan 2025"
    assert title_of(marks(root, "bar")[0]).startswith("trial — initiated")


def test_labels_longer_than_80_characters_are_cut() -> None:
    long = "ACM-101 " + "x" * 200
    root = parse(
        render(
            [Point(date(2025, 1, 1), long)],
            [Bar(date(2025, 2, 1), date(2025, 3, 1), long, "x")],
            today=TODAY,
            title="t",
        )
    )
    point_label = title_of(marks(root, "point")[0]).rsplit(", ", 1)[0]
    bar_label = title_of(marks(root, "bar")[0]).split(" — ", 1)[0]
    for label in (point_label, bar_label):
        assert len(label) == 80
        assert label.endswith("…")
        assert label.startswith("ACM-101 xxx")
    for text in root.iter(f"{NS}text"):
        assert len(text.text or "") <= 80


def test_label_of_80_characters_is_kept_whole() -> None:
    label = "y" * 80
    root = parse(render([Point(date(2025, 1, 1), label)], [], today=TODAY, title="t"))
    assert title_of(marks(root, "point")[0]) == f"{label}, 1 Jan 2025"


def test_text_colours_have_enough_contrast_on_white() -> None:
    points, bars = sample()
    root = parse(render(points, bars, today=TODAY, title="t"))

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    texts = list(root.iter(f"{NS}text"))
    assert texts
    for text in texts:
        fill = text.get("fill") or ""
        assert re.fullmatch(r"#[0-9a-f]{6}", fill), fill
        assert (1.05) / (luminance(fill) + 0.05) >= 4.5, fill
    background = root.find(f"{NS}rect")
    assert background is not None
    assert background.get("fill") == "#ffffff"


# --- positions in time ----------------------------------------------------------------------------------------------


def test_points_are_placed_in_time_order() -> None:
    days = [date(2023, 1, 5), date(2026, 11, 30), date(2024, 7, 1), date(2025, 2, 14), date(2023, 1, 6)]
    points = [Point(d, f"P{d.isoformat()}") for d in days]
    root = parse(render(points, [], today=TODAY, title="t"))
    xs = {d: circle_x(by_title(root, "point", f"P{d.isoformat()}")) for d in days}
    ordered = sorted(days)
    for earlier, later in pairwise(ordered):
        assert xs[earlier] < xs[later]


def test_bars_run_from_start_to_end_in_time_order() -> None:
    bars = [
        Bar(date(2026, 1, 1), date(2026, 12, 31), "late", "initiated"),
        Bar(date(2024, 1, 1), date(2024, 6, 30), "early", "initiated"),
        Bar(date(2025, 1, 1), date(2025, 3, 31), "middle", "initiated"),
    ]
    root = parse(render([], bars, today=TODAY, title="t"))
    spans = {}
    for name in ("early", "middle", "late"):
        rect = bar_rect(by_title(root, "bar", name))
        x, w = float(rect.get("x", "nan")), float(rect.get("width", "nan"))
        assert w > 0
        spans[name] = (x, x + w)
    assert spans["early"][0] < spans["middle"][0] < spans["late"][0]
    assert spans["early"][1] < spans["middle"][0]
    # widths follow durations: a year is longer than a quarter
    assert spans["late"][1] - spans["late"][0] > 3 * (spans["middle"][1] - spans["middle"][0])


def test_one_day_window_is_still_visible() -> None:
    root = parse(render([], [Bar(date(2025, 3, 1), date(2025, 3, 1), "one day", "planned")], today=TODAY, title="t"))
    mark = marks(root, "bar")[0]
    assert float(bar_rect(mark).get("width", "0")) >= 4
    assert title_of(mark) == "one day — planned, on 1 Mar 2025"


def test_reversed_window_is_drawn_between_its_dates() -> None:
    reversed_bar = Bar(date(2025, 12, 31), date(2025, 1, 1), "reversed", "initiated")
    upright = Bar(date(2025, 1, 1), date(2025, 12, 31), "reversed", "initiated")
    a = parse(render([], [reversed_bar], today=TODAY, title="t"))
    b = parse(render([], [upright], today=TODAY, title="t"))
    assert bar_rect(marks(a, "bar")[0]).attrib == bar_rect(marks(b, "bar")[0]).attrib
    assert title_of(marks(a, "bar")[0]) == "reversed — initiated, 1 Jan 2025 to 31 Dec 2025"


# --- lanes ----------------------------------------------------------------------------------------------------------


def bar_y(root: ET.Element, name: str) -> float:
    return float(bar_rect(by_title(root, "bar", name)).get("y", "nan"))


def test_overlapping_bars_go_to_different_lanes() -> None:
    bars = [
        Bar(date(2025, 1, 1), date(2025, 12, 31), "A", "initiated"),
        Bar(date(2025, 6, 1), date(2026, 6, 30), "B", "initiated"),
    ]
    root = parse(render([], bars, today=TODAY, title="t"))
    assert bar_y(root, "A") != bar_y(root, "B")


def test_disjoint_far_apart_bars_share_a_lane() -> None:
    bars = [
        Bar(date(2020, 1, 1), date(2020, 3, 31), "A", "initiated"),
        Bar(date(2026, 1, 1), date(2026, 6, 30), "B", "planned"),
    ]
    root = parse(render([], bars, today=TODAY, title="t"))
    assert bar_y(root, "A") == bar_y(root, "B")


def test_a_long_label_keeps_the_next_bar_out_of_its_lane() -> None:
    # the dates do not overlap, but the first bar's label runs past the second bar's start
    bars = [
        Bar(date(2025, 1, 1), date(2025, 1, 31), "A very long label that needs plenty of room", "initiated"),
        Bar(date(2025, 2, 15), date(2025, 3, 31), "B", "initiated"),
    ]
    root = parse(render([], bars, today=TODAY, title="t"))
    assert bar_y(root, "A very") != bar_y(root, "B")


def test_a_bar_takes_the_first_lane_it_fits() -> None:
    bars = [
        Bar(date(2024, 1, 1), date(2024, 3, 31), "A", "initiated"),
        Bar(date(2024, 2, 1), date(2026, 12, 31), "B", "initiated"),
        Bar(date(2025, 1, 1), date(2025, 6, 30), "C", "initiated"),
    ]
    root = parse(render([], bars, today=TODAY, title="t"))
    assert bar_y(root, "A") == bar_y(root, "C")
    assert bar_y(root, "B") > bar_y(root, "A")


def test_height_grows_with_the_number_of_lanes() -> None:
    def height(n: int) -> int:
        bars = [Bar(date(2025, 1, 1), date(2025, 12, 31), f"T{i}", "initiated") for i in range(n)]
        root = parse(render([], bars, today=TODAY, title="t"))
        assert len({bar_y(root, f"T{i}") for i in range(n)}) == n
        return int(root.get("height", "0"))

    assert height(1) < height(2) < height(5)
    assert height(5) - height(4) == height(2) - height(1)


def test_points_sit_above_the_bars() -> None:
    points, bars = sample()
    root = parse(render(points, bars, today=TODAY, title="t"))
    lowest_point = max(float(c.get("cy", "nan")) for c in root.iter(f"{NS}circle") if c.get("r") == "5")
    assert all(float(bar_rect(m).get("y", "nan")) > lowest_point for m in marks(root, "bar"))


def test_crowded_points_all_keep_their_hover_title() -> None:
    points = [Point(date(2025, 3, 1), f"Designation number {i}") for i in range(6)]
    root = parse(render(points, [], today=TODAY, title="t"))
    found = marks(root, "point")
    assert len(found) == 6
    assert sorted(title_of(m) for m in found) == [f"Designation number {i}, 1 Mar 2025" for i in range(6)]
    # same day: they cannot all have room for their text
    written = [m.find(f"{NS}text") for m in found]
    assert any(t is None for t in written)


# --- status ---------------------------------------------------------------------------------------------------------


def test_status_classes_hatching_and_marker() -> None:
    bars = [
        Bar(date(2024, 1, 1), date(2024, 6, 30), "planned one", "planned"),
        Bar(date(2024, 1, 1), date(2024, 6, 30), "initiated one", "initiated"),
        Bar(date(2024, 1, 1), date(2024, 6, 30), "dosed one", "first_patient_dosed"),
        Bar(date(2024, 1, 1), date(2024, 6, 30), "odd one", "<b>withdrawn</b>"),
    ]
    svg = render([], bars, today=TODAY, title="t")
    root = parse(svg)
    patterns = root.findall(f".//{NS}defs/{NS}pattern")
    assert len(patterns) == 1
    hatch = f"url(#{patterns[0].get('id')})"
    assert patterns[0].find(f"{NS}line") is not None

    planned = by_title(root, "bar", "planned one")
    initiated = by_title(root, "bar", "initiated one")
    dosed = by_title(root, "bar", "dosed one")
    odd = by_title(root, "bar", "odd one")

    assert planned.get("class") == "bar planned"
    assert initiated.get("class") == "bar initiated"
    assert dosed.get("class") == "bar first_patient_dosed"
    assert odd.get("class") == "bar planned"

    assert bar_rect(planned).get("fill") == hatch
    assert bar_rect(planned).get("stroke") == "#1f5fa8"
    assert bar_rect(odd).get("fill") == hatch
    assert bar_rect(initiated).get("fill") == "#1f5fa8"
    assert bar_rect(dosed).get("fill") == "#1f5fa8"

    assert dosed.find(f"{NS}path[@class='marker']") is not None
    assert initiated.find(f"{NS}path[@class='marker']") is None
    assert planned.find(f"{NS}path[@class='marker']") is None

    assert title_of(planned) == "planned one — planned, 1 Jan 2024 to 30 Jun 2024"
    assert title_of(initiated) == "initiated one — initiated, 1 Jan 2024 to 30 Jun 2024"
    assert title_of(dosed) == "dosed one — first patient dosed, 1 Jan 2024 to 30 Jun 2024"
    assert title_of(odd) == "odd one — planned, 1 Jan 2024 to 30 Jun 2024"
    assert "withdrawn" not in svg

    # each bar's label is written next to it
    for mark, name in ((planned, "planned one"), (dosed, "dosed one")):
        text = mark.find(f"{NS}text")
        assert text is not None
        assert text.text == name


def test_legend_explains_every_mark() -> None:
    points, bars = sample()
    root = parse(render(points, bars, today=TODAY, title="t"))
    legend = [el for el in root.iter(f"{NS}g") if el.get("class") == "legend"]
    assert len(legend) == 1
    words = [t.text for t in legend[0].iter(f"{NS}text")]
    assert words == ["designation", "planned", "initiated", "first patient dosed", "today"]
    hatch_id = root.findall(f".//{NS}pattern")[0].get("id")
    assert any(r.get("fill") == f"url(#{hatch_id})" for r in legend[0].iter(f"{NS}rect"))


def test_legend_wraps_when_narrow() -> None:
    points, bars = sample()
    root = parse(render(points, bars, today=TODAY, title="t", width=320))
    items = [el for el in root.iter(f"{NS}g") if el.get("class") == "legend-item"]
    rows = {(el.get("transform") or "").split()[-1] for el in items}
    assert len(rows) > 1


# --- axis and today -------------------------------------------------------------------------------------------------


def ticks(root: ET.Element, kind: str) -> list[ET.Element]:
    return [el for el in root.iter(f"{NS}g") if el.get("class") == f"tick {kind}"]


def tick_labels(root: ET.Element, kind: str) -> list[str]:
    return [t.text or "" for el in ticks(root, kind) for t in el.iter(f"{NS}text")]


def test_today_line_is_drawn_where_today_falls() -> None:
    points = [Point(date(2025, 1, 1), "before"), Point(date(2025, 12, 1), "after")]
    root = parse(render(points, [], today=date(2025, 6, 1), title="t"))
    groups = [el for el in root.iter(f"{NS}g") if el.get("class") == "today"]
    assert len(groups) == 1
    line = groups[0].find(f"{NS}line")
    label = groups[0].find(f"{NS}text")
    assert line is not None
    assert label is not None
    assert label.text == "today"
    x = float(line.get("x1", "nan"))
    assert line.get("x1") == line.get("x2")
    assert float(line.get("y2", "nan")) > float(line.get("y1", "nan"))
    assert circle_x(by_title(root, "point", "before")) < x < circle_x(by_title(root, "point", "after"))


def test_range_stretches_to_include_today() -> None:
    points = [Point(date(2020, 1, 1), "old")]
    root = parse(render(points, [], today=date(2025, 6, 1), title="t"))
    line = next(el for el in root.iter(f"{NS}g") if el.get("class") == "today").find(f"{NS}line")
    assert line is not None
    x = float(line.get("x1", "nan"))
    assert circle_x(marks(root, "point")[0]) < x < 880
    assert tick_labels(root, "year")[-1] == "2025"


def test_short_range_has_quarter_ticks() -> None:
    points = [Point(date(2024, 8, 1), "a"), Point(date(2025, 11, 1), "b")]
    root = parse(render(points, [], today=date(2025, 6, 1), title="t"))
    assert tick_labels(root, "quarter") == ["Oct", "Apr", "Jul", "Oct"]
    assert tick_labels(root, "year") == ["2025"]
    lines = [el.find(f"{NS}line") for el in ticks(root, "quarter")]
    xs = [float(line.get("x1", "nan")) for line in lines if line is not None]
    assert len(xs) == len(lines)
    assert xs == sorted(xs)


def test_short_range_without_new_year_names_the_year_once() -> None:
    points = [Point(date(2025, 3, 1), "a"), Point(date(2025, 8, 1), "b")]
    root = parse(render(points, [], today=date(2025, 6, 1), title="t"))
    assert ticks(root, "year") == []
    assert tick_labels(root, "quarter") == ["Apr 2025", "Jul"]


def test_tiny_range_still_has_a_tick() -> None:
    root = parse(render([Point(TODAY, "only")], [], today=TODAY, title="t"))
    assert ticks(root, "quarter") or ticks(root, "year")


def test_long_range_has_year_ticks_only() -> None:
    bars = [Bar(date(2015, 6, 1), date(2030, 6, 1), "long", "planned")]
    root = parse(render([], bars, today=TODAY, title="t"))
    assert ticks(root, "quarter") == []
    labels = tick_labels(root, "year")
    assert labels
    assert all(re.fullmatch(r"\d{4}", label) for label in labels)
    years = [int(label) for label in labels]
    assert years == sorted(years)
    assert years[0] <= 2016
    assert years[-1] >= 2030


def test_very_long_range_thins_year_labels() -> None:
    points = [Point(date(1900, 1, 1), "old"), Point(date(2100, 1, 1), "far")]
    root = parse(render(points, [], today=TODAY, title="t"))
    years = [int(label) for label in tick_labels(root, "year")]
    assert 3 <= len(years) <= 20
    steps = {b - a for a, b in pairwise(years)}
    assert len(steps) == 1
    assert steps.pop() >= 10


def test_extreme_dates_do_not_overflow() -> None:
    points = [Point(date.min, "first day"), Point(date.max, "last day")]
    root = parse(render(points, [], today=TODAY, title="t"))
    xs = sorted(circle_x(m) for m in marks(root, "point"))
    assert 0 <= xs[0] < xs[1] <= 880


# --- empty and bounded ----------------------------------------------------------------------------------------------


def test_empty_input_is_a_small_valid_svg_saying_so() -> None:
    svg = render([], [], today=TODAY, title="ACME — timeline")
    root = parse(svg)
    assert root.get("role") == "group"
    assert root_desc(root) == "No designations or trial windows yet"
    assert [t.text for t in root.iter(f"{NS}text")] == ["No designations or trial windows yet"]
    assert int(root.get("height", "999")) <= 80
    assert marks(root, "point") == []
    assert marks(root, "bar") == []
    title = root.find(f"{NS}title")
    assert title is not None
    assert title.text == "ACME — timeline"


def test_at_most_500_of_each_are_drawn_and_desc_counts_the_rest() -> None:
    start = date(2020, 1, 1)
    points = [Point(start + timedelta(days=i), f"P{i}") for i in range(612)]
    bars = [Bar(start + timedelta(days=i), start + timedelta(days=i + 30), f"B{i}", "initiated") for i in range(507)]
    svg = render(points, bars, today=TODAY, title="t")
    root = parse(svg)
    drawn_points = marks(root, "point")
    drawn_bars = marks(root, "bar")
    assert len(drawn_points) == 500
    assert len(drawn_bars) == 500
    # the first ones given are kept
    assert {title_of(m).split(",")[0] for m in drawn_points} == {f"P{i}" for i in range(500)}
    assert {title_of(m).split(" — ")[0] for m in drawn_bars} == {f"B{i}" for i in range(500)}
    desc = root_desc(root)
    assert desc.startswith("500 designations and 500 trial windows (500 initiated)")
    assert "112 designations and 7 trial windows not shown" in desc


def test_only_one_kind_over_the_cap() -> None:
    points = [Point(date(2025, 1, 1), f"P{i}") for i in range(501)]
    root = parse(render(points, [], today=TODAY, title="t"))
    assert root_desc(root).endswith("1 designation not shown (at most 500 of each are drawn).")
