"""The check-ins' part of an export file: check-ins, feedback, the pair's rubric rows,
self-assessments and reviews (dismissed reminders are personal: "Download my data")."""

from ..core.portable import BadFile, written_by
from .data import source_key
from .models import STANDARD_ROWS, Assessment, CheckIn, Dismissal, Feedback, Review, RubricRow
from .routes import page_url

CHECKIN_FIELDS = (
    "date",
    "format",
    "progress_review",
    "challenges",
    "plan_adjustment",
    "own_items",
    "notes",
    "decisions",
    "next_date",
)
# list in the file -> (model, reference kind, fields), in the order they are written
LISTS = {
    "checkins": (CheckIn, "checkin", CHECKIN_FIELDS),
    "feedback": (Feedback, "feedback", ("about", "helped", "to_change", "request")),
    "rubric_rows": (RubricRow, "rubric_row", ("title",)),
    "reviews": (Review, "review", ("kind", "date", "achieved", "carries_on")),
}
ASSESSMENT_FIELDS = ("date", "score", "comment")
STANDARD_KEYS = {key for key, _label in STANDARD_ROWS}


def export_checkins(context):
    """Everything the check-ins page shows the viewer."""
    data = {}
    for name, (model, kind, fields) in LISTS.items():
        data[name] = []
        for unit, row in context.units(model, kind, fields):
            if model is CheckIn:
                context.source_refs[source_key(unit)] = row["ref"]
            data[name].append(row)
    own_rows = {
        f"row-{unit_id}": ref
        for (kind, unit_id), ref in context.refs.items()
        if kind == "rubric_row"
    }
    # A rating of a row the pair removed is gone from the page, and so from the file.
    rated = ~Assessment.row.startswith("row-") | Assessment.row.in_(list(own_rows))
    data["assessments"] = []
    for unit, row in context.units(Assessment, "assessment", ASSESSMENT_FIELDS, where=rated):
        row["row"] = own_rows.get(unit.row, unit.row)
        data["assessments"].append(row)
    return data


def import_checkins(context, data):
    """Create the check-ins' rows in the new pair."""
    for name, (model, _kind, fields) in LISTS.items():
        made = context.create(model, data[name], fields)
        if model is CheckIn:
            for checkin, row in zip(made, data[name], strict=True):
                context.sources[row["ref"]] = (
                    source_key(checkin),
                    f"the check-in of {checkin.title}",
                    page_url(context.pair) + f"#u-checkin-{checkin.id}",
                )
    context.create(
        Assessment, data["assessments"], ASSESSMENT_FIELDS, row=lambda row: rubric_key(context, row)
    )


def rubric_key(context, row):
    """The stored rubric row an assessment of the file rates."""
    if row["row"] in STANDARD_KEYS:
        return row["row"]
    if row["row"] not in context.ids:
        raise BadFile(f"An assessment rates “{row['row']}”, a rubric row the file does not hold.")
    return f"row-{context.new_id(row['row'])}"


def personal_data(user):
    """What this person wrote here, and the reminders they put away."""
    lists = {**LISTS, "assessments": (Assessment, "assessment", ("row", *ASSESSMENT_FIELDS))}
    data = {
        f"checkins_{name}": written_by(model, user.id, fields)
        for name, (model, _kind, fields) in lists.items()
    }
    data["dismissed_reminders"] = [
        {"pair_id": d.pair_id, "key": d.key, "dismissed_at": d.dismissed_at.isoformat() + "Z"}
        for d in Dismissal.select().where(Dismissal.user == user.id).order_by(Dismissal.id)
    ]
    return data
