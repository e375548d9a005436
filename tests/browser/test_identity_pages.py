"""Issue 11 lines 7 and 8 in a real browser: the dashboard's pair cards, the logo, icons,
favicon and manifest, and the length hint that counts down while typing."""

import datetime

import pytest
from conftest import PASSWORD, csrf_from
from playwright.sync_api import expect

from pairapp.core.versioning import create
from pairapp.plan.units import MILESTONE


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see tests/conftest.py)."""
    return reused_app


def log_in(person, user):
    """Log the person's browser in without showing a page."""
    request = person.context.request
    token = csrf_from(request.get(person.url("/login")).text())
    answer = request.post(
        person.url("/login"),
        form={"csrf_token": token, "email": user.email, "password": PASSWORD},
        max_redirects=0,
    )
    assert answer.status == 303, answer.text()[:500]


@pytest.mark.parametrize("screen", ["phone", "laptop"])
def test_the_dashboard_cards_on_a_phone_and_a_laptop(make_plan_world, new_person, screen):
    world = make_plan_world()
    soon = datetime.date.today() + datetime.timedelta(days=10)
    create(MILESTONE, world.pair, world.protege.id, {"title": "Pilot ends", "date": soon})
    person = new_person("mentor", screen)
    log_in(person, world.mentor)
    person.visit("/")  # no sideways scroll at 360 px, axe, valid HTML
    card = person.page.get_by_role("article", name="Mo and Pat")
    expect(card).to_contain_text("You (mentor) and Protege Pat (protégé).")
    expect(card).to_contain_text("The plan is not signed yet.")
    expect(card).to_contain_text("Next: Milestone “Pilot ends”")
    expect(card).to_contain_text("Last changed by Protege Pat in the plan")
    # Icons draw from the sprite, at the size of the text beside them.
    box = card.locator("svg.icon").first.bounding_box()
    assert box and 10 <= box["width"] <= 30 and 10 <= box["height"] <= 30, box
    logo = person.page.locator("header.site img")
    expect(logo).to_have_attribute("alt", "")
    assert person.page.evaluate("document.querySelector('header.site img').naturalWidth") > 0


def test_the_favicon_manifest_and_icons_load(make_plan_world, new_person):
    world = make_plan_world()
    person = new_person("mentor", "phone")
    log_in(person, world.mentor)
    person.visit("/")
    page = person.page
    for rel, kind in (
        ("icon", "image/svg+xml"),
        ("manifest", "application/manifest+json"),
        ("apple-touch-icon", "image/png"),
    ):
        href = page.locator(f"link[rel='{rel}']").get_attribute("href")
        answer = person.context.request.get(person.url(href))
        assert answer.status == 200, href
        assert answer.headers["content-type"].startswith(kind), (href, answer.headers)
    sprite = page.locator("svg.icon use").first.get_attribute("href")
    answer = person.context.request.get(person.url(sprite.split("#")[0]))
    assert answer.status == 200 and answer.headers["content-type"].startswith("image/svg+xml")


def test_the_length_hint_counts_down_while_typing(make_plan_world, new_person):
    world = make_plan_world()
    person = new_person("mentor", "phone")
    log_in(person, world.mentor)
    person.visit("/pairs/new")
    title = person.page.get_by_label("Title")
    hint = person.page.locator("#title-limit")
    expect(hint).to_have_text("Up to 120 characters.")
    title.fill("Sam and Alex")
    expect(hint).to_have_text("Up to 120 characters: 108 are left.")
    assert "title-limit" in title.get_attribute("aria-describedby").split()
    person.check()
