"""The checklist's share of `make bench` (issue 7 line 11): a 12 months × 20 items checklist,
and the requests to time on it.

`bench/__main__.py` calls `seed_checklist` after seeding its pair and appends `rows(...)` to its
table. The strike and highlight rows answer with the item fragment alone (under 2 KB); the
month page and the year view run as many queries as on a small checklist (see
tests/checklist/test_size.py, which proves both).
"""

import re

from pairapp.checklist import start_checklist
from pairapp.checklist.models import MONTHS, ChecklistItem
from pairapp.checklist.units import ITEM
from pairapp.core.versioning import create, save, set_value
from pairapp.db import db
from pairapp.models import Membership, Pair

ITEMS_PER_MONTH = 20
PARTIAL = {"HX-Request": "true", "HX-Request-Type": "partial"}


def seed_checklist(app, pair_id, user_ids=None, per_month=ITEMS_PER_MONTH):
    """Give the pair its checklist, filled with own items to `per_month` items each month,
    some struck, highlighted, ticked and annotated (by the members, or by `user_ids`).

    Returns (the id of an item of month 1 that starts neither struck nor highlighted, the
    pair's change counter after seeding: a poll since it finds nothing new).
    """
    with app.app_context():
        db.connect(reuse_if_open=True)
        pair = Pair.get_by_id(pair_id)
        if user_ids is None:
            members = Membership.select().where(Membership.pair == pair_id).order_by(Membership.id)
            user_ids = [membership.user_id for membership in members]
        start_checklist(pair)
        for month in range(1, MONTHS + 1):
            have = (
                ChecklistItem.select()
                .where((ChecklistItem.pair == pair_id) & (ChecklistItem.month == month))
                .count()
            )
            for i in range(have, per_month):
                user_id = user_ids[i % len(user_ids)]
                create(ITEM, pair, user_id, {"title": f"Our item {month}.{i}", "month": month})
        items = list(
            ChecklistItem.select()
            .where(ChecklistItem.pair == pair_id)
            .order_by(ChecklistItem.month, ChecklistItem.position)
        )
        for index, item in enumerate(items):
            user_id = user_ids[index % len(user_ids)]
            if index % 5 == 0:
                set_value(ITEM, item, user_id, "done", True)
            elif index % 7 == 0:
                set_value(ITEM, item, user_id, "strike", True)
            if index % 4 == 0:
                set_value(ITEM, item, user_id, "highlight", True)
            if index % 6 == 0:
                unit = ChecklistItem.get_by_id(item.id)
                changes = {"margin_place": "Room 4", "margin_note": f"Note on item {index}"}
                save(ITEM, unit, changes, unit.version, user_id)
        counter = Pair.get_by_id(pair_id).change_counter
        db.close()
        return items[1].id, counter


def csrf_token(client, pair_id):
    """The CSRF token of the client's session, as a checklist page gives it to htmx."""
    page = client.get(f"/pairs/{pair_id}/checklist/year").get_data(as_text=True)
    return re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)


def rows(client, pair_id, item_id):
    """(label, method, url, kwargs) of the checklist's requests, for the bench table.

    Strike and highlight are set-actions (set to yes: repeating them changes nothing, so every
    round does the same work) answered with the item fragment, as htmx asks for them.
    """
    base = f"/pairs/{pair_id}/checklist"
    item = f"/pairs/{pair_id}/item/{item_id}/set"
    # As htmx sends a tap: the token in its header, the button's value in the body.
    headers = {**PARTIAL, "X-CSRFToken": csrf_token(client, pair_id)}
    post = {"headers": headers, "data": {"value": "yes"}}
    return [
        ("checklist month (20 items)", "get", f"{base}/month/1", {}),
        ("checklist year (12 × 20)", "get", f"{base}/year", {}),
        ("checklist print, year", "get", f"{base}/print", {}),
        ("checklist strike (htmx)", "post", f"{item}/strike", post),
        ("checklist highlight (htmx)", "post", f"{item}/highlight", post),
    ]
