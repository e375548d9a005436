"""Issue 9 through the test client: the check-in log, feedback, self-assessment, reviews and
the closed cycle, nudges and the pair's home."""

import datetime
import re

import pytest
from conftest import HTMX_PARTIAL, plain, text

from pairapp.checkins.models import Assessment, CheckIn, Dismissal, Feedback, RubricRow
from pairapp.checkins.rhythm import rhythm_days
from pairapp.checkins.units import CHECKIN, REVIEW
from pairapp.coaching.data import start_cycle
from pairapp.core import Feature, register
from pairapp.core.versioning import create, save
from pairapp.models import ActionStep, Goal, Pair, PlanField, Revision
from pairapp.plan.units import FIELD, GOAL, STEP

TODAY = datetime.date.today()


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see conftest)."""
    return reused_app


def words(response):
    return " ".join(re.sub(r"<[^>]+>", " ", plain(response)).split())


def set_plan(world, key, value):
    field = world.field(key)
    assert save(FIELD, field, {"value": value}, field.version, world.mentor.id)[0]


def checkin_data(**values):
    data = {"new-checkin-date": TODAY.isoformat(), "new-checkin-format": "online"}
    data.update({f"new-checkin-{k}": v for k, v in values.items()})
    return data


# --- 1. the check-in log ----------------------------------------------------------------


def test_logging_a_check_in_with_and_without_htmx(plan_world):
    world = plan_world
    mentor = world.as_("mentor")
    assert mentor.get(world.url("/checkins")).status_code == 200
    response = mentor.post(
        world.url("/checkin/new"),
        checkin_data(challenges="Finding time", decisions="Meet on Fridays"),
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/checkins#u-checkin-1")
    page = words(mentor.get(world.url("/checkins")))
    assert "Finding time" in page and "Meet on Fridays" in page and "Online" in page
    response = mentor.post(world.url("/checkin/new"), checkin_data(notes="Second"), htmx=True)
    assert response.status_code == 200
    body = text(response)
    assert 'id="part-log"' in body and "<html" not in body and "Second" in body
    assert CheckIn.select().count() == 2


def test_a_check_in_with_bad_input_keeps_the_text(plan_world):
    world = plan_world
    mentor = world.as_("mentor")
    mentor.get(world.url("/checkins"))
    data = checkin_data(notes="Keep these words")
    data["new-checkin-date"] = "someday"
    for htmx in (False, True):
        response = mentor.post(world.url("/checkin/new"), data, htmx=htmx)
        assert response.status_code == 422
        assert "Keep these words" in plain(response)
    assert CheckIn.select().count() == 0


def test_strangers_get_404_and_missing_csrf_400(plan_world, db_dump):
    world = plan_world
    unit = create(CHECKIN, world.pair, world.mentor.id, {"date": TODAY})
    stranger = world.as_("stranger")
    stranger.get("/")
    before = db_dump()
    for url in ("/checkins", ""):
        assert stranger.get(world.url(url)).status_code == 404
    posts = {
        "/checkin/new": checkin_data(),
        f"/checkins/{unit.id}/steps": {f"checkin-{unit.id}-step-title": "X"},
        "/checkins/assess": {"date": TODAY.isoformat(), "score-goals": "2"},
        "/checkins/close": {},
        "/checkins/reopen": {},
        "/checkins/nudges/quiet-x/dismiss": {},
    }
    for path, data in posts.items():
        assert stranger.post(world.url(path), data).status_code == 404, path
        mentor = world.as_("mentor")
        mentor.get(world.url("/checkins"))
        assert mentor.post(world.url(path), data, csrf=False).status_code == 400, path
    assert db_dump() == before


@pytest.mark.parametrize(
    ("words_", "days"),
    [
        ("We meet every two weeks, online.", 14),
        ("weekly", 7),
        ("Monthly, in person", 30),
        ("every 3 weeks", 21),
        ("fortnightly calls", 14),
        ("when we can", None),
    ],
)
def test_the_meeting_rhythm_in_words(words_, days):
    assert rhythm_days(words_) == days


def test_the_next_date_follows_the_charters_meeting_rhythm(plan_world):
    world = plan_world
    mentor = world.as_("mentor")
    page = plain(mentor.get(world.url("/checkins")))
    assert "Write your meeting rhythm in the plan's charter" in page
    set_plan(world, "meeting_rhythm", "Every two weeks, online")
    page = plain(mentor.get(world.url("/checkins")))
    proposed = TODAY + datetime.timedelta(days=14)
    assert f'name="new-checkin-next_date" type="date" value="{proposed.isoformat()}"' in page


def test_an_action_step_from_a_check_in_goes_into_the_plan_linked_back(plan_world):
    world = plan_world
    unit = create(CHECKIN, world.pair, world.mentor.id, {"date": TODAY})
    mentor = world.as_("mentor")
    mentor.get(world.url("/checkins"))
    prefix = f"checkin-{unit.id}-step-"
    response = mentor.post(world.url(f"/checkins/{unit.id}/steps"), {prefix + "title": ""})
    assert response.status_code == 422
    data = {prefix + "title": "Shadow the Monday meeting", prefix + "responsible": "protege"}
    response = mentor.post(world.url(f"/checkins/{unit.id}/steps"), data)
    assert response.status_code == 303
    step = ActionStep.get(ActionStep.title == "Shadow the Monday meeting")
    assert step.source_key == f"checkin-{unit.id}"
    plan = plain(world.as_("protege").get(world.url("/plan")))
    link = (
        f'href="/pairs/{world.pair.id}/checkins#u-checkin-{unit.id}">the check-in of {unit.title}'
    )
    assert link in plan
    log = plain(mentor.get(world.url("/checkins")))
    assert f"/plan#u-step-{step.id}" in log
    assert Revision.get(Revision.kind == "step").feature == "plan"


# --- 2. feedback, and the private-feedback sentinel -------------------------------------

SECRET = "SENTINEL-c41d"


@pytest.fixture
def private_feedback(plan_world):
    world = plan_world
    protege = world.as_("protege")
    protege.get(world.url("/checkins"))
    shared = {"new-feedback-about": "partner", "new-feedback-helped": "Your questions"}
    assert protege.post(world.url("/feedback/new"), shared).status_code == 303
    private = {
        "new-feedback-about": "relationship",
        "new-feedback-to_change": f"{SECRET} I feel rushed",
        "private": "yes",
    }
    assert protege.post(world.url("/feedback/new"), private).status_code == 303
    unit = Feedback.get(Feedback.private_to.is_null(False))
    data = {
        f"feedback-{unit.id}-about": "relationship",
        f"feedback-{unit.id}-to_change": f"{SECRET} rushed, edited",
        f"feedback-{unit.id}-version": str(unit.version),
        f"feedback-{unit.id}-reason": f"{SECRET} why",
    }
    assert protege.post(world.unit_url("feedback", unit.id), data).status_code == 303
    return Feedback.get_by_id(unit.id)


def test_private_feedback_never_reaches_the_partner(plan_world, private_feedback):
    world = plan_world
    unit = private_feedback
    author = world.as_("protege")
    assert SECRET in text(author.get(world.url("/checkins")))
    assert SECRET in text(author.get(world.url("/history")))
    mentor = world.as_("mentor")
    gets = [
        world.url("/checkins"),
        world.url(""),
        world.url("/history"),
        world.url("/checkins/changes?since=0"),
        world.url(f"/checkins/changes?since=0&editing=feedback:{unit.id}:1"),
        "/",
    ]
    seen = []
    for url in gets:
        for headers in ({}, HTMX_PARTIAL):
            response = mentor.get(url, headers=headers)
            assert response.status_code < 500
            seen.append((url, response.status_code, SECRET in text(response)))
    assert [s for s in seen if s[2]] == []
    for action in ("", "/edit", "/history"):
        assert mentor.get(world.unit_url("feedback", unit.id, action)).status_code == 404
    # Counts: the mentor reads one feedback entry, the author two.
    assert "Feedback entries you can read 1" in words(mentor.get(world.url("")))
    assert "Feedback entries you can read 2" in words(author.get(world.url("")))
    # Its changes never stepped the shared counter: a poll from before them is quiet.
    assert Revision.select().where(Revision.private_to.is_null(False)).count() == 2


def test_only_the_author_edits_their_feedback(plan_world, private_feedback):
    world = plan_world
    shared = Feedback.get(Feedback.private_to.is_null())
    mentor = world.as_("mentor")
    page = text(mentor.get(world.url("/checkins")))
    assert "Your questions" in page
    assert world.unit_url("feedback", shared.id, "/edit") not in page
    data = {
        f"feedback-{shared.id}-helped": "Rewritten by Mo",
        f"feedback-{shared.id}-version": str(shared.version),
    }
    assert mentor.post(world.unit_url("feedback", shared.id), data).status_code == 403
    assert Feedback.get_by_id(shared.id).helped == "Your questions"
    empty = {"new-feedback-about": "partner"}
    response = mentor.post(world.url("/feedback/new"), empty, htmx=True)
    assert response.status_code == 422
    assert "Write what helped, what to change or a request." in plain(response)


# --- 3. self-assessment -------------------------------------------------------------------


def test_self_assessment_against_the_rubric_with_a_trend(plan_world):
    world = plan_world
    protege = world.as_("protege")
    protege.get(world.url("/checkins"))
    response = protege.post(world.url("/rubric_row/new"), {"new-rubric_row-title": "Listening"})
    assert response.status_code == 303
    row = f"row-{RubricRow.get().id}"
    bad = {"date": TODAY.isoformat(), "score-goals": "9", "comment-skills": "Typed comment"}
    response = protege.post(world.url("/checkins/assess"), bad, htmx=True)
    assert response.status_code == 422
    assert "Typed comment" in plain(response)
    first = {"date": "2026-10-01", "score-goals": "1", f"score-{row}": "2"}
    assert protege.post(world.url("/checkins/assess"), first).status_code == 303
    second = {"date": "2026-11-01", "score-goals": "3", "comment-goals": "Better", "share": "y"}
    assert protege.post(world.url("/checkins/assess"), second).status_code == 303
    assert Assessment.select().where(Assessment.private_to.is_null()).count() == 1
    page = plain(protege.get(world.url("/checkins")))
    assert '<svg id="trend-chart"' in page and "polyline" in page
    assert "Goals: 1 on 1 Oct 2026, 3 on 1 Nov 2026" in page
    assert "Listening: 2 on 1 Oct 2026" in page
    mentor_page = words(world.as_("mentor").get(world.url("/checkins")))
    assert "Ratings your partner shared" in mentor_page and "Better" in mentor_page
    assert "Listening: 2" not in mentor_page


# --- 4. reviews and the closed cycle ------------------------------------------------------


def test_reviews_show_due_dates_from_the_plan(plan_world):
    world = plan_world
    set_plan(world, "pilot_end", "2026-10-20")
    page = words(world.as_("mentor").get(world.url("/checkins")))
    assert "Pilot review , due 20 Oct 2026" in page
    assert "Mid-cycle review , due 2 Mar 2027" in page  # the plan's milestone: start + 182
    home = words(world.as_("mentor").get(world.url("")))
    assert "Pilot review: due 20 Oct 2026, still to write" in home


def timeline_part(world, who="mentor", **kwargs):
    """The plan page's timeline part, as this person sees it."""
    page = text(world.as_(who).get(world.url("/plan"), **kwargs))
    start = page.index('id="part-timeline"')
    return page[start : page.index("</section>", start)]


