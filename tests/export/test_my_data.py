"""Issue 12 line 5: "Download my data" gives the person everything pairapp keeps about them."""

import pytest
from conftest import text
from rich_pair import SENTINELS, enrich, export_app  # noqa: F401 (fixture)

from pairapp.checkins.models import Dismissal


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
