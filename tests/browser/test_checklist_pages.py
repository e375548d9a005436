"""Issue 7 in a real browser: the monthly checklist a pair adapts, on a phone and a laptop.

The protégé taps on a phone (360x740, touch) and the mentor watches on a laptop: each strike,
highlight, tick, margin note and new item reaches the mentor's page within 6 seconds through
the page's own poll (every 5 s), without a reload. The same flows run without JavaScript
(plain POST, 303 back to the same month). Every checklist page is checked (no sideways scroll
at 360 px, axe-core, Nu HTML Checker, no console errors): the month with each filter, the
year, print (a month, the year), the margin page, a 409 on a stale note, and the page that
starts an old pair's checklist.
"""

import re
import time

import pytest
from playwright.sync_api import expect

from pairapp.checklist import start_checklist
from pairapp.checklist.models import ChecklistItem
from pairapp.core.models import Pair

from .test_plan_pages import LIVE_UPDATE_MS, htmx_answer, htmx_press, log_in, press, same_page

MONTH = 1  # the pair started 2026-09-01: Month 1 · September 2026


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see tests/conftest.py)."""
    return reused_app


@pytest.fixture
def world(app, make_plan_world):
    """Mentor Mo and Protege Pat with their checklist; Stranger Stan's own pair has none yet
    (a pair from before the checklist)."""
    world = make_plan_world(template=None)
    with app.app_context():
        start_checklist(world.pair)
    return world


def items(world, month=MONTH):
    """The month's items, in order, fresh from the database."""
    return list(
        ChecklistItem.select()
        .where(
            (ChecklistItem.pair == world.pair.id)
            & (ChecklistItem.month == month)
            & ChecklistItem.deleted_at.is_null()
        )
        .order_by(ChecklistItem.position, ChecklistItem.id)
    )


def month_path(world, month=MONTH):
    return world.url(f"/checklist/month/{month}")


def open_month(person, world, month=MONTH):
    """Show a month; with JavaScript, mark the window (the mark is gone after a reload)."""
    person.visit(month_path(world, month))
    if person.javascript:
        assert person.page.evaluate("typeof window.htmx") == "object", "htmx did not load"
        person.page.evaluate("window.pairappSamePage = true")


def box(person, item_id):
    """An item on the page shown (its unit: the item and its buttons)."""
    return person.page.locator(f"#u-item-{item_id}")


def tap(person, item_id, name, checker):
    """Tap one of an item's one-tap buttons (htmx): only the item comes back, under 2 KB."""
    button = box(person, item_id).get_by_role("button", name=name, exact=True)
    answer = htmx_press(person, button, "POST", rf"/pairs/\d+/item/{item_id}/set/\w+")
    body = answer.body()
    assert len(body) < 2048, f"{len(body)} bytes"
    checker.check_fragment(answer.text(), f"the item after “{name}” ({answer.url})")
    return answer


def has_class(name):
    return re.compile(rf"\b{name}\b")


def seen_within_6_s(locator_expectation, since):
    """Run the expectation (it waits up to 6 s) and check the time from the change."""
    locator_expectation(LIVE_UPDATE_MS)
    assert time.monotonic() - since <= LIVE_UPDATE_MS / 1000


