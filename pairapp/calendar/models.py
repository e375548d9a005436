"""Calendar subscription links: one member's view of one pair, stored hashed, revocable."""

from peewee import CharField, DateTimeField, ForeignKeyField

from ..core.models import BaseModel, Membership, Pair, TokenLink, User, utcnow


class CalendarLink(TokenLink, BaseModel):
    """A secret address a calendar app polls for one member's feed of one pair."""

    pair = ForeignKeyField(Pair, on_delete="CASCADE", backref="+")
    created_by = ForeignKeyField(User, on_delete="CASCADE", backref="+")
    # Leaving the pair deletes the membership, and with it the link: it shows nothing after.
    membership = ForeignKeyField(Membership, on_delete="CASCADE", backref="+")
    # Only the SHA-256 of the token is stored; the token itself is shown once.
    token_hash = CharField(unique=True)
    created_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField(null=True)  # none: it works until revoked
    revoked_at = DateTimeField(null=True)
