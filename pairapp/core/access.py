"""Who may reach a pair: the membership check, bounded ids in URLs, and link tokens."""

import hashlib
import hmac
import secrets

from flask import abort
from flask_login import current_user
from werkzeug.routing import IntegerConverter

from .models import Membership, Pair

# The largest id any database column holds (PostgreSQL's integer); bigger ones would raise.
MAX_ID = 2**31 - 1


def bounded(text, default=0):
    """A query-string number as an int within what the database holds (default if unreadable)."""
    try:
        return max(0, min(int(text), MAX_ID))
    except (TypeError, ValueError):
        return default


class IdConverter(IntegerConverter):
    """The `int` URL converter, bounded: an id no row can have is a 404, not a database error."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def member_pair_or_404(pair_id):
    """The pair and the current user's membership, or 404 for anyone else."""
    if not current_user.is_authenticated:
        abort(404)
    membership = (
        Membership.select(Membership, Pair)
        .join(Pair)
        .where((Membership.pair == pair_id) & (Membership.user == current_user.id))
        .first()
    )
    if membership is None:
        # 404, not 403: a non-member is not told that the pair exists.
        abort(404)
    return membership.pair, membership


def new_token():
    """A fresh link token and the hash to store for it."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token):
    """The SHA-256 of a token, hex encoded: the only form a token is stored in."""
    return hashlib.sha256(token.encode()).hexdigest()


def same_token_hash(stored_hash, token):
    """Compare a stored hash with a presented token in constant time."""
    return hmac.compare_digest(stored_hash, hash_token(token))