def test_phone_strikes_highlights_ticks_annotates_and_adds_the_laptop_sees_it_live(
    world, new_person, page_checker
):
    """Issue 7 items 4, 5, 6 and 7 with JavaScript: one tap each on a phone, in place; the
    partner's laptop shows each change within 6 s through its poll, without reloading."""
    protege = new_person("protégé", "phone")
    mentor = new_person("mentor", "laptop")
    log_in(protege, world.protege)
    log_in(mentor, world.mentor)
    open_month(protege, world)
    open_month(mentor, world)
    struck, together, done, noted = items(world)[:4]
    n = len(items(world))
    counts = protege.page.locator(f"#counts-{MONTH}")
    expect(counts).to_have_text(f"0 done · 0 struck · 0 highlighted · {n} open")

    # Strike, highlight, tick: one tap each, the item swaps in place, the counts follow.
    tap(protege, struck.id, "Does not apply", page_checker)
    struck_at = time.monotonic()
    expect(box(protege, struck.id).locator(".item")).to_have_class(has_class("is-struck"))
    expect(box(protege, struck.id).locator(".item-title s")).to_have_text(struck.title)
    expect(box(protege, struck.id).get_by_role("button", name="Does not apply")).to_have_attribute(
        "aria-pressed", "true"
    )
    tap(protege, together.id, "Together", page_checker)
    together_at = time.monotonic()
    expect(box(protege, together.id).locator(".item")).to_have_class(has_class("is-highlighted"))
    tap(protege, done.id, "Done", page_checker)
    done_at = time.monotonic()
    expect(box(protege, done.id).locator(".item-meta")).to_contain_text("done")
    expect(box(protege, done.id).locator(".item-meta")).to_contain_text("by Protege Pat")
    expect(counts).to_have_text(f"1 done · 1 struck · 1 highlighted · {n - 2} open")
    assert same_page(protege), "a tap reloaded the page"
    protege.check()

    # The mentor's laptop shows each within 6 s of its tap, without a reload.
    mentor_item = lambda item: box(mentor, item.id).locator(".item")  # noqa: E731
    seen_within_6_s(
        lambda t: expect(mentor_item(struck)).to_have_class(has_class("is-struck"), timeout=t),
        struck_at,
    )
    seen_within_6_s(
        lambda t: expect(mentor_item(together)).to_have_class(
            has_class("is-highlighted"), timeout=t
        ),
        together_at,
    )
    seen_within_6_s(
        lambda t: expect(mentor_item(done)).to_contain_text("by Protege Pat", timeout=t), done_at
    )
    expect(mentor.page.locator(f"#counts-{MONTH}")).to_have_text(
        f"1 done · 1 struck · 1 highlighted · {n - 2} open"
    )
    assert same_page(mentor), "the live update reloaded the page"
    mentor.check()

    # The margin: Edit opens it in place; a date, a time, a place and a note.
    item = box(protege, noted.id)
    with htmx_answer(protege, "GET", rf"/pairs/\d+/item/{noted.id}/edit") as answer:
        press(protege, item.get_by_role("link", name="Edit"))
    page_checker.check_fragment(answer.value.text(), f"the margin form ({answer.value.url})")
    expect(item).to_have_class(has_class("editing"))
    item.get_by_label("Date").fill("2026-09-15")
    item.get_by_label("Time").fill("16:30")
    item.get_by_label("Place").fill("Library, room 4")
    item.get_by_label("Note").fill("Bring the program handbook.")
    protege.check()  # the month with a margin form open, on a phone
    save = item.get_by_role("button", name="Save", exact=True)
    answer = htmx_press(protege, save, "POST", rf"/pairs/\d+/item/{noted.id}")
    noted_at = time.monotonic()
    page_checker.check_fragment(answer.text(), f"the item after its margin ({answer.url})")
    margin = item.locator(".margin")
    expect(margin).to_contain_text("15 Sep 2026 16:30 · Library, room 4")
    expect(margin).to_contain_text("Bring the program handbook.")

    # Their own item, added to the month.
    title = "Visit the regional office together"
    form = protege.page.locator(f"#add-item-{MONTH}")
    form.get_by_label("New item").fill(title)
    form.get_by_label("Who leads it").select_option(label="Protégé")
    answer = htmx_press(
        protege, form.get_by_role("button", name="Add item"), "POST", r"/pairs/\d+/item/new"
    )
    added_at = time.monotonic()
    page_checker.check_fragment(answer.text(), f"the month after adding ({answer.url})")
    titles = protege.page.locator(f"#part-month-{MONTH} .item-title")
    expect(titles.last).to_have_text(title)
    expect(protege.page.locator(f"#part-month-{MONTH} .item-meta").last).to_contain_text(
        "Protégé leads · our own item"
    )
    assert same_page(protege)
    protege.check()

    seen_within_6_s(
        lambda t: expect(box(mentor, noted.id).locator(".margin")).to_contain_text(
            "Library, room 4", timeout=t
        ),
        noted_at,
    )
    seen_within_6_s(
        lambda t: expect(mentor.page.locator(f"#part-month-{MONTH} .item-title").last).to_have_text(
            title, timeout=t
        ),
        added_at,
    )
    expect(mentor.page.locator(f"#counts-{MONTH}")).to_have_text(
        f"1 done · 1 struck · 1 highlighted · {n - 1} open"
    )
    assert same_page(mentor)
    mentor.check()

    # Taps undo: the strike comes off (the item stays where it was, not struck).
    tap(protege, struck.id, "Does not apply", page_checker)
    expect(box(protege, struck.id).locator(".item")).not_to_have_class(has_class("is-struck"))
    expect(counts).to_have_text(f"1 done · 0 struck · 1 highlighted · {n} open")


