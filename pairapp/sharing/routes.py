"""Share links: members make, list and revoke them; anyone with one reads the pair."""

from flask import Blueprint, render_template, request, session, url_for
from flask_login import current_user, login_required

from ..core.access import member_pair_or_404
from ..core.document import SHARE, document_context
from ..core.htmx import done, is_partial, render
from ..core.limited import in_words, refused, retry_after
from ..core.logs import auth_event, logged_path
from ..core.models import utcnow
from ..extensions import limiter
from .data import create_link, links_of, open_link, record_opened, revoke
from .forms import ShareLinkForm
from .models import PARTS

bp = Blueprint("sharing", __name__)

OPEN_LIMIT = "120 per 15 minutes"  # a supervisor reading and re-reading never meets it
GUESS_LIMIT = "20 per 15 minutes"  # only links that do not work count: guessing stops soon

# The share view loads only our own stylesheet: no script, no other origin.
SHARED_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'none'"
)
SHARED_HEADERS = {
    "Content-Security-Policy": SHARED_CSP,
    "X-Robots-Tag": "noindex",
    "Cache-Control": "no-store",
    "Referrer-Policy": "same-origin",
}


def page_context(pair, form=None, new_link=None):
    """The sharing page and its links fragment."""
    return {
        "pair": pair,
        "form": form or ShareLinkForm(formdata=None),
        "links": links_of(pair),
        "parts": PARTS,
        "new_link": new_link,
        "now": utcnow(),
    }


@bp.route("/pairs/<int:pair_id>/sharing")
@login_required
def page(pair_id):
    """Make a read-only link, and the pair's links with when each was last opened."""
    pair, _membership = member_pair_or_404(pair_id)
    new_link = session.pop("new_share_link", None)
    return render_template("sharing/page.html", **page_context(pair, new_link=new_link))


@bp.route("/pairs/<int:pair_id>/sharing", methods=["POST"])
@login_required
def create(pair_id):
    """Make a link; its token is shown once and stored hashed."""
    pair, _membership = member_pair_or_404(pair_id)
    form = ShareLinkForm()
    if not form.validate_on_submit():
        return render("sharing/page.html", "sharing/_manage.html", 422, **page_context(pair, form))
    link, token = create_link(
        pair, current_user, form.label.data, form.chosen_parts(), form.expires.data
    )
    auth_event("link-created", kind="share", link=link.id, by=current_user.id)
    address = url_for("sharing.shared", token=token, _external=True)
    if not is_partial():
        # Without JavaScript the page after the redirect shows it, once.
        session["new_share_link"] = address
    context = page_context(pair, new_link=address)
    return done(url_for("sharing.page", pair_id=pair.id), "sharing/_manage.html", **context)


@bp.route("/pairs/<int:pair_id>/sharing/<int:link_id>/revoke", methods=["POST"])
@login_required
def revoke_link(pair_id, link_id):
    """Revoke a link: from now on it answers 404."""
    pair, _membership = member_pair_or_404(pair_id)
    if revoke(pair, link_id):
        auth_event("link-revoked", kind="share", link=link_id, by=current_user.id)
    session.pop("new_share_link", None)
    return done(
        url_for("sharing.page", pair_id=pair.id), "sharing/_manage.html", **page_context(pair)
    )


@bp.route("/shared/<token>")
@limiter.limit(OPEN_LIMIT)
@limiter.limit(GUESS_LIMIT, deduct_when=refused)
def shared(token):
    """The pair's chosen parts, read-only, to anyone holding the link; 404 once it is not open."""
    link = open_link(token)
    if link is None:
        return render_template("sharing/gone.html"), 404, SHARED_HEADERS
    record_opened(link)
    context = document_context(link.pair, None, SHARE, link.part_keys)
    return render_template("sharing/view.html", **context), SHARED_HEADERS


@bp.errorhandler(429)
def too_many(_error):
    """Past the rate limit: the same script-free page and headers as the view itself."""
    auth_event("rate-limited", path=logged_path(), address=request.remote_addr)
    seconds = retry_after()
    html = render_template("sharing/gone.html", wait=in_words(seconds))
    return html, 429, {**SHARED_HEADERS, "Retry-After": str(seconds)}
