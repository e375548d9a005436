"""Pairs: the dashboard, creating a pair, members, invite links and joining."""

import datetime

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required
from markupsafe import Markup
from wtforms import SelectChoice

from ..core.access import member_pair_or_404, new_token
from ..core.htmx import done, is_partial, render
from ..core.logs import auth_event
from ..core.models import utcnow
from ..core.once import create_once, no_change
from ..core.unit_types import registry
from ..extensions import limiter
from . import data
from .forms import EmptyForm, InviteForm, PairForm
from .invites import accept, invite_for, join_problem
from .models import Invite

bp = Blueprint("pairs", __name__)


def invite_choices(pair):
    """The roles an invite can still be made for, as form choices."""
    return [SelectChoice(value, label) for value, label in data.invitable_roles(pair)]


@bp.route("/")
@login_required
def dashboard():
    """My pairs: every pair the person belongs to, with their role and partners."""
    memberships = data.my_memberships(current_user)
    others = data.partners_by_pair([m.pair_id for m in memberships], current_user)
    return render_template("pairs/dashboard.html", memberships=memberships, others=others)


@bp.route("/pairs/new", methods=["GET", "POST"])
@login_required
def create():
    """Create a pair with me in the role I choose (and its plan, in the same transaction)."""
    form = PairForm()
    if form.validate_on_submit():
        pair, first_url = create_once(
            lambda: data.create_pair(
                form.title.data.strip(),
                form.start_date.data,
                form.role.data,
                current_user.id,
                form.plan_template.data,
            ),
            lambda created: url_for("pairs.home", pair_id=created.id),
        )
        if pair is None:
            # A repeat of this very form (a double click): the pair it already made.
            return redirect(first_url, code=303)
        flash("Your pair is ready. Invite your partner with a link.")
        return redirect(url_for("pairs.home", pair_id=pair.id), code=303)
    status = 422 if form.is_submitted() else 200
    return render_template("pairs/new.html", form=form), status


def detail_context(pair, membership, new_link=None, invite_form=None):
    """Everything the pair page and its members fragment show."""
    form = invite_form or InviteForm(formdata=None)
    form.role.choices = invite_choices(pair)
    return {
        "pair": pair,
        "membership": membership,
        "members": data.members_of(pair),
        "invites": data.invites_of(pair),
        "invite_form": form,
        "button_form": EmptyForm(formdata=None),
        "new_link": new_link,
        "now": utcnow(),
    }


@bp.route("/pairs/<int:pair_id>")
@login_required
def home(pair_id):
    """The pair's home: each registered feature's section (progress at a glance)."""
    pair, membership = member_pair_or_404(pair_id)
    sections = [
        Markup(feature.home_section(pair, current_user))
        for feature in registry().features.values()
        if feature.home_section is not None
    ]
    return render_template("pairs/home.html", pair=pair, membership=membership, sections=sections)


@bp.route("/pairs/<int:pair_id>/members")
@login_required
def detail(pair_id):
    """Members and invite links."""
    pair, membership = member_pair_or_404(pair_id)
    return render_template("pairs/detail.html", **detail_context(pair, membership))


@bp.route("/pairs/<int:pair_id>/invites", methods=["POST"])
@login_required
def create_invite(pair_id):
    """Make a single-use invite link; its token is shown once and stored hashed."""
    pair, membership = member_pair_or_404(pair_id)
    form = InviteForm()
    form.role.choices = invite_choices(pair)
    if not form.validate_on_submit():
        context = detail_context(pair, membership, invite_form=form)
        return render("pairs/detail.html", "pairs/_invites.html", 422, **context)
    token, token_hash = new_token()
    days = current_app.config["INVITE_DAYS"]
    invite, _first = create_once(
        lambda: Invite.create(
            pair=pair,
            role=form.role.data,
            token_hash=token_hash,
            created_by=current_user.id,
            expires_at=utcnow() + datetime.timedelta(days=days),
        ),
        lambda created: str(created.id),
    )
    if invite is None:
        # A repeat (a double click): the first answer shows the link, shown once and stored
        # only hashed; this one changes nothing on the page (204) or goes back to it.
        return no_change(url_for("pairs.detail", pair_id=pair.id))
    auth_event("link-created", kind="invite", link=invite.id, by=current_user.id)
    link = url_for("pairs.join", token=token, _external=True)
    if not is_partial():
        # Without htmx the link survives the redirect in the session, shown once.
        session["new_invite_link"] = link
    context = detail_context(pair, membership, new_link=link)
    return done(url_for("pairs.detail", pair_id=pair.id), "pairs/_invites.html", **context)


@bp.context_processor
def pop_new_link():
    """Hand a just-created invite link to the page once."""
    return {"pop_new_invite_link": lambda: session.pop("new_invite_link", None)}


@bp.route("/pairs/<int:pair_id>/invites/<int:invite_id>/revoke", methods=["POST"])
@login_required
def revoke_invite(pair_id, invite_id):
    """Revoke an open invite link (set to revoked: repeating it changes nothing)."""
    pair, membership = member_pair_or_404(pair_id)
    data.revoke_open_invites(Invite.id == invite_id, pair.id)
    auth_event("link-revoked", kind="invite", link=invite_id, by=current_user.id)
    context = detail_context(pair, membership)
    return done(url_for("pairs.detail", pair_id=pair.id), "pairs/_invites.html", **context)


@bp.route("/pairs/<int:pair_id>/leave", methods=["GET", "POST"])
@login_required
def leave(pair_id):
    """Confirm (GET), then leave a pair (POST); a pair nobody belongs to any more is deleted."""
    pair, membership = member_pair_or_404(pair_id)
    if request.method == "GET":
        alone = len(data.members_of(pair)) == 1
        return render_template("pairs/leave.html", pair=pair, alone=alone)
    data.leave_pair(membership)
    flash(f"You left “{pair.title}”.")
    return redirect(url_for("pairs.dashboard"), code=303)


@bp.route("/join/<token>", methods=["GET", "POST"])
@limiter.limit("30 per 15 minutes", methods=["POST"])
def join(token):
    """Confirm and accept an invite; GET only shows, POST joins."""
    invite = invite_for(token)
    user = current_user if current_user.is_authenticated else None
    problem = join_problem(invite, user)
    if problem == "member":
        flash(f"You are already in “{invite.pair.title}”.")
        return redirect(url_for("pairs.home", pair_id=invite.pair_id), code=303)
    if problem:
        return render_template("pairs/join_problem.html", problem=problem), 410 if (
            problem != "unknown"
        ) else 404
    if user is None:
        # Remembered so an invite-only server lets this visitor sign up.
        session["pending_invite"] = invite.token_hash
        return render_template("pairs/join_login.html", invite=invite, token=token)
    form = EmptyForm()
    if request.method == "POST" and form.validate_on_submit():
        return accept(invite, user)
    return render_template("pairs/join_confirm.html", invite=invite, form=form)
