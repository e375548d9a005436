"""The checklist's part of an export file: the pair's own adapted copy, month by month."""

from ..core.portable import written_by
from .models import Checklist, ChecklistItem

ITEM_FIELDS = (
    "month",
    "title",
    "detail",
    "lead",
    "done",
    "done_at",
    "struck",
    "highlighted",
    "margin_date",
    "margin_time",
    "margin_place",
    "margin_note",
    "own",
)


def export_checklist(context):
    """The guide the copy came from and every live item as the pair adapted it."""
    checklist = Checklist.get_or_none(Checklist.pair == context.pair.id)
    items = []
    for item, row in context.units(ChecklistItem, "item", ITEM_FIELDS):
        row["done_by"] = context.role(item.done_by_id)
        items.append(row)
    return {"guide_name": checklist.guide_name if checklist else None, "items": items}


def import_checklist(context, data):
    """The new pair's checklist is the file's copy (none: it copies the default guide later)."""
    if data["guide_name"] is None:
        return
    Checklist.create(pair=context.pair.id, guide_name=data["guide_name"])
    context.create(
        ChecklistItem,
        data["items"],
        ITEM_FIELDS,
        done_by=lambda row: context.person(row["done_by"]),
    )


def personal_data(user):
    """The checklist items this person added or changed last, in every pair."""
    return {"checklist_items": written_by(ChecklistItem, user.id, ITEM_FIELDS)}
