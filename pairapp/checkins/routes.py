"""The check-ins page: the log and its action steps, self-assessment, the cycle, nudges."""

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..core.access import member_pair_or_404
from ..core.htmx import is_partial
from ..core.once import create_once
from ..core.versioning import create, fetch, set_archived
from ..db import write_transaction
from ..plan import STEP
from . import nudges, views
from .data import rubric, source_key
from .forms import LONG, SelfAssessmentForm, StepForm
from .models import Review
from .units import ASSESSMENT, CHECKIN

bp = Blueprint("checkins", __name__, url_prefix="/pairs/<int:pair_id>/checkins")


def page_url(pair, unit=None):
    """The check-ins page."""
    return url_for("checkins.page", pair_id=pair.id)


def answer(pair, part, anchor="", status=200, **options):
    """After a change: the part (htmx), the page with errors, or 303 back to the page."""
    if is_partial():
        return views.render_part(pair, current_user, part, **options), status
    if status != 200:
        return views.render_page(pair, current_user, **options), status
    return redirect(page_url(pair) + anchor, code=303)


@bp.route("")
@login_required
def page(pair_id):
    """The check-in log, feedback, self-assessment and reviews."""
    pair, membership = member_pair_or_404(pair_id)
    context = views.page_context(pair, membership, current_user)
    return render_template("checkins/page.html", **context)


@bp.route("/<int:checkin_id>/steps", methods=["POST"])
@login_required
def add_step(pair_id, checkin_id):
    """An action step agreed in a check-in: it goes into the plan, linked back here."""
    pair, _membership = member_pair_or_404(pair_id)
    checkin = fetch(CHECKIN, pair, checkin_id, current_user.id) or abort(404)
    form = StepForm(prefix=f"checkin-{checkin.id}-step")
    if not form.validate_on_submit():
        return answer(pair, "log", status=422, step_errors={checkin.id: form})
    values = {
        "title": form.title.data.strip(),
        "responsible": form.responsible.data,
        "deadline": form.deadline.data,
        "source_key": source_key(checkin),
        "source_label": f"the check-in of {checkin.title}",
        "source_url": page_url(pair) + f"#u-checkin-{checkin.id}",
    }
    # A repeat (a double click) makes nothing and answers like the first: the log again.
    create_once(lambda: create(STEP, pair, current_user.id, values))
    return answer(pair, "log", f"#u-checkin-{checkin.id}")


def rated_rows(pair):
    """The scores and comments the self-assessment form sent, and the errors by row key."""
    rated, errors, typed = {}, {}, {}
    for key, _label, _unit in rubric(pair):
        score = request.form.get(f"score-{key}", "")
        comment = request.form.get(f"comment-{key}", "")
        typed[key] = (score, comment)
        if len(comment) > LONG.max:
            # Never cut what someone wrote: they shorten it, their text kept in the form.
            errors[f"comment-{key}"] = (
                f"Shorten this comment to {LONG.max:,} characters (it has {len(comment):,})."
            )
        if score in ("1", "2", "3", "4"):
            rated[key] = (int(score), comment)
        elif score:
            errors[key] = "Choose one of the four steps of the scale."
        elif comment.strip():
            errors[key] = "Choose where you are on the scale for this comment."
    return rated, errors, typed


def save_assessment(pair, form, rated):
    """One self-assessment: a row per rated line of the rubric, all or none."""
    with write_transaction():
        for key, (score, comment) in rated.items():
            values = {"row": key, "date": form.date.data, "score": score, "comment": comment}
            create(ASSESSMENT, pair, current_user.id, values, private=not form.share.data)


@bp.route("/assess", methods=["POST"])
@login_required
def assess(pair_id):
    """Rate myself against the pair's rubric before a session; shared or kept to myself."""
    pair, _membership = member_pair_or_404(pair_id)
    form = SelfAssessmentForm()
    valid = form.validate_on_submit()
    rated, errors, typed = rated_rows(pair)
    if not rated and not errors:
        errors["_"] = "Rate yourself on at least one row of the rubric."
    if not valid or errors:
        errors["_typed"] = typed
        return answer(pair, "assessment", status=422, assess_form=form, assess_errors=errors)
    # A repeat (a double click) makes nothing and answers like the first.
    create_once(lambda: save_assessment(pair, form, rated))
    return answer(pair, "assessment", "#part-assessment")


@bp.route("/close", methods=["POST"])
@login_required
def close(pair_id):
    """Close the cycle after the final review: the pair's content becomes a read-only archive."""
    pair, _membership = member_pair_or_404(pair_id)
    final = Review.select().where(
        (Review.pair == pair.id) & (Review.kind == "final") & Review.deleted_at.is_null()
    )
    if not final.exists():
        return answer(pair, "reviews", status=422, close_error=True)
    set_archived(pair.id, current_user.id, "checkins", archived=True)
    return redirect(url_for("pairs.home", pair_id=pair.id), code=303)


@bp.route("/reopen", methods=["POST"])
@login_required
def reopen(pair_id):
    """Reopen a closed cycle: either partner can."""
    pair, _membership = member_pair_or_404(pair_id)
    set_archived(pair.id, current_user.id, "checkins", archived=False)
    return redirect(url_for("pairs.home", pair_id=pair.id), code=303)


@bp.route("/nudges/<key>/dismiss", methods=["POST"])
@login_required
def dismiss(pair_id, key):
    """Put a nudge away, for me only (set to dismissed: repeating it changes nothing)."""
    pair, _membership = member_pair_or_404(pair_id)
    if len(key) > 100:
        abort(404)
    nudges.dismiss(pair, current_user, key)
    if is_partial():
        return render_template(
            "checkins/_nudges.html", pair=pair, nudges=nudges.for_person(pair, current_user)
        )
    return redirect(url_for("pairs.home", pair_id=pair.id) + "#nudges", code=303)
