"""What each pair's card on the dashboard tells of the plan: signed or not, the next milestone."""

import datetime

from peewee import fn

from ..core.display import reader_zone
from ..core.models import Membership, Revision, User
from ..core.unit_types import Glance
from .models import Milestone, Plan, Signature


def names(people):
    """'you', 'Pat' or 'you and Pat'."""
    return " and ".join([", ".join(people[:-1]), people[-1]] if len(people) > 2 else people)


def signing_status(signatures, newest_change, members, user_id):
    """One sentence: who signed, whether the plan changed since, who has not signed yet."""

    def name(person_id, display_name):
        return "you" if person_id == user_id else display_name

    signed = [name(s.user_id, s.user.display_name) for s in signatures]
    stale = [
        name(s.user_id, s.user.display_name) for s in signatures if newest_change > s.revision_id
    ]
    signer_ids = {s.user_id for s in signatures}
    missing = [name(m.user_id, m.user.display_name) for m in members if m.user_id not in signer_ids]
    if not signed:
        return "The plan is not signed yet.", "unsigned"
    sentence = f"Signed by {names(signed)}"
    if stale:
        sentence += f"; it changed since {names(stale)} signed"
    elif not missing:
        sentence += ", unchanged since"
    if missing:
        sentence += f"; {names(missing)} {'have' if missing == ['you'] else 'has'} not signed yet"
    return sentence[0].upper() + sentence[1:] + ".", "signed" if not (
        stale or missing
    ) else "unsigned"


def glance(pairs, user):
    """Each pair's plan at a glance, in five queries whatever the number of pairs."""
    ids = [pair.id for pair in pairs]
    if not ids:
        return {}
    with_plan = {row.pair_id for row in Plan.select(Plan.pair).where(Plan.pair.in_(ids))}
    latest = {}  # each member's latest signature, per pair
    signatures = (
        Signature.select(Signature, User)
        .join(User)
        .where(Signature.pair.in_(ids))
        .order_by(Signature.id)
    )
    for signature in signatures:
        latest.setdefault(signature.pair_id, {})[signature.user_id] = signature
    newest = dict(
        Revision.select(Revision.pair, fn.MAX(Revision.id))
        .where(
            Revision.pair.in_(ids)
            & (Revision.feature == "plan")
            & Revision.private_to.is_null()
            & (Revision.part != "agreement")
        )
        .group_by(Revision.pair)
        .tuples()
    )
    members = {}
    for member in (
        Membership.select(Membership, User)
        .join(User)
        .where(Membership.pair.in_(ids) & Membership.role.in_(("mentor", "protege")))
        .order_by(Membership.joined_at, Membership.id)
    ):
        members.setdefault(member.pair_id, []).append(member)
    coming = {}
    today = datetime.datetime.now(reader_zone()).date()
    milestones = (
        Milestone.select(Milestone.pair, Milestone.title, Milestone.date)
        .where(
            Milestone.pair.in_(ids)
            & Milestone.deleted_at.is_null()
            & Milestone.visible_to(user.id)
            & (Milestone.done == False)  # noqa: E712 (a SQL comparison, not Python's)
            & (Milestone.date >= today)
        )
        .order_by(Milestone.date, Milestone.id)
    )
    for milestone in milestones:
        coming.setdefault(milestone.pair_id, (milestone.date, f"Milestone “{milestone.title}”"))
    found = {}
    for pair_id in ids:
        if pair_id not in with_plan:
            found[pair_id] = Glance("There is no plan yet.", "plan")
            continue
        status, icon = signing_status(
            list(latest.get(pair_id, {}).values()),
            newest.get(pair_id, 0),
            members.get(pair_id, []),
            user.id,
        )
        found[pair_id] = Glance(status, icon, (coming[pair_id],) if pair_id in coming else ())
    return found
