"""The first-steps guide on a pair's home: what a new pair does first, done or not."""

from flask import url_for

from ..core import FirstStep
from ..core.models import Membership, utcnow
from ..core.unit_types import registry


def partner_step(pair, _user):
    """Both people are in the pair (the pairs' own step, one query)."""
    together = Membership.select().where(Membership.pair == pair.id).count() >= 2
    return [
        FirstStep(
            "Both of you are in the pair" if together else "Invite your partner",
            together,
            url_for("pairs.detail", pair_id=pair.id),
            "" if together else "Make an invite link under Members and links and send it.",
        )
    ]


def guide(pair, membership, user):
    """The steps to show this member, or None: put away, every step done, or the cycle closed."""
    if membership.first_steps_dismissed_at is not None or pair.archived_at is not None:
        return None  # and no query is spent on it (a closed cycle is past its first steps)
    steps = [
        step
        for feature in registry().features.values()
        if feature.first_steps is not None
        for step in feature.first_steps(pair, user)
    ]
    if not steps or all(step.done for step in steps):
        return None
    return steps


def dismiss(membership):
    """Put the guide away for this member; repeating it changes nothing."""
    Membership.update(first_steps_dismissed_at=utcnow()).where(
        (Membership.id == membership.id) & Membership.first_steps_dismissed_at.is_null()
    ).execute()
