"""The fields every unit's edit form carries, and fields several features share."""

import calendar
import datetime
import re

from flask_wtf import FlaskForm
from wtforms import DateField as BaseDateField
from wtforms import IntegerField, StringField
from wtforms.validators import Length, Optional
from wtforms.widgets import DateInput, HiddenInput

DATE_HINT = "Write it as 2026-11-24 (year-month-day) or 24 Nov 2026, or pick it from the calendar."
DATE_ERROR = (
    "“{typed}” is not a date we can read. "
    "Write the date as 2026-11-24, or pick it from the calendar."
)

# Month names and their short forms, as people type them ("Sept" too).
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
YEAR_FIRST = re.compile(r"(\d{4})[-/. ](\d{1,2})[-/. ](\d{1,2})")
DAY_FIRST = re.compile(r"(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.? (\d{4})")
MONTH_FIRST = re.compile(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)? (\d{4})")


def parse_date(text):
    """A date from what people type, or None.

    Accepted: ISO 2026-11-24 (what the browser's date picker sends; also with / or . or a
    space between), and a named month: 24 Nov 2026, 24 November 2026, November 24, 2026.
    Refused: 24/11/2026 and 11/24/2026, whose order of day and month cannot be told apart
    (3/4/2026 is 3 April in Europe, 4 March in the US): the message asks for the ISO form.
    """
    words = " ".join(text.lower().replace(",", " ").split())
    try:
        if match := YEAR_FIRST.fullmatch(words):
            year, month, day = (int(part) for part in match.groups())
        elif match := DAY_FIRST.fullmatch(words):
            day, month, year = int(match[1]), MONTHS.get(match[2]), int(match[3])
        elif match := MONTH_FIRST.fullmatch(words):
            month, day, year = MONTHS.get(match[1]), int(match[2]), int(match[3])
        else:
            return None
        return datetime.date(year, month, day) if month else None
    except ValueError:
        return None


class DateWidget(DateInput):
    """The browser's date picker; plain text while it holds typed text that is not a date,
    since a date input cannot show such text (the browser would blank it)."""

    def __call__(self, field, **kwargs):
        if field.data is None and field.raw_data and "".join(field.raw_data).strip():
            kwargs.setdefault("type", "text")
        return super().__call__(field, **kwargs)


class DateField(BaseDateField):
    """A date people can type as they write it or pick; its hint shows the expected form.

    A mistyped date keeps the typed text, with a message that says how to write it.
    """

    widget = DateWidget()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("description", DATE_HINT)
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        typed = " ".join(valuelist).strip()
        self.data = parse_date(typed) if typed else None
        if typed and self.data is None:
            # Left empty: the field's validators say whether it may be (Optional, DataRequired).
            raise ValueError(DATE_ERROR.format(typed=typed[:40]))

    def validate(self, form, extra_validators=()):
        if self.process_errors:
            # Typed, but not a date: say how to write it (a required date's "Enter the
            # date" would wrongly say nothing was typed).
            self.errors = list(self.process_errors)
            return False
        return super().validate(form, extra_validators)

    def _value(self):
        # A date read from typed words shows as the picker's ISO form; text that is not a
        # date shows as typed.
        if self.data is not None:
            return self.data.isoformat()
        return " ".join(self.raw_data) if self.raw_data else ""


class UnitForm(FlaskForm):
    """Fields every edit form carries: the version it was opened at, and an optional reason."""

    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    reason = StringField("Why (optional)", [Optional(), Length(max=500)])


class TextDateField(DateField):
    """A date kept as ISO text (a plan field's or a coaching text's value)."""

    def process_data(self, value):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value) if value else None
            except ValueError:
                value = None
        super().process_data(value)
