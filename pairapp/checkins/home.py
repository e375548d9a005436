"""The check-ins' section of the pair's home: progress at a glance, charts and nudges."""

from flask import render_template

from . import charts, nudges
from .glance import due_next, facts


def home_section(pair, user):
    """Progress at a glance: goals, steps, check-ins, reviews, activity, two charts, nudges."""
    found = facts(pair, user)
    return render_template(
        "checkins/_home.html",
        pair=pair,
        found=found,
        due=due_next(found),
        nudges=nudges.shown(found, pair, user),
        goals_chart=charts.bars("goals-chart", "Goals by status", found["goals"]),
        months_chart=charts.bars(
            "checkins-chart", "Check-ins in each of the last six months", found["by_month"]
        ),
    )
