"""The fields every unit's edit form carries, and fields several features share."""

import datetime

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, StringField
from wtforms.validators import Length, Optional
from wtforms.widgets import HiddenInput


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
