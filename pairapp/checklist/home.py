"""The checklist's section of the pair's home: this month's counts."""

from flask import render_template

from .data import counts_of
from .months import month_label
from .views import today_month


def home_section(pair, user):
    """This month's done, struck and highlighted items, with a link to the month."""
    number = today_month(pair)
    return render_template(
        "checklist/_home.html",
        pair=pair,
        label=month_label(pair.start_date, number),
        counts=counts_of(pair, user, number),
    )
