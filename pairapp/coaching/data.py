"""Coaching's data: the agreement, the balance of cycles, and one cycle, in fixed queries."""

import datetime

from flask import abort
from peewee import JOIN, fn

from ..core.models import Membership, Revision, User
from ..core.versioning import create, record_event
from ..db import write_transaction
from ..plan import action_steps_from, visible_goals
from . import catalogue
from .models import CoachingGoal, CoachingText, Cycle, NextStep, ObservationNote, Tally
from .units import CYCLE

DATE_KEYS = ("obs_date", "obs_time", "obs_place", "debrief_date", "debrief_time", "debrief_place")


FORMER_MEMBER = "a former member"


def with_people(cycle):
    """The cycle, with a stand-in named "a former member" for an empty side (the person's
    account was deleted, or, in an imported pair, the partner has not joined yet)."""
    for side in ("observer", "observed"):
        if getattr(cycle, f"{side}_id") is None:
            cycle.__rel__[side] = User(display_name=FORMER_MEMBER)
    return cycle


def live(model, pair):
    """The pair's units of a model that are not removed, in list order."""
    return (
        model.select()
        .where((model.pair == pair.id) & model.deleted_at.is_null())
        .order_by(model.position, model.id)
    )


def agreement_started(pair):
    """Whether the pair has started its coaching agreement."""
    return (
        CoachingText.select()
        .where((CoachingText.pair == pair.id) & CoachingText.cycle.is_null())
        .exists()
    )


def start_agreement(pair, user_id):
    """Create the agreement's empty texts, once, and record that it started."""
    with write_transaction():
        if agreement_started(pair):
            return
        for position, key in enumerate(catalogue.keys("agreement")):
            CoachingText.create(pair=pair.id, key=key, position=position, created_by=user_id)
        record_event(pair.id, user_id, "coaching", "start", "agreement")


def start_cycle(pair, user_id, observer_id, observed_id):
    """A new cycle with its empty conference texts; the cycle."""
    with write_transaction():
        cycle = create(CYCLE, pair, user_id, {"observer": observer_id, "observed": observed_id})
        keys = catalogue.keys("pre") + catalogue.keys("post")
        for position, key in enumerate(keys):
            CoachingText.create(
                pair=pair.id, cycle=cycle.id, key=key, position=position, created_by=user_id
            )
    return cycle


def agreement_data(pair, user):
    """The agreement: its shared goals, their linked plan goals and its texts."""
    goals = visible_goals(pair, user.id)
    texts = list(live(CoachingText, pair).where(CoachingText.cycle.is_null()))
    return {
        "started": bool(texts),
        "texts": texts,
        "goals": list(live(CoachingGoal, pair).where(CoachingGoal.visible_to(user.id))),
        "plan_goal_titles": dict(goals),
    }


def members_of(pair):
    """The pair's members as users, in joining order, each with their role."""
    query = (
        User.select(User, Membership.role)
        .join(Membership, on=(Membership.user == User.id))
        .where(Membership.pair == pair.id)
        .order_by(Membership.id)
        .objects()
    )
    return list(query)


def cycles_of(pair):
    """The pair's cycles, newest first, with observer and observed loaded."""
    observer, observed = User.alias(), User.alias()
    query = (
        Cycle.select(Cycle, observer, observed)
        .join(observer, JOIN.LEFT_OUTER, on=(Cycle.observer == observer.id), attr="observer")
        .switch(Cycle)
        .join(observed, JOIN.LEFT_OUTER, on=(Cycle.observed == observed.id), attr="observed")
        .where((Cycle.pair == pair.id) & Cycle.deleted_at.is_null())
        .order_by(Cycle.id.desc())
    )
    return [with_people(cycle) for cycle in query]


def dates_of(pair):
    """{cycle id: {key: value}} for the observation's and debrief's date, time and place."""
    query = CoachingText.select(CoachingText.cycle, CoachingText.key, CoachingText.value).where(
        (CoachingText.pair == pair.id) & CoachingText.key.in_(DATE_KEYS)
    )
    found = {}
    for text in query:
        found.setdefault(text.cycle_id, {})[text.key] = text.value
    return found


def next_event(cycle, dates):
    """What comes next in an open cycle: (sort key, what, date, time, place), or None."""
    kind = {"planned": "obs", "observed": "debrief"}.get(cycle.stage)
    if kind is None:
        return None
    date = dates.get(f"{kind}_date", "")
    when = (date or "9999-12-31", dates.get(f"{kind}_time", "") or "99:99", cycle.id)
    what = "observation" if kind == "obs" else "debrief"
    return when, {
        "cycle": cycle,
        "what": what,
        "date": datetime.date.fromisoformat(date) if date else None,
        "time": dates.get(f"{kind}_time", ""),
        "place": dates.get(f"{kind}_place", ""),
    }