def test_reviews_are_on_the_plans_timeline_with_due_dates_and_status(plan_world):
    """Issue 9 line 4: the three reviews appear on the plan's timeline, read-only, each with
    its due date and status, linking to the review (or to where it is written)."""
    world = plan_world
    set_plan(world, "pilot_end", (TODAY - datetime.timedelta(days=3)).isoformat())
    before = timeline_part(world)
    assert 'aria-label="From the check-ins"' in before
    checkins = world.url("/checkins")
    pilot_due = f"{(TODAY - datetime.timedelta(days=3)).day}"
    assert f'<a href="{checkins}#part-reviews">Pilot review</a>, due' in before
    assert f">{pilot_due} " in before and "not written yet, and past its date" in before
    assert f'<a href="{checkins}#part-reviews">Mid-cycle review</a>, due' in before
    assert "2 Mar 2027</time>: still to come" in before  # the plan's milestone: start + 182
    assert f'<a href="{checkins}#part-reviews">Final review</a>, due' in before
    review = create(REVIEW, world.pair, world.protege.id, {"kind": "pilot", "date": TODAY})
    after = timeline_part(world)
    link = f'<a href="{checkins}#u-review-{review.id}">Pilot review</a>'
    assert link in after and f"written on {TODAY.day} {TODAY:%b %Y}" in after
    assert "past its date" not in after
    # Read-only on the plan: no form or edit link of a review there.
    assert "/review/" not in after
    # The timeline part alone (after a milestone is added) shows them too.
    milestone = world.add("mentor", "milestone", htmx=True, title="Visit", date="2026-12-01")
    assert milestone.status_code == 200 and link in text(milestone)


