"""Issue 11 line 5 in a real browser: a button says it is busy while its request runs and
cannot be sent twice; a double click on "Add goal" makes one goal."""

import pytest
from playwright.sync_api import expect

from pairapp.models import Goal, Pair

from .test_plan_pages import htmx_answer, log_in, open_plan


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see tests/conftest.py)."""
    return reused_app


def hold(page, pattern):
    """Hold back the POSTs to URLs matching pattern; returns the list they arrive in."""
    held = []

    def keep(route):
        if route.request.method == "POST":
            held.append(route)
        else:
            route.continue_()

    page.route(pattern, keep)
    return held


def wait_for_one(page, held):
    """Wait for the held request: the route's handler runs only as the browser's messages are
    read, so right after a tap (or an expect that the button is busy) it may not have yet."""
    for _ in range(500):  # 10 s at most
        if held:
            break
        page.wait_for_timeout(20)
    assert len(held) == 1


def test_an_htmx_button_is_busy_while_its_request_runs(plan_world, new_person):
    w = plan_world
    mentor = new_person("mentor", "phone")
    log_in(mentor, w.mentor)
    open_plan(mentor, w)
    page = mentor.page
    form = page.locator("#add-goal")
    form.locator("input[name='new-goal-title']").fill("Chair the retro")
    button = form.get_by_role("button", name="Add goal")
    held = hold(page, "**/goal/new")
    button.tap()
    expect(button).to_have_attribute("aria-busy", "true")
    expect(button).to_be_disabled()
    wait_for_one(page, held)
    with htmx_answer(mentor, "POST", r"/pairs/\d+/goal/new"):
        held[0].continue_()
    page.unroute("**/goal/new")
    expect(page.locator(".unit-goal", has_text="Chair the retro")).to_have_count(1)
    fresh = page.locator("#add-goal").get_by_role("button", name="Add goal")
    expect(fresh).to_be_enabled()
    expect(fresh).not_to_have_attribute("aria-busy", "true")
    mentor.check()


def test_a_double_click_on_add_goal_makes_one_goal(plan_world, new_person):
    w = plan_world
    mentor = new_person("mentor", "laptop")
    log_in(mentor, w.mentor)
    open_plan(mentor, w)
    page = mentor.page
    form = page.locator("#add-goal")
    form.locator("input[name='new-goal-title']").fill("Once only")
    sent = []
    page.on("request", lambda r: sent.append(r) if r.url.endswith("/goal/new") else None)
    with htmx_answer(mentor, "POST", r"/pairs/\d+/goal/new"):
        form.get_by_role("button", name="Add goal").dblclick()
    expect(page.locator(".unit-goal", has_text="Once only")).to_have_count(1)
    page.wait_for_timeout(500)  # a second request, if one went, has been sent by now
    for request in sent:  # ...and is answered before the count, however slow the machine
        assert request.response() is not None
    assert Goal.select().where(Goal.title == "Once only").count() == 1
    mentor.visit(w.url("/plan"))
    expect(page.locator(".unit-goal", has_text="Once only")).to_have_count(1)


def test_a_plain_form_button_is_busy_until_the_next_page_and_again_after_back(
    plan_world, new_person
):
    w = plan_world
    mentor = new_person("mentor", "phone")
    log_in(mentor, w.mentor)
    mentor.visit("/pairs/new")
    page = mentor.page
    page.get_by_label("Title").fill("Busy pair")
    button = page.get_by_role("button", name="Create the pair")
    held = hold(page, "**/pairs/new")
    # While the form's navigation is held back the page cannot be asked anything: it notes
    # the button's state as it changes, and the next page reads the note.
    page.evaluate(
        """() => {
          const button = [...document.querySelectorAll("button")]
            .find((b) => b.textContent.trim() === "Create the pair");
          new MutationObserver(() => {
            if (button.disabled && button.getAttribute("aria-busy") === "true") {
              sessionStorage.setItem("busy-seen", "yes");
            }
          }).observe(button, { attributes: true });
        }"""
    )
    button.tap(no_wait_after=True)
    wait_for_one(page, held)
    with page.expect_navigation():
        held[0].continue_()
    page.unroute("**/pairs/new")
    assert page.evaluate("sessionStorage.getItem('busy-seen')") == "yes"
    mentor.check()
    assert Pair.select().where(Pair.title == "Busy pair").count() == 1
    page.go_back()
    expect(page.get_by_role("button", name="Create the pair")).to_be_enabled()
    mentor.check()
