"""The form that makes a share link."""

import datetime

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..core.display import reader_zone


class ShareLinkForm(FlaskForm):
    label = StringField("Who is it for?", [DataRequired(), Length(max=100)])
    expires = DateField("Works until (optional)", [Optional()])
    plan = BooleanField("The plan", default=True)
    checklist = BooleanField("The adapted checklist", default=True)
    checkins = BooleanField("The reviews", default=True)
    # Off unless ticked: observations are personal to the pair.
    coaching = BooleanField("The coaching summary", default=False)

    def validate_expires(self, field):
        """A link cannot expire in the past."""
        if field.data and field.data < datetime.datetime.now(reader_zone()).date():
            raise ValidationError("Choose today or a later date.")

    parts_error = None

    def validate(self, extra_validators=None):
        """The fields, and at least one part ticked."""
        valid = super().validate(extra_validators)
        if not self.chosen_parts():
            self.parts_error = "Tick at least one part for the link to show."
            return False
        return valid

    def chosen_parts(self):
        """The part keys ticked."""
        return [name for name in ("plan", "checklist", "checkins", "coaching") if self[name].data]
