"""A pair with something in every part, and private items of the protégé holding a sentinel.

Used by the tests of the pair's read-only document: share links, the print view, the PDF.
"""

import datetime

from pairapp.coaching.data import start_agreement, start_cycle
from pairapp.core.access import new_token
from pairapp.core.models import utcnow
from pairapp.models import CoachingText, Feedback, Goal, Note
from pairapp.sharing.models import ShareLink

SENTINEL = "SENTINEL-c41d"  # only ever in the protégé's private items
TODAY = datetime.date(2026, 11, 2)


def fill_pair(world):
    """Shared items in every part, plus the protégé's private goal, note and feedback."""
    mentor, protege = world.as_("mentor"), world.as_("protege")
    assert world.add("mentor", "goal", title="Shared goal to run a meeting").status_code == 303
    assert world.add("protege", "step", title="Shared step: book the room").status_code == 303
    assert world.add("protege", "goal", private=True, title=f"{SENTINEL} goal").status_code == 303
    assert world.add("protege", "note", private=True, text=f"{SENTINEL} note").status_code == 303
    private = {
        "new-feedback-about": "relationship",
        "new-feedback-to_change": f"{SENTINEL} feedback",
        "private": "yes",
    }
    assert protege.post(world.url("/feedback/new"), private).status_code == 303
    assert Goal.select().where(Goal.private_to.is_null(False)).count() == 1
    assert Note.select().where(Note.private_to.is_null(False)).count() == 1
    assert Feedback.select().where(Feedback.private_to.is_null(False)).count() == 1
    assert mentor.post(world.url("/checklist/start")).status_code == 303
    checkin = {
        "new-checkin-date": TODAY.isoformat(),
        "new-checkin-format": "online",
        "new-checkin-decisions": "Shared decision: meet fortnightly",
    }
    assert mentor.post(world.url("/checkin/new"), checkin).status_code == 303
    review = {
        "new-review-kind": "pilot",
        "new-review-date": TODAY.isoformat(),
        "new-review-achieved": "Shared review: the pilot went well",
    }
    assert mentor.post(world.url("/review/new"), review).status_code == 303
    start_agreement(world.pair, world.mentor.id)
    CoachingText.update(value="Shared coaching: observe questioning").where(
        CoachingText.cycle.is_null()
    ).execute()
    start_cycle(world.pair, world.mentor.id, world.mentor.id, world.protege.id)


def make_link(world, by="mentor", parts="plan,checklist,checkins,coaching", **fields):
    """A share link made directly in the database -> (link, token)."""
    token, token_hash = new_token()
    link = ShareLink.create(
        pair=world.pair.id,
        created_by=world.people[by].id,
        label=fields.pop("label", "Dr Rivera"),
        parts=parts,
        token_hash=token_hash,
        **fields,
    )
    return link, token


def expired_fields():
    """Fields of a link whose last day is past."""
    return {"expires_at": utcnow() - datetime.timedelta(seconds=1)}
