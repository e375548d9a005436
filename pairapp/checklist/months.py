"""Checklist months: counted from the pair's start month, shown with their calendar month."""

import datetime

from .models import MONTHS

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def calendar_month(start_date, number):
    """The first day of the calendar month that is the pair's month `number` (1 = start)."""
    index = start_date.year * 12 + start_date.month - 1 + number - 1
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_label(start_date, number):
    """'Month 3 · January 2027'."""
    first = calendar_month(start_date, number)
    return f"Month {number} · {MONTH_NAMES[first.month - 1]} {first.year}"


def month_of(start_date, day):
    """The pair's month a day falls in, kept within 1–12 (before the start: month 1)."""
    number = (day.year - start_date.year) * 12 + day.month - start_date.month + 1
    return min(max(number, 1), MONTHS)
