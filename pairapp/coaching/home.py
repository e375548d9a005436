"""Coaching's section of the pair's home: observation cycles each way."""

from flask import render_template

from .data import balance, cycles_of, members_of


def home_section(pair, user):
    """How many observation cycles run each way between this person and each partner."""
    rows = balance(cycles_of(pair), members_of(pair), user)
    return render_template("coaching/_home.html", pair=pair, balance=rows)
