"""The whole-pair pages' share of `make bench` (issue 12): the print view and its PDF, a share
link, the calendar download and feed, and the export file, on the bench's large pair.

`bench/__main__.py` calls `seed_links` after seeding its pair and its checklist, and appends
`rows(...)` to its table. tests/{sharing,printout,calendar,export}/test_*_queries.py prove
each of these runs as many queries on a large pair as on a small one.
"""

from pairapp.calendar.data import create_link as create_calendar_link
from pairapp.db import db
from pairapp.models import Membership, Pair, User
from pairapp.sharing.data import create_link as create_share_link
from pairapp.sharing.models import PARTS

# A PDF of the large pair takes seconds: fewer rounds, and one warm-up.
PDF_ROUNDS = 5
PDF_WARMUP = 1


def seed_links(app, pair_id, email):
    """A share link showing every part and this member's calendar link: (share, feed) tokens."""
    with app.app_context():
        db.connect(reuse_if_open=True)
        pair = Pair.get_by_id(pair_id)
        user = User.get(User.email == email)
        _link, share = create_share_link(pair, user, "Dr Rivera", list(PARTS), None)
        membership = Membership.get((Membership.pair == pair_id) & (Membership.user == user.id))
        _link, feed = create_calendar_link(membership)
        db.close()
        return share, feed


def rows(pair_id, share, feed):
    """(label, method, url, kwargs) of the whole-pair requests, for the bench table."""
    base = f"/pairs/{pair_id}"
    pdf = {"rounds": PDF_ROUNDS, "warmup": PDF_WARMUP}
    return [
        ("print view (whole pair)", "get", f"{base}/printout", {}),
        (f"print PDF ({PDF_ROUNDS} rounds)", "get", f"{base}/printout.pdf", pdf),
        ("share link (all parts)", "get", f"/shared/{share}", {}),
        ("calendar download (.ics)", "get", f"{base}/calendar.ics", {}),
        ("calendar feed (.ics)", "get", f"/calendar/{feed}.ics", {}),
        ("export file (.json)", "get", f"{base}/export.json", {}),
    ]
