"""The coaching forms: every unit's fields, a new cycle, and the member choices they offer."""

import datetime

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError
from wtforms.widgets import HiddenInput, TimeInput

from ..core.display import reader_zone
from ..core.forms import TextDateField, UnitForm
from ..core.models import Membership, User

LONG = Length(max=20000)
TIME = Regexp(
    r"^([01]\d|2[0-3]):[0-5]\d$", message="Write the time as hours and minutes, e.g. 14:05."
)
MEMBER_MESSAGE = "Choose one of the pair's members."


def now_hhmm():
    """The reader's time now, as hours and minutes."""
    return datetime.datetime.now(reader_zone()).strftime("%H:%M")


def time_text(value):
    """A typed time as HH:MM (browsers may add seconds)."""
    value = (value or "").strip()
    return value[:5] if len(value) == 8 and value[5] == ":" else value


def or_now(value):
    """An empty note time means now."""
    return time_text(value) or now_hhmm()


def member_id(value):
    """A member choice as an id: from the form ("" for none) or from a unit (a User)."""
    value = getattr(value, "id", value)
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class TextValueForm(UnitForm):
    value = TextAreaField("Text", [LONG])


class LineValueForm(UnitForm):
    value = StringField("Text", [Length(max=500)])


class DateValueForm(UnitForm):
    value = TextDateField("Date", [Optional()])


class TimeValueForm(UnitForm):
    value = StringField("Time", [Optional(), TIME], filters=[time_text], widget=TimeInput())


FORMS_BY_KIND = {"text": TextValueForm, "line": LineValueForm, "date": DateValueForm}
FORMS_BY_KIND["time"] = TimeValueForm


def choose_member(field):
    """Validate a member choice against the choices prepare_form set."""
    if field.data not in {choice.value for choice in field.choices}:
        raise ValidationError(MEMBER_MESSAGE)


class CycleForm(UnitForm):
    observer = SelectField("Who observes", coerce=member_id, choices=[], validate_choice=False)
    observed = SelectField("Who is observed", coerce=member_id, choices=[], validate_choice=False)

    def validate_observer(self, field):
        choose_member(field)

    def validate_observed(self, field):
        choose_member(field)
        if field.data == self.observer.data:
            raise ValidationError("Choose two different people: one observes the other.")


class NewCycleForm(CycleForm):
    """A new cycle: the same choices, without a version or reason to carry."""

    version = None
    reason = None


class CoachingGoalForm(UnitForm):
    title = StringField(
        "Shared goal (an inquiry into a practice)", [DataRequired(), Length(max=300)]
    )
    plan_goal = SelectField(
        "Linked goal of the plan", coerce=member_id, choices=[], validate_choice=False
    )

    def validate_plan_goal(self, field):
        if field.data is not None and field.data not in {c.value for c in field.choices}:
            raise ValidationError("Choose one of the plan's goals listed.")


class NoteForm(UnitForm):
    text = TextAreaField("Note", [DataRequired(message="Write the note first."), LONG])
    at = StringField("Time", [TIME], filters=[or_now], default=now_hhmm, widget=TimeInput())


class TallyForm(UnitForm):
    name = StringField(
        "Counter", [DataRequired(message="Name the counter first."), Length(max=120)]
    )


class NextStepForm(UnitForm):
    text = TextAreaField("Next step", [DataRequired(message="Write the step first."), LONG])
    for_user = SelectField("For", coerce=member_id, choices=[], validate_choice=False)

    def validate_for_user(self, field):
        choose_member(field)


def in_cycle(form_class):
    """The add form of a cycle's list: it names its cycle in a hidden field (the list's scope)."""

    class AddForm(form_class):
        cycle = IntegerField(widget=HiddenInput(), validators=[Optional()])

    AddForm.__name__ = f"New{form_class.__name__}"
    return AddForm


NEW_FORMS = {form: in_cycle(form) for form in (NoteForm, TallyForm, NextStepForm)}


def add_or_edit(form_class):
    """The form a unit type offers: with its cycle to add, without it to edit."""
    return lambda unit: form_class if unit is not None else NEW_FORMS[form_class]


def members(pair):
    """The pair's members as (id, name), in joining order."""
    query = (
        User.select(User.id, User.display_name)
        .join(Membership, on=(Membership.user == User.id))
        .where(Membership.pair == pair.id)
        .order_by(Membership.id)
    )
    return [(user.id, user.display_name) for user in query]


def member_choices(pair):
    """The pair's members as select choices."""
    return [SelectChoice(user_id, name) for user_id, name in members(pair)]


class AgreementStartForm(FlaskForm):
    """Only the CSRF field: starting the agreement is one button."""
