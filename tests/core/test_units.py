"""The generic unit routes on the plan: show, edit, save, add, remove, bring back, move, share."""

import datetime
import html as htmllib
import re

import pytest
from conftest import HTMX_PARTIAL, by_id, plain, tags, text

from pairapp.core.versioning import create
from pairapp.models import ActionStep, GlossaryTerm, Goal, Milestone, Note, PlanField, Revision
from pairapp.plan.units import UNIT_TYPES

MODELS = {
    "field": PlanField,
    "goal": Goal,
    "step": ActionStep,
    "milestone": Milestone,
    "term": GlossaryTerm,
    "note": Note,
}
LIST_TYPES = ["goal", "step", "milestone", "term", "note"]
PART_OF = {
    "goal": "goals",
    "step": "action_steps",
    "milestone": "timeline",
    "term": "charter",
    "note": "notes",
}
SAMPLE = {
    "goal": {"title": "Lead a project"},
    "step": {"title": "Book the first meeting"},
    "milestone": {"title": "Show and tell", "date": datetime.date(2026, 10, 1)},
    "term": {"term": "Pilot", "definition": "The first six weeks"},
    "note": {"text": "Bring the appraisal"},
}
# A valid edit per type: (field, new value, the text the display then shows).
EDITS = {
    "field": ("value", "Pat leads, Mo guides", "Pat leads, Mo guides"),
    "goal": ("progress", "40", "40%"),
    "step": ("description", "Ask for the calendar", "Ask for the calendar"),
    "milestone": ("date", "2026-10-20", "20 Oct 2026"),
    "term": ("definition", "Weeks one to six", "Weeks one to six"),
    "note": ("text", "Bring the new appraisal", "Bring the new appraisal"),
}


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see conftest)."""
    return reused_app


def fresh(unit):
    return type(unit).get_by_id(unit.id)


def make(world, type_name, who="mentor", private=False, **values):
    """A unit of this type, made through the shared machinery (the field: the charter's roles)."""
    if type_name == "field":
        return world.field("roles")
    values = {**SAMPLE[type_name], **values}
    user = getattr(world, who)
    return create(UNIT_TYPES[type_name], world.pair, user.id, values, private=private)


def plan_order(page, type_name):
    """The titles of a list's items, in the order the plan page shows them."""
    ids = re.findall(rf'<div id="u-{type_name}-(\d+)" class="unit', page)
    unit_type = UNIT_TYPES[type_name]
    model = MODELS[type_name]
    return [unit_type.title_of(model.get_by_id(int(i))) for i in ids]


def revisions(**where):
    query = Revision.select().order_by(Revision.id)
    for name, value in where.items():
        query = query.where(getattr(Revision, name) == value)
    return list(query)


# --- show and edit -----------------------------------------------------------------------


@pytest.mark.parametrize("type_name", list(MODELS))
def test_display_fragment_and_plain_redirect(plan_world, type_name):
    world = plan_world
    unit = make(world, type_name)
    browser = world.as_("protege")
    url = world.unit_url(type_name, unit.id)
    fragment = browser.get(url, headers=HTMX_PARTIAL)
    assert fragment.status_code == 200
    body = text(fragment)
    assert "<html" not in body
    assert by_id(body, f"u-{type_name}-{unit.id}")["class"].startswith("unit")
    assert UNIT_TYPES[type_name].title_of(unit) in htmllib.unescape(body) or type_name == "field"
    page = browser.get(url)
    assert page.status_code == 303
    assert page.headers["Location"].endswith(world.url(f"/plan#u-{type_name}-{unit.id}"))


@pytest.mark.parametrize("type_name", list(MODELS))
def test_edit_form_in_place_and_as_a_page(plan_world, type_name):
    world = plan_world
    unit = make(world, type_name)
    browser = world.as_("protege")
    url = world.unit_url(type_name, unit.id, "/edit")
    prefix = f"{type_name}-{unit.id}"
    fragment = text(browser.get(url, headers=HTMX_PARTIAL))
    assert "<html" not in fragment
    (form,) = tags(fragment, "form", action=world.unit_url(type_name, unit.id))
    assert form["method"] == "post" and form["data-hx-post"] == form["action"]
    assert by_id(fragment, f"{prefix}-version")["value"] == str(unit.version)
    assert tags(fragment, "input", name=f"{prefix}-csrf_token")
    assert tags(fragment, "input", name="editing", value=f"{type_name}:{unit.id}:{unit.version}")
    assert tags(fragment, "input", name=f"{prefix}-reason")
    page = browser.get(url)
    assert page.status_code == 200
    assert "<html" in text(page)
    assert by_id(text(page), f"{prefix}-version")["value"] == str(unit.version)
    # Cancel goes back to the plan without JavaScript, and to the display fragment with it.
    (cancel,) = tags(text(page), "a", **{"class": "cancel"})
    assert cancel["href"] == world.url(f"/plan#u-{type_name}-{unit.id}")
    assert cancel["data-hx-get"] == world.unit_url(type_name, unit.id)


def test_edit_form_holds_the_current_values(plan_world):
    world = plan_world
    goal = make(world, "goal", measure="Two talks given", progress=30)
    step = make(world, "step", goal=goal.id, deadline=datetime.date(2026, 12, 1))
    body = text(
        world.as_("mentor").get(world.unit_url("goal", goal.id, "/edit"), headers=HTMX_PARTIAL)
    )
    assert by_id(body, f"goal-{goal.id}-title")["value"] == "Lead a project"
    assert by_id(body, f"goal-{goal.id}-progress")["value"] == "30"
    assert "Two talks given</textarea>" in body
    body = text(
        world.as_("mentor").get(world.unit_url("step", step.id, "/edit"), headers=HTMX_PARTIAL)
    )
    assert by_id(body, f"step-{step.id}-deadline")["value"] == "2026-12-01"
    select = re.search(rf'<select id="step-{step.id}-goal".*?</select>', body, re.S).group(0)
    (selected,) = [o for o in tags(select, "option") if "selected" in o]
    assert selected["value"] == str(goal.id)


def test_saving_an_unchanged_step_keeps_its_linked_goal(plan_world):
    world = plan_world
    goal = make(world, "goal")
    step = make(world, "step", goal=goal.id)
    body = text(
        world.as_("mentor").get(world.unit_url("step", step.id, "/edit"), headers=HTMX_PARTIAL)
    )
    select = re.search(rf'<select id="step-{step.id}-goal".*?</select>', body, re.S).group(0)
    chosen = [o["value"] for o in tags(select, "option") if "selected" in o]
    data = world.edit_data(step, "step", **{"goal": chosen[0] if chosen else ""})
    assert world.as_("mentor").post(world.unit_url("step", step.id), data).status_code == 303
    assert fresh(step).goal_id == goal.id


def test_a_date_field_edits_as_a_date_and_a_line_as_one_line(plan_world):
    world = plan_world
    browser = world.as_("mentor")
    pilot, frequency = world.field("pilot_end"), world.field("frequency")
    body = text(browser.get(world.unit_url("field", pilot.id, "/edit"), headers=HTMX_PARTIAL))
    assert by_id(body, f"field-{pilot.id}-value")["type"] == "date"
    assert by_id(body, f"field-{pilot.id}-value")["value"] == "2026-10-13"
    body = text(browser.get(world.unit_url("field", frequency.id, "/edit"), headers=HTMX_PARTIAL))
    assert by_id(body, f"field-{frequency.id}-value")["type"] == "text"
    # The guiding question stays next to the empty field while editing.
    assert frequency.prompt in htmllib.unescape(body)


# --- save --------------------------------------------------------------------------------


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("type_name", list(MODELS))
def test_save(plan_world, type_name, htmx):
    world = plan_world
    unit = make(world, type_name)
    name, value, shown = EDITS[type_name]
    response = world.save("protege", type_name, unit, htmx=htmx, **{name: value})
    after = fresh(unit)
    assert after.version == unit.version + 1
    assert after.updated_by_id == world.protege.id
    if htmx:
        assert response.status_code == 200
        body = plain(response)
        assert "<html" not in body
        assert by_id(body, f"u-{type_name}-{unit.id}")
        assert shown in body
    else:
        assert response.status_code == 303
        assert response.headers["Location"].endswith(world.url(f"/plan#u-{type_name}-{unit.id}"))
        assert shown in plain(world.as_("mentor").get(world.url("/plan")))


def test_save_a_date_field(plan_world):
    world = plan_world
    pilot = world.field("pilot_end")
    response = world.save("mentor", "field", pilot, htmx=True, value="2026-10-27")
    assert response.status_code == 200
    assert "27 Oct 2026" in text(response)
    assert world.field("pilot_end").value == "2026-10-27"
    (rev,) = revisions(action="edit")
    assert (rev.old_value, rev.new_value) == ("2026-10-13", "2026-10-27")
    # Emptying a date is a change too.
    assert world.save("mentor", "field", world.field("pilot_end"), value="").status_code == 303
    assert world.field("pilot_end").value == ""
    assert pilot.prompt in plain(world.as_("mentor").get(world.url("/plan")))


# (type, unit values, changes sent, texts the 422 answer must still hold)
BAD_SAVES = [
    ("field:pilot_end", {}, {"value": "2026-13-45"}, ["2026-13-45"]),
    ("field:frequency", {}, {"value": "monthly " * 70}, ["monthly " * 70]),
    ("goal", {}, {"title": "  ", "measure": "KEEP the measure"}, ["KEEP the measure"]),
    ("goal", {}, {"progress": "150", "title": "KEEP title"}, ["150", "KEEP title"]),
    ("goal", {}, {"progress": "lots", "evidence": "KEEP evidence"}, ["lots", "KEEP evidence"]),
    ("goal", {}, {"target_date": "31/02/2026", "title": "KEEP t"}, ["31/02/2026", "KEEP t"]),
    ("goal", {}, {"owner": "someone", "title": "KEEP owner"}, ["KEEP owner"]),
    ("goal", {}, {"title": "x" * 301}, ["x" * 301]),
    ("step", {}, {"title": "", "description": "KEEP desc"}, ["KEEP desc"]),
    ("step", {}, {"deadline": "tomorrow", "title": "KEEP s"}, ["tomorrow", "KEEP s"]),
    ("step", {}, {"goal": "999999", "title": "KEEP g"}, ["KEEP g"]),
    ("step", {}, {"status": "done-ish", "title": "KEEP st"}, ["KEEP st"]),
    ("milestone", {}, {"date": "2026-02-30", "title": "KEEP m"}, ["2026-02-30", "KEEP m"]),
    ("milestone", {}, {"title": ""}, []),
    ("term", {}, {"term": "", "definition": "KEEP def"}, ["KEEP def"]),
    ("note", {}, {"text": "   "}, []),
    ("note", {}, {"text": "n" * 20001}, ["n" * 20001]),
]


@pytest.mark.parametrize(("kind", "values", "changes", "kept"), BAD_SAVES)
def test_bad_input_on_save_is_kept(plan_world, db_dump, kind, values, changes, kept):
    world = plan_world
    type_name, _, field_key = kind.partition(":")
    unit = world.field(field_key) if field_key else make(world, type_name, **values)
    before = db_dump()
    for htmx in (False, True):
        response = world.save("mentor", type_name, unit, htmx=htmx, **changes)
        assert response.status_code == 422
        body = plain(response)
        assert ("<html" in body) != htmx
        for value in kept:
            assert value in body
        assert 'aria-invalid="true"' in body
        assert 'class="error"' in body
        assert by_id(body, f"{type_name}-{unit.id}-version")["value"] == str(unit.version)
    assert db_dump() == before


def test_a_save_without_a_version_is_refused_and_kept(plan_world, db_dump):
    world = plan_world
    field = world.field("roles")
    before = db_dump()
    response = world.as_("mentor").post(
        world.unit_url("field", field.id), {f"field-{field.id}-value": "My text"}, htmx=True
    )
    assert response.status_code == 422
    assert "My text" in text(response)
    assert "reload the page" in text(response)
    assert db_dump() == before


def test_a_save_of_the_same_values_records_nothing(plan_world, db_dump):
    world = plan_world
    goal = make(world, "goal", measure="Two talks")
    before = db_dump()
    response = world.save("protege", "goal", goal, htmx=True)
    assert response.status_code == 200
    assert "Lead a project" in text(response)
    assert db_dump() == before
    # Whitespace around a title is not a change either.
    assert world.save("protege", "goal", goal, title="  Lead a project ").status_code == 303
    assert db_dump() == before


def test_a_save_records_each_changed_field_with_the_reason(plan_world):
    world = plan_world
    goal = make(world, "goal")
    world.save(
        "protege",
        "goal",
        goal,
        title="Lead two projects",
        progress="25",
        extra={f"goal-{goal.id}-reason": "agreed on 3 March"},
    )
    edits = revisions(action="edit")
    assert {(r.field, r.old_value, r.new_value) for r in edits} == {
        ("title", "Lead a project", "Lead two projects"),
        ("progress", "0", "25"),
    }
    assert {r.reason for r in edits} == {"agreed on 3 March"}
    assert {r.user_id for r in edits} == {world.protege.id}
    assert len({r.seq for r in edits}) == 1  # one change, one step of the counter


# --- add ---------------------------------------------------------------------------------

ADD_VALUES = {
    "goal": {"title": "Speak at the all-hands"},
    "step": {"title": "Draft the talk"},
    "milestone": {"title": "Dry run", "date": "2026-11-03"},
    "term": {"term": "Stretch goal", "definition": "A goal just out of reach"},
    "note": {"text": "Risk: the team reorganises in spring"},
}


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("type_name", LIST_TYPES)
def test_add(plan_world, type_name, htmx):
    world = plan_world
    values = ADD_VALUES[type_name]
    model = MODELS[type_name]
    count = model.select().count()
    response = world.add("protege", type_name, htmx=htmx, **values)
    assert model.select().count() == count + 1
    unit = model.select().order_by(model.id.desc()).first()
    for name, value in values.items():
        assert str(getattr(unit, name)) == value
    assert unit.created_by_id == world.protege.id and unit.private_to_id is None
    (rev,) = revisions(action="create", object_id=unit.id, kind=type_name)
    assert rev.user_id == world.protege.id and rev.part == PART_OF[type_name]
    if htmx:
        assert response.status_code == 200
        body = plain(response)
        assert "<html" not in body
        assert by_id(body, f"part-body-{PART_OF[type_name]}")
        assert by_id(body, f"u-{type_name}-{unit.id}")
        assert "Last changed by Protege Pat" in body
    else:
        assert response.status_code == 303
        assert response.headers["Location"].endswith(world.url(f"/plan#u-{type_name}-{unit.id}"))
    page = plain(world.as_("mentor").get(world.url("/plan")))
    assert UNIT_TYPES[type_name].title_of(unit) in page


# (type, values sent, texts the 422 answer must hold)
BAD_ADDS = [
    ("goal", {"title": "   "}, []),
    ("goal", {"title": "g" * 301}, ["g" * 301]),
    ("step", {"title": ""}, []),
    ("milestone", {"title": "", "date": "2026-11-03"}, ["2026-11-03"]),
    (
        "milestone",
        {"title": "KEEP dry run", "date": "3rd of November"},
        ["KEEP dry run", "3rd of November"],
    ),
    ("term", {"term": "", "definition": "KEEP the definition"}, ["KEEP the definition"]),
    ("note", {"text": ""}, []),
]


@pytest.mark.parametrize(("type_name", "values", "kept"), BAD_ADDS)
def test_bad_input_on_add_is_kept(plan_world, db_dump, type_name, values, kept):
    world = plan_world
    before = db_dump()
    for htmx in (False, True):
        response = world.add("mentor", type_name, htmx=htmx, **values)
        assert response.status_code == 422
        body = plain(response)
        assert ("<html" in body) != htmx
        form = re.search(rf'<form id="add-{type_name}".*?</form>', body, re.S).group(0)
        for value in kept:
            assert value in form
        assert 'aria-invalid="true"' in form and 'class="error"' in form
        # Other add forms on the page stay blank.
        assert 'aria-invalid="true"' not in body.replace(form, "")
    assert db_dump() == before


def test_bad_input_on_add_keeps_the_private_choice(plan_world):
    world = plan_world
    for htmx in (False, True):
        response = world.add("protege", "note", htmx=htmx, private=True, text="")
        assert response.status_code == 422
        form = re.search(r'<form id="add-note".*?</form>', text(response), re.S).group(0)
        (box,) = tags(form, "input", name="private")
        assert "checked" in box
    response = world.add("protege", "note", htmx=True, text="")
    form = re.search(r'<form id="add-note".*?</form>', text(response), re.S).group(0)
    assert "checked" not in tags(form, "input", name="private")[0]


@pytest.mark.parametrize("type_name", ["field", "nope"])
def test_fields_and_unknown_types_cannot_be_added(plan_world, type_name):
    world = plan_world
    response = world.as_("mentor").post(
        world.url(f"/{type_name}/new"), {f"new-{type_name}-value": "x"}
    )
    assert response.status_code == 404


def test_private_is_only_for_goals_and_notes(plan_world):
    world = plan_world
    world.add("protege", "step", private=True, title="Not private")
    world.add("protege", "goal", private=True, title="Private goal")
    assert ActionStep.get().private_to_id is None
    assert Goal.get().private_to_id == world.protege.id
    page = text(world.as_("protege").get(world.url("/plan")))
    assert len(tags(page, "input", name="private")) == 2  # goals and notes only


# --- remove and bring back ---------------------------------------------------------------


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("type_name", LIST_TYPES)
def test_remove_and_bring_back(plan_world, type_name, htmx):
    world = plan_world
    unit = (
        make(world, type_name, title="REMOVE-ME")
        if type_name in ("goal", "step")
        else make(world, type_name)
    )
    title = UNIT_TYPES[type_name].title_of(unit)
    browser = world.as_("protege")
    response = browser.post(world.unit_url(type_name, unit.id, "/delete"), htmx=htmx)
    removed = fresh(unit)
    assert removed.deleted_at is not None and removed.version == unit.version + 1
    if htmx:
        assert response.status_code == 200
        body = plain(response)
        assert "<html" not in body
        assert f"Removed “{title}”" in body
        assert tags(body, "form", action=world.unit_url(type_name, unit.id, "/undelete"))
        assert not tags(body, id=f"u-{type_name}-{unit.id}")
    else:
        assert response.status_code == 303
    page = plain(world.as_("mentor").get(world.url("/plan")))
    assert not tags(page, id=f"u-{type_name}-{unit.id}")
    # Removed items are kept in the history.
    history = plain(world.as_("mentor").get(world.url("/history")))
    assert f"removed {UNIT_TYPES[type_name].label} “{title}”" in history
    assert (
        world.as_("mentor").get(world.unit_url(type_name, unit.id, "/history")).status_code == 200
    )
    # A removed item has no display, edit or move any more.
    assert browser.get(world.unit_url(type_name, unit.id, "/edit")).status_code == 404
    response = browser.post(world.unit_url(type_name, unit.id, "/undelete"), htmx=htmx)
    assert response.status_code == (200 if htmx else 303)
    assert fresh(unit).deleted_at is None
    if htmx:
        assert by_id(text(response), f"u-{type_name}-{unit.id}")
    assert [r.action for r in revisions(kind=type_name, object_id=unit.id)] == [
        "create",
        "delete",
        "undelete",
    ]


def test_removing_twice_is_harmless(plan_world):
    world = plan_world
    goal = make(world, "goal")
    browser = world.as_("mentor")
    for _ in range(2):
        response = browser.post(world.unit_url("goal", goal.id, "/delete"), htmx=True)
        assert response.status_code == 200
        assert "<html" not in text(response)
    assert len(revisions(action="delete")) == 1
    for _ in range(2):
        assert browser.post(world.unit_url("goal", goal.id, "/undelete")).status_code == 303
    assert len(revisions(action="undelete")) == 1


def test_fields_cannot_be_removed_moved_or_shared(plan_world):
    world = plan_world
    field = world.field("roles")
    browser = world.as_("mentor")
    for action, data in (("/delete", {}), ("/move", {"direction": "up"}), ("/share", {})):
        assert browser.post(world.unit_url("field", field.id, action), data).status_code == 404


# --- move --------------------------------------------------------------------------------


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_move_up_and_down(plan_world, htmx):
    world = plan_world
    a, b, c = (make(world, "goal", title=t) for t in ("Alpha", "Bravo", "Charlie"))
    browser = world.as_("protege")

    def order():
        return plan_order(text(world.as_("mentor").get(world.url("/plan"))), "goal")

    assert order() == ["Alpha", "Bravo", "Charlie"]
    response = browser.post(world.unit_url("goal", c.id, "/move"), {"direction": "up"}, htmx=htmx)
    if htmx:
        assert response.status_code == 200
        assert "<html" not in text(response)
        assert plan_order(text(response), "goal") == ["Alpha", "Charlie", "Bravo"]
    else:
        assert response.status_code == 303
    assert order() == ["Alpha", "Charlie", "Bravo"]
    browser.post(world.unit_url("goal", a.id, "/move"), {"direction": "down"}, htmx=htmx)
    assert order() == ["Charlie", "Alpha", "Bravo"]
    moves = revisions(action="move")
    assert [(r.object_id, r.new_value, r.user_id) for r in moves] == [
        (c.id, "up", world.protege.id),
        (a.id, "down", world.protege.id),
    ]
    # At the ends, nothing moves and nothing is recorded.
    browser.post(world.unit_url("goal", c.id, "/move"), {"direction": "up"})
    browser.post(world.unit_url("goal", b.id, "/move"), {"direction": "down"})
    assert order() == ["Charlie", "Alpha", "Bravo"]
    assert len(revisions(action="move")) == 2


def test_move_buttons_fit_the_position(plan_world):
    world = plan_world
    a, b, c = (make(world, "milestone", title=t) for t in ("One", "Two", "Three"))
    page = text(world.as_("mentor").get(world.url("/plan")))

    def directions(unit):
        # Each button posts its part's one form (a real POST form with CSRF) to its own URL.
        url = world.unit_url("milestone", unit.id, "/move")
        buttons = tags(page, "button", formaction=url, name="direction")
        for button in buttons:
            assert by_id(page, button["form"])["method"] == "post"
        return [button["value"] for button in buttons]

    # The full template proposed four milestones before these three.
    assert directions(a) == ["up", "down"]
    assert directions(c) == ["up"]


def test_move_skips_removed_items(plan_world):
    world = plan_world
    a, b, c = (make(world, "term", term=t) for t in ("A", "B", "C"))
    browser = world.as_("mentor")
    browser.post(world.unit_url("term", b.id, "/delete"))
    browser.post(world.unit_url("term", c.id, "/move"), {"direction": "up"})
    assert plan_order(text(browser.get(world.url("/plan"))), "term") == ["C", "A"]


@pytest.mark.parametrize("direction", ["", "sideways", None])
def test_move_needs_a_direction(plan_world, db_dump, direction):
    world = plan_world
    goal = make(world, "goal")
    make(world, "goal", title="Other")
    before = db_dump()
    data = {} if direction is None else {"direction": direction}
    response = world.as_("mentor").post(world.unit_url("goal", goal.id, "/move"), data)
    assert response.status_code == 400
    assert db_dump() == before


# --- share -------------------------------------------------------------------------------


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("type_name", ["goal", "note"])
def test_share_a_private_item(plan_world, type_name, htmx):
    world = plan_world
    unit = make(world, type_name, who="protege", private=True)
    title = UNIT_TYPES[type_name].title_of(unit)
    assert title not in plain(world.as_("mentor").get(world.url("/plan")))
    page = text(world.as_("protege").get(world.url("/plan")))
    assert tags(page, "button", formaction=world.unit_url(type_name, unit.id, "/share"))
    response = world.as_("protege").post(world.unit_url(type_name, unit.id, "/share"), htmx=htmx)
    if htmx:
        assert response.status_code == 200
        assert "<html" not in text(response)
        assert "Private to you" not in text(response)
    else:
        assert response.status_code == 303
    assert fresh(unit).private_to_id is None
    assert title in plain(world.as_("mentor").get(world.url("/plan")))
    (rev,) = revisions(action="share")
    assert rev.private_to_id is None and rev.user_id == world.protege.id


def test_only_private_kinds_can_be_shared(plan_world):
    world = plan_world
    step = make(world, "step")
    assert world.as_("mentor").post(world.unit_url("step", step.id, "/share")).status_code == 404


def test_sharing_a_shared_item_changes_nothing(plan_world, db_dump):
    world = plan_world
    goal = make(world, "goal")
    before = db_dump()
    assert world.as_("protege").post(world.unit_url("goal", goal.id, "/share")).status_code == 303
    assert db_dump() == before


# --- membership and CSRF for every unit route ----------------------------------------------


def unit_routes(world, type_name, unit_id):
    """(method, url, data) of every route on one unit, with data that would succeed."""
    edit_name, edit_value, _shown = EDITS[type_name]
    unit = MODELS[type_name].get_by_id(unit_id)
    add_data = {f"new-{type_name}-{k}": v for k, v in ADD_VALUES.get(type_name, {}).items()}
    routes = [
        ("GET", world.unit_url(type_name, unit_id), None),
        ("GET", world.unit_url(type_name, unit_id, "/edit"), None),
        ("GET", world.unit_url(type_name, unit_id, "/history"), None),
        (
            "POST",
            world.unit_url(type_name, unit_id),
            world.edit_data(unit, type_name, **{edit_name: edit_value}),
        ),
    ]
    if type_name != "field":
        routes += [
            ("POST", world.url(f"/{type_name}/new"), add_data),
            ("POST", world.unit_url(type_name, unit_id, "/move"), {"direction": "up"}),
            ("POST", world.unit_url(type_name, unit_id, "/delete"), {}),
            ("POST", world.unit_url(type_name, unit_id, "/undelete"), {}),
        ]
    if type_name in ("goal", "note"):
        routes.append(("POST", world.unit_url(type_name, unit_id, "/share"), {}))
    return routes


def send(browser, method, url, data, csrf=True, headers=None):
    if method == "GET":
        return browser.get(url, headers=headers or {})
    return browser.post(url, data, csrf=csrf, headers=dict(headers or {}))


@pytest.mark.parametrize("type_name", list(MODELS))
def test_every_unit_route_is_404_for_non_members(plan_world, db_dump, type_name):
    world = plan_world
    unit = make(world, type_name, who="protege", private=type_name in ("goal", "note"))
    stranger = world.as_("stranger")
    before = db_dump()
    wrong = {}
    for method, url, data in unit_routes(world, type_name, unit.id):
        for headers in ({}, HTMX_PARTIAL):
            status = send(stranger, method, url, data, headers=headers).status_code
            if status != 404:
                wrong[(method, url, bool(headers))] = status
    assert wrong == {}
    assert db_dump() == before
    # The author may use every one of them.
    author = world.as_("protege")
    for method, url, data in unit_routes(world, type_name, unit.id):
        if url.endswith("/delete"):
            continue
        assert send(author, method, url, data).status_code in (200, 303), url


@pytest.mark.parametrize("type_name", list(MODELS))
def test_every_unit_post_needs_the_csrf_token(plan_world, db_dump, type_name):
    world = plan_world
    unit = make(world, type_name, who="mentor", private=type_name in ("goal", "note"))
    browser = world.as_("mentor")
    before = db_dump()
    for method, url, data in unit_routes(world, type_name, unit.id):
        if method != "POST":
            continue
        for headers in ({}, HTMX_PARTIAL):
            response = send(browser, method, url, data, csrf=False, headers=headers)
            assert response.status_code == 400, url
    assert db_dump() == before


@pytest.mark.parametrize(
    "path", ["/nope/1", "/nope/1/edit", "/goal/999999", "/goal/999999/edit", "/goal/999999/history"]
)
def test_unknown_units_are_404(plan_world, path):
    assert plan_world.as_("mentor").get(plan_world.url(path)).status_code == 404


def test_a_unit_of_another_pair_is_404(plan_world, make_pair):
    world = plan_world
    other = make_pair("Other", mentor=world.stranger)
    goal = create(UNIT_TYPES["goal"], other, world.stranger.id, {"title": "Theirs"})
    browser = world.as_("mentor")
    # The mentor's own pair in the URL, the other pair's unit id.
    assert browser.get(world.unit_url("goal", goal.id, "/edit")).status_code == 404
    assert world.save("mentor", "goal", goal, title="Hijacked").status_code == 404
    assert browser.post(world.unit_url("goal", goal.id, "/delete")).status_code == 404
    assert fresh(goal).title == "Theirs" and fresh(goal).deleted_at is None


# --- conflicts ---------------------------------------------------------------------------


def hidden_version(body, type_name, unit):
    return int(by_id(body, f"{type_name}-{unit.id}-version")["value"])


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_two_people_edit_one_field(plan_world, htmx):
    world = plan_world
    field = world.field("boundaries")
    # Both open the form at the same version.
    for who in ("mentor", "protege"):
        body = text(
            world.as_(who).get(world.unit_url("field", field.id, "/edit"), headers=HTMX_PARTIAL)
        )
        assert hidden_version(body, "field", field) == field.version
    first = world.save("mentor", "field", field, htmx=htmx, value="MENTOR-TEXT: what we say stays")
    assert first.status_code in (200, 303)
    second = world.save("protege", "field", field, htmx=htmx, value="PROTEGE-TEXT: ask first")
    assert second.status_code == 409
    body = plain(second)
    assert ("<html" in body) != htmx
    assert "MENTOR-TEXT: what we say stays" in body
    assert "PROTEGE-TEXT: ask first" in body
    assert "Mentor Mo saved a change while you were editing" in body
    current = world.field("boundaries")
    assert current.value == "MENTOR-TEXT: what we say stays"
    assert hidden_version(body, "field", field) == current.version
    assert tags(body, "input", name="editing", value=f"field:{field.id}:{current.version}")
    # Keep mine: saving from the version the conflict view carries succeeds.
    again = world.save(
        "protege",
        "field",
        field,
        htmx=htmx,
        version=current.version,
        value="PROTEGE-TEXT: ask first",
    )
    assert again.status_code == (200 if htmx else 303)
    assert world.field("boundaries").value == "PROTEGE-TEXT: ask first"
    assert world.field("boundaries").version == current.version + 1


def test_a_merged_text_saves(plan_world):
    world = plan_world
    field = world.field("boundaries")
    world.save("mentor", "field", field, value="Mine")
    conflict = world.save("protege", "field", field, value="Yours")
    assert conflict.status_code == 409
    version = hidden_version(text(conflict), "field", field)
    merged = world.save("protege", "field", field, version=version, value="Mine and yours")
    assert merged.status_code == 303
    assert world.field("boundaries").value == "Mine and yours"
    edits = [(r.old_value, r.new_value, r.user_id) for r in revisions(action="edit")]
    assert edits == [("", "Mine", world.mentor.id), ("Mine", "Mine and yours", world.protege.id)]


def test_a_stale_save_after_take_theirs_stays_a_conflict(plan_world):
    world = plan_world
    field = world.field("boundaries")
    world.save("mentor", "field", field, value="Mine")
    world.save("mentor", "field", world.field("boundaries"), value="Mine, again")
    response = world.save("protege", "field", field, value="Yours")
    assert response.status_code == 409
    assert world.field("boundaries").value == "Mine, again"
    assert "Mine, again" in plain(response)


def test_two_people_edit_one_goal(plan_world):
    world = plan_world
    goal = make(world, "goal", measure="One talk")
    mentor_change = world.save("mentor", "goal", goal, title="MENTOR title", status="in_progress")
    assert mentor_change.status_code == 303
    response = world.save(
        "protege", "goal", goal, htmx=True, measure="PROTEGE measure: two talks", progress="50"
    )
    assert response.status_code == 409
    body = plain(response)
    # Their saved values are shown beside my unsaved ones...
    assert "MENTOR title" in body and "In progress" in body
    assert "PROTEGE measure: two talks" in body
    assert by_id(body, f"goal-{goal.id}-progress")["value"] == "50"
    differing = re.findall(r'<div class="form-row differs">\s*<label for="goal-\d+-(\w+)"', body)
    assert set(differing) == {"title", "status", "measure", "progress"}
    # ...and the unsaved text is kept as typed.
    assert by_id(body, f"goal-{goal.id}-title")["value"] == "Lead a project"
    current = fresh(goal)
    assert hidden_version(body, "goal", goal) == current.version
    merged = world.save(
        "protege",
        "goal",
        current,
        measure="PROTEGE measure: two talks",
        progress="50",
    )
    assert merged.status_code == 303
    after = fresh(goal)
    assert (after.title, after.status, after.measure, after.progress) == (
        "MENTOR title",
        "in_progress",
        "PROTEGE measure: two talks",
        50,
    )


def test_a_conflict_on_a_linked_goal_names_the_goal(plan_world):
    world = plan_world
    first, second = make(world, "goal", title="First goal"), make(world, "goal", title="Other goal")
    step = make(world, "step", goal=first.id)
    world.save("mentor", "step", step, goal=str(second.id))
    response = world.save("protege", "step", step, title="Renamed")
    assert response.status_code == 409
    body = plain(response)
    assert (
        "What they saved for the linked goal:</p>\n        <blockquote>Other goal</blockquote>"
        in body
    )


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_saving_an_item_the_partner_removed(plan_world, htmx):
    world = plan_world
    goal = make(world, "goal")
    world.as_("mentor").post(world.unit_url("goal", goal.id, "/delete"))
    response = world.save("protege", "goal", goal, htmx=htmx, title="PROTEGE keeps this goal")
    assert response.status_code == 409
    body = plain(response)
    assert "Mentor Mo removed this goal while you were editing it" in body
    assert "PROTEGE keeps this goal" in body
    assert tags(body, "input", name="bring_back", value="yes")
    removed = fresh(goal)
    assert removed.deleted_at is not None
    assert hidden_version(body, "goal", goal) == removed.version
    # Without choosing to bring it back, it stays removed.
    assert (
        world.save("protege", "goal", goal, version=removed.version, title="x").status_code == 409
    )
    again = world.save(
        "protege",
        "goal",
        goal,
        htmx=htmx,
        version=removed.version,
        extra={"bring_back": "yes"},
        title="PROTEGE keeps this goal",
    )
    assert again.status_code == (200 if htmx else 303)
    after = fresh(goal)
    assert after.deleted_at is None and after.title == "PROTEGE keeps this goal"
    assert [r.action for r in revisions(object_id=goal.id, kind="goal")] == [
        "create",
        "delete",
        "undelete",
        "edit",
    ]
    assert "PROTEGE keeps this goal" in plain(world.as_("mentor").get(world.url("/plan")))


def test_bring_back_from_a_stale_version_is_still_a_conflict(plan_world):
    world = plan_world
    goal = make(world, "goal")
    world.as_("mentor").post(world.unit_url("goal", goal.id, "/delete"))
    response = world.save(
        "protege", "goal", goal, version=goal.version, extra={"bring_back": "yes"}, title="Old"
    )
    assert response.status_code == 409
    assert fresh(goal).deleted_at is not None


def test_a_conflict_keeps_the_reason(plan_world):
    world = plan_world
    field = world.field("roles")
    world.save("mentor", "field", field, value="Mine")
    response = world.save(
        "protege", "field", field, value="Yours", extra={f"field-{field.id}-reason": "KEEP why"}
    )
    assert response.status_code == 409
    assert by_id(text(response), f"field-{field.id}-reason")["value"] == "KEEP why"


def test_stale_save_of_the_partners_exact_text_is_not_a_conflict(make_user, login, make_pair):
    """Saving from an old version the very text the partner already saved loses nothing: 303."""
    from pairapp.models import PlanField, Revision
    from pairapp.plan.data import start_plan

    mentor, protege = make_user("Mentor Mo"), make_user("Protégé Pat")
    pair = make_pair(mentor=mentor, protege=protege)
    start_plan(pair, "blank", mentor.id)
    field = PlanField.select().where(PlanField.pair == pair.id).first()
    prefix = f"field-{field.id}"
    first = login(mentor).post(
        f"/pairs/{pair.id}/field/{field.id}", {f"{prefix}-value": "Same", f"{prefix}-version": "1"}
    )
    assert first.status_code == 303
    second = login(protege).post(
        f"/pairs/{pair.id}/field/{field.id}", {f"{prefix}-value": "Same", f"{prefix}-version": "1"}
    )
    assert second.status_code == 303
    assert Revision.select().where(Revision.kind == "field").count() == 1
