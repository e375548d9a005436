"""Reciprocal coaching: the agreement's goals and texts, observation cycles, notes, tallies."""

from peewee import CharField, ForeignKeyField, IntegerField, TextField

from ..core.models import User, Versioned
from ..plan import Goal
from . import catalogue

STAGES = (
    ("planned", "Planned"),
    ("observed", "Observed"),
    ("debriefed", "Debriefed"),
    ("closed", "Closed"),
)
STAGE_LABELS = dict(STAGES)


class Cycle(Versioned):
    """One observation cycle: who observes whom, and how far it has come."""

    # Empty: a former member (their account was deleted), or, in an imported pair, a partner
    # who has not joined yet; the cycle stays with the pair either way.
    observer = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    observed = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    stage = CharField(default="planned")

    @property
    def stage_label(self):
        """The stage as people read it."""
        return STAGE_LABELS.get(self.stage, self.stage)


class CoachingGoal(Versioned):
    """One of the agreement's one or two shared goals, maybe linked to a goal of the plan."""

    title = CharField()
    plan_goal = ForeignKeyField(Goal, null=True, on_delete="SET NULL", backref="+")


class CoachingText(Versioned):
    """One written text: of the agreement (no cycle) or of a cycle's conferences."""

    cycle = ForeignKeyField(Cycle, null=True, on_delete="CASCADE", backref="+")
    key = CharField()
    value = TextField(default="")

    class Meta:
        indexes = ((("pair", "cycle", "key"), False),)

    @property
    def spec(self):
        """The text's label, kind and guiding question."""
        return catalogue.spec(self.key)

    @property
    def title(self):
        """The text's label."""
        return self.spec.label


class ObservationNote(Versioned):
    """A low-inference note the observer takes while watching, with the time it was seen."""

    cycle = ForeignKeyField(Cycle, on_delete="CASCADE", backref="+")
    at = CharField(default="")
    text = TextField()


class Tally(Versioned):
    """A named counter the observer taps while watching."""

    cycle = ForeignKeyField(Cycle, on_delete="CASCADE", backref="+")
    name = CharField()
    count = IntegerField(default=0)


class NextStep(Versioned):
    """A next step for one partner, agreed in the post-observation conference."""

    cycle = ForeignKeyField(Cycle, on_delete="CASCADE", backref="+")
    for_user = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    text = TextField()
