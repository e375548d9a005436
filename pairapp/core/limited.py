"""The answer to a rate-limited request: when to try again, and the right way back."""

import math
import time

from flask import request, url_for
from flask_login import current_user

from ..extensions import limiter
from .htmx import error_page
from .logs import auth_event, logged_path

# The pages a limited form lives on, as the link back to them reads.
BACK_TO = {
    "accounts.login": "Back to log in",
    "accounts.signup": "Back to sign up",
    "pairs.join": "Back to the invitation",
}
FALLBACK_SECONDS = 15 * 60  # the longest window a limit here counts over (log-in failures)


def refused(response):
    """Only refused attempts count (a link that does not work, a form sent back)."""
    return 400 <= response.status_code < 500


def retry_after():
    """Seconds until the breached limit lets this visitor try again (at least 1)."""
    breached = limiter.current_limit
    if breached is None:
        return FALLBACK_SECONDS
    reset_at = breached.window[0]  # epoch seconds (RequestLimit.reset_at adds a second)
    return max(1, math.ceil(reset_at - time.time()))


def in_words(seconds):
    """A wait as people say it: "1 minute", "15 minutes", "2 hours"."""
    # Rounded, not up: a 15-minute window is "15 minutes", not "16" a moment later.
    minutes = max(1, round(seconds / 60))
    if minutes < 90:
        return "1 minute" if minutes == 1 else f"{minutes} minutes"
    return f"{round(minutes / 60)} hours"


def way_back():
    """My pairs for someone logged in; else the page the limited form is on, or log in."""
    if current_user.is_authenticated:
        return url_for("pairs.dashboard"), "Go to My pairs"
    rule = request.url_rule
    if rule is not None and "GET" in rule.methods:
        # The same address shows the form again (with its ?next= kept).
        return request.full_path.rstrip("?"), BACK_TO.get(request.endpoint, "Back to the page")
    return url_for("accounts.login"), "Back to log in"


def too_many():
    """The 429 page (or htmx notice), with Retry-After and a way back for who is asking."""
    seconds = retry_after()
    auth_event("rate-limited", path=logged_path(), address=request.remote_addr)
    return error_page(
        429,
        "Too many attempts",
        f"For your safety, this is paused for now. Please try again in {in_words(seconds)}.",
        back=way_back(),
        headers={"Retry-After": str(seconds)},
    )
