"""The checklist's forms: an item's margin, a pair's own item, and adding one to a month."""

import re

from wtforms import (
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import HiddenInput, TimeInput

from ..core.forms import DateField, UnitForm
from .models import LEADS, MONTHS

LEAD_CHOICES = [SelectChoice(value, label) for value, label in LEADS]
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class TimeText(StringField):
    """A time of day kept as the "HH:MM" text people typed (no timezone: it is a plan)."""

    widget = TimeInput()

    def pre_validate(self, form):
        text = (self.data or "").strip()
        # Browsers send "14:30" (or "14:30:00" with seconds shown); keep hours and minutes.
        if len(text) == 8 and text.endswith(":00"):
            text = text[:5]
        self.data = text
        if text and not TIME.match(text):
            raise ValidationError("Write the time as hours and minutes, for example 14:30.")


class MarginForm(UnitForm):
    """What a pair writes in the margin of any item."""

    margin_date = DateField("Date", [Optional()])
    margin_time = TimeText("Time", [Optional()])
    margin_place = StringField("Place", [Length(max=200)])
    margin_note = TextAreaField("Note", [Length(max=5000)])


class OwnItemForm(MarginForm):
    """A pair's own item: its words too, not only the margin."""

    title = StringField("Item", [DataRequired("Write what the item is."), Length(max=200)])
    detail = TextAreaField("Detail", [Length(max=2000)])
    lead = SelectField("Who leads it", choices=LEAD_CHOICES, default="both")

    # The item's words first, then its margin.
    field_order = (
        "title",
        "detail",
        "lead",
        "margin_date",
        "margin_time",
        "margin_place",
        "margin_note",
    )

    def __iter__(self):
        order = {name: index for index, name in enumerate(self.field_order)}
        return iter(sorted(super().__iter__(), key=lambda f: order.get(f.short_name, -1)))


class AddItemForm(UnitForm):
    """Adding an own item to a month: its title, who leads it, and the month (hidden)."""

    title = StringField("New item", [DataRequired("Write what the item is."), Length(max=200)])
    lead = SelectField("Who leads it", choices=LEAD_CHOICES, default="both")
    month = IntegerField(widget=HiddenInput(), validators=[DataRequired(), NumberRange(1, MONTHS)])


def item_form(unit):
    """The edit form that fits an item: the whole item for the pair's own, else the margin."""
    return OwnItemForm if (unit is None or unit.own) else MarginForm
