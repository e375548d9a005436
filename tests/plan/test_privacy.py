"""Private goals and notes never reach the partner: not in any page, fragment, history or poll."""

import html as htmllib
import re

import pytest
from conftest import HTMX_PARTIAL, tags, text

from pairapp.models import ActionStep, Goal, Note, Pair, Revision

SECRET = "SENTINEL-7f3a"  # in the private items' text
WHY = "SENTINEL-b2c9"  # in the reason of a private edit


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see conftest)."""
    return reused_app


def words(html):
    """The page's text without tags, on one line."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def counter(world):
    return Pair.get_by_id(world.pair.id).change_counter


class Story:
    """The protégé's private goal and note, next to shared items, after a few private changes."""

    def __init__(self, world):
        self.world = world
        world.add("mentor", "goal", title="Shared goal")
        world.add("mentor", "note", text="Shared note")
        world.add("protege", "step", title="Shared step")
        self.shared_goal = Goal.get(Goal.title == "Shared goal")
        self.step = ActionStep.get()
        self.counter_before = counter(world)
        self.revisions_before = Revision.select().where(Revision.private_to.is_null()).count()

        assert world.add("protege", "goal", private=True, title=f"{SECRET} goal").status_code == 303
        assert world.add("protege", "note", private=True, text=f"{SECRET} note").status_code == 303
        self.goal = Goal.get(Goal.private_to.is_null(False))
        self.note = Note.get(Note.private_to.is_null(False))
        reason = {f"goal-{self.goal.id}-reason": f"{WHY} why"}
        response = world.save(
            "protege", "goal", self.goal, measure=f"{SECRET} measure", extra=reason, progress="20"
        )
        assert response.status_code == 303
        response = world.save(
            "protege",
            "note",
            self.note,
            text=f"{SECRET} note, edited",
            extra={f"note-{self.note.id}-reason": f"{WHY} note"},
        )
        assert response.status_code == 303
        browser = world.as_("protege")
        # Up past the shared goal, then down again: a private item's moves stay private.
        move = world.unit_url("goal", self.goal.id, "/move")
        assert browser.post(move, {"direction": "up"}).status_code == 303
        assert browser.post(move, {"direction": "down"}).status_code == 303
        up = world.unit_url("goal", self.shared_goal.id, "/move")
        assert browser.post(up, {"direction": "down"}).status_code == 303
        # A shared step linked to the private goal.
        self.step = ActionStep.get_by_id(self.step.id)
        assert world.save("protege", "step", self.step, goal=str(self.goal.id)).status_code == 303
        self.step = ActionStep.get_by_id(self.step.id)
        self.goal = Goal.get_by_id(self.goal.id)
        self.note = Note.get_by_id(self.note.id)

    def private_units(self):
        return [("goal", self.goal), ("note", self.note)]


@pytest.fixture
def story(plan_world):
    return Story(plan_world)


def partner_views(world, story):
    """Every page and fragment the mentor can fetch, as {label: response}."""
    mentor = world.as_("mentor")
    gets = {
        "plan": world.url("/plan"),
        "history": world.url("/history"),
        "history page 2": world.url("/history?before=999999"),
        "pair": world.url(""),
        "dashboard": "/",
        "step edit": world.unit_url("step", story.step.id, "/edit"),
        "step display": world.unit_url("step", story.step.id),
        "step history": world.unit_url("step", story.step.id, "/history"),
        "shared goal history": world.unit_url("goal", story.shared_goal.id, "/history"),
        "changes since 0": world.url("/plan/changes?since=0"),
        "changes with editing": world.url(
            f"/plan/changes?since=0&editing=goal:{story.goal.id}:1&editing=note:{story.note.id}:1"
        ),
    }
    found = {}
    for label, url in gets.items():
        found[label] = mentor.get(url)
        found[label + " (htmx)"] = mentor.get(url, headers=HTMX_PARTIAL)
    # Pages re-rendered around the mentor's own bad input.
    found["add 422"] = world.add("mentor", "goal", title="")
    found["add 422 (htmx)"] = world.add("mentor", "goal", title="", htmx=True)
    found["sign 422"] = mentor.post(world.url("/plan/sign"), {"name": ""})
    found["step save (htmx)"] = world.save("mentor", "step", story.step, htmx=True, title="S2")
    found["shared goal move (htmx)"] = mentor.post(
        world.unit_url("goal", story.shared_goal.id, "/move"), {"direction": "up"}, htmx=True
    )
    return found


def test_private_items_never_reach_the_partner(plan_world, story):
    world = plan_world
    # The author sees everything: the sentinels really are there to find.
    author = world.as_("protege")
    assert SECRET in text(author.get(world.url("/plan")))
    assert WHY in text(author.get(world.url("/history")))
    assert WHY in text(author.get(world.unit_url("goal", story.goal.id, "/history")))

    views = partner_views(world, story)
    leaks = {
        label: r.status_code for label, r in views.items() if SECRET in text(r) or WHY in text(r)
    }
    assert leaks == {}
    broken = {label: r.status_code for label, r in views.items() if r.status_code >= 500}
    assert broken == {}
    assert views["plan"].status_code == 200
    assert views["changes since 0 (htmx)"].status_code == 200
    assert "while you were editing" not in text(views["changes with editing (htmx)"])


