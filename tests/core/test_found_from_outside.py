"""Regressions for what testing from outside found (issue 6, lines 9 to 13)."""

import datetime
import re

import pytest
from conftest import HTMX_PARTIAL, plain, text

from pairapp.core.history import PAGE_SIZE
from pairapp.core.versioning import create, save
from pairapp.models import Invite, Membership, Pair, Plan
from pairapp.pairs import data as pairs_data
from pairapp.plan.units import UNIT_TYPES

HUGE = "9" * 40


@pytest.fixture
def app(reused_app):
    return reused_app


def entries(page):
    """The ids of a history page's entries."""
    return [int(i) for i in re.findall(r'<li id="rev-(\d+)">', page)]


@pytest.mark.parametrize(
    "query",
    [
        f"/history?before={HUGE}",
        "/history?before=-5",
        "/history?before=abc",
        f"/plan/changes?since={HUGE}",
        "/plan/changes?since=-1",
        f"/plan/changes?since=0&editing=goal:{HUGE}:1",
        f"/plan/changes?since=0&editing=goal:1:{HUGE}",
        f"/plan/changes?since=0&editing=field:{2**63}:{2**63}",
    ],
)
def test_numbers_beyond_the_database_never_give_a_500(plan_world, query):
    for headers in ({}, HTMX_PARTIAL):
        response = plan_world.as_("mentor").get(plan_world.url(query), headers=headers)
        assert response.status_code in (200, 204), query


def test_a_unit_history_with_a_huge_before_is_not_a_500(plan_world):
    field = plan_world.field("roles")
    url = plan_world.url(f"/field/{field.id}/history?before={HUGE}")
    assert plan_world.as_("mentor").get(url).status_code == 200


def test_a_units_history_pages_back_past_the_newest_hundred(plan_world):
    world = plan_world
    field = world.field("roles")
    for i in range(PAGE_SIZE + 7):
        _saved, field = save(UNIT_TYPES["field"], field, {"value": f"v{i}"}, field.version, 1)
    url = world.url(f"/field/{field.id}/history")
    first = text(world.as_("mentor").get(url))
    listed = entries(first)
    assert len(listed) == PAGE_SIZE
    older = re.search(r'href="(\?before=\d+)"', first).group(1)
    rest = text(world.as_("mentor").get(url + older))
    assert len(entries(rest)) == 7
    assert max(entries(rest)) < min(listed)
    assert "v0" in plain(world.as_("mentor").get(url + older))


def test_a_start_date_whose_milestones_pass_year_9999_is_refused(make_user, login):
    browser = login(make_user())
    browser.get("/pairs/new")
    data = {"title": "Far away", "role": "mentor", "start_date": "9999-12-01"}
    response = browser.post("/pairs/new", {**data, "plan_template": "full"})
    assert response.status_code == 422
    assert "Choose a start date on or before" in plain(response)
    assert 'value="Far away"' in text(response)
    assert Pair.select().count() == 0


def test_the_plan_chooser_refuses_a_start_date_too_late_for_milestones(plan_world, make_pair):
    world = plan_world
    far = make_pair(title="Far", start=datetime.date(9999, 12, 1), mentor=world.mentor)
    browser = world.as_("mentor")
    browser.get(f"/pairs/{far.id}/plan")
    response = browser.post(f"/pairs/{far.id}/plan/start", {"template": "full"})
    assert response.status_code == 422
    assert "too far in the future" in plain(response)
    assert not Plan.select().where(Plan.pair == far.id).exists()


def test_a_pair_and_its_plan_are_made_in_one_transaction(make_user, monkeypatch):
    user = make_user()

    def broken_start(pair, template_key, user_id):
        raise RuntimeError("the plan could not be written")

    monkeypatch.setattr(pairs_data, "start_plan", broken_start)
    with pytest.raises(RuntimeError):
        pairs_data.create_pair("Sam and Alex", datetime.date(2026, 9, 1), "mentor", user.id, "full")
    assert Pair.select().count() == 0
    assert Membership.select().count() == 0


def test_a_conflict_never_shows_the_id_of_a_goal_the_reader_cannot_see(plan_world):
    world = plan_world
    secret = create(
        UNIT_TYPES["goal"], world.pair, world.protege.id, {"title": "Hidden aim"}, private=True
    )
    step = create(UNIT_TYPES["step"], world.pair, world.mentor.id, {"title": "Shared step"})
    opened = step.version
    # The protégé links the step to her private goal; the mentor then saves from his old copy.
    response = world.save("protege", "step", step, goal=str(secret.id))
    assert response.status_code == 303
    stale = world.save("mentor", "step", step, version=opened, goal="", title="Mo's step")
    assert stale.status_code == 409
    body = plain(stale)
    assert "(not shown)" in body
    assert "Hidden aim" not in body
    assert f">{secret.id}<" not in body.replace(" ", "")


def test_invite_links_die_when_their_maker_leaves(plan_world, make_invite):
    world = plan_world
    mine, _token = make_invite(world.pair, "colleague", by=world.mentor)
    theirs, _token = make_invite(world.pair, "colleague", by=world.protege)
    mentor = world.as_("mentor")
    mentor.get(world.url("/leave"))
    assert mentor.post(world.url("/leave")).status_code == 303
    assert Invite.get_by_id(mine.id).status() == "revoked"
    assert Invite.get_by_id(theirs.id).status() == "open"


def test_invite_links_die_when_their_maker_deletes_the_account(plan_world, make_invite):
    world = plan_world
    mine, _token = make_invite(world.pair, "colleague", by=world.mentor)
    mentor = world.as_("mentor")
    mentor.get("/account")
    response = mentor.post("/account/delete", {"confirm_password": "correct horse battery"})
    assert response.status_code == 303
    assert Invite.get_by_id(mine.id).status() == "revoked"
