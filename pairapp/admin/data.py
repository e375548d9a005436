"""What the admin reads and changes: accounts, links, sign-up, pairs (never their content)."""

import datetime

from flask import current_app
from peewee import JOIN, fn

from ..core.access import hash_token, new_token
from ..core.logs import auth_event
from ..core.models import Membership, Pair, Revision, User, normalise_email, utcnow
from ..core.site_settings import set_setting
from ..db import write_transaction
from .models import AccountLink, AuditEntry

RESET_HOURS = 24


def record(actor, action, detail):
    """Write an audit entry (actor None: the command line) and log it."""
    AuditEntry.create(
        actor=actor.id if actor else None,
        actor_name=actor.display_name if actor else "command line",
        action=action,
        detail=detail,
    )
    auth_event("admin-action", action=action, actor=actor.id if actor else "cli")


def accounts():
    """Every account, oldest first."""
    return list(User.select().order_by(User.created_at, User.id))


def open_links(now=None):
    """The sign-up and reset links that can still be used, newest first."""
    now = now or utcnow()
    owner = User.alias()
    return list(
        AccountLink.select(AccountLink, owner)
        .join(owner, JOIN.LEFT_OUTER, on=(AccountLink.user == owner.id))
        .where(
            AccountLink.used_at.is_null()
            & AccountLink.revoked_at.is_null()
            & (AccountLink.expires_at > now)
        )
        .order_by(AccountLink.created_at.desc(), AccountLink.id.desc())
    )


def link_target(link):
    """Who a link is for, as people read it."""
    return link.email if link.kind == "signup" else link.user.email


def forget_person(user):
    """An account is being deleted: its sign-up links go, and the audit log keeps what admins
    did without the person's email or name (the entries stay: they are the admins' record)."""
    AccountLink.delete().where(AccountLink.email == user.email).execute()
    AuditEntry.update(actor_name="a former admin").where(AuditEntry.actor == user.id).execute()
    named = AuditEntry.select().where(AuditEntry.detail.contains(user.email))
    for entry in named:
        detail = entry.detail.replace(user.email, "an account since deleted")
        AuditEntry.update(detail=detail).where(AuditEntry.id == entry.id).execute()


def create_link(actor, kind, email="", user=None):
    """A new one-time link; returns its token (shown once, stored only as a hash)."""
    token, token_hash = new_token()
    if kind == "signup":
        lifetime = datetime.timedelta(days=current_app.config["INVITE_DAYS"])
    else:
        lifetime = datetime.timedelta(hours=RESET_HOURS)
    with write_transaction():
        link = AccountLink.create(
            kind=kind,
            token_hash=token_hash,
            email=normalise_email(email),
            user=user.id if user else None,
            created_by=actor.id if actor else None,
            expires_at=utcnow() + lifetime,
        )
        target = link.email if kind == "signup" else user.email
        record(actor, f"{kind}-link-created", f"Created a {link.kind_label} for {target}.")
    auth_event("link-created", kind=kind, link=link.id)
    return token


def revoke_link(actor, link_id):
    """Revoke an open link (set to revoked: repeating it changes nothing); True if it was open."""
    with write_transaction():
        link = AccountLink.get_or_none(AccountLink.id == link_id)
        if link is None or link.status() != "open":
            return False
        AccountLink.update(revoked_at=utcnow()).where(AccountLink.id == link.id).execute()
        record(actor, "link-revoked", f"Revoked the {link.kind_label} for {link_target(link)}.")
    auth_event("link-revoked", kind=link.kind, link=link.id)
    return True


def set_disabled(actor, user, disabled):
    """Disable an account (its sessions end at once) or enable it again; True if changed."""
    with write_transaction():
        current = User.get_by_id(user.id)
        if bool(current.disabled_at) == disabled:
            return False
        if disabled:
            # A new session version kills every cookie; open reset links die with it.
            User.update(disabled_at=utcnow(), session_version=User.session_version + 1).where(
                User.id == user.id
            ).execute()
            AccountLink.update(revoked_at=utcnow()).where(
                (AccountLink.user == user.id)
                & AccountLink.used_at.is_null()
                & AccountLink.revoked_at.is_null()
            ).execute()
            record(actor, "account-disabled", f"Disabled the account {current.email}.")
        else:
            User.update(disabled_at=None).where(User.id == user.id).execute()
            record(actor, "account-enabled", f"Enabled the account {current.email} again.")
    return True


def set_signup_mode(actor, mode, label):
    """Store who can sign up."""
    with write_transaction():
        set_setting("signup", mode)
        record(actor, "signup-mode", f"Set sign-up to: {label}")


def pairs_overview():
    """Each pair's title, members and last activity: nothing of what the pair wrote."""
    last = fn.MAX(Revision.created_at).alias("last_change")
    pairs = list(
        Pair.select(Pair.id, Pair.title, Pair.created_at, last)
        .join(Revision, JOIN.LEFT_OUTER, on=(Revision.pair == Pair.id))
        .group_by(Pair.id, Pair.title, Pair.created_at)
        .order_by(Pair.title, Pair.id)
        .dicts()
    )
    members = {}
    query = (
        Membership.select(Membership.pair, Membership.role, User.display_name)
        .join(User)
        .order_by(Membership.joined_at, Membership.id)
    )
    for membership in query:
        members.setdefault(membership.pair_id, []).append(
            (membership.user.display_name, membership.role_label)
        )
    return [
        {
            "title": pair["title"],
            "members": members.get(pair["id"], []),
            "last_activity": pair["last_change"] or pair["created_at"],
        }
        for pair in pairs
    ]


def audit_entries(limit=200):
    """The newest audit entries."""
    return list(
        AuditEntry.select()
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )


def usable_link(kind, token):
    """The open link of this kind that the token opens, or None."""
    link = AccountLink.get_or_none(
        (AccountLink.token_hash == hash_token(token)) & (AccountLink.kind == kind)
    )
    if link is None or link.status() != "open":
        return None
    if kind == "reset" and User.get_by_id(link.user_id).disabled_at:
        return None
    return link


def claim(link):
    """Mark a link used, inside a write transaction; False if someone used it first."""
    return bool(
        AccountLink.update(used_at=utcnow())
        .where(
            (AccountLink.id == link.id)
            & AccountLink.used_at.is_null()
            & AccountLink.revoked_at.is_null()
            & (AccountLink.expires_at > utcnow())
        )
        .execute()
    )


def sign_up_with(link, user):
    """Create the account a sign-up link is for; the saved user, or None if the link is gone."""
    with write_transaction():
        if not claim(link) or User.by_email(link.email):
            return None
        user.email = link.email
        user.save()
        AuditEntry.create(
            actor=user.id,
            actor_name=user.display_name,
            action="signup-link-used",
            detail=f"Signed up as {user.email} with a sign-up link.",
        )
    auth_event("link-used", kind="signup", link=link.id, user=user.id)
    return user


def reset_with(link, password_hash):
    """Set the account's new password and end its sessions; the user, or None if gone."""
    with write_transaction():
        if not claim(link):
            return None
        User.update(password_hash=password_hash, session_version=User.session_version + 1).where(
            User.id == link.user_id
        ).execute()
        user = User.get_by_id(link.user_id)
        AuditEntry.create(
            actor=user.id,
            actor_name=user.display_name,
            action="reset-link-used",
            detail=f"{user.email} set a new password with a reset link.",
        )
    auth_event("link-used", kind="reset", link=link.id, user=user.id)
    return user
