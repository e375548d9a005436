"""The calendar page, the .ics download, the subscription link and the public feed."""

import datetime
import re

from flask import Blueprint, abort, render_template, session, url_for
from flask_login import current_user, login_required

from ..core.access import member_pair_or_404
from ..core.htmx import done, is_partial, render
from ..core.logs import auth_event
from ..extensions import limiter
from . import data
from .feed import calendar_text, zone_of
from .forms import ButtonForm, LinkForm

bp = Blueprint("calendar", __name__)

NEW_LINK = "new_calendar_link"
# A calendar app polls a few times an hour at most; a guesser trying tokens fails fast.
FEED_LIMIT = "120 per hour"
GUESS_LIMIT = "20 per 15 minutes"


def today_for(user):
    """Today in the member's timezone."""
    return datetime.datetime.now(zone_of(user)).date()


def page_context(pair, membership, link_form=None, new_link=None):
    """Everything the calendar page and its link section show."""
    zone = zone_of(current_user)
    links = data.open_links(pair, current_user)
    for link in links:
        link.last_day = data.last_day(link, zone)
    return {
        "pair": pair,
        "membership": membership,
        "links": links,
        "link_form": link_form or LinkForm(formdata=None, today=today_for(current_user)),
        "button_form": ButtonForm(formdata=None),
        "new_link": new_link,
        "zone": zone.key,
    }


def calendar_response(body, filename=None):
    """An iCalendar answer that no cache keeps and no search engine lists."""
    headers = {
        "Content-Type": "text/calendar; charset=utf-8",
        "Cache-Control": "no-store, private",
        "X-Robots-Tag": "noindex, nofollow",
    }
    if filename:
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return body, 200, headers


def file_name(pair):
    """A safe file name for the pair's calendar, e.g. pairapp-sam-and-alex.ics."""
    slug = re.sub(r"[^a-z0-9]+", "-", pair.title.lower()).strip("-")[:40] or f"pair-{pair.id}"
    return f"pairapp-{slug}.ics"


@bp.route("/pairs/<int:pair_id>/calendar")
@login_required
def page(pair_id):
    """How to get the pair's dates into a calendar: the download and the subscription link."""
    pair, membership = member_pair_or_404(pair_id)
    return render_template("calendar/page.html", **page_context(pair, membership))


@bp.route("/pairs/<int:pair_id>/calendar.ics")
@login_required
def download(pair_id):
    """The pair's calendar as this member sees it, as a file to import once."""
    pair, _membership = member_pair_or_404(pair_id)
    return calendar_response(calendar_text(pair, current_user), file_name(pair))


@bp.route("/pairs/<int:pair_id>/calendar/link", methods=["POST"])
@login_required
def create_link(pair_id):
    """Make this member's subscription link (a new one replaces the old); shown once."""
    pair, membership = member_pair_or_404(pair_id)
    form = LinkForm(today=today_for(current_user))
    if not form.validate_on_submit():
        context = page_context(pair, membership, link_form=form)
        return render("calendar/page.html", "calendar/_link.html", 422, **context)
    expires_at = data.expiry_moment(form.expires_on.data, zone_of(current_user))
    link, token = data.create_link(membership, expires_at)
    auth_event("link-created", kind="calendar", link=link.id, by=current_user.id)
    url = url_for("calendar.feed", token=token, _external=True)
    if not is_partial():
        # Without htmx the link survives the redirect in the session, shown once.
        session[NEW_LINK] = url
    context = page_context(pair, membership, new_link=url)
    return done(url_for("calendar.page", pair_id=pair.id), "calendar/_link.html", **context)


@bp.route("/pairs/<int:pair_id>/calendar/link/revoke", methods=["POST"])
@login_required
def revoke_link(pair_id):
    """Stop this member's subscription link (repeating it changes nothing)."""
    pair, membership = member_pair_or_404(pair_id)
    if data.revoke_links(pair.id, current_user.id):
        auth_event("link-revoked", kind="calendar", pair=pair.id, by=current_user.id)
    context = page_context(pair, membership)
    return done(url_for("calendar.page", pair_id=pair.id), "calendar/_link.html", **context)


@bp.context_processor
def pop_new_link():
    """Hand a just-made subscription link to the page once."""
    return {"pop_new_calendar_link": lambda: session.pop(NEW_LINK, None)}


def not_found(response):
    """Only unknown, revoked and expired tokens count against the guessing limit."""
    return response.status_code == 404


@bp.route("/calendar/<token>.ics")
@limiter.limit(FEED_LIMIT)
@limiter.limit(GUESS_LIMIT, deduct_when=not_found)
def feed(token):
    """The subscription feed a calendar app polls without logging in: the link's member's view."""
    link = data.link_for(token)
    if link is None:
        abort(404)
    return calendar_response(calendar_text(link.pair, link.created_by))
