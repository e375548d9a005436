"""The checklist item as the core's unit type: margin edits, own items, strike/highlight/done."""

import datetime

from ..core.display import reader_zone
from ..core.unit_types import SetAction, UnitType
from ..core.versioning import REMOVAL
from .forms import AddItemForm, item_form
from .models import LEADS, ChecklistItem

YES_NO = {"yes": True, "no": False}
# A guide's words, and whether the item is there at all: only the pair's own items change them
# (a guide item that does not apply is struck, never removed).
WORDING = ("title", "detail", "lead", REMOVAL)


def part_of(unit):
    """An item belongs to its month: lists, moves and live updates work month by month."""
    return f"month-{unit.month}"


def may_write(unit, user_id, field_name):
    """Either partner writes everything, except the words (or removal) of a guide's item."""
    return unit.own or field_name not in WORDING


def when_done(unit, value, user_id):
    """Ticking keeps the day and who; unticking clears them."""
    if not value:
        return {"done_at": None, "done_by": None}
    return {"done_at": datetime.datetime.now(reader_zone()).date(), "done_by": user_id}


def form_for(unit):
    """Adding (no unit yet) asks for a title; editing fits the item."""
    return AddItemForm if unit is None else item_form(unit)


ITEM = UnitType(
    name="item",
    feature="checklist",
    model=ChecklistItem,
    label="checklist item",
    form=form_for,
    display="checklist/_item.html",
    fields={
        "title": "Item",
        "detail": "Detail",
        "lead": "Who leads it",
        "month": "Month",
        "margin_date": "Date",
        "margin_time": "Time",
        "margin_place": "Place",
        "margin_note": "Note",
    },
    part_of=part_of,
    phrases={
        "title": "the wording",
        "lead": "who leads it",
        "margin_date": "the margin date",
        "margin_time": "the margin time",
        "margin_place": "the margin place",
        "margin_note": "the margin note",
    },
    choices={"lead": dict(LEADS)},
    add_fields=("title", "lead"),
    may_write=may_write,
    set_actions={
        "strike": SetAction("struck", YES_NO, {"yes": "struck", "no": "restored"}),
        "highlight": SetAction(
            "highlighted", YES_NO, {"yes": "highlighted", "no": "took the highlight off"}
        ),
        "done": SetAction("done", YES_NO, {"yes": "ticked", "no": "unticked"}, also=when_done),
    },
    scope_field="month",
    heading=lambda unit: f"checklist item “{unit.title}”",
    controls="checklist/_controls.html",
)
