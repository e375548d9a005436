"""Rendering the check-ins page: the whole page, one part, and a live update's parts."""

from flask import render_template

from ..core.access import member_pair_or_404
from ..plan import RESPONSIBLE, plan_values
from . import charts, data
from .forms import LONG, SelfAssessmentForm, StepForm
from .models import SCALE, SCALE_SHORT
from .rhythm import proposed_next
from .units import ASSESSMENT, CHECKIN, FEEDBACK, REVIEW, RUBRIC_ROW, meeting_rhythm, today

PARTS = ("log", "feedback", "assessment", "reviews")
ASSESS_OPTIONS = ("assess_form", "assess_errors", "step_errors")
PLAN_FIELDS = {
    ("charter", "meeting_rhythm"),
    ("checkins", "frequency"),
    ("charter", "pilot_end"),
    ("evaluation", "criteria"),
}


def log_context(pair, user, plan, step_errors=None, **_options):
    """The check-in log: check-ins, their steps, the rhythm and the proposed next date."""
    units, steps = data.checkins(pair, user)
    step_forms = {
        c.id: (step_errors or {}).get(c.id)
        or StepForm(formdata=None, prefix=f"checkin-{c.id}-step")
        for c in units
    }
    rhythm = meeting_rhythm(pair)
    last = units[0] if units else None
    return {
        "checkins": units,
        "steps": steps,
        "rhythm": rhythm,
        "proposed": proposed_next(last.date if last else today(), rhythm),
        "step_forms": step_forms,
        "responsible": dict(RESPONSIBLE),
    }


def feedback_context(pair, user, plan, **_options):
    """The feedback this person may see."""
    return {"feedback": data.feedback(pair, user)}


def assessment_context(pair, user, plan, assess_form=None, assess_errors=None, **_options):
    """The rubric, my ratings and their trend, and the partner's shared ratings."""
    rows = data.rubric(pair)
    mine, shared = data.assessments(pair, user)
    labels = {key: label for key, label, _unit in rows}
    form = assess_form or SelfAssessmentForm(formdata=None, date=today())
    return {
        "rubric": rows,
        "row_labels": labels,
        "mine": mine,
        "shared": shared,
        "trend": charts.trend(mine, labels),
        "scale": SCALE,
        "scale_short": SCALE_SHORT,
        "assess_form": form,
        "assess_errors": assess_errors or {},
        "comment_limit": LONG.max,
    }


def reviews_context(pair, user, plan, **_options):
    """The three reviews with due dates, the evaluation criteria, and the cycle's state."""
    return {
        "reviews": data.reviews(pair, plan.get(("charter", "pilot_end"), "")),
        "criteria": plan.get(("evaluation", "criteria"), "").strip(),
        "today": today(),
    }


CONTEXTS = {
    "log": log_context,
    "feedback": feedback_context,
    "assessment": assessment_context,
    "reviews": reviews_context,
}
TYPES = {
    "checkin": CHECKIN,
    "feedback": FEEDBACK,
    "rubric_row": RUBRIC_ROW,
    "assessment": ASSESSMENT,
    "review": REVIEW,
}


def part_context(pair, user, part, plan=None, **options):
    """One part's context."""
    plan = plan if plan is not None else plan_values(pair, PLAN_FIELDS)
    wanted = {k: options.pop(k) for k in ASSESS_OPTIONS if k in options}
    context = CONTEXTS[part](pair, user, plan, **wanted)
    return {"pair": pair, "part": part, "types": TYPES, **context, **options}


def render_part(pair, user, part, oob=False, **options):
    """One part of the check-ins page, as the page shows it."""
    context = part_context(pair, user, part, **options)
    return render_template(f"checkins/_part_{part}.html", oob=oob, **context)


def page_context(pair, membership, user, **options):
    """The whole check-ins page's context."""
    plan = plan_values(pair, PLAN_FIELDS)
    wanted = {k: options.pop(k) for k in ASSESS_OPTIONS if k in options}
    context = {"pair": pair, "membership": membership, "types": TYPES, **options}
    for part in PARTS:
        context.update(CONTEXTS[part](pair, user, plan, **wanted))
    context["change_counter"] = pair.change_counter
    return context


def render_page(pair, user, **options):
    """The check-ins page, with options such as an add form holding errors."""
    pair, membership = member_pair_or_404(pair.id)
    return render_template("checkins/page.html", **page_context(pair, membership, user, **options))


def render_changes(pair, user, changed_parts, layout_changed=False, keep=()):
    """The check-ins' share of a live-update answer: the changed parts, out of band."""
    fresh = [part for part in PARTS if part in changed_parts and part not in keep]
    return "".join(render_part(pair, user, part, oob=True) for part in fresh)
