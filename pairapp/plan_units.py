"""The plan's editable units: their forms and their registration with the shared machinery."""

import datetime

from flask import url_for
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import HiddenInput

from . import plan_catalogue as catalogue
from .models import ActionStep, GlossaryTerm, Goal, Milestone, Note, PlanField
from .models.plan import (
    GOAL_HORIZONS,
    GOAL_KINDS,
    GOAL_OWNERS,
    GOAL_STATUSES,
    RESPONSIBLE,
    STEP_STATUSES,
)
from .versioning import UnitType, register

LONG = Length(max=20000)


def options(pairs):
    """(value, label) pairs as WTForms select choices."""
    return [SelectChoice(value, label) for value, label in pairs]


class UnitForm(FlaskForm):
    """Fields every edit form carries: the version it was opened at, and an optional reason."""

    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    reason = StringField("Why (optional)", [Optional(), Length(max=500)])


class TextValueForm(UnitForm):
    value = TextAreaField("Text", [LONG])


class LineValueForm(UnitForm):
    value = StringField("Text", [Length(max=500)])


class TextDateField(DateField):
    """A date kept as ISO text, as a plan field's value is stored."""

    def process_data(self, value):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value) if value else None
            except ValueError:
                value = None
        super().process_data(value)


class DateValueForm(UnitForm):
    value = TextDateField("Date", [Optional()])


class GoalForm(UnitForm):
    title = StringField("Goal (what, specifically)", [DataRequired(), Length(max=300)])
    measure = TextAreaField("How we will know (measure)", [LONG])
    target_date = DateField("Target date", [Optional()])
    owner = SelectField("Owner", choices=options(GOAL_OWNERS), default="protege")
    goal_kind = SelectField(
        "Kind of goal", choices=options(GOAL_KINDS), default="protege_improvement"
    )
    horizon = SelectField("Term", choices=options(GOAL_HORIZONS), default="short")
    status = SelectField("Status", choices=options(GOAL_STATUSES), default="not_started")
    progress = IntegerField("Progress (%)", [Optional(), NumberRange(0, 100)], default=0)
    evidence = TextAreaField("Evidence", [LONG])


def linked_goal_id(value):
    """A step's goal as an id: from the form ("" for none) or from the step (a Goal)."""
    value = getattr(value, "id", value)
    return int(value) if value else None


class StepForm(UnitForm):
    title = StringField("Step", [DataRequired(), Length(max=300)])
    description = TextAreaField("Description", [LONG])
    responsible = SelectField("Who is responsible", choices=options(RESPONSIBLE), default="protege")
    deadline = DateField("Deadline", [Optional()])
    status = SelectField("Status", choices=options(STEP_STATUSES), default="not_started")
    goal = SelectField("Linked goal", coerce=linked_goal_id, choices=[], validate_choice=False)

    def validate_goal(self, field):
        """Only a goal the user can see may be linked."""
        if field.data is not None and field.data not in {c.value for c in field.choices}:
            raise ValidationError("Choose one of the goals listed.")


class MilestoneForm(UnitForm):
    title = StringField("Milestone", [DataRequired(), Length(max=300)])
    date = DateField("Date", [Optional()])
    done = BooleanField("Done")


class TermForm(UnitForm):
    term = StringField("Term", [DataRequired(), Length(max=200)])
    definition = TextAreaField("What we mean by it", [LONG])


class NoteForm(UnitForm):
    text = TextAreaField("Note", [DataRequired(), LONG])


def field_form(unit):
    """The edit form that fits a plan field's kind (text, one line or date)."""
    spec = catalogue.field_spec(unit.part, unit.key)
    kind = spec.kind if spec else "text"
    return {"date": DateValueForm, "line": LineValueForm}.get(kind, TextValueForm)


def goal_choices(form, pair, user):
    """A step can link to any goal the user may see (never someone else's private goal)."""
    goals = (
        Goal.select(Goal.id, Goal.title)
        .where((Goal.pair == pair.id) & Goal.deleted_at.is_null() & Goal.visible_to(user.id))
        .order_by(Goal.position, Goal.id)
    )
    form.goal.choices = [SelectChoice("", "No linked goal")] + [
        SelectChoice(g.id, g.title) for g in goals
    ]


