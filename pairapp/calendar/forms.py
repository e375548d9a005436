"""The calendar page's forms: a subscription link with an optional last day, and a button."""

import datetime

from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms.validators import Optional, ValidationError

from ..core.display import day

# Long enough for any mentoring cycle; a date further out is more likely a typing slip.
LONGEST = datetime.timedelta(days=5 * 366)


class LinkForm(FlaskForm):
    """Make a subscription link; it may stop working after a day the member chooses."""

    expires_on = DateField(
        "Last day the link works (optional)",
        [Optional()],
        invalid_value_message="Write the day as a date, such as 2027-06-30, or leave it empty.",
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or datetime.date.today()

    def validate_expires_on(self, field):
        """A last day from today on, and not years away."""
        if field.data is None:
            return  # not a date: the field already says so
        if field.data < self.today:
            raise ValidationError("Choose today or a later day, or leave it empty.")
        if field.data > self.today + LONGEST:
            raise ValidationError(f"Choose a day before {day(self.today + LONGEST)}.")


class ButtonForm(FlaskForm):
    """Only the CSRF field, for a button."""
