"""Coaching's part of an export file: the agreement's goals and texts, and every cycle with
its conference texts, notes, tallies and next steps; people are named by their role."""

from flask import url_for

from ..core.portable import written_by
from .data import source_key
from .models import CoachingGoal, CoachingText, Cycle, NextStep, ObservationNote, Tally

# list in the file -> (model, reference kind, fields); each but the goals names its cycle
LISTS = {
    "texts": (CoachingText, "text", ("key", "value")),
    "notes": (ObservationNote, "observation", ("at", "text")),
    "tallies": (Tally, "tally", ("name", "count")),
    "next_steps": (NextStep, "next_step", ("text",)),
}


def export_coaching(context):
    """The agreement and the cycles as the viewer sees them."""
    cycles = []
    for cycle, row in context.units(Cycle, "cycle", ("stage",)):
        row["observer"] = context.role(cycle.observer_id)
        row["observed"] = context.role(cycle.observed_id)
        cycles.append(row)
    goals = []
    for goal, row in context.units(CoachingGoal, "coaching_goal", ("title",)):
        row["plan_goal"] = context.known_ref("goal", goal.plan_goal_id)
        goals.append(row)
    data = {"cycles": cycles, "goals": goals}
    live_cycles = Cycle.select(Cycle.id).where(
        (Cycle.pair == context.pair.id) & Cycle.deleted_at.is_null()
    )
    for name, (model, kind, fields) in LISTS.items():
        rows = []
        # A removed cycle's texts, notes and steps are not in the file, as it is not.
        in_live_cycle = model.cycle.is_null() | model.cycle.in_(live_cycles)
        for unit, row in context.units(model, kind, fields, where=in_live_cycle):
            row["cycle"] = context.known_ref("cycle", unit.cycle_id)
            if model is NextStep:
                row["for"] = context.role(unit.for_user_id)
                context.source_refs[source_key(unit)] = row["ref"]
            rows.append(row)
        data[name] = rows
    return data


def import_coaching(context, data):
    """Create the agreement and cycles in the new pair; a partner not here yet is left open."""
    context.create(
        Cycle,
        data["cycles"],
        ("stage",),
        observer=lambda row: context.person(row["observer"]),
        observed=lambda row: context.person(row["observed"]),
    )
    context.create(
        CoachingGoal,
        data["goals"],
        ("title",),
        plan_goal=lambda row: context.new_id(row["plan_goal"]),
    )
    for name, (model, _kind, fields) in LISTS.items():
        rows = data[name]
        extra = {"cycle": lambda row: context.new_id(row["cycle"])}
        if model is NextStep:
            extra["for_user"] = lambda row: context.person(row["for"])
        made = context.create(model, rows, fields, **extra)
        if model is NextStep:
            for step, row in zip(made, rows, strict=True):
                url = url_for("coaching.cycle", pair_id=context.pair.id, cycle_id=step.cycle_id)
                context.sources[row["ref"]] = (
                    source_key(step),
                    f"observation cycle {step.cycle_id}",
                    f"{url}#u-next_step-{step.id}",
                )


def personal_data(user):
    """The coaching texts, notes, tallies, goals and next steps this person wrote."""
    lists = {**LISTS, "goals": (CoachingGoal, "coaching_goal", ("title",))}
    return {
        f"coaching_{name}": written_by(model, user.id, fields)
        for name, (model, _kind, fields) in lists.items()
    }