def test_a_stale_margin_note_shows_both_notes_in_place(world, new_person, page_checker):
    """Issue 7 item 4 with JavaScript: the partner saved the note meanwhile; a 409 keeps both."""
    protege = new_person("protégé", "phone")
    log_in(protege, world.protege)
    open_month(protege, world)
    item_id = items(world)[0].id
    item = box(protege, item_id)
    with htmx_answer(protege, "GET", rf"/pairs/\d+/item/{item_id}/edit"):
        press(protege, item.get_by_role("link", name="Edit"))
    mine = "Pat books the library."
    item.get_by_label("Note").fill(mine)
    theirs = "Mo books the meeting room."
    saved = world.as_("mentor").post(
        world.url(f"/item/{item_id}"),
        {f"item-{item_id}-margin_note": theirs, f"item-{item_id}-version": "1"},
    )
    assert saved.status_code == 303
    answer = htmx_press(
        protege,
        item.get_by_role("button", name="Save", exact=True),
        "POST",
        rf"/pairs/\d+/item/{item_id}",
        status=409,
        checker=page_checker,
    )
    page_checker.check_fragment(answer.text(), f"the conflict view ({answer.url})")
    expect(item.locator(".conflict")).to_contain_text("Mentor Mo saved a change")
    expect(item.locator(".theirs blockquote")).to_have_text(theirs)
    expect(item.get_by_label("Note")).to_have_value(mine)
    protege.check()  # the month with the conflict view open, on a phone


def follow_press(person, locator):
    """Press a plain form's button (no JavaScript): a POST, then the page it leads to."""
    with person.page.expect_navigation():
        press(person, locator)
    person.check()


def test_without_javascript_every_action_posts_and_comes_back_to_the_month(world, new_person):
    """Issue 7 items 4, 5 and 6 without JavaScript on a phone: each button is a plain form
    whose POST answers 303 back to the same month; the margin has its own page; a stale note
    answers the 409 page with both notes."""
    protege = new_person("protégé", "phone", javascript=False)
    log_in(protege, world.protege)
    month = 2
    open_month(protege, world, month)
    page = protege.page
    struck, together, done, noted = items(world, month)[:4]
    n = len(items(world, month))
    back = month_path(world, month)

    def press_on(item, name):
        button = box(protege, item.id).get_by_role("button", name=name, exact=True)
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            follow_press(protege, button)
        assert answer.value.status == 303
        assert protege.path() == f"{back}#u-item-{item.id}"

    press_on(struck, "Does not apply")
    expect(box(protege, struck.id).locator(".item-title s")).to_have_text(struck.title)
    press_on(together, "Together")
    expect(box(protege, together.id).locator(".item")).to_have_class(has_class("is-highlighted"))
    press_on(done, "Done")
    expect(box(protege, done.id).locator(".item-meta")).to_contain_text("by Protege Pat")
    expect(page.locator(f"#counts-{month}")).to_have_text(
        f"1 done · 1 struck · 1 highlighted · {n - 2} open"
    )

    # The margin page; Save answers 303 back to the month, with the margin beside the item.
    protege.follow(box(protege, noted.id).get_by_role("link", name="Edit"))
    assert protege.path() == world.url(f"/item/{noted.id}/edit")
    page.get_by_label("Date").fill("2026-10-06")
    page.get_by_label("Time").fill("09:15")
    page.get_by_label("Place").fill("Café by the station")
    page.get_by_label("Note").fill("Our first observation.")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        protege.follow(page.get_by_role("button", name="Save", exact=True))
    assert answer.value.status == 303
    assert protege.path() == f"{back}#u-item-{noted.id}"
    expect(box(protege, noted.id).locator(".margin")).to_contain_text(
        "6 Oct 2026 09:15 · Café by the station"
    )

    # A stale note: the mentor saves while the protégé's margin page is open.
    protege.follow(box(protege, noted.id).get_by_role("link", name="Edit"))
    mine = "Our first observation; Pat takes notes."
    page.get_by_label("Note").fill(mine)
    theirs = "Our first observation; Mo brings the checklist."
    version = str(ChecklistItem.get_by_id(noted.id).version)
    margin = {"margin_date": "2026-10-06", "margin_time": "09:15"}
    margin.update(margin_place="Café by the station", margin_note=theirs, version=version)
    saved = world.as_("mentor").post(
        world.url(f"/item/{noted.id}"),
        {f"item-{noted.id}-{name}": value for name, value in margin.items()},
    )
    assert saved.status_code == 303
    protege.follow(page.get_by_role("button", name="Save", exact=True))
    assert protege.checker.raw_html(page)[1].status == 409  # checked: the 409 page
    expect(page.locator(".theirs blockquote")).to_have_text(theirs)
    expect(page.get_by_label("Note")).to_have_value(mine)
    protege.follow(page.get_by_role("button", name="Save my version"))
    assert protege.path() == f"{back}#u-item-{noted.id}"
    expect(box(protege, noted.id).locator(".margin")).to_contain_text(mine)

    # Their own item: an empty title answers 422 on the month, then it is added.
    form = page.locator(f"#add-item-{month}")
    protege.follow(form.get_by_role("button", name="Add item"))
    assert protege.checker.raw_html(page)[1].status == 422
    expect(form.get_by_label("New item")).to_have_attribute("aria-invalid", "true")
    title = "Lunch with the team"
    form.get_by_label("New item").fill(title)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        protege.follow(form.get_by_role("button", name="Add item"))
    assert answer.value.status == 303
    assert protege.path().startswith(back)
    expect(page.locator(f"#part-month-{month} .item-title").last).to_have_text(title)

    # Moved up, then removed (own items only).
    own = box(protege, ChecklistItem.get(ChecklistItem.title == title).id)
    follow_press(protege, own.get_by_role("button", name="Move up"))
    expect(page.locator(f"#part-month-{month} .item-title").nth(-2)).to_have_text(title)
    follow_press(protege, own.get_by_role("button", name="Remove"))
    expect(page.locator(f"#part-month-{month}")).not_to_contain_text(title)
    assert protege.path().startswith(back)


