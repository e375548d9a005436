"""The Mentoring Action Plan: parts, text fields, goals, steps, milestones, terms, notes."""

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from ..core.models import BaseModel, Pair, User, Versioned, utcnow
from .catalogue import field_spec

GOAL_OWNERS = (("protege", "Protégé"), ("mentor", "Mentor"), ("both", "Both"))
GOAL_KINDS = (
    ("protege_improvement", "Protégé improvement goal"),
    ("mentor_growth", "Mentor growth goal"),
    ("shared_coaching", "Shared coaching goal"),
)
GOAL_HORIZONS = (("short", "Short-term"), ("long", "Long-term"))
GOAL_STATUSES = (
    ("not_started", "Not started"),
    ("in_progress", "In progress"),
    ("achieved", "Achieved"),
    ("on_hold", "On hold"),
)
STEP_STATUSES = (
    ("not_started", "Not started"),
    ("in_progress", "In progress"),
    ("completed", "Completed"),
)
RESPONSIBLE = (("protege", "Protégé"), ("mentor", "Mentor"), ("both", "Both"))


class Plan(BaseModel):
    """A pair's plan: which template it started from."""

    pair = ForeignKeyField(Pair, unique=True, on_delete="CASCADE", backref="+")
    template = CharField()
    created_at = DateTimeField(default=utcnow)


class PlanPart(Versioned):
    """Whether one of the plan's parts is shown, for this pair."""

    key = CharField()
    hidden = BooleanField(default=False)

    class Meta:
        indexes = ((("pair", "key"), True),)


class PlanField(Versioned):
    """One text (or date) field of a part, such as the charter's boundaries."""

    part = CharField()
    key = CharField()
    value = TextField(default="")

    class Meta:
        indexes = ((("pair", "part", "key"), True),)

    @property
    def spec(self):
        """The field's entry in the MAP catalogue (label, kind, prompt), or None."""
        return field_spec(self.part, self.key)

    @property
    def title(self):
        """The field's label."""
        return self.spec.label if self.spec else self.key

    @property
    def prompt(self):
        """The guiding question shown while the field is empty."""
        return self.spec.prompt if self.spec else ""


class Goal(Versioned):
    """A SMART goal."""

    title = CharField(max_length=300)
    measure = TextField(default="")
    target_date = DateField(null=True)
    owner = CharField(default="protege")
    goal_kind = CharField(default="protege_improvement")
    horizon = CharField(default="short")
    status = CharField(default="not_started")
    progress = IntegerField(default=0)
    evidence = TextField(default="")


class ActionStep(Versioned):
    """A concrete step toward a goal."""

    title = CharField(max_length=300)
    description = TextField(default="")
    responsible = CharField(default="protege")
    deadline = DateField(null=True)
    status = CharField(default="not_started")
    goal = ForeignKeyField(Goal, null=True, on_delete="SET NULL", backref="+")
    # Where another feature made this step (an observation cycle's next step): a key that
    # feature looks it up by, and the words and link the step shows.
    source_key = CharField(default="", index=True)
    source_label = CharField(default="")
    source_url = CharField(default="")


class Milestone(Versioned):
    """A dated checkpoint on the timeline."""

    title = CharField(max_length=300)
    date = DateField(null=True)
    done = BooleanField(default=False)


class GlossaryTerm(Versioned):
    """A term the pair defines so both mean the same thing."""

    term = CharField()
    definition = TextField(default="")


class Note(Versioned):
    """A note on the plan; may be private to its author."""

    text = TextField()


class Signature(BaseModel):
    """A partner's sign-off of the plan; later shared changes show as newer than it."""

    pair = ForeignKeyField(Pair, on_delete="CASCADE", backref="+")
    user = ForeignKeyField(User, on_delete="CASCADE", backref="+")
    name = CharField()
    signed_at = DateTimeField(default=utcnow)
    # The newest shared revision id when signing; later revisions are "since signing".
    revision_id = IntegerField(default=0)


class PartFold(BaseModel):
    """Whether one person keeps a part of the plan folded or open (their view only)."""

    pair = ForeignKeyField(Pair, on_delete="CASCADE", backref="+")
    user = ForeignKeyField(User, on_delete="CASCADE", backref="+")
    key = CharField()
    folded = BooleanField()

    class Meta:
        indexes = ((("pair", "user", "key"), True),)
