"""Issue 12 line 5: deleting an account removes the person's data, ends their sessions and
links, and leaves the pair's shared content with the partner, by "a former member"."""

import pytest
from conftest import PASSWORD, plain, text
from rich_pair import SENTINELS, enrich, export_app  # noqa: F401 (fixture)

from pairapp.admin.models import AccountLink, AuditEntry
from pairapp.calendar.data import create_link
from pairapp.calendar.models import CalendarLink
from pairapp.checkins.models import Dismissal, Feedback
from pairapp.coaching.models import CoachingText, Cycle, NextStep
from pairapp.core.access import new_token
from pairapp.core.models import Membership, User, utcnow
from pairapp.models import Goal, Note, Revision, Signature
from pairapp.pairs.models import Invite


@pytest.fixture
def gone(plan_world, app, make_invite, db_dump):
    """The rich pair after the protégé deleted their account (with a second browser open)."""
    with app.test_request_context():
        enrich(plan_world)
    pat = plan_world.protege
    Signature.create(pair=plan_world.pair, user=pat, name="Pat Protégé")
    Dismissal.create(pair=plan_world.pair, user=pat, key="checkins-overdue")
    invite, _token = make_invite(plan_world.pair, "colleague", by=pat)
    _token, token_hash = new_token()
    AccountLink.create(
        kind="reset", user=pat, token_hash=token_hash, expires_at=utcnow(), created_by=None
    )
    signup = dict(kind="signup", email=pat.email, expires_at=utcnow(), used_at=utcnow())
    AccountLink.create(token_hash=new_token()[1], **signup)
    AuditEntry.create(
        actor=None,
        actor_name="command line",
        action="signup-link-created",
        detail=f"Created a sign-up link for {pat.email}.",
    )
    AuditEntry.create(
        actor=pat, actor_name=pat.display_name, action="signup-mode", detail="Set sign-up to: open"
    )
    membership = Membership.get((Membership.pair == plan_world.pair) & (Membership.user == pat))
    _link, plan_world.calendar_token = create_link(membership)
    feed = f"/calendar/{plan_world.calendar_token}.ics"
    assert plan_world.as_("mentor").get(feed).status_code == 200  # works until the deletion
    other_browser = plan_world.new_session("protege")
    assert other_browser.get(plan_world.url("/plan")).status_code == 200
    session = plan_world.as_("protege")
    session.get("/account")
    response = session.post("/account/delete", {"confirm_password": PASSWORD})
    assert response.status_code == 303
    plan_world.other_browser = other_browser
    plan_world.invite = invite
    plan_world.dump = db_dump()
    return plan_world


def test_the_persons_data_is_removed(gone):
    pat = gone.protege
    assert User.get_or_none(User.id == pat.id) is None
    assert pat.email not in gone.dump
    assert pat.display_name not in gone.dump
    for sentinel in SENTINELS:  # their private items and the history of them
        assert sentinel not in gone.dump
    assert not Signature.select().where(Signature.user == pat.id).exists()
    assert not Dismissal.select().where(Dismissal.user == pat.id).exists()
    assert not Revision.select().where(Revision.private_to == pat.id).exists()


def test_every_session_and_link_of_the_person_ends(gone):
    response = gone.other_browser.get(gone.url("/plan"))
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert Invite.get_by_id(gone.invite.id).status() == "revoked"
    assert not AccountLink.select().where(AccountLink.user == gone.protege.id).exists()
    assert not AccountLink.select().where(AccountLink.email == gone.protege.email).exists()
    assert not CalendarLink.select().where(CalendarLink.created_by == gone.protege.id).exists()
    assert gone.as_("mentor").get(f"/calendar/{gone.calendar_token}.ics").status_code == 404


def test_the_audit_log_keeps_what_admins_did_without_the_person(gone):
    entries = list(AuditEntry.select().order_by(AuditEntry.id))
    assert [e.detail for e in entries] == [
        "Created a sign-up link for an account since deleted.",
        "Set sign-up to: open",
    ]
    assert entries[1].actor_name == "a former admin"


def test_shared_content_stays_with_the_partner(gone):
    pair = gone.pair
    assert Goal.get((Goal.pair == pair.id) & (Goal.title == "Run a team meeting"))
    assert Note.get((Note.pair == pair.id) & (Note.text == "A note for both"))
    feedback = Feedback.get(
        (Feedback.pair == pair.id) & (Feedback.helped == "Your questions helped")
    )
    assert feedback.created_by_id is None
    cycles = Cycle.select().where(Cycle.pair == pair.id).order_by(Cycle.id)
    assert [(c.observer_id, c.observed_id) for c in cycles] == [
        (gone.mentor.id, None),
        (None, gone.mentor.id),
    ]
    assert NextStep.select().where(NextStep.pair == pair.id).count() == 2


def words(response):
    assert response.status_code == 200, text(response)
    return " ".join(plain(response).split())


def test_every_page_names_them_a_former_member(gone):
    mentor = gone.as_("mentor")
    cycles = list(Cycle.select().where(Cycle.pair == gone.pair.id).order_by(Cycle.id))
    assert "You observe a former member" in words(mentor.get(gone.url("/coaching")))
    there = words(mentor.get(gone.url(f"/coaching/cycles/{cycles[0].id}")))
    assert "For a former member" in there
    back = words(mentor.get(gone.url(f"/coaching/cycles/{cycles[1].id}")))
    assert "a former member observes you" in back
    checkins = words(mentor.get(gone.url("/checkins")))
    assert "From a former member" in checkins
    assert "shared by a former member" in checkins
    history = words(mentor.get(gone.url("/history")))
    assert "A former member" in history
    members = words(mentor.get(gone.url("/members")))
    assert "A former member <small>(no longer has an account;" in members
    for path in ("/plan", "/checklist", ""):
        words(mentor.get(gone.url(path)))


def test_the_calendar_names_them_a_former_member(gone):
    cycle = Cycle.select().where(Cycle.pair == gone.pair.id).order_by(Cycle.id).first()
    CoachingText.update(value="2026-10-20").where(
        (CoachingText.cycle == cycle.id) & (CoachingText.key == "obs_date")
    ).execute()
    response = gone.as_("mentor").get(gone.url("/calendar.ics"))
    assert response.status_code == 200
    unfolded = text(response).replace("\r\n ", "")
    assert "Observation: Mentor Mo observes a former member" in unfolded


def test_a_former_member_who_wrote_nothing_is_not_listed(plan_world):
    session = plan_world.as_("protege")
    session.get("/account")
    assert session.post("/account/delete", {"confirm_password": PASSWORD}).status_code == 303
    assert Revision.select().where(Revision.action == "leave").exists()
    members = words(plan_world.as_("mentor").get(plan_world.url("/members")))
    assert "former member" not in members


def test_deleting_needs_the_csrf_token(plan_world):
    session = plan_world.as_("protege")
    response = session.post("/account/delete", {"confirm_password": PASSWORD}, csrf=False)
    assert response.status_code == 400
    assert User.get_or_none(User.id == plan_world.protege.id) is not None
