"""A pair's checklist data: the copy of the default guide a pair starts with."""

from peewee import IntegrityError, chunked

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
