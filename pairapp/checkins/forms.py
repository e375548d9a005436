"""The check-ins' forms: each unit's fields, a step agreed in a check-in, a self-assessment."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..core.forms import DateField, UnitForm
from ..plan import RESPONSIBLE
from .models import ABOUT, FORMATS, REVIEW_KINDS, SCALE

LONG = Length(max=20000)


def options(pairs):
    """(value, label) pairs as WTForms select choices."""
    return [SelectChoice(value, label) for value, label in pairs]


class CheckInForm(UnitForm):
    date = DateField("Date of the check-in", [DataRequired(message="Enter the date you met.")])
    format = SelectField("Format", choices=options(FORMATS), default="in_person")
    progress_review = TextAreaField("Progress review", [LONG])
    challenges = TextAreaField("Challenges", [LONG])
    plan_adjustment = TextAreaField("Plan adjustment", [LONG])
    own_items = TextAreaField("Our own agenda items", [LONG])
    notes = TextAreaField("Notes", [LONG])
    decisions = TextAreaField("Decisions", [LONG])
    next_date = DateField("Next check-in", [Optional()])

    def validate_next_date(self, field):
        """The next check-in comes after this one."""
        if field.data and self.date.data and field.data < self.date.data:
            raise ValidationError("The next check-in should come after this one.")


class FeedbackForm(UnitForm):
    about = SelectField("Who it is for", choices=options(ABOUT), default="partner")
    helped = TextAreaField("What helped", [LONG])
    to_change = TextAreaField("What to change", [LONG])
    request = TextAreaField("A request", [LONG])

    def validate_helped(self, field):
        """A reflection says at least one thing."""
        if not any((f.data or "").strip() for f in (field, self.to_change, self.request)):
            raise ValidationError("Write what helped, what to change or a request.")


class RubricRowForm(UnitForm):
    title = StringField("Rubric row", [DataRequired(), Length(max=200)])


class AssessmentForm(UnitForm):
    date = DateField("Date", [DataRequired(message="Enter the date.")])
    score = SelectField("Where I am", choices=options(SCALE), coerce=int, default=1)
    comment = TextAreaField("Comment", [LONG])


class ReviewForm(UnitForm):
    kind = SelectField("Review", choices=options(REVIEW_KINDS), default="pilot")
    date = DateField("Date of the review", [DataRequired(message="Enter the date.")])
    achieved = TextAreaField("What we achieved against our evaluation criteria", [LONG])
    carries_on = TextAreaField("What carries on", [LONG])


class StepForm(FlaskForm):
    """An action step agreed in a check-in; it goes into the plan."""

    title = StringField("Action step", [DataRequired(), Length(max=300)])
    responsible = SelectField("Who is responsible", choices=options(RESPONSIBLE), default="protege")
    deadline = DateField("Deadline", [Optional()])


class SelfAssessmentForm(FlaskForm):
    """The date and sharing choice of a self-assessment; the rows' scores are read by name."""

    date = DateField("Date", [DataRequired(message="Enter the date.")])
    share = BooleanField("Share these ratings with my partner")


class EmptyForm(FlaskForm):
    """A button's form: only the CSRF token."""
