"""The plan's data: starting a plan from a template, and loading it in a fixed number of queries."""

import datetime

from peewee import JOIN, SQL, IntegrityError, fn

from ..core.models import Revision, User
from ..core.versioning import create, next_seq
from ..db import Param, Prepared, write_transaction
from . import catalogue
from .models import ActionStep, Goal, Milestone, PartFold, Plan, PlanField, PlanPart, Signature
from .units import FIELD, LIST_TYPES, STEP

PILOT_DAYS = 42  # the pilot period: six weeks by default, ending in the first review
# A long list shows its first items; "Show all" loads the rest (the page stays light).
FIRST_ITEMS = 10


def latest_start_date():
    """The last start date whose proposed milestones and pilot end still fit the calendar."""
    offsets = [PILOT_DAYS] + [
        days for template in catalogue.templates().values() for _title, days in template.milestones
    ]
    return datetime.date.max - datetime.timedelta(days=max(offsets))


def start_plan(pair, template_key, user_id):
    """Create the pair's plan from a template: parts, empty fields, proposed milestones."""
    template = catalogue.templates()[template_key]
    shown = {key for group in template.groups for key in group.parts}
    with write_transaction():
        try:
            Plan.create(pair=pair.id, template=template_key)
        except IntegrityError:
            return  # the partner started it a moment ago: keep theirs
        for position, part in enumerate(catalogue.parts().values()):
            PlanPart.create(
                pair=pair.id, key=part.key, hidden=part.key not in shown, position=position
            )
            for field in part.fields:
                value = ""
                if field.key == "pilot_end" and template.milestones:
                    value = (pair.start_date + datetime.timedelta(days=PILOT_DAYS)).isoformat()
                PlanField.create(pair=pair.id, part=part.key, key=field.key, value=value)
        for position, (title, days) in enumerate(template.milestones, start=1):
            Milestone.create(
                pair=pair.id,
                title=title,
                date=pair.start_date + datetime.timedelta(days=days),
                position=position,
                created_by=user_id,
            )
        # Pages open on the pair move on to the started plan.
        next_seq(pair.id, shared=True)


def visible(model, pair_id, user_id):
    """The pair's live units of a model that this user may see, in list order."""
    return (
        model.select()
        .where((model.pair == pair_id) & model.deleted_at.is_null() & model.visible_to(user_id))
        .order_by(model.position, model.id)
    )


def _prepared_lists(whole):
    """Per list model, its visible items (only the first ones unless whole, then with the
    count of them all)."""
    queries = {}
    for unit_type in LIST_TYPES.values():
        model = unit_type.model
        query = visible(model, Param("pair"), Param("user"))
        if not whole:
            total = fn.COUNT(SQL("*")).over().alias("list_total")
            query = query.select_extend(total).limit(FIRST_ITEMS)
        queries[model] = Prepared(query)
    return queries


# The plan page's selects, run on every load and poll: their SQL is built once.
PLAN = Prepared(Plan.select().where(Plan.pair == Param("pair")).limit(1))
FIELDS = Prepared(visible(PlanField, Param("pair"), Param("user")))
PARTS = Prepared(PlanPart.select().where(PlanPart.pair == Param("pair")))
FIRST_ITEMS_OF = _prepared_lists(whole=False)
WHOLE_LIST = _prepared_lists(whole=True)


def list_items(model, pair, user, whole):
    """The visible items of a list in order (only its first ones unless whole), and how many
    there are in all: one query either way."""
    if whole:
        items = list(WHOLE_LIST[model](pair=pair.id, user=user.id))
        return items, len(items)
    items = list(FIRST_ITEMS_OF[model](pair=pair.id, user=user.id))
    return items, items[0].list_total if items else 0


def beyond_first_items(model, unit, user):
    """Whether a list item comes after its list's first items (as this user sees the list)."""
    # Its position as stored now: the unit in hand may predate a move.
    position = model.select(model.position).where(model.id == unit.id)
    before = (model.position < position) | ((model.position == position) & (model.id < unit.id))
    query = model.select(model.id).where(
        (model.pair == unit.pair_id)
        & model.deleted_at.is_null()
        & model.visible_to(user.id)
        & before
    )
    return query.count() >= FIRST_ITEMS


def goal_titles(pair, user, steps):
    """The titles of the goals these steps link to, by id, that this user may see."""
    ids = {step.goal_id for step in steps if step.goal_id}
    if not ids:
        return {}
    query = Goal.select(Goal.id, Goal.title).where(
        Goal.id.in_(ids)
        & (Goal.pair == pair.id)
        & Goal.deleted_at.is_null()
        & Goal.visible_to(user.id)
    )
    return dict(query.tuples())


_NEWEST_VISIBLE = (
    Revision.select(fn.MAX(Revision.id))
    .where((Revision.pair == Param("pair")) & (Revision.feature == "plan"))
    .where(Revision.visible_to(Param("user")))
    .group_by(Revision.part)
)
LAST_CHANGES = Prepared(
    Revision.select(Revision, User)
    .join(User, JOIN.LEFT_OUTER, on=(Revision.user == User.id))
    .where(Revision.id.in_(_NEWEST_VISIBLE))
)


def last_changes(pair, user):
    """The newest change this user may see, per part, with who made it."""
    return {rev.part: rev for rev in LAST_CHANGES(pair=pair.id, user=user.id)}


def shared_plan_changes(pair_id):
    """The plan's shared revisions: changes elsewhere in the pair do not touch its agreement."""
    return (Revision.pair == pair_id) & (Revision.feature == "plan") & Revision.private_to.is_null()