def test_the_plan_page_runs_the_same_queries_with_many_reviews(plan_world, queries):
    world = plan_world
    mentor = world.as_("mentor")
    _response, small = queries(lambda: mentor.get(world.url("/plan")))
    for i in range(30):
        kind = ("pilot", "mid", "final")[i % 3]
        day = TODAY - datetime.timedelta(days=i)
        create(REVIEW, world.pair, world.mentor.id, {"kind": kind, "date": day})
    response, large = queries(lambda: mentor.get(world.url("/plan")))
    assert response.status_code == 200 and "written on" in text(response)
    assert len(large) == len(small), (len(small), len(large))


def test_the_final_review_closes_the_cycle_and_either_partner_reopens(plan_world):
    world = plan_world
    mentor, protege = world.as_("mentor"), world.as_("protege")
    mentor.get(world.url("/checkins"))
    assert mentor.post(world.url("/checkins/close")).status_code == 422
    create(REVIEW, world.pair, world.mentor.id, {"kind": "final", "date": TODAY})
    assert "Close the cycle" in text(mentor.get(world.url("/checkins")))
    response = mentor.post(world.url("/checkins/close"))
    assert response.status_code == 303
    assert Pair.get_by_id(world.pair.id).archived_at is not None
    assert "This cycle is closed" in plain(protege.get(world.url("")))
    # Every write path refuses while archived: add, save, plan events.
    protege.get(world.url("/plan"))
    assert world.add("protege", "goal", title="Too late").status_code == 403
    field = world.field("roles")
    assert world.save("protege", "field", field, value="Late").status_code == 403
    assert protege.post(world.url("/plan/sign"), {"name": "Pat"}).status_code == 403
    assert Goal.select().count() == 0
    assert "closed the cycle" in words(protege.get(world.url("/history")))
    assert protege.post(world.url("/checkins/reopen")).status_code == 303
    assert Pair.get_by_id(world.pair.id).archived_at is None
    assert world.add("protege", "goal", title="Back to work").status_code == 303
    assert "reopened the cycle" in words(mentor.get(world.url("/history")))


