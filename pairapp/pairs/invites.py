"""Joining by invite link: what a token names, why it cannot be used, and accepting it."""

from flask import flash, redirect, render_template, session, url_for

from ..core.access import hash_token
from ..core.logs import auth_event
from ..core.models import Membership, Pair, utcnow
from ..core.versioning import record_event
from ..db import write_transaction
from .data import taken_roles
from .models import Invite


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
    session.pop("pending_invite", None)
    flash(f"You joined “{invite.pair.title}” as {invite.role_label}.")
    return redirect(url_for("pairs.home", pair_id=invite.pair_id), code=303)