def test_the_step_form_does_not_offer_the_private_goal(plan_world, story):
    world = plan_world
    body = text(
        world.as_("mentor").get(
            world.unit_url("step", story.step.id, "/edit"), headers=HTMX_PARTIAL
        )
    )
    select = re.search(r'<select id="step-\d+-goal".*?</select>', body, re.S).group(0)
    offered = {o["value"] for o in tags(select, "option")}
    assert offered == {"", str(story.shared_goal.id)}
    # The author is offered it.
    body = text(
        world.as_("protege").get(
            world.unit_url("step", story.step.id, "/edit"), headers=HTMX_PARTIAL
        )
    )
    assert str(story.goal.id) in {o["value"] for o in tags(body, "option")}


def test_the_partner_cannot_link_a_step_to_the_private_goal(plan_world, story):
    world = plan_world
    step = ActionStep.get_by_id(story.step.id)
    response = world.save("mentor", "step", step, goal=str(story.goal.id))
    assert response.status_code == 422
    assert "Choose one of the goals listed." in text(response)


PRIVATE_ITEM_ROUTES = [
    ("", "GET", None),
    ("/edit", "GET", None),
    ("/history", "GET", None),
    ("", "POST", "edit"),
    ("/delete", "POST", {}),
    ("/undelete", "POST", {}),
    ("/move", "POST", {"direction": "up"}),
    ("/share", "POST", {}),
]


def test_every_route_of_a_private_item_is_404_for_the_partner(plan_world, story, db_dump):
    world = plan_world
    mentor = world.as_("mentor")
    before = db_dump()
    wrong = {}
    for action, method, data in PRIVATE_ITEM_ROUTES:
        for type_name, unit in story.private_units():
            url = world.unit_url(type_name, unit.id, action)
            for headers in ({}, HTMX_PARTIAL):
                if method == "GET":
                    response = mentor.get(url, headers=headers)
                elif data == "edit":
                    name = "title" if type_name == "goal" else "text"
                    response = world.save(
                        "mentor", type_name, unit, htmx=bool(headers), **{name: "Taken over"}
                    )
                else:
                    response = mentor.post(url, data, headers=dict(headers))
                if response.status_code != 404 or SECRET in text(response):
                    wrong[(method, url, bool(headers))] = response.status_code
    assert wrong == {}
    assert db_dump() == before


def test_private_revisions_cannot_be_restored_by_the_partner(plan_world, story, db_dump):
    world = plan_world
    private = list(Revision.select().where(Revision.private_to == world.protege.id))
    assert len(private) >= 4
    mentor = world.as_("mentor")
    before = db_dump()
    for rev in private:
        response = mentor.post(world.url(f"/history/{rev.id}/restore"), {"version": "99"})
        assert response.status_code == 404
    assert db_dump() == before


def test_private_changes_do_not_advance_the_counter(plan_world, story):
    world = plan_world
    # Only the author's one shared change (linking the shared step) stepped the counter.
    assert counter(world) == story.counter_before + 1
    link = Revision.get(Revision.kind == "step", Revision.field == "goal")
    assert link.private_to_id is None
    # Polling from after that shared change answers 204: nothing private travels.
    response = world.as_("mentor").get(
        world.url(f"/plan/changes?since={counter(world)}"), headers=HTMX_PARTIAL
    )
    assert response.status_code == 204
    visible = Revision.select().where(Revision.private_to.is_null()).count()
    assert visible == story.revisions_before + 1


def test_last_changed_by_ignores_private_changes(plan_world, story):
    world = plan_world
    page = htmllib.unescape(text(world.as_("mentor").get(world.url("/plan"))))
    notes = re.search(r'<div id="part-body-notes".*?</small></p>', page, re.S).group(0)
    goals = re.search(r'<div id="part-body-goals".*?</small></p>', page, re.S).group(0)
    # The mentor's own shared note and goal are the last changes the mentor may see there.
    assert "Last changed by Mentor Mo" in notes
    assert "Last changed by Mentor Mo" in goals
    author = htmllib.unescape(text(world.as_("protege").get(world.url("/plan"))))
    notes = re.search(r'<div id="part-body-notes".*?</small></p>', author, re.S).group(0)
    assert "Last changed by Protege Pat" in notes


def test_the_partner_sees_the_list_without_the_private_items(plan_world, story):
    world = plan_world
    page = text(world.as_("mentor").get(world.url("/plan")))
    goals = re.findall(r'<div id="u-goal-(\d+)" class="unit', page)
    assert goals == [str(story.shared_goal.id)]
    notes = re.findall(r'<div id="u-note-(\d+)" class="unit', page)
    assert len(notes) == 1
    # No move buttons for a list that has only one item the mentor can see.
    move = world.unit_url("goal", story.shared_goal.id, "/move")
    assert not tags(page, "button", formaction=move)
    # The step shows no linked goal to the mentor.
    step = re.search(rf'<div id="u-step-{story.step.id}".*?</dl>', page, re.S).group(0)
    assert "<dt>Goal</dt>" not in step


