"""Check-ins, feedback, self-assessments, the pair's rubric rows, reviews and dismissed nudges."""

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from ..core.display import day
from ..core.models import BaseModel, Pair, User, Versioned, utcnow

FORMATS = (
    ("in_person", "In person"),
    ("online", "Online"),
    ("phone", "Phone"),
    ("asynchronous", "Asynchronous"),
)
ABOUT = (
    ("partner", "To my partner"),
    ("relationship", "About our mentoring relationship"),
)
# A worded scale, never stars: what each step means is written out.
SCALE = (
    (1, "Not yet: I am only starting on this"),
    (2, "Getting there: some progress, with help"),
    (3, "Mostly there: I manage on my own most of the time"),
    (4, "Confident: I could help someone else with this"),
)
SCALE_SHORT = {1: "Not yet", 2: "Getting there", 3: "Mostly there", 4: "Confident"}
# The rubric every pair starts from (seed 002); the pair adds its own rows.
STANDARD_ROWS = (
    ("goals", "Goals"),
    ("milestones", "Milestones"),
    ("skills", "Skill development"),
    ("behaviour", "Behaviour"),
)
REVIEW_KINDS = (
    ("pilot", "Pilot review"),
    ("mid", "Mid-cycle review"),
    ("final", "Final review"),
)


class CheckIn(Versioned):
    """One check-in: when, how, the agenda, what was noted and decided, and the next date."""

    date = DateField()
    format = CharField(default="in_person")
    progress_review = TextField(default="")
    challenges = TextField(default="")
    plan_adjustment = TextField(default="")
    own_items = TextField(default="")
    notes = TextField(default="")
    decisions = TextField(default="")
    next_date = DateField(null=True)

    @property
    def title(self):
        """The check-in as history names it: its date."""
        return day(self.date)


class Feedback(Versioned):
    """A structured reflection to the partner or about the relationship; may stay private."""

    about = CharField(default="partner")
    helped = TextField(default="")
    to_change = TextField(default="")
    request = TextField(default="")

    @property
    def title(self):
        """The entry's first words."""
        text = " ".join((self.helped or self.to_change or self.request or "").split())
        return text[:60] + ("…" if len(text) > 60 else "")


class RubricRow(Versioned):
    """A row the pair adds to its self-assessment rubric."""

    title = CharField(max_length=300)


class Assessment(Versioned):
    """One person's rating of one rubric row before a session, with a comment."""

    row = CharField(default="goals")  # a standard row's key, or "row-<RubricRow id>"
    date = DateField()
    score = IntegerField(default=1)
    comment = TextField(default="")

    @property
    def title(self):
        """The rating as history names it: the row and the date."""
        label = dict(STANDARD_ROWS).get(self.row, "our own rubric row")
        return f"{label}, {day(self.date)}"


class Review(Versioned):
    """A formal review: what was achieved against the evaluation criteria, what carries on."""

    kind = CharField(default="pilot")
    date = DateField()
    achieved = TextField(default="")
    carries_on = TextField(default="")

    @property
    def title(self):
        """The review's name."""
        return dict(REVIEW_KINDS).get(self.kind, "Review")


class Dismissal(BaseModel):
    """A nudge one person has put away (it stays away for them only)."""

    pair = ForeignKeyField(Pair, on_delete="CASCADE", backref="+")
    user = ForeignKeyField(User, on_delete="CASCADE", backref="+")
    key = CharField()
    dismissed_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("pair", "user", "key"), True),)
