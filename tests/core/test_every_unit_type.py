"""The shared unit routes, run for every registered unit type: a new type is tested by adding
one sample here (the first test fails until it has one)."""

import datetime

import pytest
from conftest import plain

from pairapp.coaching.data import start_cycle
from pairapp.coaching.models import CoachingText
from pairapp.coaching.units import NEXT_STEP, NOTE, TALLY
from pairapp.core.models import Membership, Revision, User
from pairapp.core.versioning import create


def plan_field(world, unit_type):
    return world.field("roles")


def listed(values):
    """A sample maker for a list type: create the unit through the core."""

    def make(world, unit_type):
        return create(unit_type, world.pair, world.mentor.id, dict(values))

    return make


def by_protege(values):
    """A sample maker for a type only its author writes: Pat writes the unit."""

    def make(world, unit_type):
        return create(unit_type, world.pair, world.protege.id, dict(values))

    return make


def cycle_with_colleague(world, unit_type):
    """A cycle, Mo observing Pat, in a pair with two more members (user ids 4 and 5)."""
    for name in ("Cy", "Di"):
        user = User.create(email=f"{name}@example.org", display_name=name, password_hash="x")
        Membership.create(pair=world.pair, user=user, role="colleague")
    return start_cycle(world.pair, world.mentor.id, world.mentor.id, world.protege.id)


def observation_time(world, unit_type):
    cycle = start_cycle(world.pair, world.mentor.id, world.mentor.id, world.protege.id)
    return CoachingText.get((CoachingText.cycle == cycle.id) & (CoachingText.key == "obs_time"))


def in_cycle(unit_type, values):
    """A sample maker for a cycle's list: Pat observes Mo and writes the unit."""

    def make(world, _unit_type):
        cycle = start_cycle(world.pair, world.mentor.id, world.protege.id, world.mentor.id)
        return create(unit_type, world.pair, world.protege.id, {"cycle": cycle.id, **values})

    return make


# type name -> (make(world, unit_type), two different valid edits of one field, an invalid
# edit or None where every text is valid)
SAMPLES = {
    "field": (plan_field, ("value", "Pat leads", "Mo leads"), None),
    "goal": (listed({"title": "Lead a project"}), ("measure", "Two", "Three"), {"title": ""}),
    "step": (listed({"title": "Book a room"}), ("description", "Room 4", "Room 5"), {"title": ""}),
    "milestone": (
        listed({"title": "Show and tell", "date": datetime.date(2026, 10, 1)}),
        ("date", "2026-10-20", "2026-10-27"),
        {"date": "20th of October"},
    ),
    "term": (listed({"term": "Pilot", "definition": "6"}), ("definition", "7", "8"), {"term": ""}),
    "note": (listed({"text": "Bring the appraisal"}), ("text", "Both", "All"), {"text": ""}),
    "item": (
        listed({"title": "Meet the team", "month": 2}),
        ("margin_note", "Room 4", "Room 5"),
        {"margin_time": "25:99"},
    ),
    "cycle": (cycle_with_colleague, ("observer", "4", "5"), {"observer": "2"}),
    "coaching_goal": (
        listed({"title": "Wait time"}),
        ("title", "Wait more", "Wait less"),
        {"title": ""},
    ),
    "coaching_text": (observation_time, ("value", "10:30", "11:00"), {"value": "half past ten"}),
    "observation_note": (
        in_cycle(NOTE, {"text": "Waits", "at": "10:00"}),
        ("text", "Waits 3 s", "Waits 5 s"),
        {"at": "25:00"},
    ),
    "tally": (in_cycle(TALLY, {"name": "Questions"}), ("name", "Open", "Closed"), {"name": ""}),
    "next_step": (
        in_cycle(NEXT_STEP, {"text": "Read", "for_user": 2}),
        ("text", "Read a book", "Read two"),
        {"text": ""},
    ),
    "checkin": (
        listed({"date": datetime.date(2026, 10, 1)}),
        ("notes", "Talked it through", "Talked it over"),
        {"date": "next Tuesday"},
    ),
    "feedback": (by_protege({"helped": "The walk-through"}), ("request", "More", "Less"), None),
    "rubric_row": (listed({"title": "Listening"}), ("title", "Listen", "Ask"), {"title": ""}),
    "assessment": (
        by_protege({"row": "goals", "date": datetime.date(2026, 10, 1), "score": 2}),
        ("comment", "Better", "Worse"),
        {"date": "someday"},
    ),
    "review": (
        listed({"kind": "pilot", "date": datetime.date(2026, 10, 13)}),
        ("achieved", "Two talks", "Three talks"),
        {"date": "soon"},
    ),
}
# Types only one person writes (the observer's notes and tallies, feedback and self-assessments,
# made by Pat here): their stale save comes from the same person's other browser.
SOLE_WRITER = {"observation_note", "tally", "feedback", "assessment"}
INVALID = sorted(name for name, (_make, _edits, invalid) in SAMPLES.items() if invalid)


