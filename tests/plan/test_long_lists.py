"""A long list shows its first items and loads the rest on request, with or without htmx;
an item one acts on never drops out of view, and a list shown whole stays whole."""

import re

import pytest
from conftest import HTMX_PARTIAL, by_id, tags, text

from pairapp.core.versioning import create
from pairapp.plan.data import FIRST_ITEMS
from pairapp.plan.units import UNIT_TYPES

MORE = FIRST_ITEMS + 3


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see conftest)."""
    return reused_app


@pytest.fixture
def goals(plan_world):
    """More goals than a list shows at first, in order."""
    world = plan_world
    return [
        create(UNIT_TYPES["goal"], world.pair, world.mentor.id, {"title": f"Goal {i}"})
        for i in range(MORE)
    ]


def shown(html):
    """The ids of the goals in the page or fragment, in order."""
    return [int(i) for i in re.findall(r'<div id="u-goal-(\d+)" class="unit', html)]


def test_the_page_shows_the_first_items_and_a_link_to_all(plan_world, goals):
    world = plan_world
    page = text(world.as_("mentor").get(world.url("/plan")))
    assert shown(page) == [g.id for g in goals[:FIRST_ITEMS]]
    (link,) = [a for a in tags(page, "a") if a.get("href") == world.url("/plan/parts/goals")]
    assert link["data-hx-get"] == link["href"]
    assert link["data-hx-target"] == "#part-body-goals"
    assert f"Show all {MORE} goals</a>" in page
    # The last item shown is not the list's last: it can still move down.
    last = goals[FIRST_ITEMS - 1]
    down = tags(page, "button", formaction=world.unit_url("goal", last.id, "/move"), value="down")
    assert down


def test_show_all_as_a_fragment_or_as_the_page(plan_world, goals):
    world = plan_world
    browser = world.as_("mentor")
    fragment = browser.get(world.url("/plan/parts/goals"), headers=HTMX_PARTIAL)
    assert fragment.status_code == 200
    assert "<html" not in text(fragment)
    assert shown(text(fragment)) == [g.id for g in goals]
    # It says it is whole, so its buttons' answers and live updates keep it whole.
    (full,) = tags(text(fragment), "input", name="full")
    assert full["value"] == "goals" and full.get("form") is None
    assert "Show all" not in text(fragment)
    # Without JavaScript: the plan page with that list whole, at the list.
    plain = browser.get(world.url("/plan/parts/goals"))
    assert plain.status_code == 303
    assert plain.headers["Location"].endswith(world.url("/plan?full=goals#part-goals"))
    page = text(browser.get(world.url("/plan?full=goals")))
    assert shown(page) == [g.id for g in goals]
    assert by_id(page, "acts-goals")["method"] == "post"


@pytest.mark.parametrize(
    "path", ["/plan/parts/nothing", "/plan/parts/goals"], ids=["unknown part", "stranger"]
)
def test_show_all_is_for_members_and_known_parts(plan_world, goals, path):
    world = plan_world
    who = "stranger" if "goals" in path else "mentor"
    assert world.as_(who).get(world.url(path), headers=HTMX_PARTIAL).status_code == 404


def test_show_all_before_the_plan_starts_is_404(make_plan_world):
    world = make_plan_world(template=None)
    assert world.as_("mentor").get(world.url("/plan/parts/goals")).status_code == 404


def test_moving_an_item_past_the_first_ones_keeps_it_in_view(plan_world, goals):
    world = plan_world
    browser = world.as_("mentor")
    last_shown = goals[FIRST_ITEMS - 1]
    move = world.unit_url("goal", last_shown.id, "/move")
    answer = browser.post(move, {"direction": "down"}, htmx=True)
    assert answer.status_code == 200
    assert last_shown.id in shown(text(answer))
    assert len(shown(text(answer))) == MORE  # its list comes whole
    # Without JavaScript: back to the page with the list whole, at the item.
    back = browser.post(move, {"direction": "down"})
    assert back.status_code == 303
    assert back.headers["Location"].endswith(world.url(f"/plan?full=goals#u-goal-{last_shown.id}"))


def test_moving_within_the_first_ones_keeps_the_list_short(plan_world, goals):
    world = plan_world
    answer = world.as_("mentor").post(
        world.unit_url("goal", goals[0].id, "/move"), {"direction": "down"}, htmx=True
    )
    assert shown(text(answer)) == [goals[1].id, goals[0].id] + [g.id for g in goals[2:FIRST_ITEMS]]


def test_a_list_shown_whole_stays_whole(plan_world, goals):
    world = plan_world
    browser = world.as_("mentor")
    answer = browser.post(
        world.unit_url("goal", goals[0].id, "/delete"), {"full": "goals"}, htmx=True
    )
    assert shown(text(answer)) == [g.id for g in goals[1:]]
    assert tags(text(answer), "input", name="full", value="goals")


def test_adding_to_a_long_list_shows_the_new_item(plan_world, goals):
    world = plan_world
    answer = world.add("mentor", "goal", htmx=True, title="The newest goal")
    assert "The newest goal" in text(answer)
    plain = world.add("mentor", "goal", title="Another goal")
    assert "?full=goals#u-goal-" in plain.headers["Location"]


def test_live_updates_keep_a_whole_list_whole(plan_world, goals):
    world = plan_world
    browser = world.as_("mentor")
    since = world.pair.change_counter
    create(UNIT_TYPES["goal"], world.pair, world.protege.id, {"title": "Pat's goal"})
    short = browser.get(world.url(f"/plan/changes?since={since}"), headers=HTMX_PARTIAL)
    assert len(shown(text(short))) == FIRST_ITEMS
    whole = browser.get(world.url(f"/plan/changes?since={since}&full=goals"), headers=HTMX_PARTIAL)
    assert len(shown(text(whole))) == MORE + 1
    # The poll sends the lists the page shows whole.
    page = text(browser.get(world.url("/plan?full=goals")))
    assert by_id(page, "plan-poll")["data-hx-include"] == "[name='editing'],[name='full']"


def test_an_item_shown_alone_brings_its_own_form(plan_world, goals):
    """Outside its list (after a save, on other features' pages) an item's buttons name a
    form of its own, a real POST form with its CSRF field."""
    world = plan_world
    goal = goals[3]
    html = text(world.as_("mentor").get(world.unit_url("goal", goal.id), headers=HTMX_PARTIAL))
    buttons = tags(html, "button", form=f"acts-goal-{goal.id}")
    assert {b["formaction"] for b in buttons} == {
        world.unit_url("goal", goal.id, "/move"),
        world.unit_url("goal", goal.id, "/delete"),
    }
    form = by_id(html, f"acts-goal-{goal.id}")
    assert form["method"] == "post" and form["data-hx-target"] == "#part-body-goals"
    assert tags(html, "input", name="csrf_token")
    # In its list on the page, it names the list's one form instead.
    page = text(world.as_("mentor").get(world.url("/plan")))
    assert not tags(page, "form", id=f"acts-goal-{goal.id}")
    assert tags(
        page, "button", form="acts-goals", formaction=world.unit_url("goal", goal.id, "/move")
    )
