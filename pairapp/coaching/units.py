"""Coaching's editable units as the core's unit types, with who may write what."""

from collections.abc import Mapping

from wtforms import SelectChoice

from ..core.unit_types import SetAction, UnitType
from ..plan import visible_goals
from . import catalogue
from .forms import (
    FORMS_BY_KIND,
    CoachingGoalForm,
    CycleForm,
    NextStepForm,
    NoteForm,
    TallyForm,
    add_or_edit,
    member_choices,
)
from .models import (
    STAGE_LABELS,
    STAGES,
    CoachingGoal,
    CoachingText,
    Cycle,
    NextStep,
    ObservationNote,
    Tally,
)

MAX_COUNT = 100_000


class Counts(Mapping):
    """Every count a tally may be set to, as the set form sends it: "0" to "99999"."""

    def __getitem__(self, raw):
        if isinstance(raw, str) and raw.isdigit() and int(raw) < MAX_COUNT:
            return int(raw)
        raise KeyError(raw)

    def __iter__(self):
        return (str(n) for n in range(MAX_COUNT))

    def __len__(self):
        return MAX_COUNT


def cycle_of(unit):
    """The cycle a unit belongs to, if it exists in the unit's pair (a page loads it once)."""
    if not unit.cycle_id:
        return None
    cycle = unit.__rel__.get("cycle") or Cycle.get_or_none(Cycle.id == unit.cycle_id)
    return cycle if cycle is not None and cycle.pair_id == unit.pair_id else None


def observer_writes(unit, user_id, field_name):
    """Notes and tallies are the observer's to write."""
    cycle = cycle_of(unit)
    return cycle is not None and cycle.observer_id == user_id


def text_writer(unit, user_id, field_name):
    """The self-reflection is the observed person's; every other text is both partners'."""
    if unit.key != "reflection":
        return True
    cycle = cycle_of(unit)
    return cycle is not None and cycle.observed_id == user_id


def in_own_cycle(unit, user_id, field_name):
    """Conference parts belong to both partners, inside a cycle of their own pair."""
    return cycle_of(unit) is not None


def text_form(unit):
    """The edit form that fits a text's kind."""
    return FORMS_BY_KIND.get(catalogue.spec(unit.key).kind, FORMS_BY_KIND["text"])


def text_part(unit):
    """The agreement, or the cycle section the text belongs to."""
    if unit.cycle_id is None:
        return "agreement"
    return f"cycle-{unit.cycle_id}-{catalogue.spec(unit.key).section}"


def text_options(unit, name):
    """A text's own label and guiding question on its edit form."""
    spec = catalogue.spec(unit.key)
    rows = 6 if spec.kind == "text" else None
    options = {"label": spec.label, "hint": spec.prompt}
    return {**options, "rows": rows} if rows else options


def set_members(form, pair, user):
    """Offer the pair's members in each member choice of the form."""
    choices = member_choices(pair)
    for name in ("observer", "observed", "for_user"):
        if name in form:
            form[name].choices = choices


def set_plan_goals(form, pair, user):
    """A shared goal can link to any goal of the plan the person may see."""
    goals = visible_goals(pair, user.id)
    form.plan_goal.choices = [SelectChoice("", "No linked goal")] + [
        SelectChoice(goal_id, title) for goal_id, title in goals
    ]


def _type(name, model, label, form, fields, part_of, **extra):
    """One coaching unit type."""
    return UnitType(
        name=name,
        feature="coaching",
        model=model,
        label=label,
        form=form,
        display=f"coaching/_{name}.html",
        fields=fields,
        part_of=part_of,
        **extra,
    )


CYCLE = _type(
    "cycle",
    Cycle,
    "observation cycle",
    lambda unit: CycleForm,
    {"observer": "Who observes", "observed": "Who is observed"},
    lambda unit: f"cycle-{unit.id}",
    listed=False,
    phrases={"observer": "who observes", "observed": "who is observed"},
    prepare_form=set_members,
    title_field="id",
    heading=lambda unit: f"observation cycle {unit.id}",
    set_actions={
        "stage": SetAction(
            "stage",
            {value: value for value, _label in STAGES},
            {value: f"moved to “{label.lower()}”" for value, label in STAGE_LABELS.items()},
        )
    },
)
GOAL = _type(
    "coaching_goal",
    CoachingGoal,
    "shared goal",
    lambda unit: CoachingGoalForm,
    {"title": "Shared goal", "plan_goal": "Linked goal of the plan"},
    lambda unit: "agreement",
    add_fields=("title",),
    phrases={"title": "the wording", "plan_goal": "the linked goal of the plan"},
    prepare_form=set_plan_goals,
    private_links=("plan_goal",),
    max_items=2,  # the agreement's one or two shared goals
)
TEXT = _type(
    "coaching_text",
    CoachingText,
    "coaching text",
    text_form,
    {"value": "Text"},
    text_part,
    listed=False,
    heading=lambda unit: f"“{unit.title}”",
    field_options=text_options,
    may_write=text_writer,
)
NOTE = _type(
    "observation_note",
    ObservationNote,
    "observation note",
    add_or_edit(NoteForm),
    {"text": "Note", "at": "Time"},
    lambda unit: f"cycle-{unit.cycle_id}-obs",
    title_field="text",
    add_fields=("text", "at"),
    phrases={"text": "the wording"},
    scope_field="cycle",
    may_write=observer_writes,
)
TALLY = _type(
    "tally",
    Tally,
    "tally",
    add_or_edit(TallyForm),
    {"name": "Counter"},
    lambda unit: f"cycle-{unit.cycle_id}-obs",
    title_field="name",
    add_fields=("name",),
    scope_field="cycle",
    may_write=observer_writes,
    set_actions={"count": SetAction("count", Counts(), {})},
)
NEXT_STEP = _type(
    "next_step",
    NextStep,
    "next step",
    add_or_edit(NextStepForm),
    {"text": "Next step", "for_user": "For"},
    lambda unit: f"cycle-{unit.cycle_id}-post",
    title_field="text",
    add_fields=("text",),
    phrases={"text": "the wording", "for_user": "who it is for"},
    scope_field="cycle",
    prepare_form=set_members,
    may_write=in_own_cycle,
)

UNIT_TYPES = (CYCLE, GOAL, TEXT, NOTE, TALLY, NEXT_STEP)