# --- 5. the home -------------------------------------------------------------------------


def test_the_home_is_progress_at_a_glance(plan_world):
    world = plan_world
    create(GOAL, world.pair, world.mentor.id, {"title": "Run a meeting", "status": "in_progress"})
    create(CHECKIN, world.pair, world.mentor.id, {"date": TODAY, "next_date": TODAY})
    late = TODAY - datetime.timedelta(days=3)
    create(STEP, world.pair, world.mentor.id, {"title": "Read the guide", "deadline": late})
    page = words(world.as_("protege").get(world.url("")))
    for expected in (
        "Progress at a glance",
        f"Last check-in {TODAY.day} {TODAY:%b %Y}",
        "Overdue action steps 1",
        "Read the guide",
        "Last activity Today",
        "What is due next",
        "Goals by status: not started 0, in progress 1",
        "Members and invite links",
    ):
        assert expected in page, expected
    html = text(world.as_("protege").get(world.url("")))
    assert html.count('<svg id="') == 2 and 'role="img"' in html and "<title" in html
    assert "style=" not in html and "&lt;" not in html


def test_a_feature_with_a_home_section_shows_on_the_home(app, plan_world):
    """The seam for coaching (on another branch): a registered home_section appears."""
    section = "<p>2 cycles each way</p>"
    register(app, Feature(name="coaching-demo", home_section=lambda pair, user: section))
    try:
        assert section in text(plan_world.as_("mentor").get(plan_world.url("")))
    finally:
        app.extensions["pairapp.registry"].features.pop("coaching-demo")


def test_the_home_shows_this_months_checklist_counts(plan_world):
    world = plan_world
    Pair.update(start_date=TODAY).where(Pair.id == world.pair.id).execute()
    page = words(world.as_("mentor").get(world.url("")))
    assert "This month's checklist" in page and "Month 1" in page


def test_the_home_shows_observation_cycles_each_way(plan_world):
    world = plan_world
    start_cycle(world.pair, world.mentor.id, world.mentor.id, world.protege.id)
    page = words(world.as_("protege").get(world.url("")))
    assert "Observation cycles" in page
    assert "You observed Mentor Mo in 0 cycles; Mentor Mo observed you in 1." in page


