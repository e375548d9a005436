"""The home's charts: months from the pair's start only, and a sentence instead of zeros."""

import datetime
import re

import pytest
from conftest import plain, text

from pairapp.checkins.glance import month_starts
from pairapp.checkins.units import CHECKIN
from pairapp.core.versioning import create
from pairapp.models import Pair
from pairapp.plan.units import GOAL

TODAY = datetime.date.today()
NO_CHECKINS = "No check-ins logged yet: the chart appears after the first one."
NO_GOALS = "No goals in the plan yet: the goals chart appears after the first one."


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see conftest)."""
    return reused_app


def words(response):
    return " ".join(re.sub(r"<[^>]+>", " ", plain(response)).split())


def started(world, day):
    Pair.update(start_date=day).where(Pair.id == world.pair.id).execute()


def checkin(world, day):
    create(CHECKIN, world.pair, world.mentor.id, {"date": day})


def caption(page):
    """The months the check-ins chart's caption lists."""
    found = re.search(r"Check-ins per month: (.*?)\.", page)
    assert found, "no check-ins chart"
    return [part.rsplit(" ", 1)[0] for part in found.group(1).split(", ")]


def label(day):
    return f"{day:%b %Y}"


def test_a_new_pair_gets_sentences_not_charts_of_zeros(plan_world):
    started(plan_world, TODAY)
    html = text(plan_world.as_("mentor").get(plan_world.url("")))
    page = words(plan_world.as_("mentor").get(plan_world.url("")))
    assert NO_CHECKINS in page and NO_GOALS in page
    assert 'id="checkins-chart"' not in html and 'id="goals-chart"' not in html
    assert "Check-ins per month:" not in page and "Goals by status:" not in page


def test_the_months_begin_with_the_pairs_start_month(plan_world):
    started(plan_world, TODAY)
    checkin(plan_world, TODAY)
    html = text(plan_world.as_("mentor").get(plan_world.url("")))
    assert caption(words(plan_world.as_("mentor").get(plan_world.url("")))) == [label(TODAY)]
    assert f"Check-ins in each month since {label(TODAY)}" in html
    assert NO_CHECKINS not in html


def test_an_older_pair_shows_months_since_its_start_up_to_six(plan_world):
    months = month_starts(TODAY)
    started(plan_world, months[-3] + datetime.timedelta(days=23))  # two months before this one
    checkin(plan_world, TODAY)
    page = words(plan_world.as_("mentor").get(plan_world.url("")))
    assert caption(page) == [label(m) for m in months[-3:]]
    started(plan_world, months[0] - datetime.timedelta(days=400))
    page = words(plan_world.as_("mentor").get(plan_world.url("")))
    assert caption(page) == [label(m) for m in months]
    assert "Check-ins in each of the last six months" in page


def test_a_checkin_logged_before_the_start_keeps_its_month(plan_world):
    months = month_starts(TODAY)
    started(plan_world, TODAY)
    checkin(plan_world, months[-2])
    page = words(plan_world.as_("mentor").get(plan_world.url("")))
    assert caption(page) == [label(m) for m in months[-2:]]


def test_checkins_only_before_the_last_months_are_named_in_a_sentence(plan_world):
    long_ago = month_starts(TODAY)[0] - datetime.timedelta(days=40)
    started(plan_world, long_ago)
    checkin(plan_world, long_ago)
    create(GOAL, plan_world.pair, plan_world.mentor.id, {"title": "Run a meeting"})
    html = text(plan_world.as_("mentor").get(plan_world.url("")))
    page = words(plan_world.as_("mentor").get(plan_world.url("")))
    assert 'id="checkins-chart"' not in html and 'id="goals-chart"' in html
    assert f"No check-ins since {label(month_starts(TODAY)[0])}: the last one was on" in page
    assert NO_GOALS not in page
