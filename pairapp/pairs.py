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
from flask_wtf import FlaskForm
from wtforms import DateField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length

from .db import write_transaction
from .extensions import limiter
from .htmx import done, is_partial, render
from .models import ROLE_LABELS, Invite, Membership, Pair, User, utcnow
from .plan_catalogue import templates
from .plan_data import start_plan
from .security import hash_token, member_pair_or_404, new_token

bp = Blueprint("pairs", __name__)

# A pair has at most one mentor and one protégé; colleagues are not limited.
SINGLE_ROLES = ("mentor", "protege")


class PairForm(FlaskForm):
    title = StringField("Title", [DataRequired(), Length(max=120)])
    role = SelectField(
        "My role",
        choices=[SelectChoice("mentor", "Mentor"), SelectChoice("protege", "Protégé")],
        default="mentor",
    )
    start_date = DateField("Start date", [DataRequired()], default=datetime.date.today)
    plan_template = SelectField("Plan template", default="full")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan_template.choices = [
            SelectChoice(t.key, f"{t.name}: {t.description}") for t in templates().values()
        ] + [SelectChoice("", "Choose later, when we first open the plan")]


class InviteForm(FlaskForm):
    role = SelectField("Invite as", choices=[])


class EmptyForm(FlaskForm):
    """A form with only the CSRF field, for buttons."""


def taken_roles(pair):
    """The single roles someone in the pair already holds."""
    query = Membership.select(Membership.role).where(
        (Membership.pair == pair) & Membership.role.in_(SINGLE_ROLES)
    )
    return {m.role for m in query}


def invitable_roles(pair):
    """Roles an invite can still be made for, as form choices."""
    taken = taken_roles(pair)
    return [SelectChoice(r, ROLE_LABELS[r].capitalize()) for r in ROLE_LABELS if r not in taken]


@bp.route("/")
@login_required
def dashboard():
    """My pairs: every pair the person belongs to, with their role and partners."""
    memberships = list(
        Membership.select(Membership, Pair)
        .join(Pair)
        .where(Membership.user == current_user.id)
        .order_by(Pair.created_at.desc())
    )
    pair_ids = [m.pair_id for m in memberships]
    others = {}
    if pair_ids:
        query = (
            Membership.select(Membership, User)
            .join(User)
            .where(Membership.pair.in_(pair_ids) & (Membership.user != current_user.id))
            .order_by(Membership.joined_at)
        )
        for member in query:
            others.setdefault(member.pair_id, []).append(member)
    return render_template("pairs/dashboard.html", memberships=memberships, others=others)


@bp.route("/pairs/new", methods=["GET", "POST"])
@login_required
def create():
    """Create a pair with me in the role I choose."""
    form = PairForm()
    if form.validate_on_submit():
        with write_transaction():
            pair = Pair.create(title=form.title.data.strip(), start_date=form.start_date.data)
            Membership.create(pair=pair, user=current_user.id, role=form.role.data)
        if form.plan_template.data:
            start_plan(pair, form.plan_template.data, current_user.id)
        flash("Your pair is ready. Invite your partner with a link.")
        return redirect(url_for("pairs.detail", pair_id=pair.id), code=303)
    status = 422 if form.is_submitted() else 200
    return render_template("pairs/new.html", form=form), status


def members_of(pair):
    """The pair's members with their users, in joining order."""
    return list(
        Membership.select(Membership, User)
        .join(User)
        .where(Membership.pair == pair)
        .order_by(Membership.joined_at, Membership.id)
    )


def invites_of(pair):
    """The pair's invite links, newest first."""
    return list(Invite.select().where(Invite.pair == pair).order_by(Invite.created_at.desc()))


def detail_context(pair, membership, new_link=None, invite_form=None):
    """Everything the pair page and its members fragment show."""
    form = invite_form or InviteForm(formdata=None)
    form.role.choices = invitable_roles(pair)
    return {
        "pair": pair,
        "membership": membership,
        "members": members_of(pair),
        "invites": invites_of(pair),
        "invite_form": form,
        "button_form": EmptyForm(formdata=None),
        "new_link": new_link,
        "now": utcnow(),
    }


@bp.route("/pairs/<int:pair_id>")
@login_required
def detail(pair_id):
    """The pair's home: members and invite links."""
    pair, membership = member_pair_or_404(pair_id)
    return render_template("pairs/detail.html", **detail_context(pair, membership))