def test_the_members_page_moved_and_is_linked(plan_world):
    page = text(plan_world.as_("mentor").get(plan_world.url("/members")))
    assert '<ul class="members">' in page


def test_the_home_runs_the_same_queries_small_and_large(plan_world, queries):
    world = plan_world
    mentor = world.as_("mentor")
    _response, small = queries(lambda: mentor.get(world.url("")))
    for i in range(30):
        day = TODAY - datetime.timedelta(days=i * 5)
        create(CHECKIN, world.pair, world.mentor.id, {"date": day, "next_date": TODAY})
        create(GOAL, world.pair, world.protege.id, {"title": f"G{i}"}, private=i % 2 == 0)
        create(STEP, world.pair, world.mentor.id, {"title": f"S{i}", "deadline": day})
        create(REVIEW, world.pair, world.mentor.id, {"kind": "pilot", "date": day})
        create(CHECKIN, world.pair, world.mentor.id, {"date": day})
        start_cycle(world.pair, world.mentor.id, world.mentor.id, world.protege.id)
    response, large = queries(lambda: mentor.get(world.url("")))
    assert response.status_code == 200
    assert len(large) == len(small), (len(small), len(large))


# --- 6. nudges ---------------------------------------------------------------------------


def test_nudges_show_to_the_pair_and_are_dismissed_per_person(plan_world, make_user, login):
    world = plan_world
    Pair.update(start_date=TODAY - datetime.timedelta(days=60)).where(
        Pair.id == world.pair.id
    ).execute()
    late = TODAY - datetime.timedelta(days=2)
    create(STEP, world.pair, world.mentor.id, {"title": "Book the room", "deadline": late})
    mentor, protege = world.as_("mentor"), world.as_("protege")
    page = words(mentor.get(world.url("")))
    assert "No check-in has been logged since you started" in page
    assert "Action step “Book the room” is past its deadline" in page
    assert "The pilot review was due on" in page
    key = f"quiet-{(TODAY - datetime.timedelta(days=60)).isoformat()}"
    url = world.url(f"/checkins/nudges/{key}/dismiss")
    response = mentor.post(url, htmx=True)
    assert response.status_code == 200 and "No check-in has been logged" not in text(response)
    assert mentor.post(url).status_code == 303  # again: nothing changes
    assert Dismissal.select().count() == 1
    assert "No check-in has been logged" not in words(mentor.get(world.url("")))
    assert "No check-in has been logged" in words(protege.get(world.url("")))
    assert not Revision.select().where(Revision.kind == "nudge").exists()
    admin = make_user("Admin Ada", is_admin=True)
    as_admin = login(admin)
    assert as_admin.get(world.url("")).status_code == 404
    assert "No check-in" not in words(as_admin.get("/"))


def test_a_feature_with_nudges_shows_them_beside_the_check_ins_own(app, plan_world):
    """The seam coaching uses (Feature.nudges): its nudges show on the home and are put away
    per person by the same dismiss route."""
    nudge = ("demo-visit", "Plan the next visit.")
    register(app, Feature(name="nudges-demo", nudges=lambda pair, user: [nudge]))
    try:
        world = plan_world
        assert "Plan the next visit." in words(world.as_("mentor").get(world.url("")))
        url = world.url("/checkins/nudges/demo-visit/dismiss")
        assert world.as_("mentor").post(url).status_code == 303
        assert "Plan the next visit." not in words(world.as_("mentor").get(world.url("")))
        assert "Plan the next visit." in words(world.as_("protege").get(world.url("")))
    finally:
        app.extensions["pairapp.registry"].features.pop("nudges-demo")


# --- 7. live updates ---------------------------------------------------------------------


def test_a_partners_check_in_arrives_by_the_poll(plan_world):
    world = plan_world
    since = Pair.get_by_id(world.pair.id).change_counter
    url = world.url(f"/checkins/changes?since={since}")
    mentor = world.as_("mentor")
    assert mentor.get(url, headers=HTMX_PARTIAL).status_code == 204
    create(CHECKIN, world.pair, world.protege.id, {"date": TODAY, "notes": "Pat's notes"})
    body = text(mentor.get(url, headers=HTMX_PARTIAL))
    assert 'id="part-log" class="part"' in body and "data-hx-swap-oob" in body
    assert "Pat&#39;s notes" in body
    assert PlanField.select().count() > 0
