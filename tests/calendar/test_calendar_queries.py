"""The calendar download and the feed run as many queries for a large pair as a small one."""

from calendar_world import events_of
from rich_pair import compare_queries, enrich, export_app  # noqa: F401 (fixture)

from pairapp.calendar.data import create_link
from pairapp.core.models import Membership

# One grown dated thing of plan, checklist and coaching (check-ins are counted by their UIDs).
SHOWN = ("Grown step 11", "Grown item 11", "Grown room 11")
GROWN = 12  # grow() adds this many check-ins, each with a next date, and reviews


def checkin_events(body):
    """How many events of the check-ins' feature a calendar holds."""
    return len([uid for uid in events_of(body.encode()) if uid.startswith("checkins-checkin-")])


def test_the_download_runs_the_same_queries_small_and_large(plan_world, app, queries):
    with app.test_request_context():
        enrich(plan_world)
    protege = plan_world.as_("protege")
    url = plan_world.url("/calendar.ics")
    small, large, body = compare_queries(plan_world, queries, lambda: protege.get(url), SHOWN)
    assert len(large) == len(small), (len(small), len(large))
    assert checkin_events(body) > GROWN
    assert len(small) < 40  # a handful per feature, not one per event


def test_the_feed_runs_the_same_queries_small_and_large(plan_world, app, queries):
    with app.test_request_context():
        enrich(plan_world)
    membership = Membership.get(
        (Membership.pair == plan_world.pair.id) & (Membership.user == plan_world.protege.id)
    )
    _link, token = create_link(membership)
    calendar_app = app.test_client()
    fetch = lambda: calendar_app.get(f"/calendar/{token}.ics")  # noqa: E731
    small, large, body = compare_queries(plan_world, queries, fetch, SHOWN)
    assert len(large) == len(small), (len(small), len(large))
    assert checkin_events(body) > GROWN
    assert len(small) < 40  # a handful per feature, not one per event
