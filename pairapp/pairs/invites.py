"""Joining by invite link: what a token names, why it cannot be used, and accepting it."""

from flask import flash, redirect, render_template, session, url_for
from flask_login import current_user
from peewee import JOIN

from ..core.access import hash_token
from ..core.logs import auth_event
from ..core.models import Membership, Pair, User, utcnow
from ..core.versioning import record_event
from ..db import write_transaction
from .data import taken_roles
from .models import Invite

# Session key: the token of the invite this browser opened before signing up or logging in.
# The visitor holds the link anyway; the session is signed and HttpOnly, never logged, and
# forgets it once it is used or no longer works.
PENDING = "pending_invite"


def invite_for(token):
    """The invite a token names, with its pair and who made it, or None."""
    return (
        Invite.select(Invite, Pair, User)
        .join(Pair)
        .switch(Invite)
        .join(User, JOIN.LEFT_OUTER, on=Invite.created_by)
        .where(Invite.token_hash == hash_token(token))
        .first()
    )


def remember_invite(token):
    """Keep the invite this visitor opened, whichever way they go on to sign up or log in."""
    session[PENDING] = token


def forget_invite(token=None):
    """Drop the remembered invite (used, or no longer usable); with a token, only that one."""
    if token is None or session.get(PENDING) == token:
        session.pop(PENDING, None)


def pending_invite():
    """The invite this browser opened while this visitor can use it, else None (and forgotten)."""
    token = session.get(PENDING)
    if not isinstance(token, str):
        return None
    invite = invite_for(token)
    user = current_user if current_user.is_authenticated else None
    if join_problem(invite, user) is not None:
        forget_invite()
        return None
    return invite


def pending_join_url(invite=None):
    """The join page of the usable invite this browser opened, or None."""
    # Given the invite pending_invite() found, the query is not run twice.
    invite = invite or pending_invite()
    return url_for("pairs.join", token=session[PENDING]) if invite else None


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
        record_event(invite.pair_id, user.id, "pairs", "join", new=invite.role_label)
    auth_event("link-used", kind="invite", link=invite.id, user=user.id)
    forget_invite()
    flash(f"You joined “{invite.pair.title}” as {invite.role_label}.")
    return redirect(url_for("pairs.home", pair_id=invite.pair_id), code=303)
