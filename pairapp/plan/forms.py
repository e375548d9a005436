"""The plan's forms: every editable unit's fields, and signing."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from ..core.forms import DateField, TextDateField, UnitForm
from .models import (
    GOAL_HORIZONS,
    GOAL_KINDS,
    GOAL_OWNERS,
    GOAL_STATUSES,
    RESPONSIBLE,
    STEP_STATUSES,
)

LONG = Length(max=20000)


def options(pairs):
    """(value, label) pairs as WTForms select choices."""
    return [SelectChoice(value, label) for value, label in pairs]


class TextValueForm(UnitForm):
    value = TextAreaField("Text", [LONG])


class LineValueForm(UnitForm):
    value = StringField("Text", [Length(max=500)])


class DateValueForm(UnitForm):
    value = TextDateField("Date", [Optional()])


class GoalForm(UnitForm):
    title = StringField("Goal (what, specifically)", [DataRequired(), Length(max=300)])
    measure = TextAreaField("How we will know (measure)", [LONG])
    target_date = DateField("Target date", [Optional()])
    owner = SelectField("Owner", choices=options(GOAL_OWNERS), default="protege")
    goal_kind = SelectField(
        "Kind of goal", choices=options(GOAL_KINDS), default="protege_improvement"
    )
    horizon = SelectField("Time frame", choices=options(GOAL_HORIZONS), default="short")
    status = SelectField("Status", choices=options(GOAL_STATUSES), default="not_started")
    progress = IntegerField("Progress (%)", [Optional(), NumberRange(0, 100)], default=0)
    evidence = TextAreaField("Evidence", [LONG])


def linked_goal_id(value):
    """A step's goal as an id: from the form ("" for none) or from the step (a Goal)."""
    value = getattr(value, "id", value)
    return int(value) if value else None


class StepForm(UnitForm):
    title = StringField("Step", [DataRequired(), Length(max=300)])
    description = TextAreaField("Description", [LONG])
    responsible = SelectField("Who is responsible", choices=options(RESPONSIBLE), default="protege")
    deadline = DateField("Deadline", [Optional()])
    status = SelectField("Status", choices=options(STEP_STATUSES), default="not_started")
    goal = SelectField("Linked goal", coerce=linked_goal_id, choices=[], validate_choice=False)

    def validate_goal(self, field):
        """Only a goal the user can see may be linked."""
        if field.data is not None and field.data not in {c.value for c in field.choices}:
            raise ValidationError("Choose one of the goals listed.")


class MilestoneForm(UnitForm):
    title = StringField("Milestone", [DataRequired(), Length(max=300)])
    date = DateField("Date", [Optional()])
    done = BooleanField("Done")


class TermForm(UnitForm):
    term = StringField("Word or phrase", [DataRequired(), Length(max=200)])
    definition = TextAreaField("What we mean by it", [LONG])


class NoteForm(UnitForm):
    text = TextAreaField("Note", [DataRequired(), LONG])


class SignForm(FlaskForm):
    name = StringField("Your name as you sign", [DataRequired(), Length(max=120)])