@bp.route("/pairs/<int:pair_id>/invites", methods=["POST"])
@login_required
def create_invite(pair_id):
    """Make a single-use invite link; its token is shown once and stored hashed."""
    pair, membership = member_pair_or_404(pair_id)
    form = InviteForm()
    form.role.choices = invitable_roles(pair)
    if not form.validate_on_submit():
        context = detail_context(pair, membership, invite_form=form)
        return render("pairs/detail.html", "pairs/_invites.html", 422, **context)
    token, token_hash = new_token()
    days = current_app.config["INVITE_DAYS"]
    Invite.create(
        pair=pair,
        role=form.role.data,
        token_hash=token_hash,
        created_by=current_user.id,
        expires_at=utcnow() + datetime.timedelta(days=days),
    )
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
    EmptyForm().validate_on_submit()
    Invite.update(revoked_at=utcnow()).where(
        (Invite.id == invite_id)
        & (Invite.pair == pair)
        & Invite.revoked_at.is_null()
        & Invite.used_at.is_null()
    ).execute()
    context = detail_context(pair, membership)
    return done(url_for("pairs.detail", pair_id=pair.id), "pairs/_invites.html", **context)


@bp.route("/pairs/<int:pair_id>/leave", methods=["GET", "POST"])
@login_required
def leave(pair_id):
    """Confirm (GET), then leave a pair (POST); a pair nobody belongs to any more is deleted."""
    pair, membership = member_pair_or_404(pair_id)
    if request.method == "GET":
        alone = Membership.select().where(Membership.pair == pair.id).count() == 1
        return render_template("pairs/leave.html", pair=pair, alone=alone)
    with write_transaction():
        membership.delete_instance()
        delete_empty_pairs([pair.id])
    flash(f"You left “{pair.title}”.")
    return redirect(url_for("pairs.dashboard"), code=303)


def delete_empty_pairs(pair_ids):
    """Delete the pairs among these that no longer have any member."""
    if not pair_ids:
        return
    has_members = Membership.select(Membership.pair).where(Membership.pair.in_(pair_ids))
    Pair.delete().where(Pair.id.in_(pair_ids) & Pair.id.not_in(has_members)).execute()


def invite_for(token):
    """The invite a token names, or None."""
    return (
        Invite.select(Invite, Pair).join(Pair).where(Invite.token_hash == hash_token(token)).first()
    )


def join_problem(invite, user=None):
    """Why this invite cannot be used now, or None."""
    if invite is None:
        return "unknown"
    # First: a member re-opening any link of their pair (even the one they used) just goes there.
    if (
        user is not None
        and Membership.select()
        .where((Membership.pair == invite.pair) & (Membership.user == user.id))
        .exists()
    ):
        return "member"
    status = invite.status()
    if status != "open":
        return status
    if invite.role in taken_roles(invite.pair):
        return "role_taken"
    return None


@bp.route("/join/<token>", methods=["GET", "POST"])
@limiter.limit("30 per 15 minutes", methods=["POST"])
def join(token):
    """Confirm and accept an invite; GET only shows, POST joins."""
    invite = invite_for(token)
    user = current_user if current_user.is_authenticated else None
    problem = join_problem(invite, user)
    if problem == "member":
        flash(f"You are already in “{invite.pair.title}”.")
        return redirect(url_for("pairs.detail", pair_id=invite.pair_id), code=303)
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


def accept(invite, user):
    """Use the invite: one membership, the invite marked used, all or nothing."""
    with write_transaction():
        # Someone else may have taken the role or used the link between the page and the click;
        # the write lock makes the check and the update one step.
        if invite.role in taken_roles(invite.pair):
            return render_template("pairs/join_problem.html", problem="role_taken"), 410
        used = (
            Invite.update(used_at=utcnow(), used_by=user.id)
            .where(
                (Invite.id == invite.id) & Invite.used_at.is_null() & Invite.revoked_at.is_null()
            )
            .execute()
        )
        if not used:
            return render_template("pairs/join_problem.html", problem="used"), 410
        Membership.create(pair=invite.pair, user=user.id, role=invite.role)
        Pair.update(change_counter=Pair.change_counter + 1).where(
            Pair.id == invite.pair_id
        ).execute()
    session.pop("pending_invite", None)
    flash(f"You joined “{invite.pair.title}” as {invite.role_label}.")
    return redirect(url_for("pairs.detail", pair_id=invite.pair_id), code=303)
