"""History: every change recorded, the plan's and each unit's history, restore as a new change."""

import datetime
import re

import pytest
from conftest import HTMX_PARTIAL, by_id, plain, tags, text

from pairapp.core.history import PAGE_SIZE
from pairapp.core.models import utcnow
from pairapp.core.versioning import create, save
from pairapp.models import ActionStep, Goal, Milestone, Note, Revision
from pairapp.plan.units import UNIT_TYPES


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see conftest)."""
    return reused_app


def entries(page):
    """The history entries of a page, newest first, as {id: text without tags}."""
    found = re.findall(r'<li id="rev-(\d+)">(.*?)</li>', page, re.S)
    return {int(i): " ".join(re.sub(r"<[^>]+>", " ", body).split()) for i, body in found}


def restore_form(page, revision_id):
    """The restore form of one history entry: its action and the version it carries."""
    block = re.search(rf'<li id="rev-{revision_id}">.*?</li>', page, re.S).group(0)
    forms = tags(block, "form")
    if not forms:
        return None
    (version,) = tags(block, "input", name="version")
    return forms[0]["action"], int(version["value"])


def goal(world, who="mentor", **values):
    user = getattr(world, who)
    return create(UNIT_TYPES["goal"], world.pair, user.id, {"title": "Lead a project", **values})


def newest(**where):
    query = Revision.select().order_by(Revision.id.desc())
    for name, value in where.items():
        query = query.where(getattr(Revision, name) == value)
    return query.first()


# --- what is recorded --------------------------------------------------------------------


def test_every_kind_of_change_is_recorded(plan_world):
    world = plan_world
    started = utcnow()
    mentor, protege = world.as_("mentor"), world.as_("protege")
    field = world.field("roles")
    world.save(
        "mentor",
        "field",
        field,
        value="Mo guides",
        extra={f"field-{field.id}-reason": "agreed at kickoff"},
    )
    world.add("protege", "goal", title="Speak up")
    world.add("protege", "goal", title="Write more")
    first, second = Goal.select().order_by(Goal.id)
    protege.post(world.unit_url("goal", second.id, "/move"), {"direction": "up"})
    mentor.post(world.unit_url("goal", first.id, "/delete"))
    protege.post(world.unit_url("goal", first.id, "/undelete"))
    world.add("protege", "note", private=True, text="Mine")
    note = Note.get()
    protege.post(world.unit_url("note", note.id, "/share"))
    mentor.post(world.url("/plan/parts/resources"), {"shown": "no"})
    mentor.post(world.url("/plan/sign"), {"name": "Mo"})
    rows = list(Revision.select().order_by(Revision.id))
    summary = [(r.user_id, r.kind, r.action, r.field, r.old_value, r.new_value) for r in rows]
    m, p = world.mentor.id, world.protege.id
    assert summary == [
        (m, "field", "edit", "value", "", "Mo guides"),
        (p, "goal", "create", "", "", "Speak up"),
        (p, "goal", "create", "", "", "Write more"),
        (p, "goal", "move", "", "", "up"),
        (m, "goal", "delete", "", "", "Speak up"),
        (p, "goal", "undelete", "", "", "Speak up"),
        (p, "note", "create", "", "", "Mine"),
        (p, "note", "share", "", "", "Mine"),
        (m, "part", "hide", "", None, "Resources and support"),
        (m, "signature", "sign", "", None, "Mo"),
    ]
    assert rows[0].reason == "agreed at kickoff" and rows[0].part == "charter"
    assert all(started <= r.created_at <= utcnow() for r in rows)
    # Each shared change steps the pair's counter once; the private note's creation does not.
    seqs = [r.seq for r in rows]
    assert seqs == sorted(seqs)
    assert rows[6].private_to_id == p and rows[6].seq == rows[5].seq
    assert len(set(seqs)) == len(seqs) - 1


@pytest.mark.parametrize(
    ("type_name", "values", "changes", "expected"),
    [
        ("goal", {}, {"progress": "60"}, ("progress", "0", "60")),
        ("goal", {}, {"target_date": "2026-12-24"}, ("target_date", "", "2026-12-24")),
        ("goal", {}, {"owner": "both"}, ("owner", "protege", "both")),
        ("milestone", {"title": "Review"}, {"done": "y"}, ("done", "no", "yes")),
        ("step", {"title": "Ask"}, {"responsible": "mentor"}, ("responsible", "protege", "mentor")),
        ("term", {"term": "Pilot"}, {"definition": "Six weeks"}, ("definition", "", "Six weeks")),
    ],
)
def test_each_field_edit_is_recorded_and_restorable(
    plan_world, type_name, values, changes, expected
):
    world = plan_world
    unit_type = UNIT_TYPES[type_name]
    unit = create(unit_type, world.pair, world.mentor.id, values or {"title": "Lead a project"})
    assert world.save("protege", type_name, unit, **changes).status_code == 303
    rev = newest(action="edit")
    assert (rev.field, rev.old_value, rev.new_value) == expected
    page = plain(world.as_("mentor").get(world.unit_url(type_name, unit.id, "/history")))
    action, version = restore_form(page, rev.id)
    assert version == unit.version + 1
    response = world.as_("mentor").post(action, {"version": str(version)})
    assert response.status_code == 303
    after = unit_type.model.get_by_id(unit.id)
    restored = newest(action="edit")
    assert (restored.field, restored.old_value, restored.new_value) == (
        expected[0],
        expected[2],
        expected[1],
    )
    assert after.version == version + 1


def test_the_plan_history_lists_changes_with_who_what_and_why(plan_world):
    world = plan_world
    field = world.field("boundaries")
    world.save(
        "protege",
        "field",
        field,
        value="What we say stays here",
        extra={f"field-{field.id}-reason": "we agreed on 3 March"},
    )
    g = goal(world)
    world.save("mentor", "goal", g, owner="both", status="in_progress")
    response = world.as_("protege").get(world.url("/history"))
    assert response.status_code == 200
    page = plain(response)
    assert "<html" in page
    lines = list(entries(page).values())
    assert lines[-1].startswith("Protege Pat changed “Boundaries and confidentiality” · ")
    assert "From (empty) To What we say stays here" in lines[-1]
    assert "Why: we agreed on 3 March" in lines[-1]
    assert "Mentor Mo added goal “Lead a project”" in lines[-2]
    # Choices show as people read them.
    joined = " | ".join(lines[:2])
    assert "changed the owner of goal “Lead a project”" in joined
    assert "From Protégé To Both" in joined
    assert "From Not started To In progress" in joined
    assert tags(page, "time")
    # The htmx partial is the list alone.
    fragment = text(world.as_("protege").get(world.url("/history"), headers=HTMX_PARTIAL))
    assert "<html" not in fragment
    assert by_id(fragment, "history-list")


def test_unit_history_lists_only_that_unit(plan_world):
    world = plan_world
    roles, boundaries = world.field("roles"), world.field("boundaries")
    world.save("mentor", "field", roles, value="Roles text")
    world.save("mentor", "field", boundaries, value="Boundaries text")
    world.save("protege", "field", world.field("roles"), value="Roles text, revised")
    response = world.as_("mentor").get(world.unit_url("field", roles.id, "/history"))
    assert response.status_code == 200
    page = plain(response)
    assert "History of “Roles and responsibilities”" in page
    assert len(entries(page)) == 2
    assert "Roles text, revised" in page and "Boundaries text" not in page
    assert tags(page, "a", href=world.url(f"/plan#u-field-{roles.id}"))
    fragment = text(
        world.as_("mentor").get(world.unit_url("field", roles.id, "/history"), headers=HTMX_PARTIAL)
    )
    assert "<html" not in fragment and len(entries(fragment)) == 2


def test_a_unit_with_no_changes_says_so(plan_world):
    world = plan_world
    page = text(
        world.as_("mentor").get(world.unit_url("field", world.field("roles").id, "/history"))
    )
    assert "No changes yet." in page


def test_older_changes_are_paged(plan_world):
    world = plan_world
    field = world.field("roles")
    field_type = UNIT_TYPES["field"]
    for i in range(PAGE_SIZE + 5):
        _saved, field = save(field_type, field, {"value": f"v{i}"}, field.version, world.mentor.id)
    page = text(world.as_("mentor").get(world.url("/history")))
    listed = list(entries(page))
    assert len(listed) == PAGE_SIZE
    (older,) = [a for a in tags(page, "a") if a.get("href", "").startswith("?before=")]
    assert older["href"] == f"?before={listed[-1]}"
    rest = text(world.as_("mentor").get(world.url(f"/history{older['href']}")))
    assert len(entries(rest)) == 5
    assert max(entries(rest)) < min(listed)
    assert "Older changes" not in rest


# --- restore -----------------------------------------------------------------------------


def test_restore_puts_the_old_value_back_as_a_new_change(plan_world):
    world = plan_world
    field = world.field("roles")
    world.save("mentor", "field", field, value="First")
    world.save("protege", "field", world.field("roles"), value="Second")
    edit = newest(action="edit")
    page = text(world.as_("mentor").get(world.unit_url("field", field.id, "/history")))
    action, version = restore_form(page, edit.id)
    assert action == world.url(f"/history/{edit.id}/restore")
    assert version == world.field("roles").version
    count = Revision.select().count()
    response = world.as_("mentor").post(action, {"version": str(version)})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(world.url(f"/field/{field.id}/history#restored"))
    after = world.field("roles")
    assert after.value == "First"
    assert after.version == version + 1
    assert after.updated_by_id == world.mentor.id
    assert Revision.select().count() == count + 1
    restored = newest()
    assert (restored.action, restored.old_value, restored.new_value, restored.user_id) == (
        "edit",
        "Second",
        "First",
        world.mentor.id,
    )
    assert restored.reason.startswith("Restored the version from ")
    # The earlier entries are untouched: history is never rewritten.
    assert Revision.get_by_id(edit.id).new_value == "Second"
    page = plain(world.as_("protege").get(world.url("/plan")))
    assert "First" in page


def test_a_stale_restore_answers_409_and_changes_nothing(plan_world, db_dump):
    world = plan_world
    field = world.field("roles")
    world.save("mentor", "field", field, value="First")
    world.save("mentor", "field", world.field("roles"), value="Second")
    edit = newest(action="edit")
    page = text(world.as_("protege").get(world.unit_url("field", field.id, "/history")))
    action, version = restore_form(page, edit.id)
    # Meanwhile, the mentor changes it again.
    world.save("mentor", "field", world.field("roles"), value="Third")
    before = db_dump()
    response = world.as_("protege").post(action, {"version": str(version)})
    assert response.status_code == 409
    body = plain(response)
    assert "This changed again since you opened the history, so nothing was restored." in body
    assert "Third" in body
    _action, fresh_version = restore_form(text(response), edit.id)
    assert fresh_version == world.field("roles").version
    assert db_dump() == before
    assert world.as_("protege").post(action, {"version": str(fresh_version)}).status_code == 303
    assert world.field("roles").value == "First"


@pytest.mark.parametrize("data", [{}, {"version": ""}, {"version": "abc"}])
def test_a_restore_needs_a_version(plan_world, db_dump, data):
    world = plan_world
    world.save("mentor", "field", world.field("roles"), value="First")
    edit = newest(action="edit")
    before = db_dump()
    response = world.as_("mentor").post(world.url(f"/history/{edit.id}/restore"), data)
    assert response.status_code == 400
    assert db_dump() == before


def test_a_removed_item_comes_back_from_history(plan_world):
    world = plan_world
    g = goal(world, title="Lead a project")
    world.as_("protege").post(world.unit_url("goal", g.id, "/delete"))
    assert "Lead a project" not in plain(world.as_("mentor").get(world.url("/plan")))
    removal = newest(action="delete")
    page = plain(world.as_("mentor").get(world.url("/history")))
    assert "Protege Pat removed goal “Lead a project”" in entries(page)[removal.id]
    action, version = restore_form(page, removal.id)
    assert "Bring it back" in page
    response = world.as_("mentor").post(action, {"version": str(version)})
    assert response.status_code == 303
    assert Goal.get_by_id(g.id).deleted_at is None
    assert newest().action == "undelete" and newest().user_id == world.mentor.id
    assert "Lead a project" in plain(world.as_("protege").get(world.url("/plan")))
    # Once it is back, the history offers no second "bring it back".
    page = text(world.as_("mentor").get(world.url("/history")))
    assert restore_form(page, removal.id) is None


def test_removed_items_keep_their_history(plan_world):
    world = plan_world
    g = goal(world)
    world.save("protege", "goal", g, title="Lead two projects")
    world.as_("protege").post(world.unit_url("goal", g.id, "/delete"))
    page = plain(world.as_("mentor").get(world.unit_url("goal", g.id, "/history")))
    lines = list(entries(page).values())
    assert len(lines) == 3
    assert "removed goal “Lead two projects”" in lines[0]
    assert "changed the wording of goal “Lead two projects”" in lines[1]
    assert "From Lead a project To Lead two projects" in lines[1]
    # Restoring an edit of a removed item is refused: bring it back first.
    edit = newest(action="edit")
    assert restore_form(text(world.as_("mentor").get(world.url("/history"))), edit.id) is None
    response = world.as_("mentor").post(
        world.url(f"/history/{edit.id}/restore"), {"version": str(Goal.get_by_id(g.id).version)}
    )
    assert response.status_code == 409
    assert Goal.get_by_id(g.id).title == "Lead two projects"


@pytest.mark.parametrize("action", ["create", "move", "undelete", "hide", "sign"])
def test_only_edits_and_removals_can_be_restored(plan_world, action):
    world = plan_world
    a, b = goal(world), goal(world, title="Second")
    browser = world.as_("mentor")
    browser.post(world.unit_url("goal", b.id, "/move"), {"direction": "up"})
    browser.post(world.unit_url("goal", a.id, "/delete"))
    browser.post(world.unit_url("goal", a.id, "/undelete"))
    browser.post(world.url("/plan/parts/notes"), {"shown": "no"})
    browser.post(world.url("/plan/sign"), {"name": "Mo"})
    rev = newest(action=action)
    page = text(browser.get(world.url("/history")))
    assert restore_form(page, rev.id) is None
    response = browser.post(world.url(f"/history/{rev.id}/restore"), {"version": "1"})
    assert response.status_code == 404


def test_restoring_a_linked_goal(plan_world):
    world = plan_world
    g = goal(world)
    step = create(UNIT_TYPES["step"], world.pair, world.mentor.id, {"title": "Ask", "goal": g.id})
    world.save("protege", "step", step, goal="")
    assert ActionStep.get_by_id(step.id).goal_id is None
    edit = newest(action="edit")
    assert (edit.field, edit.old_value, edit.new_value) == ("goal", str(g.id), "")
    version = ActionStep.get_by_id(step.id).version
    response = world.as_("mentor").post(
        world.url(f"/history/{edit.id}/restore"), {"version": str(version)}
    )
    assert response.status_code == 303
    assert ActionStep.get_by_id(step.id).goal_id == g.id


def test_a_linked_goal_shows_as_its_title(plan_world):
    world = plan_world
    g = goal(world, title="Lead a project")
    hidden = create(
        UNIT_TYPES["goal"], world.pair, world.protege.id, {"title": "Private goal"}, private=True
    )
    step = create(UNIT_TYPES["step"], world.pair, world.mentor.id, {"title": "Ask"})
    world.save("mentor", "step", step, goal=str(g.id))
    step = ActionStep.get_by_id(step.id)
    world.save("protege", "step", step, goal=str(hidden.id))
    lines = list(entries(plain(world.as_("mentor").get(world.url("/history")))).values())
    assert "From (empty) To Lead a project" in lines[1]
    # A goal the reader may not see shows as neither its title nor its id.
    assert "From Lead a project To (not shown)" in lines[0]
    lines = list(entries(plain(world.as_("protege").get(world.url("/history")))).values())
    assert "From Lead a project To Private goal" in lines[0]


def test_restoring_a_date(plan_world):
    world = plan_world
    milestone = Milestone.select().order_by(Milestone.position).first()
    original = milestone.date
    world.save("protege", "milestone", milestone, date="2026-09-03")
    edit = newest(action="edit")
    version = Milestone.get_by_id(milestone.id).version
    world.as_("mentor").post(world.url(f"/history/{edit.id}/restore"), {"version": str(version)})
    assert Milestone.get_by_id(milestone.id).date == original
    assert isinstance(original, datetime.date)


# --- membership and CSRF -----------------------------------------------------------------


def test_history_routes_are_404_for_non_members(plan_world, db_dump):
    world = plan_world
    field = world.field("roles")
    world.save("mentor", "field", field, value="First")
    world.save("mentor", "field", world.field("roles"), value="Second")
    edit = newest(action="edit")
    version = str(world.field("roles").version)
    stranger = world.as_("stranger")
    before = db_dump()
    for headers in ({}, HTMX_PARTIAL):
        assert stranger.get(world.url("/history"), headers=headers).status_code == 404
        url = world.unit_url("field", field.id, "/history")
        assert stranger.get(url, headers=headers).status_code == 404
        response = stranger.post(
            world.url(f"/history/{edit.id}/restore"), {"version": version}, headers=dict(headers)
        )
        assert response.status_code == 404
    assert db_dump() == before


def test_a_revision_of_another_pair_cannot_be_restored_through_mine(plan_world, make_pair):
    world = plan_world
    other = make_pair("Other", mentor=world.stranger)
    theirs = create(UNIT_TYPES["goal"], other, world.stranger.id, {"title": "Theirs"})
    save(UNIT_TYPES["goal"], theirs, {"title": "Theirs, edited"}, 1, world.stranger.id)
    edit = newest(action="edit")
    response = world.as_("mentor").post(world.url(f"/history/{edit.id}/restore"), {"version": "2"})
    assert response.status_code == 404
    assert Goal.get_by_id(theirs.id).title == "Theirs, edited"


def test_restore_needs_the_csrf_token(plan_world, db_dump):
    world = plan_world
    world.save("mentor", "field", world.field("roles"), value="First")
    edit = newest(action="edit")
    before = db_dump()
    for headers in ({}, HTMX_PARTIAL):
        response = world.as_("mentor").post(
            world.url(f"/history/{edit.id}/restore"),
            {"version": str(world.field("roles").version)},
            csrf=False,
            headers=dict(headers),
        )
        assert response.status_code == 400
    assert db_dump() == before


@pytest.mark.parametrize("path", ["/nope/1/history", "/field/999999/history"])
def test_unknown_unit_history_is_404(plan_world, path):
    assert plan_world.as_("mentor").get(plan_world.url(path)).status_code == 404


def test_unknown_revision_is_404(plan_world):
    world = plan_world
    response = world.as_("mentor").post(world.url("/history/999999/restore"), {"version": "1"})
    assert response.status_code == 404
