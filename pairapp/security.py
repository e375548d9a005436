"""Membership checks, security headers and link tokens."""

import hashlib
import hmac
import secrets

from flask import abort, current_app, request
from flask_login import current_user
from werkzeug.routing import IntegerConverter

from .models import Membership, Pair

HTMX_CDN_ORIGIN = "https://cdn.jsdelivr.net"

# The largest id any database column holds (PostgreSQL's integer); bigger ones would raise.
MAX_ID = 2**31 - 1


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


def content_security_policy():
    """The CSP: no inline script or style; scripts from us and the one htmx CDN."""
    script_src = "'self'"
    if current_app.config["HTMX_SOURCE"] != "local":
        script_src += " " + HTMX_CDN_ORIGIN
    return (
        f"default-src 'self'; script-src {script_src}; style-src 'self'; "
        "img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; "
        "form-action 'self'; object-src 'none'"
    )


def set_security_headers(response):
    """Headers every response carries (design §4)."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy())
    headers.setdefault("X-Content-Type-Options", "nosniff")
    # same-origin, not no-referrer: Flask-WTF checks the Referer on HTTPS.
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if not request.path.startswith("/static/"):
        # Pages hold people's plans: no shared or browser cache keeps a copy.
        headers.setdefault("Cache-Control", "no-store")
    return response
