"""A pair with one dated thing of every kind, for the calendar's tests (fixtures to import)."""

import datetime
import re
from dataclasses import dataclass

import pytest
from icalendar import Calendar

from pairapp.calendar.models import CalendarLink
from pairapp.checkins.models import CheckIn, Review
from pairapp.checklist.data import start_checklist
from pairapp.checklist.models import ChecklistItem
from pairapp.coaching.data import start_cycle
from pairapp.coaching.models import CoachingText
from pairapp.core.access import new_token
from pairapp.core.models import Membership, utcnow
from pairapp.plan.models import ActionStep, Goal, Milestone

SENTINEL = "SENTINEL-mentor-only-7f3a"
ICS = "text/calendar; charset=utf-8"


@dataclass
class Seeded:
    step: ActionStep
    milestone: Milestone
    goal: Goal
    private_goal: Goal
    cycle: object
    checkin: CheckIn
    review: Review
    item: ChecklistItem
    struck: ChecklistItem


def unfolded(body):
    """iCalendar text with its folded lines joined again (a word may be split across lines)."""
    text = body.decode() if isinstance(body, bytes) else body
    return re.sub(r"\r\n[ \t]", "", text)


def events_of(body):
    """{UID: VEVENT} of a calendar, parsed with icalendar."""
    calendar = Calendar.from_ical(body)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def by_prefix(events, prefix):
    """The one event whose UID starts with this prefix."""
    (found,) = [event for uid, event in events.items() if uid.startswith(prefix)]
    return found


def seed(world):
    """One dated thing of every kind, a private goal of the mentor's and a struck item."""
    pair, mentor, protege = world.pair, world.mentor, world.protege
    mine = {"pair": pair.id, "created_by": mentor.id, "updated_by": mentor.id}
    step = ActionStep.create(
        title="Draft the unit plan", deadline=datetime.date(2026, 10, 5), **mine
    )
    milestone = Milestone.create(
        title="Visit a colleague's class", date=datetime.date(2026, 10, 20), **mine
    )
    goal = Goal.create(
        title="Run a parents' evening", target_date=datetime.date(2026, 12, 1), **mine
    )
    private_goal = Goal.create(
        title=f"My own goal {SENTINEL}",
        target_date=datetime.date(2026, 11, 11),
        private_to=mentor.id,
        **mine,
    )
    cycle = start_cycle(pair, mentor.id, mentor.id, protege.id)
    for key, value in (
        ("obs_date", "2026-10-07"),
        ("obs_time", "09:30"),
        ("obs_place", "Room 12"),
        ("debrief_date", "2026-10-08"),
    ):
        CoachingText.update(value=value).where(
            (CoachingText.cycle == cycle.id) & (CoachingText.key == key)
        ).execute()
    checkin = CheckIn.create(
        date=datetime.date(2026, 9, 15),
        next_date=datetime.date(2026, 9, 29),
        format="online",
        notes=f"Notes nobody's calendar needs {SENTINEL}-notes",
        **mine,
    )
    review = Review.create(kind="pilot", date=datetime.date(2026, 10, 30), **mine)
    start_checklist(pair)
    item, struck = ChecklistItem.select().where(ChecklistItem.pair == pair.id).limit(2)
    ChecklistItem.update(
        margin_date=datetime.date(2026, 9, 10), margin_time="16:00", margin_place="Library"
    ).where(ChecklistItem.id == item.id).execute()
    ChecklistItem.update(margin_date=datetime.date(2026, 9, 11), struck=True).where(
        ChecklistItem.id == struck.id
    ).execute()
    return Seeded(step, milestone, goal, private_goal, cycle, checkin, review, item, struck)


@pytest.fixture(name="world")
def world_fixture(plan_world):
    """The plan world (mentor, protégé, stranger) with every kind of dated thing."""
    plan_world.seeded = seed(plan_world)
    return plan_world


@pytest.fixture(name="make_link")
def make_link_fixture(app):
    """make_link(world, who, expires_at=None, revoked=False) -> (link, token), made directly."""

    def make(world, who, expires_at=None, revoked=False):
        user = world.people[who]
        membership = Membership.get(
            (Membership.pair == world.pair.id) & (Membership.user == user.id)
        )
        token, token_hash = new_token()
        link = CalendarLink.create(
            pair=world.pair.id,
            created_by=user.id,
            membership=membership.id,
            token_hash=token_hash,
            expires_at=expires_at,
            revoked_at=utcnow() if revoked else None,
        )
        return link, token

    return make
