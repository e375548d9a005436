"""Calendar links: making, revoking and finding one by its token."""

import datetime

from ..core.access import hash_token, new_token
from ..core.models import Membership, Pair, User, utcnow
from ..db import write_transaction
from .models import CalendarLink


def open_links(pair, user):
    """This member's links of this pair that still work, newest first."""
    now = utcnow()
    return list(
        CalendarLink.select()
        .where(
            (CalendarLink.pair == pair.id)
            & (CalendarLink.created_by == user.id)
            & CalendarLink.revoked_at.is_null()
            & (CalendarLink.expires_at.is_null() | (CalendarLink.expires_at > now))
        )
        .order_by(CalendarLink.id.desc())
    )


def expiry_moment(day, zone):
    """The end of this day in the member's timezone, as stored UTC."""
    if day is None:
        return None
    midnight = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    return midnight.replace(tzinfo=zone).astimezone(datetime.UTC).replace(tzinfo=None)


def last_day(link, zone):
    """The last day (in the member's timezone) a link with an end works, or None."""
    if link.expires_at is None:
        return None
    end = link.expires_at.replace(tzinfo=datetime.UTC).astimezone(zone)
    return (end - datetime.timedelta(seconds=1)).date()


def create_link(membership, expires_at=None):
    """A new link for this member, replacing (revoking) any they had; (link, token)."""
    token, token_hash = new_token()
    with write_transaction():
        revoke_links(membership.pair_id, membership.user_id)
        link = CalendarLink.create(
            pair=membership.pair_id,
            created_by=membership.user_id,
            membership=membership.id,
            token_hash=token_hash,
            expires_at=expires_at,
        )
    return link, token


def revoke_links(pair_id, user_id):
    """Revoke this member's links of the pair (set to revoked: repeating changes nothing)."""
    return (
        CalendarLink.update(revoked_at=utcnow())
        .where(
            (CalendarLink.pair == pair_id)
            & (CalendarLink.created_by == user_id)
            & CalendarLink.revoked_at.is_null()
        )
        .execute()
    )


def link_for(token):
    """The link a token names, with its pair and member, if it works now; else None."""
    if not token or len(token) > 100:
        return None
    link = (
        CalendarLink.select(CalendarLink, Pair, User)
        .join(Pair, on=(CalendarLink.pair == Pair.id))
        .switch(CalendarLink)
        .join(User, on=(CalendarLink.created_by == User.id))
        # Still a member: the link is deleted with the membership, and this says so again.
        .switch(CalendarLink)
        .join(Membership, on=(CalendarLink.membership == Membership.id))
        .where(
            (CalendarLink.token_hash == hash_token(token))
            & (Membership.user == CalendarLink.created_by)
            & (Membership.pair == CalendarLink.pair)
            & User.disabled_at.is_null()
        )
        .first()
    )
    if link is None or link.status() != "open":
        return None
    return link
