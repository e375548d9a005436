"""Rendering the checklist: a month, the year, print; what a change and a live update send."""

import datetime

from flask import g, render_template, request, url_for

from ..core.access import member_pair_or_404
from ..core.display import reader_zone
from ..core.models import Membership, User
from .data import COUNT_KEYS, all_items, counts_of, month_counts, month_items
from .models import MONTHS
from .months import calendar_month, month_label, month_of
from .units import ITEM

FILTERS = {
    "all": "All",
    "highlighted": "Highlighted",
    "open": "Open",
    "done": "Done",
    "struck": "Struck",
}


def month_number(part_key):
    """The month a part key ("month-3") names, or None."""
    _, _, number = str(part_key).partition("-")
    return int(number) if number.isdigit() and 1 <= int(number) <= MONTHS else None


def today_month(pair):
    """The pair's month today is in, for the reader."""
    return month_of(pair.start_date, datetime.datetime.now(reader_zone()).date())


def member_names(pair_id):
    """{user id: name} of the pair's members, once per request (items name who ticked them)."""
    cache = g.setdefault("checklist_names", {})
    if pair_id not in cache:
        query = (
            User.select(User.id, User.display_name)
            .join(Membership, on=(Membership.user == User.id))
            .where(Membership.pair == pair_id)
        )
        cache[pair_id] = {user.id: user.display_name for user in query}
    return cache[pair_id]


def month_context(pair, user, number, counts=None, **options):
    """One month's list: its items, counts (given, or counted here) and label."""
    return {
        "pair": pair,
        "unit_type": ITEM,
        "number": number,
        "label": month_label(pair.start_date, number),
        "items": month_items(pair, user, number),
        "counts": counts_of(pair, user, number) if counts is None else counts,
        **options,
    }


def page_context(pair, membership, user, number, show="all", **options):
    """The month page: the month, the other months with their counts, the filter."""
    counts = month_counts(pair, user)  # every month's, once: this month's come from it too
    zeros = dict.fromkeys(COUNT_KEYS + ("total",), 0)
    return {
        **month_context(pair, user, number, counts=counts.get(number) or zeros, **options),
        "membership": membership,
        "show": show,
        "filters": FILTERS,
        "current": today_month(pair),
        "months": [
            {"number": n, "label": month_label(pair.start_date, n), "counts": counts.get(n)}
            for n in range(1, MONTHS + 1)
        ],
        "change_counter": pair.change_counter,
    }


def starter(pair):
    """For a pair from before the checklist: one tap copies the guide (a GET changes nothing)."""
    return render_template("checklist/start.html", pair=pair)


def render_page(pair, user, **options):
    """The month page of the form's month (a 422 from adding an item without JavaScript)."""
    pair, membership = member_pair_or_404(pair.id)
    add_form = options.get("add_form")
    number = (add_form.month.data if add_form else None) or today_month(pair)
    if not 1 <= number <= MONTHS:
        number = today_month(pair)
    context = page_context(pair, membership, user, number, **options)
    return render_template("checklist/page.html", **context)


def render_part(pair, user, part_key, **options):
    """One month's list, as the page shows it."""
    number = month_number(part_key) or today_month(pair)
    return render_template("checklist/_month.html", **month_context(pair, user, number, **options))


def render_after_change(pair, user, part_key, part_sent=False):
    """Out-of-band for one's own change: the month's counts."""
    number = month_number(part_key)
    if number is None or part_sent:  # a re-sent month already holds its counts
        return ""
    counts = counts_of(pair, user, number)
    return render_template("checklist/_counts.html", number=number, counts=counts, oob=True)


def render_changes(pair, user, changed_parts, layout_changed=False, keep=()):
    """The checklist's share of a live update: changed months, out of band (a month not on
    the page is dropped by htmx)."""
    numbers = sorted(n for n in map(month_number, set(changed_parts) - set(keep)) if n)
    return render_template(
        "checklist/_changes.html",
        months=[month_context(pair, user, n, oob=True) for n in numbers],
    )


def page_url(pair, unit=None):
    """The checklist at the unit's month (the current month without one)."""
    if unit is None or not getattr(unit, "month", None):
        return url_for("checklist.page", pair_id=pair.id)
    return url_for("checklist.month", pair_id=pair.id, number=unit.month)


def year_context(pair, user):
    """Every month's counts and label."""
    counts = month_counts(pair, user)
    return {
        "pair": pair,
        "current": today_month(pair),
        "months": [
            {
                "number": n,
                "label": month_label(pair.start_date, n),
                "counts": counts.get(n) or {"done": 0, "struck": 0, "highlighted": 0, "open": 0},
                "total": (counts.get(n) or {}).get("total", 0),
            }
            for n in range(1, MONTHS + 1)
        ],
    }


def print_context(pair, user, number=None):
    """The adapted checklist on paper: one month or the whole year, with who and when."""
    by_month = (
        all_items(pair, user) if number is None else {number: month_items(pair, user, number)}
    )
    names = sorted(member_names(pair.id).values())
    numbers = [number] if number is not None else list(range(1, MONTHS + 1))
    first = calendar_month(pair.start_date, numbers[0])
    last = calendar_month(pair.start_date, numbers[-1])
    return {
        "pair": pair,
        "unit_type": ITEM,
        "names": names,
        "number": number,
        "sections": [
            {"number": n, "label": month_label(pair.start_date, n), "items": by_month.get(n, [])}
            for n in numbers
        ],
        "span": (first, last),
        "printed": datetime.datetime.now(reader_zone()).date(),
        "request_month": request.args.get("month"),
    }
