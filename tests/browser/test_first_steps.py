"""Issue 11 line 1 in a real browser: a protégé on a 360 px phone opens an invite link, signs
up through the header's link, comes back to the invitation, joins with one tap and lands on
the pair's home with its first steps; with JavaScript on and off.

Every page shown is checked (no sideways scroll, axe-core, Nu HTML Checker).
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from pairapp.pairs.data import create_pair

from .test_accounts_pairs import sign_up

INVITED = "Mo Mentor invited you to join “Sam and Alex” as their protégé."


@pytest.fixture
def invite_link(app, live_server, make_user, make_invite):
    """A pair started by Mo Mentor with the full plan, and a protégé invite link to it."""
    mentor = make_user("Mo Mentor", email="mo@example.org")
    pair = create_pair("Sam and Alex", datetime.date(2026, 9, 1), "mentor", mentor.id, "full")
    _invite, token = make_invite(pair, "protege", by=mentor)
    return pair, f"{live_server}/join/{token}"


def header(person):
    return person.page.get_by_role("navigation", name="Main")


def first_steps(person):
    return person.page.get_by_role("region", name="First steps")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_protege_joins_from_an_invite_on_a_phone(new_person, invite_link, javascript):
    pair, link = invite_link
    protege = new_person("protégé", "phone", javascript=javascript)

    protege.visit(link)
    expect(protege.main()).to_contain_text(INVITED)
    # The header's Sign up link, not the page's own: the invite is kept all the same.
    protege.follow(header(protege).get_by_role("link", name="Sign up"))
    assert protege.path() == "/signup"
    expect(protege.main()).to_contain_text(INVITED)
    sign_up(protege, "Alex Protégé", "alex@example.org")

    # Back on the invitation, to join with one tap.
    assert protege.page.url == link
    expect(protege.main()).to_contain_text(INVITED)
    protege.follow(protege.page.get_by_role("button", name="Join Sam and Alex as protégé"))
    assert protege.path() == f"/pairs/{pair.id}"
    expect(protege.page.get_by_role("status")).to_contain_text("You joined “Sam and Alex”")

    guide = first_steps(protege)
    expect(guide).to_be_visible()
    expect(guide).to_contain_text("1 of 4 done")
    steps = guide.get_by_role("listitem")
    expect(steps).to_have_text(
        [
            re.compile(r"Done:\s*Both of you are in the pair"),
            re.compile(r"To do:\s*Agree your charter"),
            re.compile(r"To do:\s*Set 2 SMART goals"),
            re.compile(r"To do:\s*Plan your first check-in"),
        ]
    )

    # Straight into the plan's charter.
    protege.follow(guide.get_by_role("link", name="Agree your charter"))
    assert protege.path() == f"/pairs/{pair.id}/plan#part-charter"
    expect(protege.page.get_by_role("heading", name="Charter")).to_be_visible()
    protege.page.go_back()
    protege.check()

    # Put away: with htmx in place, without JavaScript by the form's POST and redirect.
    hide = first_steps(protege).get_by_role("button", name="Hide the first steps")
    if javascript:
        protege.page.evaluate("window.pairappSamePage = true")
        with protege.page.expect_response(lambda r: r.url.endswith("/first-steps/dismiss")):
            hide.click()
        expect(first_steps(protege)).to_have_count(0)
        assert protege.page.evaluate("window.pairappSamePage") is True, "the page was reloaded"
        protege.check()
    else:
        protege.follow(hide)
        assert protege.path() == f"/pairs/{pair.id}"
        expect(first_steps(protege)).to_have_count(0)
    protege.visit(f"/pairs/{pair.id}")
    expect(first_steps(protege)).to_have_count(0)
    expect(protege.page.get_by_role("heading", level=1)).to_have_text("Sam and Alex")


def test_the_log_in_page_from_an_invite_on_a_laptop(new_person, invite_link, make_user):
    _pair, link = invite_link
    make_user("Alex Protégé", email="alex@example.org", password="a quiet walk by the river")
    person = new_person("returning protégé", "laptop")
    person.visit(link)
    person.follow(header(person).get_by_role("link", name="Log in"))
    expect(person.main()).to_contain_text(INVITED)
    person.page.get_by_label("Email").fill("alex@example.org")
    person.page.get_by_label("Password", exact=True).fill("a quiet walk by the river")
    person.follow(person.main().get_by_role("button", name="Log in"))
    assert person.page.url == link
    # Wandering off to My pairs first: the invitation waits there, one tap away.
    person.follow(header(person).get_by_role("link", name="My pairs"))
    invitation = person.page.get_by_role("region", name="Your invitation")
    expect(invitation).to_contain_text(INVITED)
    person.follow(invitation.get_by_role("link", name="Open the invitation"))
    assert person.page.url == link
    person.follow(person.page.get_by_role("button", name="Join Sam and Alex as protégé"))
    expect(first_steps(person)).to_be_visible()
    person.follow(header(person).get_by_role("link", name="My pairs"))
    expect(person.page.get_by_role("region", name="Your invitation")).to_have_count(0)


def test_the_429_page_leads_back_to_the_form_on_a_phone(app, new_person):
    app.config["SIGNUP_LIMIT"] = "1 per hour"
    person = new_person("second colleague", "phone", javascript=False)
    person.visit("/signup")
    sign_up(person, "First Colleague", "first@example.org")
    person.follow(person.page.get_by_role("button", name="Log out"))
    person.follow(header(person).get_by_role("link", name="Sign up"))
    with person.page.expect_response(lambda r: r.request.method == "POST") as answer:
        sign_up(person, "Second Colleague", "second@example.org")
    assert answer.value.status == 429
    assert 3500 <= int(answer.value.headers["retry-after"]) <= 3600
    expect(person.page.get_by_role("heading", level=1)).to_have_text("Too many attempts")
    expect(person.main()).to_contain_text("Please try again in 60 minutes.")
    expect(person.main().get_by_role("link", name="Go to My pairs")).to_have_count(0)
    person.follow(person.main().get_by_role("link", name="Back to sign up"))
    assert person.path() == "/signup"
