"""Export a pair as one JSON file, import such a file as a new pair, download my data."""

import re

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from ..core.access import member_pair_or_404
from ..core.models import ROLE_LABELS
from ..core.portable import BadFile
from . import files
from .forms import ImportForm

bp = Blueprint("export", __name__)


def download(data, filename):
    """A JSON attachment that no cache keeps (it holds private items)."""
    return Response(
        files.as_bytes(data),
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


def file_name(title):
    """A plain file name from the pair's title, e.g. pairapp-sam-and-alex.json."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "pair"
    return f"pairapp-{slug}.json"


@bp.route("/pairs/<int:pair_id>/export")
@login_required
def page(pair_id):
    """What the pair's file holds, and the link that downloads it."""
    pair, membership = member_pair_or_404(pair_id)
    return render_template("export/page.html", pair=pair, membership=membership)


@bp.route("/pairs/<int:pair_id>/export.json")
@login_required
def download_pair(pair_id):
    """The pair's file: shared content and the requester's own private items only."""
    pair, _membership = member_pair_or_404(pair_id)
    return download(files.export_pair(pair, current_user.id), file_name(pair.title))


def import_page(form, status=200, problem=None):
    """The import page, with the form and, after a refused file, why."""
    limit = files.size_words(files.MAX_BYTES)
    page = render_template("export/import.html", form=form, problem=problem, limit=limit)
    return page, status


@bp.route("/pairs/import", methods=["GET", "POST"])
@login_required
def import_file():
    """Upload a pair's file: it becomes a new pair with me as its member, or nothing at all."""
    form = ImportForm()
    if not form.validate_on_submit():
        return import_page(form, 422 if form.is_submitted() else 200)
    try:
        data = files.read_file(form.file.data.read(files.MAX_BYTES + 1))
        pair, role = files.import_pair(data, current_user.id)
    except BadFile as problem:
        return import_page(form, 422, str(problem))
    flash(
        f"“{pair.title}” is imported, with you as its {ROLE_LABELS[role]}. Invite your partner "
        "with a new link below."
    )
    return redirect(url_for("pairs.detail", pair_id=pair.id), code=303)


@bp.route("/account/data.json")
@login_required
def my_data():
    """Everything pairapp keeps about me, as one JSON file."""
    return download(files.personal_data(current_user), "pairapp-my-data.json")
