"""The fields every unit's edit form carries."""

from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import Length, Optional
from wtforms.widgets import HiddenInput


class UnitForm(FlaskForm):
    """Fields every edit form carries: the version it was opened at, and an optional reason."""

    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    reason = StringField("Why (optional)", [Optional(), Length(max=500)])