SHARED_CHANGE_IDS = Prepared(
    Revision.select(Revision.part, fn.MAX(Revision.id).alias("newest"))
    .where(shared_plan_changes(Param("pair")) & (Revision.part != "agreement"))
    .group_by(Revision.part)
    .tuples()
)


def shared_change_ids(pair):
    """The newest shared revision id per part (signatures compare against these)."""
    return dict(SHARED_CHANGE_IDS(pair=pair.id))


def newest_shared_change(pair):
    """The newest shared revision id of the plan: a signature covers everything up to it."""
    return Revision.select(fn.MAX(Revision.id)).where(shared_plan_changes(pair.id)).scalar()


SIGNATURES = Prepared(
    Signature.select(Signature, User)
    .join(User)
    .where(Signature.pair == Param("pair"))
    .order_by(Signature.id)
)


def current_signatures(pair):
    """Each member's latest signature, oldest first."""
    latest = {}
    for signature in SIGNATURES(pair=pair.id):
        latest[signature.user_id] = signature
    return list(latest.values())


def plan_data(pair, user, full=frozenset()):
    """Everything the plan page shows, in a fixed number of queries whatever the plan's size.

    Lists show their first items, except those of the parts named in `full`.
    """
    plan = next(iter(PLAN(pair=pair.id)), None)
    if plan is None:
        return None
    fields, lists, totals = {}, {}, {}
    for unit in FIELDS(pair=pair.id, user=user.id):
        fields.setdefault(unit.part, []).append(unit)
    for list_kind, unit_type in LIST_TYPES.items():
        whole = catalogue.part_of_list(list_kind) in full
        lists[list_kind], totals[list_kind] = list_items(unit_type.model, pair, user, whole)
    parts_state = {p.key: p for p in PARTS(pair=pair.id)}
    signatures = current_signatures(pair)
    # Only signatures are compared with the newest shared changes (none yet: no query).
    changed = shared_change_ids(pair) if signatures else {}
    return {
        "plan": plan,
        "template": catalogue.templates()[plan.template],
        "catalogue": catalogue.parts(),
        "parts_state": parts_state,
        "fields": fields,
        "lists": lists,
        "list_totals": totals,
        "lists_in_full": full,
        "list_types": LIST_TYPES,
        "field_type": FIELD,
        "goal_titles": goal_titles(pair, user, lists["action_step"]),
        "last_changes": last_changes(pair, user),
        "signatures": signatures,
        "changed_since_signing": changed_since(signatures, changed),
        "change_counter": pair.change_counter,
    }


def changed_since(signatures, changed):
    """Per signature, the parts changed after it was made."""
    return {
        sig.id: [part for part, newest in changed.items() if newest > sig.revision_id]
        for sig in signatures
    }


def grouped_parts(data):
    """The template's groups with only shown parts, plus the hidden parts."""
    hidden_keys = {key for key, state in data["parts_state"].items() if state.hidden}
    groups = []
    placed = set()
    for group in data["template"].groups:
        keys = [k for k in group.parts if k not in hidden_keys]
        placed.update(group.parts)
        groups.append({"title": group.title, "summary": group.summary, "parts": keys})
    # Parts the pair chose to show that the template had hidden come after the groups.
    extra = [k for k in catalogue.parts() if k not in placed and k not in hidden_keys]
    if extra:
        groups.append(
            {
                "title": "Other parts" if data["template"].groups[0].title else None,
                "summary": "",
                "parts": extra,
            }
        )
    hidden = [k for k in catalogue.parts() if k in hidden_keys]
    return [g for g in groups if g["parts"]], hidden


def visible_goals(pair, user_id):
    """(id, title) of the pair's goals this person may see, in list order."""
    query = (
        Goal.select(Goal.id, Goal.title)
        .where((Goal.pair == pair.id) & Goal.deleted_at.is_null() & Goal.visible_to(user_id))
        .order_by(Goal.position, Goal.id)
    )
    return [(goal.id, goal.title) for goal in query]


def add_action_step(pair, user_id, title, responsible, source):
    """An action step made by another feature, once per source (key, label, url).

    Returns (the step, whether it was made now).
    """
    key, label, url = source
    with write_transaction():
        existing = action_steps_from(pair, [key]).get(key)
        if existing is not None:
            return existing, False
        values = {"title": title[:300], "responsible": responsible, "source_key": key}
        values.update(source_label=label, source_url=url)
        return create(STEP, pair, user_id, values), True


def action_steps_from(pair, keys):
    """{source key: the live action step another feature made from it}."""
    if not keys:
        return {}
    query = ActionStep.select().where(
        (ActionStep.pair == pair.id)
        & ActionStep.source_key.in_(list(keys))
        & ActionStep.deleted_at.is_null()
    )
    return {step.source_key: step for step in query}


FOLDS = Prepared(
    PartFold.select(PartFold.key, PartFold.folded).where(
        (PartFold.pair == Param("pair")) & (PartFold.user == Param("user"))
    )
)


def folded_parts(pair, user):
    """{part key: folded} for the parts this person folded or kept open (others: default)."""
    return {fold.key: fold.folded for fold in FOLDS(pair=pair.id, user=user.id)}


def set_folded(pair, user, part_key, folded):
    """Remember that this person keeps a part folded (or open): their view, not the pair's."""
    with write_transaction():
        PartFold.insert(pair=pair.id, user=user.id, key=part_key, folded=folded).on_conflict(
            conflict_target=[PartFold.pair, PartFold.user, PartFold.key],
            preserve=[PartFold.folded],
        ).execute()
