"""Issue 7 line 11: the checklist's cost does not grow with its size.

The month page and the year view run as many queries on a 12 months × 20 items checklist as
on the guide's own ~6 a month; a strike or a highlight answers with the item alone (and its
month's counts, out of band), under 2 KB. `make bench` times the same requests.
"""

import datetime
import re

import pytest
from conftest import text

from pairapp.checklist.models import MONTHS, ChecklistItem
from pairapp.checklist.units import ITEM
from pairapp.core.versioning import create, save, set_value

PER_MONTH = 20
NOTE = "Bring the handbook, the charter draft and both calendars; Pat books the room."


@pytest.fixture
def outside_a_request(app):
    """Seeding runs in an app context of its own, as `make bench` does (never around the
    test's requests: they would share its `g`)."""
    return app.app_context


def grow(world, per_month=PER_MONTH):
    """Fill every month to per_month items, with ticks, strikes, highlights and notes by
    both partners (each adds what a page shows: who ticked, a margin)."""
    users = [world.people["mentor"].id, world.people["protege"].id]
    for month in range(1, MONTHS + 1):
        for i in range(len(world.pair_items(month)), per_month):
            values = {"title": f"Our item {month}.{i}", "month": month}
            create(ITEM, world.pair, users[i % 2], values)
    items = list(ChecklistItem.select().where(ChecklistItem.pair == world.pair.id))
    for index, item in enumerate(items):
        user = users[index % 2]
        if index % 5 == 0:
            set_value(ITEM, item, user, "done", True)
        elif index % 7 == 0:
            set_value(ITEM, item, user, "strike", True)
        if index % 4 == 0:
            set_value(ITEM, item, user, "highlight", True)
        if index % 6 == 0:
            unit = ChecklistItem.get_by_id(item.id)
            changes = {"margin_place": "Room 4", "margin_note": f"Note {index}"}
            save(ITEM, unit, changes, unit.version, user)


PAGES = {
    "month page": "/checklist/month/1",
    "month page, filtered": "/checklist/month/6?show=open",
    "year view": "/checklist/year",
    "print, one month": "/checklist/print?month=1",
    "print, the year": "/checklist/print",
}


def count_queries(world, queries):
    """{page: number of queries} for each page, as the protégé opens it."""
    session = world.as_("protege")
    counts = {}
    for name, path in PAGES.items():
        response, executed = queries(lambda path=path: session.get(world.url(path)))
        assert response.status_code == 200, name
        counts[name] = len(executed)
    return counts


def test_pages_run_as_many_queries_on_12_by_20_items_as_on_a_small_checklist(
    world, queries, outside_a_request
):
    # Some state on the small one too: a tick (who ticked it), a highlight.
    with outside_a_request():
        set_value(ITEM, world.item(1, 0), world.people["mentor"].id, "done", True)
        set_value(ITEM, world.item(1, 1), world.people["protege"].id, "highlight", True)
    small = count_queries(world, queries)
    with outside_a_request():
        grow(world)
    sizes = {
        m: ChecklistItem.select().where(ChecklistItem.month == m).count()
        for m in range(1, MONTHS + 1)
    }
    assert set(sizes.values()) == {PER_MONTH}
    large = count_queries(world, queries)
    assert large == small
    # And few: a page is a handful of queries, not one per item or per month.
    assert max(large.values()) <= 12, large


def full_item(world):
    """An item as big as a pair's items get in use: the guide's words, ticked by a partner
    whose name it shows, highlighted, with a date, a time, a place and a note in the margin."""
    item = world.item(1, 3)
    mentor, protege = world.people["mentor"].id, world.people["protege"].id
    set_value(ITEM, item, protege, "done", True)
    set_value(ITEM, item, protege, "highlight", True)
    margin = {
        "margin_date": datetime.date(2026, 9, 15),
        "margin_time": "16:30",
        "margin_place": "Regional office, floor 3",
        "margin_note": NOTE,
    }
    save(ITEM, ChecklistItem.get_by_id(item.id), margin, item.version, mentor)
    return item


@pytest.mark.parametrize("action", ["strike", "highlight"])
def test_a_strike_or_highlight_answers_the_item_alone_under_2_kb(world, action, outside_a_request):
    with outside_a_request():
        grow(world)
        item = full_item(world)
    for unit in (world.item(1, 2), item):
        response = world.set("mentor", unit, action, htmx=True)
        assert response.status_code == 200
        body = text(response)
        size = len(response.get_data())
        assert size < 2048, f"{size} bytes:\n{body}"
        # The item fragment, then at most its month's counts out of band: nothing else.
        assert body.lstrip().startswith(f'<div id="u-item-{unit.id}"')
        ids = re.findall(r'\bid="([^"]+)"', body)
        assert ids == [f"u-item-{unit.id}", "counts-1"], ids
        assert 'id="counts-1" class="counts" data-hx-swap-oob="true"' in body
        assert "<li" not in body  # no list, no month re-sent