def balance(cycles, members, user):
    """Cycles each way between the reader and each partner, with their stages."""
    rows = []
    for other in members:
        if other.id == user.id:
            continue
        mine = [c for c in cycles if c.observer_id == user.id and c.observed_id == other.id]
        theirs = [c for c in cycles if c.observer_id == other.id and c.observed_id == user.id]
        rows.append({"other": other, "mine": stages(mine), "theirs": stages(theirs)})
    return rows


def stages(cycles):
    """How many cycles, and how many in each stage."""
    counts = {}
    for cycle in cycles:
        counts[cycle.stage_label.lower()] = counts.get(cycle.stage_label.lower(), 0) + 1
    return {"total": len(cycles), "by_stage": counts}


def next_observed(cycles, members):
    """Whose turn it is to be observed: observed least often, then least recently."""
    if len(members) < 2:
        return None

    def turn(member):
        observed = [c.id for c in cycles if c.observed_id == member.id]
        return (len(observed), max(observed, default=0), member.role != "protege")

    return min(members, key=turn)


def overview(pair, user):
    """The coaching page's balance, what is due next, whose turn it is and the cycle list."""
    cycles = cycles_of(pair)
    members = members_of(pair)
    dates = dates_of(pair)
    events = sorted(
        (event for c in cycles if (event := next_event(c, dates.get(c.id, {})))),
        key=lambda pair_: pair_[0],
    )
    return {
        "cycles": cycles,
        "members": members,
        "balance": balance(cycles, members, user),
        "due": events[0][1] if events else None,
        "turn": next_observed(cycles, members),
        "dates": dates,
    }


def cycle_or_404(pair, cycle_id):
    """One live cycle of the pair, with observer and observed, or 404."""
    observer, observed = User.alias(), User.alias()
    cycle = (
        Cycle.select(Cycle, observer, observed)
        .join(observer, JOIN.LEFT_OUTER, on=(Cycle.observer == observer.id), attr="observer")
        .switch(Cycle)
        .join(observed, JOIN.LEFT_OUTER, on=(Cycle.observed == observed.id), attr="observed")
        .where((Cycle.id == cycle_id) & (Cycle.pair == pair.id) & Cycle.deleted_at.is_null())
        .first()
    )
    return with_people(cycle) if cycle else abort(404)


def with_cycle(units, cycle):
    """Units that know their cycle without another query (write rules look at it)."""
    for unit in units:
        unit.cycle = cycle
    return units


def source_key(step):
    """The key a plan action step made from a next step is found by."""
    return f"coaching-next-step-{step.id}"


def cycle_data(pair, user, cycle):
    """Everything a cycle's page shows, in a fixed number of queries."""
    texts = with_cycle(list(live(CoachingText, pair).where(CoachingText.cycle == cycle.id)), cycle)
    sections = {"pre": [], "post": []}
    for text in texts:
        sections.setdefault(text.spec.section, []).append(text)
    in_cycle = (("cycle", cycle.id),)
    notes = with_cycle(list(scoped(ObservationNote, pair, in_cycle)), cycle)
    tallies = with_cycle(list(scoped(Tally, pair, in_cycle)), cycle)
    steps = with_cycle(list(scoped(NextStep, pair, in_cycle)), cycle)
    plan_steps = action_steps_from(pair, [source_key(step) for step in steps])
    return {
        "cycle": cycle,
        "sections": sections,
        "notes": sorted(notes, key=lambda note: (note.at, note.id)),
        "tallies": tallies,
        "next_steps": steps,
        "plan_steps": {step.id: plan_steps.get(source_key(step)) for step in steps},
        "is_observer": cycle.observer_id == user.id,
        "is_observed": cycle.observed_id == user.id,
        "part_revs": newest_changes(pair, user, cycle),
    }


def newest_changes(pair, user, cycle):
    """{part: id of its newest change the reader may see} for the cycle's head and sections.

    Each section carries it as data-rev, so app.js never lets a live update rendered before
    the person's own change replace the section their change's answer drew.
    """
    head = f"cycle-{cycle.id}"
    parts = [head] + [f"{head}-{section}" for section in ("pre", "obs", "post")]
    rows = (
        Revision.select(Revision.part, fn.MAX(Revision.id))
        .where((Revision.pair == pair.id) & (Revision.feature == "coaching"))
        .where(Revision.part.in_(parts) & Revision.visible_to(user.id))
        .group_by(Revision.part)
        .tuples()
    )
    return dict(rows)


def scoped(model, pair, conditions):
    """The pair's live units of a model whose fields have these values."""
    query = live(model, pair)
    for name, value in conditions:
        query = query.where(getattr(model, name) == value)
    return query
