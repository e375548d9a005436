"""The plan's part of an export file: template, parts, fields, goals, steps, milestones,
terms and notes (signatures stay behind: each partner signs the plan on the new server)."""

from ..core.portable import BadFile, written_by
from . import catalogue
from .models import (
    ActionStep,
    GlossaryTerm,
    Goal,
    Milestone,
    Note,
    Plan,
    PlanField,
    PlanPart,
    Signature,
)

GOAL_FIELDS = (
    "title",
    "measure",
    "target_date",
    "owner",
    "goal_kind",
    "horizon",
    "status",
    "progress",
    "evidence",
)
STEP_FIELDS = ("title", "description", "responsible", "deadline", "status")
# list in the file -> (model, reference kind, fields)
LISTS = {
    "parts": (PlanPart, "part", ("key", "hidden")),
    "fields": (PlanField, "field", ("part", "key", "value")),
    "goals": (Goal, "goal", GOAL_FIELDS),
    "milestones": (Milestone, "milestone", ("title", "date", "done")),
    "glossary": (GlossaryTerm, "term", ("term", "definition")),
    "notes": (Note, "note", ("text",)),
}


def export_plan(context):
    """The pair's plan as the viewer sees it, or no plan."""
    plan = Plan.get_or_none(Plan.pair == context.pair.id)
    data = {"template": plan.template if plan else None}
    for name, (model, kind, fields) in LISTS.items():
        data[name] = [row for _unit, row in context.units(model, kind, fields)]
    steps = []
    for step, row in context.units(ActionStep, "step", STEP_FIELDS):
        # A goal the viewer cannot see (the partner's private one) is not in the file.
        row["goal"] = context.known_ref("goal", step.goal_id)
        row["source"] = None
        if step.source_key:
            fill_source(context, row, step)
        steps.append(row)
    data["steps"] = steps
    return data


def fill_source(context, row, step):
    """Name the step's source (a check-in, a next step) once its feature has exported it;
    the source's feature words its label and link again on import."""

    def fill():
        ref = context.source_refs.get(step.source_key)
        row["source"] = ref

    context.after(fill)


def import_plan(context, data):
    """Create the plan's rows in the new pair."""
    if data["template"] is not None:
        if data["template"] not in catalogue.templates():
            raise BadFile(
                f"The plan in the file started from the template “{data['template']}”, which "
                "this server does not have."
            )
        Plan.create(pair=context.pair.id, template=data["template"])
    for name, (model, _kind, fields) in LISTS.items():
        context.create(model, data[name], fields)
    if data["template"] is not None:
        complete_parts(context.pair, data)
    made = context.create(
        ActionStep,
        data["steps"],
        STEP_FIELDS,
        goal=lambda row: context.new_id(row["goal"]),
    )
    for step, row in zip(made, data["steps"], strict=True):
        if row["source"]:
            link_source(context, step, row["source"])


def complete_parts(pair, data):
    """Give the plan the parts and fields this server's catalogue has and the file does not
    (a file from an older release): hidden and empty, as the pair can show and fill them."""
    parts = {row["key"] for row in data["parts"]}
    fields = {(row["part"], row["key"]) for row in data["fields"]}
    position = len(parts)
    for part in catalogue.parts().values():
        if part.key not in parts:
            position += 1
            PlanPart.create(pair=pair.id, key=part.key, hidden=True, position=position)
        for field in part.fields:
            if (part.key, field.key) not in fields:
                PlanField.create(pair=pair.id, part=part.key, key=field.key)


def link_source(context, step, source):
    """Point a step at its source again, once the source's feature has imported it."""

    def link():
        found = context.sources.get(source)
        if found is None:
            raise BadFile(f"The file refers to “{source}”, which it does not contain.")
        key, label, url = found
        ActionStep.update(source_key=key, source_label=label, source_url=url).where(
            ActionStep.id == step.id
        ).execute()

    context.after(link)


def personal_data(user):
    """The plan's rows this person wrote, in every pair (their private ones included)."""
    lists = {**LISTS, "steps": (ActionStep, "step", STEP_FIELDS)}
    return {
        "plan": {
            name: written_by(model, user.id, fields) for name, (model, _k, fields) in lists.items()
        },
        "plan_signatures": [
            {"pair_id": s.pair_id, "name": s.name, "signed_at": s.signed_at.isoformat() + "Z"}
            for s in Signature.select().where(Signature.user == user.id)
        ],
    }
