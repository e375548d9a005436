"""Invite links: single use, expiring, revocable, stored hashed."""

from peewee import CharField, DateTimeField, ForeignKeyField

from ..core.models import ROLE_LABELS, BaseModel, Pair, TokenLink, User, utcnow


class Invite(TokenLink, BaseModel):
    pair = ForeignKeyField(Pair, backref="invites", on_delete="CASCADE")
    role = CharField()
    # Only the SHA-256 of the token is stored; the token itself is shown once.
    token_hash = CharField(unique=True)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField()
    used_at = DateTimeField(null=True)
    used_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    revoked_at = DateTimeField(null=True)

    @property
    def role_label(self):
        """The role as people read it."""
        return ROLE_LABELS[self.role]
