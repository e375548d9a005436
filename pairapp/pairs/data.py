"""The pairs' queries and writes: members, roles, invites, creating, leaving."""

from peewee import JOIN, fn

from ..checklist import start_checklist
from ..core.models import ROLE_LABELS, Membership, Pair, Revision, User, utcnow
from ..core.versioning import record_event
from ..db import write_transaction
from ..plan import start_plan
from .models import Invite

# A pair has at most one mentor and one protégé; colleagues are not limited.
SINGLE_ROLES = ("mentor", "protege")


def taken_roles(pair):
    """The single roles someone in the pair already holds."""
    query = Membership.select(Membership.role).where(
        (Membership.pair == pair) & Membership.role.in_(SINGLE_ROLES)
    )
    return {m.role for m in query}


def invitable_roles(pair):
    """Roles an invite can still be made for, as (value, label) pairs."""
    taken = taken_roles(pair)
    return [(r, ROLE_LABELS[r].capitalize()) for r in ROLE_LABELS if r not in taken]


def my_memberships(user):
    """The person's memberships with their pairs, newest pair first."""
    return list(
        Membership.select(Membership, Pair)
        .join(Pair)
        .where(Membership.user == user.id)
        .order_by(Pair.created_at.desc())
    )


def members_by_pair(pair_ids):
    """Every member of these pairs (me included), by pair id, in joining order; one query."""
    found = {}
    if pair_ids:
        query = (
            Membership.select(Membership, User)
            .join(User)
            .where(Membership.pair.in_(pair_ids))
            .order_by(Membership.joined_at, Membership.id)
        )
        for member in query:
            found.setdefault(member.pair_id, []).append(member)
    return found


def last_change_by_pair(pair_ids, user):
    """The newest change this person may see in each of these pairs, with who made it."""
    if not pair_ids:
        return {}
    newest = (
        Revision.select(fn.MAX(Revision.id))
        .where(Revision.pair.in_(pair_ids) & Revision.visible_to(user.id))
        .group_by(Revision.pair)
    )
    query = (
        Revision.select(Revision, User)
        .join(User, JOIN.LEFT_OUTER, on=(Revision.user == User.id))
        .where(Revision.id.in_(newest))
    )
    return {rev.pair_id: rev for rev in query}


def members_of(pair):
    """The pair's members with their users, in joining order."""
    return list(
        Membership.select(Membership, User)
        .join(User)
        .where(Membership.pair == pair)
        .order_by(Membership.joined_at, Membership.id)
    )


def had_former_member(pair):
    """Whether someone who wrote in the pair has since deleted their account (their changes
    stay, with no one's name on them)."""
    return (
        Revision.select()
        .where(
            (Revision.pair == pair.id)
            & Revision.user.is_null()
            # Joining and leaving are not writing.
            & Revision.action.not_in(("join", "leave"))
        )
        .exists()
    )


def invites_of(pair):
    """The pair's invite links, newest first."""
    return list(Invite.select().where(Invite.pair == pair).order_by(Invite.created_at.desc()))


def create_pair(title, start_date, role, user_id, plan_template):
    """A new pair with its creator, its checklist and (when chosen) its plan: all, or nothing."""
    with write_transaction():
        pair = Pair.create(title=title, start_date=start_date)
        Membership.create(pair=pair, user=user_id, role=role)
        if plan_template:
            start_plan(pair, plan_template, user_id)
        start_checklist(pair)
    return pair


def leave_pair(membership):
    """Leave a pair: the person's open invite links die with their membership, and a pair
    nobody belongs to any more is deleted."""
    with write_transaction():
        revoke_open_invites(Invite.created_by == membership.user_id, membership.pair_id)
        membership.delete_instance()
        if not delete_empty_pairs([membership.pair_id]):
            label = ROLE_LABELS[membership.role]
            record_event(membership.pair_id, membership.user_id, "pairs", "leave", new=label)


def revoke_open_invites(condition, pair_id=None):
    """Revoke the open invite links that match (set to revoked: repeating changes nothing)."""
    query = Invite.update(revoked_at=utcnow()).where(
        condition & Invite.revoked_at.is_null() & Invite.used_at.is_null()
    )
    if pair_id is not None:
        query = query.where(Invite.pair == pair_id)
    return query.execute()


def delete_empty_pairs(pair_ids):
    """Delete the pairs among these that no longer have any member; how many were deleted."""
    if not pair_ids:
        return 0
    has_members = Membership.select(Membership.pair).where(Membership.pair.in_(pair_ids))
    return Pair.delete().where(Pair.id.in_(pair_ids) & Pair.id.not_in(has_members)).execute()


def leave_all_pairs(user_id):
    """Before an account is deleted: leave each of its pairs as leave_pair does."""
    query = Membership.select().where(Membership.user == user_id)
    for membership in list(query):
        leave_pair(membership)
