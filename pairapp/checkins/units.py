"""The check-ins' editable units, as the core's unit types (registered by init_app)."""

import datetime

from ..core.display import reader_zone
from ..core.unit_types import UnitType
from ..plan import plan_values
from .forms import AssessmentForm, CheckInForm, FeedbackForm, ReviewForm, RubricRowForm
from .models import (
    ABOUT,
    FORMATS,
    REVIEW_KINDS,
    SCALE_SHORT,
    Assessment,
    CheckIn,
    Feedback,
    Review,
    RubricRow,
)
from .rhythm import proposed_next

RHYTHM_FIELDS = {("charter", "meeting_rhythm"), ("checkins", "frequency")}


def today():
    """Today in the reader's timezone."""
    return datetime.datetime.now(reader_zone()).date()


def meeting_rhythm(pair):
    """The pair's meeting rhythm in its own words: the charter's, else the check-in points'."""
    values = plan_values(pair, RHYTHM_FIELDS)
    return (
        values.get(("charter", "meeting_rhythm"), "").strip()
        or values.get(("checkins", "frequency"), "").strip()
    )


def propose_dates(form, pair, user):
    """A blank check-in form proposes today and the next date the meeting rhythm gives."""
    if form.date.data is None and not form.date.raw_data:
        form.date.data = today()
        if form.next_date.data is None:
            form.next_date.data = proposed_next(form.date.data, meeting_rhythm(pair))


def blank_today(form, pair, user):
    """A blank form is dated today."""
    if form.date.data is None and not form.date.raw_data:
        form.date.data = today()


def authors_only(unit, user_id, field_name):
    """Only the person who wrote it may change it (anyone may write a new one)."""
    return unit.id is None or unit.created_by_id == user_id


def _type(name, model, label, form, fields, part, **extra):
    """One check-ins unit type for the shared editing machinery."""
    return UnitType(
        name=name,
        feature="checkins",
        model=model,
        label=label,
        form=lambda unit: form,
        display=f"checkins/_{name}.html",
        fields=fields,
        part_of=lambda unit: part,
        **extra,
    )


CHECKIN = _type(
    "checkin",
    CheckIn,
    "check-in",
    CheckInForm,
    {
        "date": "Date",
        "format": "Format",
        "progress_review": "Progress review",
        "challenges": "Challenges",
        "plan_adjustment": "Plan adjustment",
        "own_items": "Our own agenda items",
        "notes": "Notes",
        "decisions": "Decisions",
        "next_date": "Next check-in",
    },
    "log",
    add_fields=(
        "date",
        "format",
        "progress_review",
        "challenges",
        "plan_adjustment",
        "own_items",
        "notes",
        "decisions",
        "next_date",
    ),
    choices={"format": dict(FORMATS)},
    phrases={"own_items": "our own agenda items", "next_date": "the next check-in date"},
    prepare_form=propose_dates,
    heading=lambda unit: f"check-in of {unit.title}",
)
FEEDBACK = _type(
    "feedback",
    Feedback,
    "feedback entry",
    FeedbackForm,
    {"about": "For", "helped": "What helped", "to_change": "What to change", "request": "Request"},
    "feedback",
    can_be_private=True,
    add_fields=("about", "helped", "to_change", "request"),
    choices={"about": dict(ABOUT)},
    phrases={"about": "who it is for", "helped": "what helped", "to_change": "what to change"},
    may_write=authors_only,
)
RUBRIC_ROW = _type(
    "rubric_row",
    RubricRow,
    "rubric row",
    RubricRowForm,
    {"title": "Rubric row"},
    "assessment",
    add_fields=("title",),
)
ASSESSMENT = _type(
    "assessment",
    Assessment,
    "self-assessment",
    AssessmentForm,
    {"date": "Date", "score": "Where I am", "comment": "Comment"},
    "assessment",
    can_be_private=True,
    choices={"score": {str(k): v for k, v in SCALE_SHORT.items()}},
    phrases={"score": "where I am"},
    may_write=authors_only,
    prepare_form=blank_today,
)
REVIEW = _type(
    "review",
    Review,
    "review",
    ReviewForm,
    {
        "kind": "Review",
        "date": "Date",
        "achieved": "What we achieved",
        "carries_on": "What carries on",
    },
    "reviews",
    add_fields=("kind", "date", "achieved", "carries_on"),
    choices={"kind": dict(REVIEW_KINDS)},
    phrases={
        "kind": "the kind",
        "achieved": "what we achieved",
        "carries_on": "what carries on",
    },
    prepare_form=blank_today,
)

UNIT_TYPES = (CHECKIN, FEEDBACK, RUBRIC_ROW, ASSESSMENT, REVIEW)
