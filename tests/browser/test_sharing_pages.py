"""Issue 12 in a real browser: a member makes a read-only link with JavaScript off, a
supervisor reads it on a 360 px phone, the member revokes it; the print view on screen and
on A4 and Letter paper. Every page shown is checked (no sideways scroll, axe, Nu checker)."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader
from whole_pair import SENTINEL, fill_pair

from .test_plan_pages import htmx_answer, log_in, press


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see tests/conftest.py)."""
    return reused_app


@pytest.fixture
def world(plan_world):
    fill_pair(plan_world)
    return plan_world


def test_a_link_made_without_javascript_read_on_a_phone_then_revoked(world, new_person, tmp_path):
    member = new_person("protégé without JavaScript", "phone", javascript=False)
    supervisor = new_person("supervisor", "phone")
    log_in(member, world.protege)
    member.visit(world.url("/members"))
    member.follow(member.page.get_by_role("link", name="Read-only links"))
    form = member.page.locator("form").filter(has_text="Make the link")
    expect(form.get_by_label("The coaching summary")).not_to_be_checked()
    form.get_by_label("Who is it for?").fill("Dr Rivera, coordinator")
    form.get_by_label("The coaching summary").check()
    member.follow(form.get_by_role("button", name="Make the link"))
    link = member.page.get_by_label("Read-only link", exact=True).input_value()
    assert re.fullmatch(r"http://[^/]+/shared/[\w-]{43}", link)
    expect(member.main()).to_contain_text("Not opened yet.")

    # The supervisor, with no account, reads the pair on a phone: nothing private, no script.
    supervisor.visit(link)
    page = supervisor.page
    expect(page.get_by_role("heading", level=1)).to_have_text("Mo and Pat")
    for heading in ("Mentoring Action Plan", "Adapted monthly checklist", "Reviews"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Coaching summary")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Shared goal to run a meeting")
    assert SENTINEL not in page.content()
    assert page.locator("script").count() == 0
    assert page.evaluate("document.querySelector('meta[name=robots]').content") == "noindex"
    page.screenshot(path=str(tmp_path / "shared-360.png"))  # to look at by hand

    member.visit(world.url("/sharing"))
    expect(member.main()).to_contain_text("Last opened")
    member.follow(member.page.get_by_role("button", name="Revoke the link for Dr Rivera"))
    expect(member.main()).to_contain_text("revoked")
    supervisor.visit(link, status=404)
    expect(supervisor.main()).to_contain_text("This link does not work")


def test_making_a_link_with_htmx_keeps_the_page(world, new_person, page_checker):
    mentor = new_person("mentor", "laptop")
    log_in(mentor, world.mentor)
    mentor.visit(world.url("/sharing"))
    mentor.page.get_by_label("Who is it for?").fill("Supervisor Sam")
    mentor.page.get_by_label("The adapted checklist").uncheck()
    with htmx_answer(mentor, "POST", r"/pairs/\d+/sharing") as answer:
        press(mentor, mentor.page.get_by_role("button", name="Make the link"))
    assert answer.value.status == 200
    page_checker.check_fragment(answer.value.text(), "the sharing fragment after making a link")
    shown = mentor.page.get_by_label("Read-only link", exact=True)
    expect(shown).to_have_value(re.compile(r"/shared/"))
    expect(mentor.main()).to_contain_text("Shows the plan, the reviews.")
    mentor.check()

    # Bad input: the fragment says what is wrong and keeps the words.
    mentor.page.get_by_label("Who is it for?").fill("Nobody")
    for name in ("The plan", "The adapted checklist", "The reviews"):
        mentor.page.get_by_label(name).uncheck()
    with htmx_answer(mentor, "POST", r"/pairs/\d+/sharing") as answer:
        press(mentor, mentor.page.get_by_role("button", name="Make the link"))
    assert answer.value.status == 422
    expect(mentor.main()).to_contain_text("Tick at least one part")
    expect(mentor.page.get_by_label("Who is it for?")).to_have_value("Nobody")
    mentor.check()


def printed_text(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    return len(reader.pages), "".join("".join(p.extract_text() for p in reader.pages).split())


def test_the_print_view_on_screen_and_on_paper(world, new_person, tmp_path):
    mentor = new_person("mentor", "laptop")
    phone = new_person("protégé", "phone")
    log_in(mentor, world.mentor)
    log_in(phone, world.protege)
    mentor.visit(world.url("/members"))
    mentor.follow(mentor.page.get_by_role("link", name="The whole pair to print"))
    expect(mentor.page.get_by_role("heading", level=1)).to_have_text("Mo and Pat")
    assert SENTINEL not in mentor.page.content()
    phone.visit(world.url("/printout"))
    expect(phone.main()).to_contain_text(f"{SENTINEL} goal")  # her own private goal

    # On paper, as the browser prints it: no site header, no buttons, the whole pair.
    mentor.page.emulate_media(media="print")
    expect(mentor.page.locator("header.site")).to_be_hidden()
    expect(mentor.page.locator(".doc-tools")).to_be_hidden()
    for paper in ("A4", "Letter"):
        printed = mentor.page.pdf(format=paper)
        (tmp_path / f"print-{paper}.pdf").write_bytes(printed)  # to look at by hand
        pages, words = printed_text(printed)
        assert pages >= 2, paper
        assert "MoandPat" in words and "Sharedreview:thepilotwentwell" in words
        assert SENTINEL not in words
        width = {"A4": 794, "Letter": 816}[paper]
        mentor.page.set_viewport_size({"width": width, "height": 1123})
        mentor.page.screenshot(path=str(tmp_path / f"print-{paper}.png"), full_page=True)
        overflow = mentor.page.evaluate(
            "document.documentElement.scrollWidth > document.documentElement.clientWidth"
        )
        assert not overflow, paper
