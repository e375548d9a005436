"""Issue 9 in a real browser: a mentor at a laptop and a protégé on a 360 px phone log a
check-in, write feedback (one entry private), rate themselves, and read the pair's home.
Every page shown is checked (no sideways scroll, axe-core, Nu HTML Checker)."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from pairapp.core.models import Pair
from pairapp.core.versioning import create
from pairapp.plan.units import GOAL

from .test_plan_pages import htmx_answer, log_in, press

LIVE_UPDATE_MS = 6_000
SECRET = "SENTINEL-9e1b"


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see tests/conftest.py)."""
    return reused_app


@pytest.fixture
def world(make_plan_world):
    """Mentor Mo and Protege Pat, whose plan started from the full template, 60 days ago."""
    world = make_plan_world()
    start = datetime.date.today() - datetime.timedelta(days=60)
    Pair.update(start_date=start).where(Pair.id == world.pair.id).execute()
    return world


def test_check_in_feedback_and_assessment_on_two_devices(world, new_person, page_checker):
    mentor = new_person("mentor", "laptop")
    protege = new_person("protégé", "phone")
    log_in(mentor, world.mentor)
    log_in(protege, world.protege)
    mentor.visit(world.url("/checkins"))
    protege.visit(world.url("/checkins"))

    # The protégé logs a check-in from the phone; the page does not reload.
    press(protege, protege.page.get_by_text("Log a check-in"))
    protege.page.get_by_label("Challenges").fill("Finding an hour a week")
    protege.page.get_by_label("Decisions").fill("Fridays at nine")
    with htmx_answer(protege, "POST", r"/pairs/\d+/checkin/new") as answer:
        press(protege, protege.page.get_by_role("button", name="Add check-in"))
    assert answer.value.status == 200
    page_checker.check_fragment(answer.value.text(), "the check-in log after adding")
    log = protege.page.locator("#part-log")
    expect(log).to_contain_text("Fridays at nine")
    protege.check()

    # The mentor's open page shows it within six seconds.
    expect(mentor.page.locator("#part-log")).to_contain_text(
        "Finding an hour a week", timeout=LIVE_UPDATE_MS
    )
    mentor.check()

    # The protégé writes one shared and one private feedback entry.
    for text, private in (("Your questions help", False), (f"{SECRET} rushed", True)):
        press(protege, protege.page.get_by_text("Write feedback"))
        form = protege.page.locator("#add-feedback")
        form.get_by_label("What helped").fill(text)
        if private:
            form.get_by_label("Private to me until I share it").check()
        with htmx_answer(protege, "POST", r"/pairs/\d+/feedback/new") as answer:
            press(protege, form.get_by_role("button", name="Add feedback entry"))
        assert answer.value.status == 200
    expect(protege.page.locator("#part-feedback")).to_contain_text(SECRET)
    protege.check()
    expect(mentor.page.locator("#part-feedback")).to_contain_text(
        "Your questions help", timeout=LIVE_UPDATE_MS
    )
    mentor.visit(world.url("/checkins"))
    assert SECRET not in mentor.page.content()

    # The protégé rates themselves; the trend chart appears.
    press(protege, protege.page.get_by_text("Assess myself"))
    protege.page.get_by_label("Where I am on “Goals”").select_option("2")
    with htmx_answer(protege, "POST", r"/pairs/\d+/checkins/assess") as answer:
        press(protege, protege.page.get_by_role("button", name="Save my ratings"))
    assert answer.value.status == 200
    expect(protege.page.locator("#trend-chart")).to_be_visible()
    protege.check()
    protege.visit(world.url("/checkins"))  # the page as served, trend chart and all, checked
    expect(protege.page.locator("#trend-chart")).to_be_visible()


def test_the_home_with_charts_nudges_and_members(world, new_person, page_checker):
    create(GOAL, world.pair, world.mentor.id, {"title": "Run a meeting"})
    protege = new_person("protégé", "phone")
    log_in(protege, world.protege)
    protege.visit(world.url(""))
    main = protege.main()
    expect(main).to_contain_text("Progress at a glance")
    # The goals chart; no check-in yet, so a sentence instead of a chart of zeros.
    expect(protege.page.locator("svg.chart")).to_have_count(1)
    expect(protege.page.locator("#goals-chart")).to_be_visible()
    expect(main).to_contain_text("No check-ins logged yet: the chart appears after the first one.")
    nudge = protege.page.locator(".nudge").filter(has_text="No check-in has been logged")
    expect(nudge).to_have_count(1)
    with htmx_answer(protege, "POST", r"/pairs/\d+/checkins/nudges/[^/]+/dismiss") as answer:
        press(protege, nudge.get_by_role("button", name=re.compile("Dismiss")))
    assert answer.value.status == 200
    expect(nudge).to_have_count(0)
    protege.check()
    protege.follow(protege.page.get_by_role("link", name="Members and invite links"))
    expect(protege.main()).to_contain_text("Members")


def test_a_check_in_without_javascript(world, new_person):
    mentor = new_person("mentor", "phone", javascript=False)
    log_in(mentor, world.mentor)
    mentor.visit(world.url("/checkins"))
    mentor.page.get_by_text("Log a check-in").click()
    mentor.page.get_by_label("Notes", exact=True).fill("Met without scripts")
    mentor.follow(mentor.page.get_by_role("button", name="Add check-in"))
    expect(mentor.page.locator("#part-log")).to_contain_text("Met without scripts")
    assert mentor.path().startswith(world.url("/checkins"))
