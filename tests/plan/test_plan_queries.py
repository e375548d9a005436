"""The plan's pages run a fixed number of SQL queries, whatever the size of the plan."""

import datetime

import pytest
from conftest import HTMX_PARTIAL, text

from pairapp.db import db
from pairapp.models import Pair, Revision, Signature
from pairapp.plan.data import FIRST_ITEMS
from pairapp.plan.units import UNIT_TYPES

KINDS = ["goal", "step", "milestone", "term", "note"]


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see conftest)."""
    return reused_app


def values_for(kind, i, goals):
    """Field values of the i-th item of a kind."""
    return {
        "goal": {"title": f"Goal {i}", "measure": "m", "target_date": datetime.date(2027, 1, 1)},
        "step": {"title": f"Step {i}", "goal": goals[i % len(goals)] if goals else None},
        "milestone": {"title": f"Milestone {i}", "date": datetime.date(2026, 10, 1)},
        "term": {"term": f"Term {i}", "definition": "d"},
        "note": {"text": f"Note {i}"},
    }[kind]


def seed(world, count, start=0):
    """count items of each kind, interleaved, each with its history; some private."""
    pair = Pair.get_by_id(world.pair.id)
    seq = pair.change_counter
    goals = []
    with db.atomic():
        for i in range(start, start + count):
            for kind in KINDS:
                unit_type = UNIT_TYPES[kind]
                author = world.protege if i % 2 else world.mentor
                # Every third goal and note is private to its author.
                private = unit_type.can_be_private and i % 3 == 0
                seq += 0 if private else 1
                unit = unit_type.model.create(
                    pair=pair.id,
                    position=1000 + i,
                    created_by=author.id,
                    updated_by=author.id,
                    private_to=author.id if private else None,
                    **values_for(kind, i, goals),
                )
                if kind == "goal":
                    goals.append(unit.id)
                Revision.create(
                    pair=pair.id,
                    user=author.id,
                    part=unit_type.part_of(unit),
                    kind=kind,
                    object_id=unit.id,
                    action="create",
                    new_value=unit_type.title_of(unit),
                    seq=seq,
                    private_to=unit.private_to_id,
                )
        Pair.update(change_counter=seq).where(Pair.id == pair.id).execute()
    return seq


def visible_items(world):
    total = 0
    for kind in KINDS:
        model = UNIT_TYPES[kind].model
        total += (
            model.select()
            .where((model.pair == world.pair.id) & model.visible_to(world.mentor.id))
            .count()
        )
    return total


@pytest.fixture
def prepared(plan_world):
    """The plan with a few edits, a signature and a field edit, as any plan soon has."""
    world = plan_world
    world.save("protege", "field", world.field("roles"), value="Roles")
    world.save("mentor", "field", world.field("criteria"), value="Criteria")
    world.as_("mentor").post(world.url("/plan/sign"), {"name": "Mo"})
    world.as_("protege").post(world.url("/plan/sign"), {"name": "Pat"})
    world.save("protege", "field", world.field("criteria"), value="Criteria, changed")
    Signature.get()  # both signed; one part changed since
    return world


def measure(world, queries, editing):
    """The queries of each measured page, as the mentor fetches it."""
    mentor = world.as_("mentor")
    pages = {
        "plan": lambda: mentor.get(world.url("/plan")),
        "history": lambda: mentor.get(world.url("/history")),
        "history fragment": lambda: mentor.get(world.url("/history"), headers=HTMX_PARTIAL),
        "changes": lambda: mentor.get(
            world.url(f"/plan/changes?since=0&editing={editing}"), headers=HTMX_PARTIAL
        ),
    }
    found = {}
    for name, fetch in pages.items():
        response, statements = queries(fetch)
        assert response.status_code == 200, name
        found[name] = statements
    return found


def test_query_counts_do_not_grow_with_the_plan(prepared, queries):
    world = prepared
    seed(world, 1)
    goal = UNIT_TYPES["goal"].model.get(title="Goal 0")
    editing = f"goal:{goal.id}:{goal.version}"
    world.save("protege", "goal", goal, progress="10")
    small = measure(world, queries, editing)
    small_items = visible_items(world)

    seed(world, 59, start=1)
    # The history shows the newest 100 changes, one query per kind of unit among them:
    # keep a field's change among them, as in the small plan.
    world.save("mentor", "field", world.field("roles"), value="Roles, again")
    large = measure(world, queries, editing)
    large_items = visible_items(world)
    assert small_items <= 10 and large_items >= 250

    counts = {name: (len(small[name]), len(large[name])) for name in small}
    assert all(a == b for a, b in counts.values()), counts
    # A handful of queries, not one per item.
    assert all(a < 25 for a, _b in counts.values()), counts


def test_the_page_shows_what_was_seeded(prepared):
    """Every seeded item the reader may see is shown: a long list's first items on the page,
    the rest on request ("Show all", as a fragment or, without JavaScript, as the page)."""
    world = prepared
    seed(world, 60)
    mentor = world.as_("mentor")
    page = mentor.get(world.url("/plan")).get_data(as_text=True)
    hidden = sum(1 for i in range(60) if i % 6 == 3)  # private to the protégé
    for kind in KINDS:
        unit_type = UNIT_TYPES[kind]
        expected = 60 - hidden if unit_type.can_be_private else 60
        if kind == "milestone":
            expected += 4  # the template's proposed milestones
        part = unit_type.part_of(None)
        assert page.count(f'class="unit unit-{kind}"') == FIRST_ITEMS, kind
        assert f"Show all {expected} {unit_type.label}s</a>" in page, kind
        fragment = mentor.get(world.url(f"/plan/parts/{part}"), headers=HTMX_PARTIAL)
        assert text(fragment).count(f'class="unit unit-{kind}"') == expected, kind
        assert "Show all" not in text(fragment)
        whole = mentor.get(world.url(f"/plan?full={part}")).get_data(as_text=True)
        assert whole.count(f'class="unit unit-{kind}"') == expected, kind
