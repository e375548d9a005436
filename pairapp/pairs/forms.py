"""The pairs' forms: a new pair, an invite, and plain buttons."""

import datetime

from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from ..core.display import day
from ..core.forms import DateField
from ..plan import latest_start_date, templates


class PairForm(FlaskForm):
    title = StringField("Title", [DataRequired(), Length(max=120)])
    role = SelectField(
        "My role",
        choices=[SelectChoice("mentor", "Mentor"), SelectChoice("protege", "Protégé")],
        default="mentor",
    )
    start_date = DateField("Start date", [DataRequired()], default=datetime.date.today)
    plan_template = SelectField("Plan template", default="full")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan_template.choices = [
            SelectChoice(t.key, f"{t.name}: {t.description}") for t in templates().values()
        ] + [SelectChoice("", "Choose later, when we first open the plan")]

    def validate_start_date(self, field):
        """The plan's proposed milestones are dated from the start: they must fit a calendar."""
        latest = latest_start_date()
        if field.data and field.data > latest:
            raise ValidationError(f"Choose a start date on or before {day(latest)}.")


class InviteForm(FlaskForm):
    role = SelectField("Invite as", choices=[])


class EmptyForm(FlaskForm):
    """A form with only the CSRF field, for buttons."""
