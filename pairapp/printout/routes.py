"""The print view of the whole pair, and the same page as a PDF download."""

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from ..core.access import member_pair_or_404
from ..core.document import PRINT, document_context
from ..extensions import limiter
from .pdf import pdf_response

bp = Blueprint("printout", __name__)
# A large pair's PDF takes seconds to lay out (make bench): a few a minute per person is
# plenty for people, and keeps one person from tying up the server's threads.
PDF_LIMIT = "6 per minute"


def person_key():
    """Rate limits for the PDF count per logged-in person."""
    return f"pdf:{current_user.id}"


def printout_html(pair, pdf=False):
    """The print view of the pair as the current member may see it."""
    context = document_context(pair, current_user, PRINT)
    return render_template("printout/page.html", pdf=pdf, **context)


@bp.route("/pairs/<int:pair_id>/printout")
@login_required
def page(pair_id):
    """The whole pair as one read-only page, clean on A4 and Letter from the browser."""
    pair, _membership = member_pair_or_404(pair_id)
    return printout_html(pair)


@bp.route("/pairs/<int:pair_id>/printout.pdf")
@login_required
@limiter.limit(PDF_LIMIT, key_func=person_key)
def pdf(pair_id):
    """The same page as a PDF file to download."""
    pair, _membership = member_pair_or_404(pair_id)
    return pdf_response(printout_html(pair, pdf=True), request.host_url, pair.title)
