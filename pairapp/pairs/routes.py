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
from ..core.limited import refused
from ..core.logs import auth_event
from ..core.models import utcnow
from ..core.once import create_once, no_change
from ..core.unit_types import registry
from ..extensions import limiter
from . import data, first_steps
from .forms import EmptyForm, InviteForm, PairForm
from .invites import (
    accept,
    forget_invite,
    invite_for,
    join_problem,
    pending_invite,
    pending_join_url,
    remember_invite,
)
from .models import Invite

bp = Blueprint("pairs", __name__)


def invite_choices(pair):
    """The roles an invite can still be made for, as form choices."""
    return [SelectChoice(value, label) for value, label in data.invitable_roles(pair)]


def glances(pairs, user):
    """Each pair's card facts from every feature that offers them, by pair id."""
    found = {pair.id: [] for pair in pairs}
    for feature in registry().features.values():
        if feature.glance is not None and pairs:
            for pair_id, glance in feature.glance(pairs, user).items():
                found[pair_id].append(glance)
    return found


@bp.route("/")
@login_required
def dashboard():
    """My pairs: a card per pair with its members, its plan's state, what is next, the last
    change; a fixed number of queries whatever the number of pairs."""
    memberships = data.my_memberships(current_user)
    pair_ids = [m.pair_id for m in memberships]
    facts = glances([m.pair for m in memberships], current_user)
    coming = {
        pair_id: min((c for g in found for c in g.coming), default=None, key=lambda c: c[0])
        for pair_id, found in facts.items()
    }
    # An invite opened before logging in and not yet accepted: one tap away from here too.
    invite = pending_invite()
    return render_template(
        "pairs/dashboard.html",
        memberships=memberships,
        members=data.members_by_pair(pair_ids),
        glances=facts,
        coming=coming,
        last_changes=data.last_change_by_pair(pair_ids, current_user),
        features=registry().features,
        invite=invite,
        join_url=invite and pending_join_url(invite),
    )


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
        "former_member": data.had_former_member(pair),
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
    return render_template(
        "pairs/home.html",
        pair=pair,
        membership=membership,
        sections=sections,
        steps=first_steps.guide(pair, membership, current_user),
        button_form=EmptyForm(formdata=None),
    )


@bp.route("/pairs/<int:pair_id>/first-steps/dismiss", methods=["POST"])
@login_required
def dismiss_first_steps(pair_id):
    """Put the home's first-steps guide away, for this member only."""
    pair, membership = member_pair_or_404(pair_id)
    first_steps.dismiss(membership)
    if is_partial():
        return ""  # htmx swaps the guide for nothing: it is gone
    return redirect(url_for("pairs.home", pair_id=pair.id), code=303)


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
# Refusals only (guessed or dead links): an office whose people join from one address is
# never stopped by its own successes.
@limiter.limit("30 per 15 minutes", methods=["POST"], deduct_when=refused)
def join(token):
    """Confirm and accept an invite; GET only shows, POST joins."""
    invite = invite_for(token)
    user = current_user if current_user.is_authenticated else None
    problem = join_problem(invite, user)
    if problem:
        forget_invite(token)
    if problem == "member":
        flash(f"You are already in “{invite.pair.title}”.")
        return redirect(url_for("pairs.home", pair_id=invite.pair_id), code=303)
    if problem:
        return render_template("pairs/join_problem.html", problem=problem), 410 if (
            problem != "unknown"
        ) else 404
    if user is None:
        # Kept in the session (not the database: a GET writes none), so every way into
        # sign-up or log-in shows the invite and comes back here, and an invite-only
        # server lets this visitor sign up.
        remember_invite(token)
        return render_template("pairs/join_login.html", invite=invite)
    form = EmptyForm()
    if request.method == "POST" and form.validate_on_submit():
        return accept(invite, user)
    return render_template("pairs/join_confirm.html", invite=invite, form=form)
