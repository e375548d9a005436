"""Read-only share links: a token (stored hashed) that shows chosen parts of a pair."""

from peewee import CharField, DateTimeField, ForeignKeyField

from ..core.models import BaseModel, Pair, TokenLink, User, utcnow

# The parts a link can show, as stored, with what the form calls them (in the document's
# order). The key is the name of the feature that supplies the section.
PARTS = {
    "plan": "The plan",
    "checklist": "The adapted checklist",
    "checkins": "The reviews",
    "coaching": "The coaching summary",
}


class ShareLink(TokenLink, BaseModel):
    pair = ForeignKeyField(Pair, on_delete="CASCADE", backref="+")
    # Deleting an account removes the links that person made.
    created_by = ForeignKeyField(User, on_delete="CASCADE", backref="+")
    label = CharField()
    parts = CharField()  # part keys, comma separated, e.g. "plan,checkins"
    # Only the SHA-256 of the token is stored; the token itself is shown once.
    token_hash = CharField(unique=True)
    created_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField(null=True)  # None: until revoked
    revoked_at = DateTimeField(null=True)
    # An access record (at most once a minute), not pair content: see data.record_opened.
    last_opened_at = DateTimeField(null=True)

    @property
    def part_keys(self):
        """The parts this link shows, in the document's order."""
        chosen = set(self.parts.split(","))
        return [key for key in PARTS if key in chosen]
