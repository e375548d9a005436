"""The next check-in date a pair's meeting rhythm proposes, read from the charter's words."""

import datetime
import re

NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "other": 2}
UNITS = {"day": 1, "week": 7, "fortnight": 14, "month": 30}
WORDS = (
    ("fortnightly", 14),
    ("biweekly", 14),
    ("bi-weekly", 14),
    ("weekly", 7),
    ("monthly", 30),
    ("quarterly", 91),
    ("daily", 1),
)


def rhythm_days(text):
    """Days between meetings that the words name ("every two weeks" -> 14), or None."""
    text = (text or "").lower()
    match = re.search(r"every\s+(\d+|\w+)?\s*(day|week|fortnight|month)s?", text)
    if match:
        count, unit = match.group(1), match.group(2)
        number = int(count) if count and count.isdigit() else NUMBERS.get(count or "", 1)
        if 0 < number <= 52:
            return number * UNITS[unit]
    for word, days in WORDS:
        if word in text:
            return days
    return None


def proposed_next(last_date, rhythm_text):
    """The date after last_date that the rhythm proposes, or None without a rhythm."""
    days = rhythm_days(rhythm_text)
    if days is None or last_date is None:
        return None
    try:
        return last_date + datetime.timedelta(days=days)
    except OverflowError:
        return None