def test_sharing_reveals_the_item_but_not_its_private_past(plan_world, story):
    world = plan_world
    # The author tidies the goal up, then shares it.
    goal = Goal.get_by_id(story.goal.id)
    world.save("protege", "goal", goal, title="Present at the all-hands", measure="Two talks")
    before = counter(world)
    response = world.as_("protege").post(world.unit_url("goal", goal.id, "/share"), htmx=True)
    assert response.status_code == 200
    assert counter(world) == before + 1
    mentor = world.as_("mentor")
    page = text(mentor.get(world.url("/plan")))
    assert "Present at the all-hands" in page and "Two talks" in page
    assert SECRET not in page
    history = htmllib.unescape(text(mentor.get(world.url("/history"))))
    assert "Protege Pat shared goal “Present at the all-hands”" in words(history)
    unit_history = mentor.get(world.unit_url("goal", goal.id, "/history"))
    assert unit_history.status_code == 200
    body = htmllib.unescape(text(unit_history))
    assert "shared goal “Present at the all-hands”" in body
    assert len(re.findall(r'<li id="rev-', body)) == 1
    polled = mentor.get(world.url(f"/plan/changes?since={before}"), headers=HTMX_PARTIAL)
    assert polled.status_code == 200
    assert "Present at the all-hands" in text(polled)
    for response in (history, body, text(polled), page):
        assert SECRET not in response and WHY not in response
    # From now on, the mentor can edit it like any shared goal.
    goal = Goal.get_by_id(goal.id)
    assert world.save("mentor", "goal", goal, progress="50").status_code == 303
    # The note is still private.
    note_url = world.unit_url("note", story.note.id, "/edit")
    assert mentor.get(note_url).status_code == 404


def test_only_the_author_can_share(plan_world, story, db_dump):
    world = plan_world
    before = db_dump()
    for type_name, unit in story.private_units():
        url = world.unit_url(type_name, unit.id, "/share")
        assert world.as_("mentor").post(url).status_code == 404
    assert db_dump() == before
    assert Goal.get_by_id(story.goal.id).private_to_id == world.protege.id


def test_the_mentors_private_note_is_hidden_from_the_protege(plan_world):
    world = plan_world
    world.add("mentor", "note", private=True, text=f"{SECRET} mentor's own growth")
    note = Note.get()
    page = text(world.as_("mentor").get(world.url("/plan")))
    assert SECRET in page and "Private to you" in page
    protege = world.as_("protege")
    for url in (world.url("/plan"), world.url("/history"), world.url("/plan/changes?since=0")):
        assert SECRET not in text(protege.get(url, headers=HTMX_PARTIAL))
        assert SECRET not in text(protege.get(url))
    assert protege.get(world.unit_url("note", note.id, "/edit")).status_code == 404


def test_a_private_item_is_created_private_from_the_start(plan_world):
    world = plan_world
    before = counter(world)
    response = world.add("protege", "goal", htmx=True, private=True, title=f"{SECRET} g")
    assert response.status_code == 200
    assert "Private to you" in text(response)
    assert counter(world) == before
    (rev,) = Revision.select()
    assert rev.private_to_id == world.protege.id
    assert (
        world.as_("mentor")
        .get(world.url(f"/plan/changes?since={before}"), headers=HTMX_PARTIAL)
        .status_code
        == 204
    )


def test_saving_a_step_keeps_a_link_to_a_goal_the_saver_cannot_see(make_user, login, make_pair):
    """The mentor saving a shared step linked to the protégé's private goal keeps that link."""
    from pairapp.core.versioning import create
    from pairapp.models import ActionStep, Goal
    from pairapp.plan.data import start_plan
    from pairapp.plan.units import GOAL, STEP

    mentor, protege = make_user("Mentor Mo"), make_user("Protégé Pat")
    pair = make_pair(mentor=mentor, protege=protege)
    start_plan(pair, "blank", mentor.id)
    goal = create(GOAL, pair, protege.id, {"title": "Private aim"}, private=True)
    step = create(STEP, pair, protege.id, {"title": "Shared step", "goal": goal.id})
    session = login(mentor)
    form = session.get(f"/pairs/{pair.id}/step/{step.id}/edit").get_data(as_text=True)
    assert "Private aim" not in form
    response = session.post(
        f"/pairs/{pair.id}/step/{step.id}",
        {
            f"step-{step.id}-title": "Shared step, renamed",
            f"step-{step.id}-version": "1",
            f"step-{step.id}-goal": "",
        },
    )
    assert response.status_code == 303
    saved = ActionStep.get_by_id(step.id)
    assert saved.title == "Shared step, renamed"
    assert saved.goal_id == goal.id
    assert Goal.get_by_id(goal.id).private_to_id == protege.id