def plan_url(pair, unit):
    """The plan page at this unit."""
    return url_for("plan.page", pair_id=pair.id) + f"#u-{unit_name(unit)}-{unit.id}"


def unit_name(unit):
    """The registered type name of a plan unit."""
    return MODEL_NAMES[type(unit)]


def render_part(pair, user, part_key, **options):
    """The body of one plan part (imported late: plan.py imports this module)."""
    from .plan import render_part_body

    return render_part_body(pair, user, part_key, **options)


def render_after_change(pair, user, part_key, part_sent=False):
    """The part's "last changed" line and the agreement, after one's own change."""
    from .plan import render_after_change as render

    return render(pair, user, part_key, part_sent)


def render_page(pair, user, **options):
    """The whole plan page, e.g. with an add form holding errors."""
    from .plan import render_plan_page

    return render_plan_page(pair, user, **options)


def _choices(pairs):
    """A choices tuple as a lookup of labels."""
    return dict(pairs)


def _plan_type(name, model, label, form, fields, list_kind=None, **extra):
    """Register one plan unit type with the shared editing machinery."""
    part = catalogue.part_of_list(list_kind) if list_kind else None
    return register(
        UnitType(
            name=name,
            model=model,
            label=label,
            form=form,
            display=f"plan/_{name}.html",
            fields=fields,
            part_of=extra.pop("part_of", lambda unit: part),
            page_url=plan_url,
            render_part=render_part,
            render_page=render_page,
            render_after_change=render_after_change,
            **extra,
        )
    )


FIELD = _plan_type(
    "field",
    PlanField,
    "field",
    field_form,
    {"value": "Text"},
    part_of=lambda unit: unit.part,
    listed=False,
)
GOAL = _plan_type(
    "goal",
    Goal,
    "goal",
    lambda unit: GoalForm,
    {
        "title": "Goal",
        "measure": "How we will know",
        "target_date": "Target date",
        "owner": "Owner",
        "goal_kind": "Kind",
        "horizon": "Term",
        "status": "Status",
        "progress": "Progress",
        "evidence": "Evidence",
    },
    list_kind="goal",
    can_be_private=True,
    add_fields=("title",),
    choices={
        "owner": _choices(GOAL_OWNERS),
        "goal_kind": _choices(GOAL_KINDS),
        "horizon": _choices(GOAL_HORIZONS),
        "status": _choices(GOAL_STATUSES),
    },
)
STEP = _plan_type(
    "step",
    ActionStep,
    "action step",
    lambda unit: StepForm,
    {
        "title": "Step",
        "description": "Description",
        "responsible": "Responsible",
        "deadline": "Deadline",
        "status": "Status",
        "goal": "Linked goal",
    },
    list_kind="action_step",
    add_fields=("title",),
    prepare_form=goal_choices,
    private_links=("goal",),
    choices={"responsible": _choices(RESPONSIBLE), "status": _choices(STEP_STATUSES)},
)
MILESTONE = _plan_type(
    "milestone",
    Milestone,
    "milestone",
    lambda unit: MilestoneForm,
    {"title": "Milestone", "date": "Date", "done": "Done"},
    list_kind="milestone",
    add_fields=("title", "date"),
)
TERM = _plan_type(
    "term",
    GlossaryTerm,
    "glossary term",
    lambda unit: TermForm,
    {"term": "Term", "definition": "Definition"},
    list_kind="glossary",
    title_field="term",
    add_fields=("term", "definition"),
)
NOTE = _plan_type(
    "note",
    Note,
    "note",
    lambda unit: NoteForm,
    {"text": "Note"},
    list_kind="note",
    title_field="text",
    can_be_private=True,
    add_fields=("text",),
)

MODEL_NAMES = {t.model: t.name for t in (FIELD, GOAL, STEP, MILESTONE, TERM, NOTE)}
LIST_TYPES = {
    "goal": GOAL,
    "action_step": STEP,
    "milestone": MILESTONE,
    "glossary": TERM,
    "note": NOTE,
}
