"""Issue 12 line 3 in a real browser: the calendar page on a 360 px phone without JavaScript
(make a subscription link, use it, stop it) and on a laptop with htmx. Every page shown is
checked (no sideways scroll, axe-core, Nu HTML Checker)."""

import datetime

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from pairapp.plan.models import ActionStep

from .test_plan_pages import htmx_answer, log_in, press


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see tests/conftest.py)."""
    return reused_app


@pytest.fixture
def world(make_plan_world):
    """Mentor Mo and Protege Pat, with a dated action step."""
    world = make_plan_world()
    ActionStep.create(
        pair=world.pair.id,
        title="Draft the unit plan",
        deadline=datetime.date(2026, 10, 5),
        created_by=world.mentor.id,
    )
    return world


def feed_status(person, url):
    """What a calendar app polling the link gets (no cookies of the person's)."""
    answer = person.context.request.get(url, fail_on_status_code=False)
    return answer.status, answer.body()


def test_making_using_and_stopping_a_link_on_a_phone_without_javascript(world, new_person):
    protege = new_person("protégé", "phone", javascript=False)
    log_in(protege, world.protege)
    protege.visit(world.url(""))
    protege.follow(protege.page.get_by_role("link", name="Add the dates to your calendar"))
    assert protege.path() == world.url("/calendar")
    main = protege.main()
    expect(main.get_by_role("link", name="Download the calendar file (.ics)")).to_be_visible()

    # A last day in the past is refused, with the typed day kept.
    protege.page.get_by_label("Last day the link works (optional)").fill("2020-01-01")
    with protege.page.expect_navigation() as navigation:
        press(protege, main.get_by_role("button", name="Make a subscription link"))
    assert navigation.value.status == 422
    protege.check()
    field = protege.page.get_by_label("Last day the link works (optional)")
    expect(field).to_have_value("2020-01-01")
    expect(main).to_contain_text("Choose today or a later day")

    # Without a last day: the link is shown once, and a calendar app can read it.
    field.fill("")
    protege.follow(main.get_by_role("button", name="Make a subscription link"))
    link = protege.page.get_by_label("Subscription link").input_value()
    assert link.startswith(protege.base_url + "/calendar/") and link.endswith(".ics")
    status, body = feed_status(protege, link)
    assert status == 200
    titles = [str(event["SUMMARY"]) for event in Calendar.from_ical(body).walk("VEVENT")]
    assert "Deadline: Draft the unit plan" in titles
    expect(main).to_contain_text("works until you stop it")

    # Stopping it: the calendar app gets nothing any more.
    protege.follow(main.get_by_role("button", name="Stop the subscription link"))
    expect(main).to_contain_text("You have no subscription link for this pair.")
    assert feed_status(protege, link)[0] == 404


def test_making_a_link_with_htmx_on_a_laptop(world, new_person, page_checker):
    mentor = new_person("mentor", "laptop")
    log_in(mentor, world.mentor)
    mentor.visit(world.url("/calendar"))
    mentor.page.evaluate("window.calendarMark = 1")
    with htmx_answer(mentor, "POST", r"/pairs/\d+/calendar/link") as answer:
        press(mentor, mentor.page.get_by_role("button", name="Make a subscription link"))
    assert answer.value.status == 200
    page_checker.check_fragment(answer.value.text(), "the calendar's link section")
    expect(mentor.page.get_by_role("button", name="Copy link")).to_be_visible()
    link = mentor.page.get_by_label("Subscription link").input_value()
    assert feed_status(mentor, link)[0] == 200
    # The page did not reload.
    assert mentor.page.evaluate("window.calendarMark") == 1
    mentor.check()
