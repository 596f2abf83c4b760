"""Geometry of the progress-over-time chart, drawn on the server as inline SVG.

Everything here is plain arithmetic on dates and percentages, so the template
only copies numbers into SVG attributes and the layout can be tested without a
browser. The coordinate system is sized for a phone (one SVG unit is one CSS
pixel at 360 px wide); wider screens scale it up.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from core import l10n

WIDTH = 360
HEIGHT = 220
LEFT = 50
RIGHT = 14
TOP = 28
BOTTOM = 38
FONT_SIZE = 14
# Generous advance of a bold 14 px system-font glyph, to estimate label widths.
CHAR_WIDTH = 8.6
MONTH_STEPS = (1, 2, 3, 6, 12)
# Room for one date label ("ene 2026") plus a gap, in SVG units.
TICK_ROOM = 76
Y_TICKS = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class Label:
    text: str
    x: float
    y: float
    anchor: str = "start"

    @property
    def box(self):
        """(left, top, right, bottom) of the text, estimated from its length."""
        width = len(self.text) * CHAR_WIDTH
        left = {"start": self.x, "middle": self.x - width / 2, "end": self.x - width}[self.anchor]
        return (left, self.y - FONT_SIZE + 2, left + width, self.y + 3)


@dataclass(frozen=True)
class Tick:
    position: float
    value: object
    label: Label | None = None


@dataclass(frozen=True)
class ProgressChart:
    actual: tuple  # (x, y) of the actual line
    markers: tuple  # (x, y) of each day the actual data changed
    expected: tuple  # (x, y) of the expected line
    x_ticks: tuple
    y_ticks: tuple
    today_x: float
    actual_label: Label | None
    expected_label: Label | None
    today_label: Label
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM

    @property
    def actual_points(self):
        return points_attribute(self.actual)

    @property
    def expected_points(self):
        return points_attribute(self.expected)


def points_attribute(points):
    return " ".join(f"{x:g},{y:g}" for x, y in points)


def clamp(value, low, high):
    return max(low, min(high, value))


def month_ticks(first, last, min_days_apart):
    """First days of months between `first` and `last`, at the finest step of months
    that keeps ticks at least `min_days_apart` days apart."""
    step = next((s for s in MONTH_STEPS if s * 28 >= min_days_apart), MONTH_STEPS[-1])
    ticks = []
    year, month = first.year, first.month
    while (day := date(year, month, 1)) <= last:
        if day >= first and (month - 1) % step == 0:
            ticks.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks


def overlaps(a, b, gap=2):
    """Whether two (left, top, right, bottom) boxes come closer than `gap`."""
    apart = a[2] + gap <= b[0] or b[2] + gap <= a[0] or a[3] + gap <= b[1] or b[3] + gap <= a[1]
    return not apart


def inside(box, width=WIDTH, height=HEIGHT):
    return box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height


def place(candidates, placed):
    """The first candidate that stays inside the drawing without covering a placed label."""
    for label in candidates:
        if inside(label.box) and not any(overlaps(label.box, other.box) for other in placed):
            return label
    return candidates[0]


def around(text, x, y):
    """Positions to try for a label that names the line ending at (x, y), best first:
    past the end of the line, then above and below it."""
    return [
        Label(text, x + 8, y + 5, "start"),
        Label(text, x - 6, y - 8, "end"),
        Label(text, x + 8, y - 8, "start"),
        Label(text, x + 8, y + 20, "start"),
        Label(text, x - 6, y + 20, "end"),
        Label(text, x - 6, y - 26, "end"),
        Label(text, x - 6, y + 38, "end"),
    ]


def progress_chart(
    *,
    start,
    end,
    today,
    actual,
    current,
    expected,
    actual_label,
    expected_label,
    today_label,
    format_tick,
):
    """Lay out the chart.

    `actual` (the days the data changed, each drawn with a marker) and `expected` are
    date-ordered (day, percent) pairs; `current` is the actual percent on `today`,
    where the actual line ends. The x axis runs from the earliest of `start` and the
    data to the latest of `end`, `today` and the data; the y axis always runs from
    0 % to 100 %. `format_tick(day)` gives the text of each date tick.
    """
    days = [day for day, _ in actual] + [day for day, _ in expected]
    first = min([start, *days])
    last = max([end, today, *days])
    if last <= first:
        last = first + timedelta(days=1)
    span = (last - first).days
    plot_left, plot_right = LEFT, WIDTH - RIGHT
    plot_top, plot_bottom = TOP, HEIGHT - BOTTOM

    def x_of(day):
        return round(plot_left + (day - first).days / span * (plot_right - plot_left), 1)

    def y_of(percent):
        share = clamp(float(percent), 0, 100) / 100
        return round(plot_bottom - share * (plot_bottom - plot_top), 1)

    markers = tuple((x_of(day), y_of(value)) for day, value in actual)
    actual_xy = markers
    if markers and current is not None and today > actual[-1][0]:
        actual_xy = (*markers, (x_of(today), y_of(current)))
    expected_xy = tuple((x_of(day), y_of(value)) for day, value in expected)
    today_x = x_of(today)

    x_ticks = []
    days_per_unit = span / (plot_right - plot_left)
    for day in month_ticks(first, last, TICK_ROOM * days_per_unit):
        x = x_of(day)
        text = format_tick(day)
        half = len(text) * CHAR_WIDTH / 2
        anchor = "start" if x - half < 0 else "end" if x + half > WIDTH else "middle"
        x_ticks.append(Tick(x, day, Label(text, x, plot_bottom + 20, anchor)))
    y_ticks = tuple(
        Tick(
            y_of(value),
            value,
            Label(l10n.percent(value, space=" "), plot_left - 6, y_of(value) + 4, "end"),
        )
        for value in Y_TICKS
    )

    # Tick labels are placed first so the direct labels never cover them.
    taken = [tick.label for tick in (*x_ticks, *y_ticks)]
    expected_mark = actual_mark = None
    if expected_xy:
        expected_mark = place(around(expected_label, *expected_xy[-1]), taken)
        taken.append(expected_mark)
    if actual_xy:
        actual_mark = place(around(actual_label, *actual_xy[-1]), taken)
        taken.append(actual_mark)
    today_mark = place(
        [
            Label(today_label, today_x, plot_top - 8, "middle"),
            Label(today_label, today_x - 4, plot_top - 8, "end"),
            Label(today_label, today_x + 4, plot_top - 8, "start"),
            Label(today_label, today_x - 4, plot_bottom - 6, "end"),
            Label(today_label, today_x + 4, plot_bottom - 6, "start"),
        ],
        taken,
    )
    return ProgressChart(
        actual=actual_xy,
        markers=markers,
        expected=expected_xy,
        x_ticks=tuple(x_ticks),
        y_ticks=y_ticks,
        today_x=today_x,
        expected_label=expected_mark,
        actual_label=actual_mark,
        today_label=today_mark,
    )
