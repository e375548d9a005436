"""Issue 11 lines 2 and 3 in a real browser: the plan navigable on a phone (contents, parts
folded per person, small empty parts) and a SMART goal added in one step.

Every page shown is checked (no sideways scroll at 360 px, axe-core, Nu HTML Checker).
"""

import re

import pytest
from playwright.sync_api import expect

from .test_plan_pages import htmx_answer, log_in, open_plan, press

# The empty full plan's height on a 360x740 phone before issue 11: document scrollHeight in
# CSS pixels, as page_height() reads it, for the protégé of this file's world, measured on
# main at 1e25a16 (13 parts open, each with every field's prompt, Edit and History links, its
# add form, "Not changed yet." and "Hide this part"). With these changes: 3,214 px.
BASELINE_HEIGHT = 10_870

GOAL = "Lead a team meeting"
MEASURE = "Runs two meetings with an agenda; the team rates them 4 of 5"


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see tests/conftest.py)."""
    return reused_app


@pytest.fixture
def world(make_plan_world):
    """Mentor Mo and Protege Pat, whose plan started from the full template."""
    return make_plan_world()


def page_height(person):
    """The whole page's height in CSS pixels."""
    return person.page.evaluate("document.documentElement.scrollHeight")


def part(person, key):
    return person.page.locator(f"#part-{key}")


def is_open(person, key):
    return person.page.evaluate(f"document.querySelector('#part-{key} > details').open")


def fold_toggle(person, key, state):
    """Tap a part's own control (its summary); with JavaScript the page remembers it."""
    summary = part(person, key).locator("summary")
    if person.javascript:
        pattern = rf"/pairs/\d+/plan/parts/{key}/fold"
        with htmx_answer(person, "POST", pattern) as answer:
            press(person, summary)
        assert answer.value.status == 200
        person.checker.check_fragment(answer.value.text(), f"the fold form ({key})")
        expect(part(person, key).locator(".fold-form")).to_have_attribute("data-folded", state)
    else:
        press(person, summary)
    assert is_open(person, key) == (state == "no")


def reload(person):
    with person.page.expect_navigation():
        person.page.reload()
    person.check()


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_the_empty_full_plan_on_a_phone_is_a_third_as_tall(world, new_person, javascript):
    pat = new_person("protégé", "phone", javascript=javascript)
    log_in(pat, world.protege)
    pat.visit(world.url("/plan"))
    height = page_height(pat)
    assert height <= BASELINE_HEIGHT / 3, height
    # Nothing removed: each part's heading, state and the control that opens it.
    for key in ("charter", "goals", "strengths", "notes"):
        expect(part(pat, key).get_by_role("heading")).to_be_visible()
        expect(part(pat, key).locator("summary")).to_be_visible()
    expect(part(pat, "goals").locator("summary")).to_contain_text("Add a goal")
    expect(part(pat, "goals").locator("summary")).to_contain_text("○ Not started")
    expect(part(pat, "strengths").locator("summary")).to_contain_text("Start this part")
    contents = pat.page.get_by_role("navigation", name="Contents")
    expect(contents.get_by_role("link")).to_have_count(14)  # 13 parts and the agreement
    expect(contents).to_contain_text("Timeline and milestones ✓ Filled: 4 milestones")
    # Opened, a part shows everything it had.
    press(pat, part(pat, "charter").locator("summary"))
    expect(part(pat, "charter").get_by_role("link", name=re.compile("Edit field"))).to_have_count(8)
    expect(
        part(pat, "charter").get_by_role("button", name=re.compile("Hide this part"))
    ).to_be_visible()
    expect(part(pat, "charter")).to_contain_text("Not changed yet.")


def test_the_contents_jump_to_a_part(world, new_person):
    pat = new_person("protégé", "phone")
    log_in(pat, world.protege)
    open_plan(pat, world)
    link = pat.page.get_by_role("navigation", name="Contents").get_by_role("link", name="Notes")
    press(pat, link)
    assert pat.page.url.endswith("#part-notes")
    heading = part(pat, "notes").get_by_role("heading", name="Notes")
    expect(heading).to_be_in_viewport()
    assert pat.page.evaluate("window.scrollY") > 1000


def test_folding_survives_a_reload_and_is_each_persons_own(world, new_person):
    world.save("mentor", "field", world.field("baseline"), value="Reads at grade level")
    pat = new_person("protégé", "phone")
    mo = new_person("mentor", "laptop")
    log_in(pat, world.protege)
    log_in(mo, world.mentor)
    pat.visit(world.url("/plan"))
    assert is_open(pat, "strengths") and not is_open(pat, "goals")

    fold_toggle(pat, "strengths", "yes")  # folds a part someone started
    fold_toggle(pat, "goals", "no")  # keeps one nobody started open
    reload(pat)
    assert not is_open(pat, "strengths") and is_open(pat, "goals")
    expect(part(pat, "strengths").locator("summary")).to_contain_text("Show this part")

    mo.visit(world.url("/plan"))  # the partner's page is as it was
    assert is_open(mo, "strengths") and not is_open(mo, "goals")

    # The fold button does the same (and folds the part on the page).
    button = part(pat, "goals").get_by_role("button", name=re.compile("Fold this part"))
    with htmx_answer(pat, "POST", r"/pairs/\d+/plan/parts/goals/fold") as answer:
        press(pat, button)
    assert answer.value.status == 200
    pat.checker.check_fragment(answer.value.text(), "the fold form (goals)")
    expect(part(pat, "goals").locator("details")).not_to_have_attribute("open", "")
    reload(pat)
    assert not is_open(pat, "goals")


