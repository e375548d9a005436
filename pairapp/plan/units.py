"""The plan's editable units, as the core's unit types (registered by the plan's init_app)."""

from wtforms import SelectChoice

from ..core.unit_types import UnitType
from . import catalogue
from .forms import (
    DateValueForm,
    GoalForm,
    LineValueForm,
    MilestoneForm,
    NoteForm,
    StepForm,
    TermForm,
    TextValueForm,
)
from .models import (
    GOAL_HORIZONS,
    GOAL_KINDS,
    GOAL_OWNERS,
    GOAL_STATUSES,
    RESPONSIBLE,
    STEP_STATUSES,
    ActionStep,
    GlossaryTerm,
    Goal,
    Milestone,
    Note,
    PlanField,
)


def field_form(unit):
    """The edit form that fits a plan field's kind (text, one line or date)."""
    spec = catalogue.field_spec(unit.part, unit.key)
    kind = spec.kind if spec else "text"
    return {"date": DateValueForm, "line": LineValueForm}.get(kind, TextValueForm)


def goal_choices(form, pair, user):
    """A step can link to any goal the user may see (never someone else's private goal).

    Read when first needed: the quick "add" form under the list does not show the choice.
    """
    user_id = user.id

    def choices():
        goals = (
            Goal.select(Goal.id, Goal.title)
            .where((Goal.pair == pair.id) & Goal.deleted_at.is_null() & Goal.visible_to(user_id))
            .order_by(Goal.position, Goal.id)
        )
        return [SelectChoice("", "No linked goal")] + [SelectChoice(g.id, g.title) for g in goals]

    form.goal.choices = choices


def _choices(pairs):
    """A choices tuple as a lookup of labels."""
    return dict(pairs)


def _plan_type(name, model, label, form, fields, list_kind=None, **extra):
    """One plan unit type for the shared editing machinery."""
    part = catalogue.part_of_list(list_kind) if list_kind else None
    return UnitType(
        name=name,
        feature="plan",
        model=model,
        label=label,
        form=form,
        display=f"plan/_{name}.html",
        fields=fields,
        part_of=extra.pop("part_of", lambda unit: part),
        **extra,
    )


FIELD = _plan_type(
    "field",
    PlanField,
    "field",
    field_form,
    {"value": "Text"},
    part_of=lambda unit: unit.part,
    listed=False,
    heading=lambda unit: f"“{unit.title}”",
    field_options=lambda unit, name: {"label": unit.title, "hint": unit.prompt, "rows": 6},
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
    # A SMART goal in one step: what, how we will know, by when, whose (the rest optional).
    add_fields=("title", "measure", "target_date", "owner"),
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
    add_fields=("title", "responsible", "deadline"),
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

UNIT_TYPES = {t.name: t for t in (FIELD, GOAL, STEP, MILESTONE, TERM, NOTE)}
LIST_TYPES = {
    "goal": GOAL,
    "action_step": STEP,
    "milestone": MILESTONE,
    "glossary": TERM,
    "note": NOTE,
}