@pytest.fixture
def app(reused_app):
    return reused_app


def registered(app):
    return app.extensions["pairapp.registry"].unit_types


def test_every_registered_unit_type_has_a_sample(app):
    assert set(registered(app)) == set(SAMPLES)


def build(name, world, app):
    """(world, unit type, unit, its edits, its invalid edit) for one registered type."""
    make, edits, invalid = SAMPLES[name]
    unit_type = registered(app)[name]
    return world, unit_type, make(world, unit_type), edits, invalid


@pytest.fixture(params=sorted(SAMPLES))
def sample(request, plan_world, app):
    return build(request.param, plan_world, app)


@pytest.fixture(params=INVALID)
def sample_with_bad_input(request, plan_world, app):
    return build(request.param, plan_world, app)


def test_a_save_is_recorded_with_its_feature(sample):
    world, unit_type, unit, (name, value, _other), _invalid = sample
    response = world.save("protege", unit_type.name, unit, **{name: value})
    assert response.status_code == 303
    revision = Revision.select().where(Revision.field == name).order_by(Revision.id.desc()).get()
    assert (revision.kind, revision.feature, revision.user_id) == (
        unit_type.name,
        unit_type.feature,
        world.protege.id,
    )


def test_a_stale_save_is_a_409_keeping_both_texts(sample):
    world, unit_type, unit, (name, theirs, mine), _invalid = sample
    assert world.save("protege", unit_type.name, unit, **{name: theirs}).status_code == 303
    if unit_type.name in SOLE_WRITER:
        data = world.edit_data(unit, unit_type.name, **{name: mine})
        response = world.new_session("protege").post(world.unit_url(unit_type.name, unit.id), data)
    else:
        response = world.save("mentor", unit_type.name, unit, **{name: mine})
    assert response.status_code == 409
    body = plain(response)
    assert mine in body and "What they saved" in body


def test_bad_input_is_a_422_keeping_the_text(sample_with_bad_input):
    world, unit_type, unit, _edits, invalid = sample_with_bad_input
    response = world.save("mentor", unit_type.name, unit, **invalid)
    assert response.status_code == 422
    (value,) = invalid.values()
    assert value in plain(response)


def test_a_stranger_gets_404_everywhere(sample):
    world, unit_type, unit, (name, value, _other), _invalid = sample
    edit = {name: value}
    stranger = world.as_("stranger")
    stranger.get("/")
    base = world.unit_url(unit_type.name, unit.id)
    assert stranger.get(base + "/edit").status_code == 404
    assert stranger.get(base + "/history").status_code == 404
    data = world.edit_data(unit, unit_type.name, **edit)
    assert stranger.post(base, data).status_code == 404


def test_a_save_without_csrf_is_a_400(sample):
    world, unit_type, unit, (name, value, _other), _invalid = sample
    data = world.edit_data(unit, unit_type.name, **{name: value})
    response = world.as_("mentor").post(world.unit_url(unit_type.name, unit.id), data, csrf=False)
    assert response.status_code == 400
    assert type(unit).get_by_id(unit.id).version == unit.version
