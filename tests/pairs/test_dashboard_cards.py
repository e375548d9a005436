"""The dashboard's card per pair (issue 11 line 8): who is in it, signed or not, what is next,
the last change; in a fixed number of queries whatever the number of pairs."""

import datetime
import re

import pytest
from conftest import plain

from pairapp.checkins.units import CHECKIN
from pairapp.core.models import Membership, Pair
from pairapp.core.versioning import create
from pairapp.plan.data import start_plan
from pairapp.plan.units import MILESTONE

pytestmark = pytest.mark.usefixtures("fast_hashing")


def card(session, title):
    """The text of one pair's card on the person's dashboard (tags and spacing removed)."""
    page = plain(session.get("/"))
    for found in re.findall(r"<article class=\"pair-card\".*?</article>", page, re.S):
        if f">{title}</a></h2>" in found:
            return " ".join(re.sub(r"<[^>]+>", "", found).split())
    raise AssertionError(f"no card for {title!r}")


def soon(days):
    return datetime.date.today() + datetime.timedelta(days=days)


def sign(world, who):
    name = world.people[who].display_name
    assert world.as_(who).post(world.url("/plan/sign"), {"name": name}).status_code == 303


def test_the_card_tells_members_signing_next_date_and_last_change(plan_world):
    world = plan_world
    text = card(world.as_("mentor"), "Mo and Pat")
    assert "You (mentor) and Protege Pat (protégé)." in text
    assert "The plan is not signed yet." in text
    assert "Started 1 Sep 2026." in text
    create(MILESTONE, world.pair, world.mentor.id, {"title": "Pilot ends", "date": soon(20)})
    text = card(world.as_("mentor"), "Mo and Pat")
    assert f"Next: Milestone “Pilot ends” on {soon(20).day} {soon(20):%b %Y}." in text
    assert "Last changed by you in the plan," in text
    # A check-in agreed sooner comes first; the protégé changed something last.
    create(CHECKIN, world.pair, world.protege.id, {"date": soon(-3), "next_date": soon(5)})
    text = card(world.as_("mentor"), "Mo and Pat")
    assert f"Next: Check-in on {soon(5).day} {soon(5):%b %Y}." in text
    assert "Last changed by Protege Pat in the check-ins," in text


def test_signing_reads_for_each_person(plan_world):
    world = plan_world
    sign(world, "mentor")
    assert "Signed by you; Protege Pat has not signed yet." in card(
        world.as_("mentor"), "Mo and Pat"
    )
    assert "Signed by Mentor Mo; you have not signed yet." in card(
        world.as_("protege"), "Mo and Pat"
    )
    sign(world, "protege")
    assert "Signed by you and Protege Pat, unchanged since." in card(
        world.as_("mentor"), "Mo and Pat"
    )
    world.save("protege", "field", world.field("roles"), value="Changed after signing")
    assert "Signed by you and Protege Pat; it changed since you and Protege Pat signed." in card(
        world.as_("mentor"), "Mo and Pat"
    )


def test_a_private_milestone_stays_off_the_partners_card(plan_world):
    world = plan_world
    milestone = create(
        MILESTONE, world.pair, world.protege.id, {"title": "My secret", "date": soon(3)}
    )
    MILESTONE.model.update(private_to=world.protege.id).where(
        MILESTONE.model.id == milestone.id
    ).execute()
    assert "My secret" in card(world.as_("protege"), "Mo and Pat")
    assert "My secret" not in card(world.as_("mentor"), "Mo and Pat")


def test_a_pair_without_plan_or_partner_says_so(plan_world):
    text = card(plan_world.as_("stranger"), "Stan's own")
    assert "You (mentor). Nobody has joined yet: invite your partner." in text
    assert "There is no plan yet." in text
    assert "Nothing dated is coming up." in text
    assert "Nothing has changed yet." in text


def add_pairs(world, count):
    """More pairs of the mentor's, each with a plan, a signature, a milestone and a check-in."""
    for n in range(count):
        pair = Pair.create(title=f"Pair {n}", start_date=datetime.date(2026, 9, 1))
        Membership.create(pair=pair, user=world.mentor, role="mentor")
        Membership.create(pair=pair, user=world.protege, role="protege")
        start_plan(pair, "blank", world.mentor.id)
        create(MILESTONE, pair, world.mentor.id, {"title": f"M{n}", "date": soon(n + 1)})
        create(CHECKIN, pair, world.protege.id, {"date": soon(-1), "next_date": soon(n + 2)})


def test_the_dashboard_runs_the_same_queries_for_one_pair_or_ten(plan_world, queries):
    world = plan_world
    sign(world, "mentor")
    session = world.as_("mentor")
    session.get("/")
    add_pairs(world, 1)
    _response, few = queries(lambda: session.get("/"))
    add_pairs(world, 9)
    response, many = queries(lambda: session.get("/"))
    assert plain(response).count('class="pair-card"') == 11
    assert len(many) == len(few), (few, many)
    assert len(many) <= 15, many
