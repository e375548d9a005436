"""Issue 12 line 4 in a real browser: a mentor on a 360 px phone downloads the pair's file; a
newcomer on another server (here: another account) imports it with JavaScript off, after a
wrong file was refused. Every page shown is checked (no sideways scroll, axe-core, Nu)."""

import json

import pytest
from conftest import PASSWORD
from playwright.sync_api import expect

from pairapp.coaching.data import start_cycle
from pairapp.core.models import Membership, Pair

from .test_plan_pages import log_in, press


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see tests/conftest.py)."""
    return reused_app


def test_export_then_import_without_javascript(plan_world, new_person, make_user, tmp_path):
    mentor = new_person("mentor", "phone")
    log_in(mentor, plan_world.mentor)
    mentor.visit(plan_world.url("/members"))
    mentor.follow(mentor.page.get_by_role("link", name="export the pair as a file"))
    assert mentor.path() == plan_world.url("/export")
    expect(mentor.main()).to_contain_text("Your partner's private items are never in it.")
    with mentor.page.expect_download() as download:
        press(mentor, mentor.page.get_by_role("link", name="Download the pair's file"))
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "pairapp-mo-and-pat.json"
    assert json.loads(saved.read_text(encoding="utf-8"))["format"] == "pairapp-export"

    pairs = Pair.select().count()
    newcomer = new_person("newcomer", "phone", javascript=False)
    log_in(newcomer, make_user("Newcomer Nia", email="nia@elsewhere.org"))
    newcomer.visit("/")
    newcomer.follow(newcomer.page.get_by_role("link", name="Import a pair from a file"))
    wrong = tmp_path / "notes.txt"
    wrong.write_text("not a pair at all", encoding="utf-8")
    newcomer.page.get_by_label("The pair's file (.json)").set_input_files(wrong)
    newcomer.follow(newcomer.page.get_by_role("button", name="Import the pair"))
    expect(newcomer.page.get_by_role("alert")).to_contain_text(
        "This file is not a pairapp export: it is not JSON text."
    )
    assert Pair.select().count() == pairs  # nothing imported

    newcomer.page.get_by_label("The pair's file (.json)").set_input_files(saved)
    newcomer.follow(newcomer.page.get_by_role("button", name="Import the pair"))
    pair = Pair.select().order_by(Pair.id.desc()).first()
    assert newcomer.path() == f"/pairs/{pair.id}/members"
    expect(newcomer.main()).to_contain_text("“Mo and Pat” is imported, with you as its mentor.")
    assert Membership.get(Membership.pair == pair.id).user.display_name == "Newcomer Nia"
    newcomer.visit(f"/pairs/{pair.id}/plan")
    newcomer.visit("/account")
    expect(newcomer.main().get_by_role("link", name="Download my data")).to_be_visible()


def test_delete_my_account_leaves_a_former_member_in_the_partners_pages(
    plan_world, new_person, app
):
    """The protégé deletes their account on a phone without JavaScript; the mentor's coaching
    pages show "a former member" and still pass every check."""
    with app.test_request_context():
        cycle = start_cycle(
            plan_world.pair, plan_world.protege.id, plan_world.protege.id, plan_world.mentor.id
        )
    protege = new_person("protégé", "phone", javascript=False)
    log_in(protege, plan_world.protege)
    protege.visit("/account")
    protege.page.get_by_label("Your password").fill(PASSWORD)
    protege.follow(protege.page.get_by_role("button", name="Delete my account"))
    assert protege.path() == "/login"
    expect(protege.main()).to_contain_text("Your account is deleted.")

    mentor = new_person("mentor", "phone")
    log_in(mentor, plan_world.mentor)
    mentor.visit(plan_world.url(f"/coaching/cycles/{cycle.id}"))
    expect(mentor.main()).to_contain_text("a former member observes you")
    mentor.visit(plan_world.url("/members"))
    expect(mentor.main()).to_contain_text("A former member (no longer has an account;")
