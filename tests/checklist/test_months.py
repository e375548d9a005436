"""Months count from the pair's start month and show the calendar month."""

import datetime

import pytest

from pairapp.checklist.months import calendar_month, month_label, month_of

START = datetime.date(2026, 11, 17)


@pytest.mark.parametrize(
    ("number", "label"),
    [
        (1, "Month 1 · November 2026"),
        (2, "Month 2 · December 2026"),
        (3, "Month 3 · January 2027"),
        (12, "Month 12 · October 2027"),
    ],
)
def test_month_labels(number, label):
    assert month_label(START, number) == label


def test_calendar_month_is_the_first_day():
    assert calendar_month(START, 3) == datetime.date(2027, 1, 1)


@pytest.mark.parametrize(
    ("day", "number"),
    [
        (datetime.date(2026, 10, 30), 1),  # before the start: the first month
        (datetime.date(2026, 11, 1), 1),  # the start month, even before the start day
        (datetime.date(2026, 12, 31), 2),
        (datetime.date(2027, 1, 1), 3),
        (datetime.date(2027, 10, 31), 12),
        (datetime.date(2029, 5, 1), 12),  # after the year: the last month
    ],
)
def test_the_current_month(day, number):
    assert month_of(START, day) == number