def test_without_javascript_fold_buttons_remember_and_a_goal_is_added_in_one_step(
    world, new_person
):
    pat = new_person("protégé", "phone", javascript=False)
    log_in(pat, world.protege)
    pat.visit(world.url("/plan"))
    page = pat.page

    # Opening a part needs no script; keeping it open is a small form button.
    fold_toggle(pat, "strengths", "no")
    keep = part(pat, "strengths").get_by_role("button", name=re.compile("Keep this part open"))
    pat.follow(keep)
    assert pat.path().endswith("/plan#part-strengths")
    assert is_open(pat, "strengths")
    pat.follow(part(pat, "strengths").get_by_role("button", name=re.compile("Fold this part")))
    assert not is_open(pat, "strengths")

    # A SMART goal in one step: open Goals, fill in the four, Add.
    press(pat, part(pat, "goals").locator("summary"))
    form = page.locator("#add-goal")
    form.get_by_label("Goal (what, specifically)").fill(GOAL)
    form.get_by_label("How we will know (measure)").fill(MEASURE)
    form.get_by_label("Target date").fill("2027-03-01")
    form.get_by_label("Owner").select_option("both")
    pat.follow(form.get_by_role("button", name="Add goal"))
    goal = part(pat, "goals").locator(".unit-goal")
    expect(goal).to_have_count(1)
    expect(goal).to_contain_text(GOAL)
    expect(goal).to_contain_text(MEASURE)
    expect(goal.locator("dl")).to_contain_text("Both")
    expect(goal.locator("dl")).to_contain_text("Target date")
    assert is_open(pat, "goals")  # started now: open for everyone who did not fold it
    contents = page.get_by_role("navigation", name="Contents")
    expect(contents).to_contain_text("Goals ✓ Filled: 1 goal")


def test_a_smart_goal_and_a_step_in_one_step_on_a_phone(world, new_person):
    """Taps: "Add a goal" (opens the part, the title ready to type), the measure and date
    fields, Add goal: 4, plus 2 to choose an owner other than the protégé. Before: 6 taps and
    a second form (add the title; Edit; measure; date; Save)."""
    pat = new_person("protégé", "phone")
    log_in(pat, world.protege)
    pat.visit(world.url("/plan"))
    fold_toggle(pat, "goals", "no")
    form = pat.page.locator("#add-goal")
    expect(form.get_by_label("Goal (what, specifically)")).to_be_focused()  # ready to type
    form.get_by_label("Goal (what, specifically)").fill(GOAL)
    form.get_by_label("How we will know (measure)").fill(MEASURE)
    form.get_by_label("Target date").fill("2027-03-01")
    form.get_by_label("Owner").select_option("mentor")
    with htmx_answer(pat, "POST", r"/pairs/\d+/goal/new") as answer:
        press(pat, form.get_by_role("button", name="Add goal"))
    assert answer.value.status == 200
    pat.checker.check_fragment(answer.value.text(), "the goals after adding")
    goal = part(pat, "goals").locator(".unit-goal")
    expect(goal).to_contain_text(MEASURE)
    expect(goal.locator("dl")).to_contain_text("Mentor")
    expect(pat.page.locator("#toc-state-goals")).to_contain_text("Filled: 1 goal")
    expect(pat.page.locator("#state-goals")).to_contain_text("Filled")

    fold_toggle(pat, "action_steps", "no")
    form = pat.page.locator("#add-step")
    form.get_by_label("Step").fill("Book the room")
    form.get_by_label("Who is responsible").select_option("both")
    form.get_by_label("Deadline").fill("2027-01-15")
    with htmx_answer(pat, "POST", r"/pairs/\d+/step/new") as answer:
        press(pat, form.get_by_role("button", name="Add action step"))
    assert answer.value.status == 200
    step = part(pat, "action_steps").locator(".unit-step")
    expect(step.locator("dl")).to_contain_text("Both")
    expect(step.locator("dl")).to_contain_text("Deadline")
    pat.check()


def menu_rows(person):
    """How many rows the pair's menu takes: its links' distinct top offsets."""
    tops = person.page.evaluate(
        "[...document.querySelectorAll('.pair-nav a')].map(a => "
        "Math.round(a.getBoundingClientRect().top))"
    )
    assert len(tops) == 7, tops  # every link shows: none hidden to save room
    return len(set(tops))


@pytest.mark.parametrize(("screen", "rows"), [("phone", 2), ("laptop", 1)])
def test_the_pair_menu_takes_two_rows_on_a_phone_and_one_on_a_laptop(
    world, new_person, screen, rows
):
    person = new_person("protégé", screen)
    log_in(person, world.protege)
    for path in ("", "/plan", "/members"):
        person.visit(world.url(path))
        assert menu_rows(person) <= rows, path
