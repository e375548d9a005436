"""Issue 11 line 3: a SMART goal (title, measure, target date, owner) and an action step
(title, responsible, deadline) are added in one step, checked like the edit form."""

import datetime
import re

import pytest
from conftest import plain, tags, text

from pairapp.models import ActionStep, Goal, Revision


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see conftest)."""
    return reused_app


GOAL = {
    "title": "Lead a team meeting",
    "measure": "Runs two meetings with an agenda; the team rates them 4 of 5",
    "target_date": "2027-03-01",
    "owner": "mentor",
}


def add_form(page, kind):
    """The HTML of a list's add form on the plan page."""
    match = re.search(rf'<form id="add-{kind}".*?</form>', page, re.S)
    assert match, f"no add form for {kind}"
    return match.group(0)


def asked(form):
    """The names of the fields an add form asks for (not hidden ones)."""
    names = [t["name"] for t in tags(form) if "name" in t and t.get("type") != "hidden"]
    return [n.removeprefix("new-goal-").removeprefix("new-step-") for n in names]


def chosen(form):
    """The values of the options selected in a form."""
    return [t["value"] for t in tags(form, "option") if "selected" in t]


def test_the_add_forms_ask_for_a_whole_goal_and_step(plan_world):
    page = text(plan_world.as_("protege").get(plan_world.url("/plan")))
    goal = add_form(page, "goal")
    assert asked(goal) == ["title", "measure", "target_date", "owner", "private"]
    # The owner is chosen like on the edit form.
    options = [t["value"] for t in tags(goal, "option")]
    assert options == ["protege", "mentor", "both"]
    assert tags(goal, "input", name="new-goal-target_date", type="date")
    assert asked(add_form(page, "step")) == ["title", "responsible", "deadline"]


@pytest.mark.parametrize("htmx", [False, True])
def test_one_post_adds_a_smart_goal_with_all_four(plan_world, htmx):
    world = plan_world
    response = world.add("protege", "goal", htmx=htmx, **GOAL)
    assert response.status_code == (200 if htmx else 303)
    goal = Goal.get()
    assert (goal.title, goal.measure, goal.target_date, goal.owner) == (
        GOAL["title"],
        GOAL["measure"],
        datetime.date(2027, 3, 1),
        "mentor",
    )
    # The rest keep their defaults.
    assert (goal.status, goal.progress, goal.goal_kind) == ("not_started", 0, "protege_improvement")
    if htmx:
        assert "Runs two meetings with an agenda" in plain(response)
    # One change in the history: added, not added then edited.
    revisions = list(Revision.select().where(Revision.kind == "goal"))
    assert [(r.action, r.object_id) for r in revisions] == [("create", goal.id)]
    history = plain(world.as_("mentor").get(world.url("/history")))
    assert history.count("added goal “Lead a team meeting”") == 1
    assert "changed the" not in history


@pytest.mark.parametrize("htmx", [False, True])
def test_a_mistyped_date_keeps_everything_typed(plan_world, db_dump, htmx):
    world = plan_world
    before = db_dump()
    typed = {**GOAL, "target_date": "1st of March"}
    response = world.add("protege", "goal", htmx=htmx, **typed)
    assert response.status_code == 422
    assert db_dump() == before
    form = add_form(plain(response), "goal")
    assert 'value="1st of March"' in form
    assert 'value="Lead a team meeting"' in form
    assert "Runs two meetings with an agenda; the team rates them 4 of 5</textarea>" in form
    assert chosen(form) == ["mentor"]
    assert tags(form, "input", name="new-goal-target_date", **{"aria-invalid": "true"})
    assert "is not a date we can read. Write the date as 2026-11-24" in form
    if not htmx:  # the page: the part holding the form is open, though nobody started it
        section = re.search(r'<section id="part-goals".*?</section>', plain(response), re.S)
        (details,) = tags(section.group(0), "details")
        assert "open" in details


def test_an_owner_not_offered_is_refused(plan_world, db_dump):
    world = plan_world
    before = db_dump()
    response = world.add("protege", "goal", **{**GOAL, "owner": "the boss"})
    assert response.status_code == 422
    assert db_dump() == before
    assert "Not a valid choice" in plain(response)


def test_a_goal_needs_only_its_title(plan_world):
    response = plan_world.add("protege", "goal", title="Read more")
    assert response.status_code == 303
    goal = Goal.get()
    assert (goal.measure, goal.target_date, goal.owner) == ("", None, "protege")


@pytest.mark.parametrize("htmx", [False, True])
def test_one_post_adds_an_action_step_with_who_and_when(plan_world, htmx):
    world = plan_world
    values = {"title": "Book the room", "responsible": "both", "deadline": "2027-01-15"}
    response = world.add("mentor", "step", htmx=htmx, **values)
    assert response.status_code == (200 if htmx else 303)
    step = ActionStep.get()
    assert (step.title, step.responsible, step.deadline) == (
        "Book the room",
        "both",
        datetime.date(2027, 1, 15),
    )
    assert Revision.select().where(Revision.kind == "step").count() == 1


def test_a_step_with_a_mistyped_deadline_keeps_its_text(plan_world, db_dump):
    world = plan_world
    before = db_dump()
    response = world.add(
        "mentor", "step", title="Book the room", responsible="both", deadline="next Tuesday"
    )
    assert response.status_code == 422
    assert db_dump() == before
    form = add_form(plain(response), "step")
    assert 'value="next Tuesday"' in form and 'value="Book the room"' in form
    assert chosen(form) == ["both"]


def test_titles_of_300_characters_are_kept_on_every_engine(plan_world):
    """The forms allow 300 characters; PostgreSQL's columns once held 255 (migration 0016)."""
    world = plan_world
    long_title = "A" * 299 + "Z"
    for kind, fields in (("goal", {}), ("step", {}), ("milestone", {"date": "2026-12-01"})):
        response = world.add("mentor", kind, title=long_title, **fields)
        assert response.status_code == 303, kind
    assert Goal.get(Goal.title == long_title)
    assert ActionStep.get(ActionStep.title == long_title)
