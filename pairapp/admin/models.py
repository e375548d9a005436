"""Account links an admin hands out, and the audit log of admin actions."""

from peewee import CharField, DateTimeField, ForeignKeyField, TextField

from ..core.models import BaseModel, TokenLink, User, utcnow

LINK_KINDS = {"signup": "sign-up link", "reset": "password reset link"}


class AccountLink(TokenLink, BaseModel):
    """A one-time link to create an account (signup) or set a new password (reset)."""

    kind = CharField()
    # Only the SHA-256 of the token is stored; the link itself is shown once.
    token_hash = CharField(unique=True)
    # signup: the email the new account gets.
    email = CharField(default="")
    # reset: the account whose password the link sets.
    user = ForeignKeyField(User, null=True, on_delete="CASCADE", backref="+")
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField()
    used_at = DateTimeField(null=True)
    revoked_at = DateTimeField(null=True)

    @property
    def kind_label(self):
        """The kind as people read it."""
        return LINK_KINDS[self.kind]


class AuditEntry(BaseModel):
    """One admin action (or a use of an admin's link): who, when, what. Never a secret."""

    created_at = DateTimeField(default=utcnow, index=True)
    actor = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    # Kept as text: the entry still says who acted after their account is gone.
    actor_name = CharField()
    action = CharField()
    detail = TextField(default="")
