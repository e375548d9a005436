"""One-time keys: every create form carries one; a repeat of a form makes nothing new."""

import datetime

import pytest
from conftest import HTMX_PARTIAL, PASSWORD, text
from form_fields import form_fields

from pairapp.admin.data import create_link
from pairapp.admin.models import AccountLink
from pairapp.checkins.models import Assessment, CheckIn, Feedback, Review, RubricRow
from pairapp.checkins.units import CHECKIN
from pairapp.checklist import start_checklist
from pairapp.checklist.models import ChecklistItem
from pairapp.coaching.data import start_agreement, start_cycle
from pairapp.coaching.models import CoachingGoal, Cycle, NextStep, ObservationNote, Tally
from pairapp.core.models import Pair, User, utcnow
from pairapp.core.once import KEEP_FOR, OnceKey
from pairapp.core.versioning import create
from pairapp.models import ActionStep, GlossaryTerm, Goal, Milestone, Note, Signature
from pairapp.pairs.models import Invite

TODAY = datetime.date.today().isoformat()


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see conftest)."""
    return reused_app


def a_checkin(w):
    return create(CHECKIN, w.pair, w.mentor.id, {"date": datetime.date.today()})


def a_cycle(w):
    return start_cycle(w.pair, w.mentor.id, w.mentor.id, w.protege.id)


def the_agreement(w):
    start_agreement(w.pair, w.mentor.id)


# name: (setup(world) -> value or None, page, action, values typed, table that grows)
# page and action may use {x}: what setup returned (a cycle, a check-in).
CREATES = {
    "goal": (None, "/plan", "/goal/new", {"new-goal-title": "Speak up"}, Goal),
    "step": (None, "/plan", "/step/new", {"new-step-title": "Draft it"}, ActionStep),
    "milestone": (
        None,
        "/plan",
        "/milestone/new",
        {"new-milestone-title": "Dry run", "new-milestone-date": "2026-11-03"},
        Milestone,
    ),
    "term": (
        None,
        "/plan",
        "/term/new",
        {"new-term-term": "Pilot", "new-term-definition": "Six weeks"},
        GlossaryTerm,
    ),
    "note": (None, "/plan", "/note/new", {"new-note-text": "Bring it"}, Note),
    "checklist item": (
        lambda w: start_checklist(w.pair),
        "/checklist",
        "/item/new",
        {"new-item-title": "Our own item"},
        ChecklistItem,
    ),
    "check-in": (
        None,
        "/checkins",
        "/checkin/new",
        {"new-checkin-date": TODAY, "new-checkin-notes": "Fine"},
        CheckIn,
    ),
    "feedback": (
        None,
        "/checkins",
        "/feedback/new",
        {"new-feedback-helped": "The calm"},
        Feedback,
    ),
    "review": (None, "/checkins", "/review/new", {"new-review-date": TODAY}, Review),
    "rubric row": (
        None,
        "/checkins",
        "/rubric_row/new",
        {"new-rubric_row-title": "Tact"},
        RubricRow,
    ),
    "check-in step": (
        a_checkin,
        "/checkins",
        "/checkins/{x.id}/steps",
        {"checkin-{x.id}-step-title": "Call the team"},
        ActionStep,
    ),
    "self-assessment": (
        None,
        "/checkins",
        "/checkins/assess",
        {"date": TODAY, "score-goals": "3"},
        Assessment,
    ),
    "coaching cycle": (None, "/coaching", "/coaching/cycles", {}, Cycle),
    "coaching goal": (
        the_agreement,
        "/coaching",
        "/coaching_goal/new",
        {"new-coaching_goal-title": "Wait longer"},
        CoachingGoal,
    ),
    "observation note": (
        a_cycle,
        "/coaching/cycles/{x.id}",
        "/observation_note/new",
        {"new-observation_note-text": "Asked why"},
        ObservationNote,
    ),
    "tally": (
        a_cycle,
        "/coaching/cycles/{x.id}",
        "/tally/new",
        {"new-tally-name": "Open questions"},
        Tally,
    ),
    "next step": (
        a_cycle,
        "/coaching/cycles/{x.id}",
        "/next_step/new",
        {"new-next_step-text": "Try it"},
        NextStep,
    ),
    "invite link": (None, "/members", "/invites", {}, Invite),
    "plan signature": (None, "/plan", "/plan/sign", {"name": "Mentor Mo"}, Signature),
}


def relative(path, w, x):
    return path.format(x=x) if path.startswith("/pairs") else w.url(path.format(x=x))


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("name", list(CREATES))
def test_a_create_form_sent_twice_makes_one_item(plan_world, name, htmx):
    w = plan_world
    setup, page, action, typed, model = CREATES[name]
    x = setup(w) if setup else None
    mentor = w.as_("mentor")
    url = relative(action, w, x)
    html = text(mentor.get(relative(page, w, x)))
    data = form_fields(html, url)
    assert data.get("once"), "the form carries a one-time key"
    data.update({k.format(x=x): v for k, v in typed.items()})
    if name == "coaching cycle":
        data.update({"observer": str(w.mentor.id), "observed": str(w.protege.id)})
    before = model.select().count()
    headers = HTMX_PARTIAL if htmx else {}
    first = mentor.client.post(url, data=data, headers=headers)
    assert first.status_code in (200, 303), text(first)
    made = model.select().count()
    assert made > before
    second = mentor.client.post(url, data=data, headers=headers)
    assert model.select().count() == made, "the repeat made nothing"
    if htmx and name == "invite link":
        # The link is shown once by the first answer; the repeat leaves the page as it is.
        assert second.status_code == 204
    else:
        assert second.status_code == first.status_code
    if first.status_code == 303:
        assert second.headers["Location"] == first.headers["Location"]
    # A new key with the same text is a new item (a second goal of the same name is allowed).
    data["once"] = "another-key"
    mentor.client.post(url, data=data, headers=headers)
    assert model.select().count() > made


def test_an_added_item_repeat_answers_with_the_first_item(plan_world):
    w = plan_world
    mentor = w.as_("mentor")
    data = form_fields(text(mentor.get(w.url("/plan"))), w.url("/goal/new"))
    data["new-goal-title"] = "Lead the retro"
    first = text(mentor.client.post(w.url("/goal/new"), data=data, headers=HTMX_PARTIAL))
    second = text(mentor.client.post(w.url("/goal/new"), data=data, headers=HTMX_PARTIAL))
    (goal,) = Goal.select().where(Goal.title == "Lead the retro")
    assert f'id="u-goal-{goal.id}"' in first and f'id="u-goal-{goal.id}"' in second
    assert second.count("Lead the retro") == first.count("Lead the retro")


def test_a_stale_key_with_new_text_is_a_new_item(plan_world):
    """A form the Back button showed again keeps its old key: new text must not be lost."""
    w = plan_world
    mentor = w.as_("mentor")
    data = form_fields(text(mentor.get(w.url("/plan"))), w.url("/goal/new"))
    for title in ("First goal", "Second goal"):
        data["new-goal-title"] = title
        assert mentor.client.post(w.url("/goal/new"), data=data).status_code == 303
    assert Goal.select().where(Goal.title.in_(["First goal", "Second goal"])).count() == 2


def test_a_create_without_a_key_still_works(plan_world):
    """A hand-made request (a script, a page from before keys) is not refused."""
    w = plan_world
    for _ in range(2):
        response = w.add("mentor", "goal", title="No key")
        assert response.status_code == 303
    assert Goal.select().where(Goal.title == "No key").count() == 2


def test_an_invalid_repeat_records_nothing(plan_world):
    w = plan_world
    mentor = w.as_("mentor")
    data = form_fields(text(mentor.get(w.url("/plan"))), w.url("/goal/new"))
    data["new-goal-title"] = "   "
    assert mentor.client.post(w.url("/goal/new"), data=data).status_code == 422
    assert OnceKey.select().count() == 0
    data["new-goal-title"] = "Now with words"
    assert mentor.client.post(w.url("/goal/new"), data=data).status_code == 303
    assert Goal.select().where(Goal.title == "Now with words").count() == 1


def test_someone_elses_key_is_refused(plan_world):
    w = plan_world
    mentor, protege = w.as_("mentor"), w.as_("protege")
    data = form_fields(text(mentor.get(w.url("/plan"))), w.url("/goal/new"))
    data["new-goal-title"] = "Mine"
    assert mentor.client.post(w.url("/goal/new"), data=data).status_code == 303
    data["csrf_token"] = protege.token
    assert protege.client.post(w.url("/goal/new"), data=data).status_code == 400
    assert Goal.select().where(Goal.title == "Mine").count() == 1


def test_keys_older_than_a_day_are_purged(plan_world):
    w = plan_world
    OnceKey.create(digest="old", user=w.mentor.id, created_at=utcnow() - KEEP_FOR * 2)
    OnceKey.create(digest="new", user=w.mentor.id)
    w.add("mentor", "goal", title="x")  # no key: nothing recorded, nothing purged
    assert OnceKey.select().count() == 2
    mentor = w.as_("mentor")
    data = form_fields(text(mentor.get(w.url("/plan"))), w.url("/goal/new"))
    data["new-goal-title"] = "Keyed"
    mentor.client.post(w.url("/goal/new"), data=data)
    digests = {k.digest for k in OnceKey.select()}
    assert "old" not in digests and "new" in digests and len(digests) == 2


def test_a_get_writes_no_key(plan_world, db_dump):
    w = plan_world
    before = db_dump()
    w.as_("mentor").get(w.url("/plan"))
    assert db_dump() == before


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_a_new_pair_sent_twice_makes_one_pair(plan_world, htmx):
    w = plan_world
    mentor = w.as_("mentor")
    data = form_fields(text(mentor.get("/pairs/new")), "/pairs/new")
    data.update({"title": "Twice", "start_date": TODAY, "role": "mentor"})
    headers = HTMX_PARTIAL if htmx else {}
    first = mentor.client.post("/pairs/new", data=data, headers=headers)
    second = mentor.client.post("/pairs/new", data=data, headers=headers)
    assert first.status_code == second.status_code == 303
    assert second.headers["Location"] == first.headers["Location"]
    assert Pair.select().where(Pair.title == "Twice").count() == 1


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("kind", ["signup", "reset"])
def test_an_admin_link_sent_twice_makes_one_link(plan_world, kind, htmx):
    w = plan_world
    User.update(is_admin=True).where(User.id == w.mentor.id).execute()
    admin = w.as_("mentor")
    page = text(admin.get("/admin/accounts"))
    if kind == "signup":
        url = "/admin/accounts/signup-links"
        data = form_fields(page, url)
        data["email"] = "new@example.org"
    else:
        url = f"/admin/accounts/{w.protege.id}/reset-link"
        data = form_fields(page, url)
    headers = HTMX_PARTIAL if htmx else {}
    first = admin.client.post(url, data=data, headers=headers)
    assert first.status_code in (200, 303)
    second = admin.client.post(url, data=data, headers=headers)
    assert AccountLink.select().where(AccountLink.kind == kind).count() == 1
    assert second.status_code == (204 if htmx else 303)
    assert OnceKey.get().result == "", "a link's token is never kept in the clear"


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_a_sign_up_sent_twice_makes_one_account_and_logs_in(client, htmx):
    page = text(client.get("/signup"))
    data = form_fields(page, "/signup")
    data.update({"email": "twice@example.org", "display_name": "Twice Tam", "password": PASSWORD})
    headers = HTMX_PARTIAL if htmx else {}
    first = client.post("/signup", data=data, headers=headers)
    assert first.status_code == 303, text(first)
    other = client.application.test_client()  # the repeat comes without the first's cookie
    other.get("/signup")
    data["csrf_token"] = form_fields(text(other.get("/signup")), "/signup")["csrf_token"]
    second = other.post("/signup", data=data, headers=headers)
    assert second.status_code == 303, text(second)
    assert User.select().where(User.email == "twice@example.org").count() == 1
    assert other.get("/").status_code == 200, "the repeat logged in as the first did"
    # The same key with another password is no way in.
    third = client.application.test_client()
    third.get("/signup")
    data["csrf_token"] = form_fields(text(third.get("/signup")), "/signup")["csrf_token"]
    data["password"] = "another long password"
    assert third.post("/signup", data=data).status_code == 422
    assert third.get("/").status_code in (302, 303)


def test_a_welcome_link_sent_twice_makes_one_account_and_logs_in(plan_world, app):
    with app.test_request_context():
        token = create_link(plan_world.mentor, "signup", email="nell@example.org")
    url = f"/welcome/{token}"
    first_browser = app.test_client()
    data = form_fields(text(first_browser.get(url)), url)
    data.update({"display_name": "Nell New", "password": PASSWORD})
    assert first_browser.post(url, data=data).status_code == 303
    other = app.test_client()  # the repeat comes without the first's cookie
    data["csrf_token"] = form_fields(text(other.get("/login")), "/login")["csrf_token"]
    second = other.post(url, data=data)
    assert second.status_code == 303, text(second)
    assert User.select().where(User.email == "nell@example.org").count() == 1
    assert other.get("/").status_code == 200, "the repeat logged in as the first did"
    data["password"] = "another long password"
    third = app.test_client()
    data["csrf_token"] = form_fields(text(third.get("/login")), "/login")["csrf_token"]
    assert third.post(url, data=data).status_code == 404  # the link is used
