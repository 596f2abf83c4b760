"""Geometry of the server-drawn progress chart: plain dates and numbers, no database."""

from datetime import date
from itertools import pairwise

import pytest

from commitments import charts
from commitments.charts import Label, month_ticks, overlaps, progress_chart

START = date(2025, 9, 1)
END = date(2027, 8, 31)
PLOT_LEFT = charts.LEFT
PLOT_RIGHT = charts.WIDTH - charts.RIGHT
PLOT_TOP = charts.TOP
PLOT_BOTTOM = charts.HEIGHT - charts.BOTTOM


def draw(actual=(), current=None, expected=None, start=START, end=END, today=date(2026, 11, 25)):
    if expected is None:
        expected = [(start, 0), (end, 100)]
    return progress_chart(
        start=start,
        end=end,
        today=today,
        actual=list(actual),
        current=current,
        expected=list(expected),
        actual_label="Avance 60 %",
        expected_label="Esperado",
        today_label="Hoy",
        format_tick=lambda day: day.strftime("%b %Y").lower(),
    )


def all_labels(chart):
    ticks = [tick.label for tick in (*chart.x_ticks, *chart.y_ticks)]
    marks = [chart.expected_label, chart.actual_label, chart.today_label]
    return ticks + [label for label in marks if label]


def test_the_y_axis_runs_from_zero_at_the_bottom_to_100_at_the_top():
    chart = draw(actual=[(START, 0), (date(2026, 9, 1), 100)], current=100)
    assert chart.markers[0] == (PLOT_LEFT, PLOT_BOTTOM)
    assert chart.markers[1][1] == PLOT_TOP
    assert [tick.value for tick in chart.y_ticks] == [0, 25, 50, 75, 100]
    assert [tick.label.text for tick in chart.y_ticks] == ["0 %", "25 %", "50 %", "75 %", "100 %"]
    assert chart.y_ticks[2].position == (PLOT_TOP + PLOT_BOTTOM) / 2


def test_values_outside_0_to_100_are_clamped_to_the_plot():
    chart = draw(actual=[(START, -20), (date(2026, 1, 1), 140)], current=140)
    assert chart.markers[0][1] == PLOT_BOTTOM
    assert chart.markers[1][1] == PLOT_TOP


def test_the_x_axis_runs_from_start_to_end_when_today_is_inside():
    chart = draw()
    assert chart.expected == ((PLOT_LEFT, PLOT_BOTTOM), (PLOT_RIGHT, PLOT_TOP))
    halfway = date(2026, 8, 31)  # 364 of 729 days
    assert PLOT_LEFT < draw(today=halfway).today_x < PLOT_RIGHT
    assert abs(draw(today=halfway).today_x - (PLOT_LEFT + PLOT_RIGHT) / 2) < 1


def test_the_x_axis_stretches_to_today_after_the_end():
    today = date(2026, 11, 25)
    chart = draw(
        end=date(2026, 8, 31), expected=[(START, 0), (date(2026, 8, 31), 100)], today=today
    )
    assert chart.today_x == PLOT_RIGHT
    assert chart.expected[-1][0] < PLOT_RIGHT


def test_the_actual_line_continues_to_today_without_a_marker():
    actual = [(START, 0), (date(2026, 11, 10), 60)]
    chart = draw(actual=actual, current=60)
    assert len(chart.markers) == 2
    assert len(chart.actual) == 3
    assert chart.actual[-1] == (chart.today_x, chart.markers[-1][1])
    assert chart.actual_points.count(",") == 3


def test_no_extension_when_the_last_change_is_today():
    today = date(2026, 11, 25)
    chart = draw(actual=[(START, 0), (today, 60)], current=60, today=today)
    assert chart.actual == chart.markers


def test_no_actual_line_without_data():
    chart = draw(actual=[], current=None)
    assert chart.actual == () and chart.markers == ()
    assert chart.actual_label is None
    assert chart.actual_points == ""


def test_points_attribute_is_compact_and_locale_free():
    assert charts.points_attribute([(50.0, 182.0), (123.4, 26.5)]) == "50,182 123.4,26.5"


def test_a_single_day_span_does_not_divide_by_zero():
    day = date(2026, 1, 1)
    chart = draw(start=day, end=day, today=day, expected=[(day, 0)])
    assert chart.today_x == PLOT_LEFT


def test_month_ticks_fall_on_first_days_inside_the_range():
    ticks = month_ticks(date(2025, 9, 15), date(2026, 3, 1), min_days_apart=28)
    assert ticks == [date(2025, 10, 1), date(2025, 11, 1), date(2025, 12, 1),
                     date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]  # fmt: skip


def test_month_ticks_use_coarser_steps_when_room_is_short():
    assert month_ticks(START, END, min_days_apart=150) == [
        date(2026, 1, 1),
        date(2026, 7, 1),
        date(2027, 1, 1),
        date(2027, 7, 1),
    ]
    assert month_ticks(START, END, min_days_apart=400) == [date(2026, 1, 1), date(2027, 1, 1)]


@pytest.mark.parametrize(
    ("start", "end", "today"),
    [
        (START, END, date(2026, 11, 25)),
        (date(2025, 9, 1), date(2026, 8, 31), date(2026, 11, 25)),
        (date(2026, 10, 1), date(2026, 12, 31), date(2026, 11, 25)),
        (date(2025, 2, 4), date(2027, 9, 30), date(2027, 9, 30)),
    ],
)
def test_date_labels_never_collide_and_stay_inside(start, end, today):
    chart = draw(start=start, end=end, today=today, expected=[(start, 0), (end, 100)])
    boxes = [tick.label.box for tick in chart.x_ticks]
    assert len(boxes) >= 2
    for left, right in pairwise(boxes):
        assert not overlaps(left, right)
    assert all(charts.inside(box) for box in boxes)


def test_direct_labels_move_apart_when_lines_end_at_the_same_place():
    # A commitment completed on its end date: both lines end top right, next to "Hoy".
    end = date(2026, 8, 31)
    chart = draw(
        actual=[(START, 0), (end, 100)],
        current=100,
        end=end,
        today=end,
        expected=[(START, 0), (end, 100)],
    )
    labels = all_labels(chart)
    for index, label in enumerate(labels):
        assert charts.inside(label.box), label
        for other in labels[index + 1 :]:
            assert not overlaps(label.box, other.box), (label, other)


def test_label_boxes_follow_the_text_anchor():
    assert Label("abcd", 100, 50, "start").box[0] == 100
    assert Label("abcd", 100, 50, "end").box[2] == 100
    middle = Label("abcd", 100, 50, "middle").box
    assert middle[0] < 100 < middle[2]
