"""Share links: making, listing, revoking, finding one by its token, noting it was opened."""

import datetime

from ..core.access import hash_token, new_token
from ..core.display import reader_zone
from ..core.models import Membership, Pair, utcnow
from .models import ShareLink

# Opening a link notes when, at most this often: the GET writes one column, rarely.
OPENED_EVERY = datetime.timedelta(minutes=1)
LONGEST_TOKEN = 100  # ours have 43 characters; anything far longer is not one of them


def end_of_day_utc(day):
    """The first moment after `day` in the reader's timezone, as naive UTC."""
    start_next = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    local = start_next.replace(tzinfo=reader_zone())
    return local.astimezone(datetime.UTC).replace(tzinfo=None)


def create_link(pair, user, label, parts, expires):
    """A new link (until the end of `expires`, or until revoked) and its token, shown once."""
    token, token_hash = new_token()
    link = ShareLink.create(
        pair=pair.id,
        created_by=user.id,
        label=label.strip(),
        parts=",".join(parts),
        token_hash=token_hash,
        expires_at=end_of_day_utc(expires) if expires else None,
    )
    return link, token


def links_of(pair):
    """The pair's links, newest first, with who made them."""
    return list(
        ShareLink.select()
        .where(ShareLink.pair == pair.id)
        .order_by(ShareLink.created_at.desc(), ShareLink.id.desc())
    )


def revoke(pair, link_id):
    """Revoke a link of this pair (set to revoked: repeating it changes nothing)."""
    return (
        ShareLink.update(revoked_at=utcnow())
        .where(
            (ShareLink.id == link_id) & (ShareLink.pair == pair.id) & ShareLink.revoked_at.is_null()
        )
        .execute()
    )


def open_link(token):
    """The open link a token names, with its pair, or None (unknown, revoked, expired, or
    made by someone who has since left the pair)."""
    if not token or len(token) > LONGEST_TOKEN:
        return None
    link = (
        ShareLink.select(ShareLink, Pair)
        .join(Pair)
        .switch(ShareLink)
        .join(
            Membership,
            on=(Membership.pair == ShareLink.pair) & (Membership.user == ShareLink.created_by),
        )
        .where(ShareLink.token_hash == hash_token(token))
        .first()
    )
    if link is None or link.status() != "open":
        return None
    return link


def record_opened(link):
    """Note when the link was last opened, at most once a minute.

    The one write a GET makes in pairapp, on purpose: the members see when each link was
    last used. It is an access record, not pair content, and one UPDATE of one column.
    """
    now = utcnow()
    ShareLink.update(last_opened_at=now).where(
        (ShareLink.id == link.id)
        & (ShareLink.last_opened_at.is_null() | (ShareLink.last_opened_at <= now - OPENED_EVERY))
    ).execute()
