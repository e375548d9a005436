"""The check-ins' section of the pair's home: progress at a glance, charts and nudges."""

from flask import render_template

from . import charts, nudges
from .glance import MONTHS, due_next, facts


def months_title(rows):
    """The check-ins chart's title, naming the months it really covers."""
    if len(rows) == MONTHS:
        return "Check-ins in each of the last six months"
    return f"Check-ins in each month since {rows[0][0]}"


def chart_or_none(chart_id, title, rows):
    """A bar chart of the rows, or None while they are all zero (a sentence says so instead)."""
    if not any(value for _label, value in rows):
        return None
    return charts.bars(chart_id, title, rows)


def home_section(pair, user):
    """Progress at a glance: goals, steps, check-ins, reviews, activity, two charts, nudges."""
    found = facts(pair, user)
    months = found["by_month"]
    return render_template(
        "checkins/_home.html",
        pair=pair,
        found=found,
        due=due_next(found),
        nudges=nudges.shown(found, pair, user),
        goals_chart=chart_or_none("goals-chart", "Goals by status", found["goals"]),
        months_chart=chart_or_none("checkins-chart", months_title(months), months),
    )
