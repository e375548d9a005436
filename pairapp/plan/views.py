"""Rendering the plan: the whole page, one part, and what a change updates elsewhere."""

from dataclasses import dataclass

from flask import render_template, request
from flask_login import current_user

from ..core.access import member_pair_or_404
from ..core.unit_types import registry
from . import catalogue
from .data import beyond_first_items, folded_parts, grouped_parts, plan_data
from .forms import SignForm
from .models import Goal
from .units import LIST_TYPES

LIST_PARTS = {t.model: catalogue.part_of_list(kind) for kind, t in LIST_TYPES.items()}


def requested_in_full():
    """The parts whose lists the request asks to see whole (?full=<part key>, or the hidden
    field a list shown in full sends with its buttons and live updates)."""
    return frozenset(key for key in request.values.getlist("full") if key in catalogue.parts())


def parts_in_full(unit=None):
    """The parts to show whole: those asked for, and the list of a unit that would otherwise
    fall out of view (an item added at, or moved to, the end of a long list)."""
    full = requested_in_full()
    part = LIST_PARTS.get(type(unit))
    if (
        part
        and part not in full
        and not unit.deleted_at
        and beyond_first_items(type(unit), unit, current_user)
    ):
        full |= {part}
    return full


@dataclass(frozen=True)
class PartOverview:
    """What the contents list and a part's heading say about the part."""

    filled: bool  # holds something this reader can see
    started: bool  # someone changed it (not only the template's suggestions): shown open
    counts: str  # e.g. "1 of 8 answered, no glossary terms yet"
    start_label: str  # the control that opens it while folded, e.g. "Add a goal"


def counted(number, label):
    """'no goals yet', '1 goal', '3 goals'."""
    if number == 0:
        return f"no {label}s yet"
    return f"{number} {label}" + ("" if number == 1 else "s")


def part_overview(data):
    """Per part: whether it is filled, started, how many items it holds (no query: from the
    page's data)."""
    overview = {}
    for key, part in data["catalogue"].items():
        fields = data["fields"].get(key, [])
        answered = sum(1 for unit in fields if unit.value)
        counts = [f"{answered} of {len(fields)} answered"] if fields else []
        items = 0
        for list_kind in part.lists:
            total = data["list_totals"][list_kind]
            items += total
            counts.append(counted(total, data["list_types"][list_kind].label))
        filled = bool(answered or items)
        start_label = "Start this part"
        if not fields and len(part.lists) == 1 and not filled:
            label = data["list_types"][part.lists[0]].label
            start_label = f"Add {'an' if label[0] in 'aeiou' else 'a'} {label}"
        elif filled:
            start_label = "Show this part"
        started = key in data["last_changes"]
        overview[key] = PartOverview(filled, started, ", ".join(counts), start_label)
    return overview


def page_context(pair, membership, user, **options):
    """The whole plan page's context, or None while the pair has no plan."""
    data = plan_data(pair, user, requested_in_full())
    if data is None:
        return None
    groups, hidden = grouped_parts(data)
    overview = part_overview(data)
    remembered = folded_parts(pair, user)
    # A part nobody has started stays small (folded) until someone opens it; each person's
    # own folding wins.
    folded = {key: remembered.get(key, not overview[key].started) for key in overview}
    add_type = options.get("add_type")
    if add_type is not None:  # an add form with errors (no JavaScript) is never folded away
        folded[LIST_PARTS[add_type.model]] = False
    return {
        "pair": pair,
        "membership": membership,
        "groups": groups,
        "hidden_parts": hidden,
        "overview": overview,
        "folded": folded,
        "sign_form": SignForm(formdata=None, name=user.display_name),
        **data,
        **options,
    }


def chooser(pair, error=None):
    """The template chooser, for a pair that has no plan yet."""
    return render_template(
        "plan/start.html", pair=pair, templates=catalogue.templates().values(), error=error
    )


def render_page(pair, user, membership=None, **options):
    """The plan page (with options such as an add form holding errors), or the template
    chooser while the pair has no plan."""
    if membership is None:
        pair, membership = member_pair_or_404(pair.id)
    context = page_context(pair, membership, user, **options)
    if context is None:
        return chooser(pair)
    return render_template("plan/page.html", **context)


def render_part(pair, user, part_key, changed=None, **options):
    """One part's body, as the page shows it; a list item just changed stays in view."""
    data = plan_data(pair, user, parts_in_full(changed))
    if data is None:  # no plan yet (a hand-made request): offer to start one
        return chooser(pair)
    context = {"pair": pair, "part": catalogue.parts()[part_key], **data, **options}
    return render_template("plan/_part_body.html", **context)


def render_whole_part(pair, user, part_key):
    """One part's body with its lists whole ("Show all")."""
    data = plan_data(pair, user, requested_in_full() | {part_key})
    context = {"pair": pair, "part": catalogue.parts()[part_key], **data}
    return render_template("plan/_part_body.html", **context)


def render_after_change(pair, user, part_key, part_sent=False):
    """Out-of-band updates for one's own page: the part's last change and the agreement."""
    data = plan_data(pair, user)
    if data is None:
        return ""
    return render_template(
        "plan/_after_change.html",
        pair=pair,
        part=catalogue.parts()[part_key],
        part_sent=part_sent,
        sign_form=SignForm(formdata=None, name=user.display_name),
        overview=part_overview(data),
        **data,
    )


def render_changes(pair, user, changed_parts, layout_changed=False, keep=()):
    """The plan's share of a live-update answer: the changed parts that are shown."""
    data = plan_data(pair, user, requested_in_full())
    if data is None:
        return ""
    shown = {key for key, state in data["parts_state"].items() if not state.hidden}
    fresh = (changed_parts & shown) - set(keep)
    return render_template(
        "plan/_changes.html",
        pair=pair,
        parts=[part for key, part in catalogue.parts().items() if key in fresh],
        layout_changed=layout_changed,
        agreement_changed="agreement" in changed_parts,
        sign_form=SignForm(formdata=None, name=user.display_name),
        overview=part_overview(data),
        **data,
    )


def linked_goal_title(step):
    """The title of a step's goal, if this reader may see that goal."""
    goal = (
        Goal.select(Goal.title)
        .where(
            (Goal.id == step.goal_id) & Goal.deleted_at.is_null() & Goal.visible_to(current_user.id)
        )
        .first()
    )
    return goal.title if goal else None


def timeline_entries(pair, user):
    """The dated rows other features put on the timeline (reviews, say), soonest first, as
    (feature label, entries) per feature that has any."""
    found = []
    for feature in registry().features.values():
        if feature.timeline is not None:
            entries = sorted(feature.timeline(pair, user), key=lambda entry: entry.date)
            if entries:
                found.append((feature.label or feature.name, entries))
    return found
