"""The checklist pages: a month (the current one first), the year, and print."""

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..core.access import member_pair_or_404
from .data import has_checklist, start_checklist
from .models import MONTHS
from .views import FILTERS, page_context, print_context, starter, today_month, year_context

bp = Blueprint("checklist", __name__, url_prefix="/pairs/<int:pair_id>/checklist")


def chosen_filter():
    """The filter asked for (all, highlighted, open, done, struck); anything else is all."""
    show = request.args.get("show", "all")
    return show if show in FILTERS else "all"


@bp.route("")
@login_required
def page(pair_id):
    """The checklist at the current month."""
    pair, membership = member_pair_or_404(pair_id)
    if not has_checklist(pair):
        return starter(pair)
    context = page_context(pair, membership, current_user, today_month(pair), chosen_filter())
    return render_template("checklist/page.html", **context)


@bp.route("/month/<int:number>")
@login_required
def month(pair_id, number):
    """One month of the checklist."""
    pair, membership = member_pair_or_404(pair_id)
    if not 1 <= number <= MONTHS:
        abort(404)
    if not has_checklist(pair):
        return starter(pair)
    context = page_context(pair, membership, current_user, number, chosen_filter())
    return render_template("checklist/page.html", **context)


@bp.route("/year")
@login_required
def year(pair_id):
    """Every month's progress at a glance."""
    pair, _membership = member_pair_or_404(pair_id)
    if not has_checklist(pair):
        return starter(pair)
    return render_template("checklist/year.html", **year_context(pair, current_user))


@bp.route("/print")
@login_required
def printable(pair_id):
    """The adapted checklist for paper: ?month=N for one month, else the whole year."""
    pair, _membership = member_pair_or_404(pair_id)
    if not has_checklist(pair):
        return starter(pair)
    raw = request.args.get("month", "")
    number = None
    if raw:
        if not raw.isdigit() or not 1 <= int(raw) <= MONTHS:
            abort(404)
        number = int(raw)
    return render_template("checklist/print.html", **print_context(pair, current_user, number))


@bp.route("/start", methods=["POST"])
@login_required
def start(pair_id):
    """Copy the default guide into a pair that has no checklist yet (twice is once)."""
    pair, _membership = member_pair_or_404(pair_id)
    start_checklist(pair)
    return redirect(url_for("checklist.page", pair_id=pair.id), code=303)
