"""What each pair's card on the dashboard tells of the check-ins: the next one agreed."""

from peewee import fn

from ..core.unit_types import Glance
from .models import CheckIn
from .units import today


def glance(pairs, user):
    """Each pair's next agreed check-in, in one query whatever the number of pairs."""
    ids = [pair.id for pair in pairs]
    if not ids:
        return {}
    query = (
        CheckIn.select(CheckIn.pair, fn.MIN(CheckIn.next_date))
        .where(
            CheckIn.pair.in_(ids)
            & CheckIn.deleted_at.is_null()
            & CheckIn.visible_to(user.id)
            & (CheckIn.next_date >= today())
        )
        .group_by(CheckIn.pair)
        .tuples()
    )
    found = {}
    for pair_id, next_date in query:
        found[pair_id] = Glance(coming=((CheckIn.next_date.python_value(next_date), "Check-in"),))
    return found
