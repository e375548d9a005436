"""Issue 12 line 5: "Download my data" gives the person everything pairapp keeps about them."""

import pytest
from conftest import text
from rich_pair import SENTINELS, enrich, export_app  # noqa: F401 (fixture)

from pairapp.checkins.models import Dismissal
from pairapp.core.models import Pair, Revision


@pytest.fixture
def rich(plan_world, app):
    with app.test_request_context():
        enrich(plan_world)
    Dismissal.create(pair=plan_world.pair, user=plan_world.protege, key="checkins-overdue")
    return plan_world


def my_data(world, who):
    response = world.as_(who).get("/account/data.json")
    assert response.status_code == 200
    return response


def test_my_data_is_a_private_download(rich):
    response = my_data(rich, "protege")
    assert response.headers["Content-Disposition"] == 'attachment; filename="pairapp-my-data.json"'
    assert response.headers["Cache-Control"] == "no-store"
    assert response.mimetype == "application/json"


def test_my_data_holds_my_account_pairs_writing_and_dismissed_reminders(rich):
    data = my_data(rich, "protege").get_json()
    assert data["account"]["email"] == rich.protege.email
    assert data["account"]["display_name"] == "Protege Pat"
    assert "password_hash" not in text(my_data(rich, "protege"))
    assert rich.protege.password_hash not in text(my_data(rich, "protege"))
    assert [(m["pair"], m["role"]) for m in data["memberships"]] == [("Mo and Pat", "protege")]
    assert data["memberships"][0]["first_steps_put_away"] is False
    goals = {goal["title"]: goal["private"] for goal in data["plan"]["goals"]}
    assert goals == {"Run a team meeting": False, SENTINELS[0]: True}
    notes = [note["text"] for note in data["plan"]["notes"]]
    assert notes == [SENTINELS[1]]
    feedback = {f["helped"] for f in data["checkins_feedback"]}
    assert feedback == {"Your questions helped", SENTINELS[2]}
    assert [d["key"] for d in data["dismissed_reminders"]] == ["checkins-overdue"]
    assert [i["title"] for i in data["checklist_items"]][-1] == "Visit the library"
    assert [s["text"] for s in data["coaching_next_steps"]] == ["Wait longer"]


def test_my_data_holds_nothing_the_partner_wrote(rich):
    body = text(my_data(rich, "mentor"))
    for sentinel in SENTINELS:
        assert sentinel not in body
    assert "Your questions helped" not in body  # the protégé's shared feedback
    assert rich.protege.email not in body
    assert "The mentor's private note" in body


def test_the_account_page_offers_the_download(rich):
    page = text(rich.as_("mentor").get("/account"))
    assert 'href="/account/data.json"' in page
    assert "Download my data" in page


def test_my_data_changes_nothing_and_needs_a_login(rich, db_dump, client):
    before = db_dump()
    my_data(rich, "protege")
    assert db_dump() == before
    response = client.get("/account/data.json")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def history_of(world, who):
    return my_data(world, who).get_json()["history"]


def test_my_data_holds_the_history_i_wrote(rich):
    history = history_of(rich, "protege")
    lines = {(h["kind"], h["action"], h["field"], h["new_value"]): h for h in history}
    purpose = lines[("field", "edit", "value", "To lead meetings with ease")]
    assert purpose["pair"] == "Mo and Pat"
    assert purpose["feature"] == "plan"
    assert purpose["old_value"] == ""
    assert purpose["private"] is False
    assert purpose["at"].endswith("Z")
    assert ("goal", "create", "", "Run a team meeting") in lines
    assert ("feedback", "create", "", "Your questions helped") in lines
    ticked = lines[("item", "set", "done", "yes")]  # old and new values both
    assert (ticked["feature"], ticked["old_value"]) == ("checklist", "no")
    # Their own private items' history is theirs, marked private.
    assert lines[("goal", "create", "", SENTINELS[0])]["private"] is True
    assert lines[("note", "create", "", SENTINELS[1])]["private"] is True
    # Only what they did: the mentor's changes are not in the protégé's history.
    assert "Draft the agenda" not in {h["new_value"] for h in history}
    # Oldest first, as they happened.
    library = lines[("item", "create", "", "Visit the library")]
    assert history.index(purpose) < history.index(library)


def test_my_history_never_holds_a_partners_private_items_history(rich):
    mine = Revision.select().where(Revision.user == rich.mentor.id).count()
    history = history_of(rich, "mentor")
    assert len(history) == mine  # every row the mentor wrote, none left out
    assert any(h["new_value"] == "The mentor's private note" and h["private"] for h in history)
    body = text(my_data(rich, "mentor"))
    for sentinel in SENTINELS:  # the protégé's private items and their history
        assert sentinel not in body
    # A row by the mentor yet private to the protégé (as a private item's history would be)
    # stays out too: the filter is on privacy, not only on who wrote it.
    Revision.create(
        pair=rich.pair.id,
        user=rich.mentor.id,
        part="goals",
        kind="goal",
        object_id=1,
        new_value="SENTINEL-PRIVATE-TO-PROTEGE",
        private_to=rich.protege.id,
    )
    assert "SENTINEL-PRIVATE-TO-PROTEGE" not in text(my_data(rich, "mentor"))
    assert len(history_of(rich, "mentor")) == mine


def test_my_history_is_read_in_one_query(rich, queries):
    session = rich.as_("protege")
    response, executed = queries(lambda: session.get("/account/data.json"))
    assert response.get_json()["history"]
    reading = [sql for sql in executed if 'FROM "revision"' in sql]
    assert len(reading) == 1, reading


def test_downloading_my_history_writes_nothing(rich, db_dump):
    before = db_dump()
    counter = Pair.get_by_id(rich.pair.id).change_counter
    revisions = Revision.select().count()
    assert history_of(rich, "protege")
    assert history_of(rich, "mentor")
    assert Revision.select().count() == revisions
    assert Pair.get_by_id(rich.pair.id).change_counter == counter
    assert db_dump() == before
