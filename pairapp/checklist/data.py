"""A pair's checklist data: the copy of the default guide a pair starts with."""

from peewee import Case, IntegrityError, chunked, fn

from ..core.versioning import next_seq
from ..db import write_transaction
from .guides import default_guide_items
from .models import Checklist, ChecklistItem


def start_checklist(pair):
    """Copy the default guide into the pair's own rows, once; True if this call copied it.

    Later changes to the guide never reach these rows. Two first opens at once copy once:
    the write lock makes the second wait and find the copy, and on other databases the
    unique Checklist row refuses the second.
    """
    try:
        with write_transaction():
            if Checklist.select().where(Checklist.pair == pair.id).exists():
                return False
            guide_name, items = default_guide_items()
            Checklist.create(pair=pair.id, guide_name=guide_name)
            rows = []
            positions = {}
            for month, lead, title, detail in items:
                positions[month] = positions.get(month, 0) + 1
                rows.append(
                    {
                        "pair": pair.id,
                        "month": month,
                        "position": positions[month],
                        "lead": lead,
                        "title": title,
                        "detail": detail,
                        "own": False,
                    }
                )
            for batch in chunked(rows, 50):
                ChecklistItem.insert_many(batch).execute()
            next_seq(pair.id, shared=True)
    except IntegrityError:
        return False
    return True


def has_checklist(pair):
    """Whether the pair already has its copy."""
    return Checklist.select().where(Checklist.pair == pair.id).exists()


def month_items(pair, user, month):
    """The live items of one month this user may see, in order."""
    return list(
        ChecklistItem.select()
        .where(
            (ChecklistItem.pair == pair.id)
            & (ChecklistItem.month == month)
            & ChecklistItem.deleted_at.is_null()
            & ChecklistItem.visible_to(user.id)
        )
        .order_by(ChecklistItem.position, ChecklistItem.id)
    )


def all_items(pair, user):
    """Every live item this user may see, by month, in order (the print view of the year)."""
    by_month = {}
    query = (
        ChecklistItem.select()
        .where(
            (ChecklistItem.pair == pair.id)
            & ChecklistItem.deleted_at.is_null()
            & ChecklistItem.visible_to(user.id)
        )
        .order_by(ChecklistItem.month, ChecklistItem.position, ChecklistItem.id)
    )
    for item in query:
        by_month.setdefault(item.month, []).append(item)
    return by_month


def month_counts(pair, user):
    """{month: {done, struck, highlighted, open, total}} in one query, whatever the size."""
    item = ChecklistItem
    is_open = (item.done == False) & (item.struck == False)  # noqa: E712 (SQL, not Python)
    query = (
        item.select(
            item.month,
            fn.COUNT(item.id).alias("total"),
            fn.SUM(Case(None, [(item.done == True, 1)], 0)).alias("done"),  # noqa: E712
            fn.SUM(Case(None, [(item.struck == True, 1)], 0)).alias("struck"),  # noqa: E712
            fn.SUM(Case(None, [(item.highlighted == True, 1)], 0)).alias("highlighted"),  # noqa: E712
            fn.SUM(Case(None, [(is_open, 1)], 0)).alias("open"),
        )
        .where((item.pair == pair.id) & item.deleted_at.is_null() & item.visible_to(user.id))
        .group_by(item.month)
        .dicts()
    )
    return {
        row["month"]: {key: int(row[key] or 0) for key in COUNT_KEYS + ("total",)} for row in query
    }


COUNT_KEYS = ("done", "struck", "highlighted", "open")


def counts_of(pair, user, month):
    """One month's counts (a month with no items counts zeros)."""
    return month_counts(pair, user).get(month) or dict.fromkeys(COUNT_KEYS + ("total",), 0)