@pytest.mark.parametrize("screen", ["phone", "laptop"])
def test_every_checklist_page_passes_the_page_checks(world, new_person, screen):
    """Issue 7 item 10: the month with each filter, the year, print (a month and the year),
    the margin page without JavaScript, and an old pair's start page, then its first month."""
    world.as_("mentor").post(world.url(f"/item/{items(world)[0].id}/set/strike"), {"value": "yes"})
    world.as_("mentor").post(
        world.url(f"/item/{items(world)[1].id}/set/highlight"), {"value": "yes"}
    )
    person = new_person("mentor", screen)
    log_in(person, world.mentor)
    page = person.page
    for show in ("all", "highlighted", "open", "done", "struck"):
        person.visit(month_path(world) + ("" if show == "all" else f"?show={show}"))
        expect(page.locator("section.month")).to_have_class(has_class(f"show-{show}"))
        empty = page.locator(".filter-empty")
        if show == "done":  # nothing is done yet
            expect(empty).to_be_visible()
        else:
            expect(empty).to_be_hidden()
    person.visit(world.url("/checklist"))
    person.follow(page.get_by_role("link", name="The whole year"))
    expect(page.locator(".year-month")).to_have_count(12)
    person.follow(page.get_by_role("link", name="Print the whole year"))
    expect(page.locator(".print-month")).to_have_count(12)
    person.visit(world.url("/checklist/print?month=3"))
    expect(page.locator(".print-head")).to_contain_text("Mentor Mo and Protege Pat")

    # A pair from before the checklist: the start page, then one tap starts it.
    stranger = new_person("stranger", screen)
    log_in(stranger, world.stranger)
    own = Pair.get(Pair.title == "Stan's own")
    stranger.visit(f"/pairs/{own.id}/checklist")
    follow_press(stranger, stranger.page.get_by_role("button", name="Start our checklist"))
    assert stranger.path() == f"/pairs/{own.id}/checklist"
    expect(stranger.page.locator(".month-list .item")).not_to_have_count(0)


def test_the_margin_page_without_javascript_passes_the_page_checks(world, new_person):
    person = new_person("mentor", "phone", javascript=False)
    log_in(person, world.mentor)
    add = world.as_("mentor").post(
        world.url("/item/new"),
        {"new-item-title": "Our own", "new-item-lead": "both", "new-item-month": "1"},
    )
    assert add.status_code == 303
    own = ChecklistItem.get(ChecklistItem.title == "Our own")
    person.visit(world.url(f"/item/{items(world)[0].id}/edit"))  # a guide item: the margin
    person.visit(world.url(f"/item/{own.id}/edit"))  # an own item: its words and margin
    expect(person.page.get_by_label("Item", exact=True)).to_have_value("Our own")
