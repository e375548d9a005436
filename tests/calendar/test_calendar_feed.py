"""The calendar's content: it parses, holds every kind of dated thing in the right timezone,
links back to the app, keeps its UIDs, and never carries the partner's private items."""

import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from calendar_world import (  # noqa: F401 (fixtures)
    ICS,
    SENTINEL,
    by_prefix,
    events_of,
    make_link_fixture,
    seed,
    unfolded,
    world_fixture,
)
from conftest import text
from icalendar import Calendar

from pairapp.core.models import User


def download(world, who):
    """One member's .ics download."""
    response = world.as_(who).get(world.url("/calendar.ics"))
    assert response.status_code == 200, text(response)
    return response


def test_the_download_parses_and_holds_every_kind_of_dated_thing(world):
    User.update(timezone="America/New_York").where(User.id == world.mentor.id).execute()
    seeded = world.seeded
    response = download(world, "mentor")
    assert response.headers["Content-Type"] == ICS
    assert response.headers["Cache-Control"].startswith("no-store")
    assert "noindex" in response.headers["X-Robots-Tag"]
    assert (
        response.headers["Content-Disposition"] == 'attachment; filename="pairapp-mo-and-pat.ics"'
    )
    events = events_of(response.data)

    def start(prefix):
        return by_prefix(events, prefix).DTSTART

    # All-day things are DATE values.
    assert start(f"plan-step-{seeded.step.id}-") == datetime.date(2026, 10, 5)
    assert start(f"plan-milestone-{seeded.milestone.id}-") == datetime.date(2026, 10, 20)
    assert start(f"plan-goal-{seeded.goal.id}-") == datetime.date(2026, 12, 1)
    assert start(f"checkins-checkin-{seeded.checkin.id}-") == datetime.date(2026, 9, 15)
    assert start("checkins-next-") == datetime.date(2026, 9, 29)
    assert start(f"checkins-review-{seeded.review.id}-") == datetime.date(2026, 10, 30)
    assert start(f"coaching-cycle-{seeded.cycle.id}-debrief-") == datetime.date(2026, 10, 8)
    # Written times are the member's wall clock, with its TZID, and an hour long.
    observation = by_prefix(events, f"coaching-cycle-{seeded.cycle.id}-observation-")
    new_york = ZoneInfo("America/New_York")
    begins, ends = observation.DTSTART, observation.DTEND
    assert begins == datetime.datetime(2026, 10, 7, 9, 30, tzinfo=new_york)
    assert begins.tzinfo.key == "America/New_York"
    assert ends == datetime.datetime(2026, 10, 7, 10, 30, tzinfo=new_york)
    assert str(observation["LOCATION"]) == "Room 12"
    assert str(observation["SUMMARY"]) == "Observation: Mentor Mo observes Protege Pat"
    item = by_prefix(events, f"checklist-item-{seeded.item.id}-")
    assert start(f"checklist-item-{seeded.item.id}-") == datetime.datetime(
        2026, 9, 10, 16, 0, tzinfo=new_york
    )
    assert str(item["LOCATION"]) == "Library"
    # The timezone is described in the file itself, for apps without a zone database.
    calendar = Calendar.from_ical(response.data)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    # A struck checklist item is not planned any more; reviews not written show when due.
    assert not [uid for uid in events if uid.startswith(f"checklist-item-{seeded.struck.id}-")]
    assert start("checkins-review-due-mid-") == world.pair.start_date + datetime.timedelta(182)


def test_every_event_links_back_to_where_it_is_in_the_app(world):
    events = events_of(download(world, "mentor").data)
    assert len(events) >= 10
    pages = {}
    for uid, event in events.items():
        url = str(event["URL"])
        assert url.startswith(f"http://localhost/pairs/{world.pair.id}/"), uid
        assert url in str(event["DESCRIPTION"]), uid
        assert event.DTSTAMP is not None
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path not in pages:
            response = world.as_("mentor").get(path)
            assert response.status_code == 200, url
            pages[path] = text(response)
        # The link lands on the thing itself.
        assert f'id="{parts.fragment}"' in pages[path], url


def test_uids_and_stamps_stay_the_same_so_a_reimport_updates(world):
    first = events_of(download(world, "mentor").data)
    second = events_of(download(world, "mentor").data)
    assert set(first) == set(second)
    assert all(uid.endswith("@localhost") for uid in first)
    step = f"plan-step-{world.seeded.step.id}-pair{world.pair.id}@localhost"
    assert first[step].DTSTAMP == second[step].DTSTAMP


def test_a_member_without_a_timezone_gets_the_servers(world, app):
    app.config["DEFAULT_TIMEZONE"] = "Europe/Dublin"
    events = events_of(download(world, "protege").data)
    observation = by_prefix(events, f"coaching-cycle-{world.seeded.cycle.id}-observation-")
    assert observation.DTSTART.tzinfo.key == "Europe/Dublin"
    assert observation.DTSTART.hour == 9


def test_private_items_of_one_member_reach_no_calendar_of_the_other(world, make_link):
    """The sentinel: the mentor's private goal shows in the mentor's own calendar only."""
    own = unfolded(download(world, "mentor").data)
    assert SENTINEL in own  # the sentinel is real: this test can fail
    assert "CLASS:PRIVATE" in own
    _link, token = make_link(world, "protege")
    theirs = [
        download(world, "protege").data,
        world.as_("protege").get(f"/calendar/{token}.ics").data,
        world.as_("protege").get(world.url("/calendar")).data,
        world.app.test_client().get(f"/calendar/{token}.ics").data,
    ]
    for body in theirs:
        assert SENTINEL not in unfolded(body)
    events = events_of(theirs[0])
    assert not [
        uid for uid in events if uid.startswith(f"plan-goal-{world.seeded.private_goal.id}-")
    ]


def test_written_notes_stay_in_the_app(world):
    """The feed carries titles, dates and places: not what people wrote in a check-in."""
    assert f"{SENTINEL}-notes" not in unfolded(download(world, "mentor").data)


def test_the_feed_runs_a_fixed_number_of_queries(world, make_link, queries):
    _link, token = make_link(world, "mentor")
    client = world.app.test_client()
    _response, few = queries(lambda: client.get(f"/calendar/{token}.ics"))
    seed(world)
    response, many = queries(lambda: client.get(f"/calendar/{token}.ics"))
    assert response.status_code == 200
    assert len(events_of(response.data)) > 15
    assert len(many) == len(few)


def test_a_pair_with_only_its_templates_dates_gives_a_calendar_that_parses(plan_world):
    response = plan_world.as_("protege").get(plan_world.url("/calendar.ics"))
    calendar = Calendar.from_ical(response.data)
    # Only the reviews' due dates and the template's milestones: it still parses.
    assert str(calendar["X-WR-CALNAME"]) == "Mo and Pat"
    assert "X-PUBLISHED-TTL:PT4H" in unfolded(response.data)
