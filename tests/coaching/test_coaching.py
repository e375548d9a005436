"""Issue 8 with the test client: the agreement, cycles both ways, who writes what, balance."""

import datetime
import re

import pytest
from coaching_world import coaching_app, coaching_fixture  # noqa: F401 (fixtures)
from conftest import HTMX_PARTIAL, plain, text

from pairapp.coaching.models import CoachingGoal, Cycle, NextStep, ObservationNote, Tally
from pairapp.coaching.units import CYCLE, TEXT
from pairapp.core.models import Pair, Revision, User
from pairapp.core.versioning import save, set_value
from pairapp.plan.models import ActionStep, Goal


def words(response):
    """A page's text without tags, its white space folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", plain(response)).split())


def counter(world):
    return Pair.get_by_id(world.pair.id).change_counter


# --- 1. the agreement ------------------------------------------------------------------------


def test_the_agreement_starts_once_and_is_co_edited_with_history(coaching, plan_world):
    w = plan_world
    page = plain(coaching.page("mentor"))
    assert "Start the coaching agreement" in page
    for who in ("mentor", "protege"):  # a second start changes nothing
        assert w.as_(who).post(w.url("/coaching/agreement")).status_code == 303
    strategies = coaching.text("strategies")
    assert (
        w.save(
            "protege", "coaching_text", strategies, value="Wait time after questions"
        ).status_code
        == 303
    )
    frequency = coaching.text("frequency")
    assert w.save("mentor", "coaching_text", frequency, value="Every two weeks").status_code == 303
    page = plain(coaching.page("mentor"))
    assert "Wait time after questions" in page and "Every two weeks" in page
    for label in ("Where and when we confer", "When observation is not appropriate"):
        assert label in page
    history = words(w.as_("mentor").get(w.url("/history")))
    assert "started the coaching agreement" in history
    assert "Protege Pat changed “Strategies and skills to master”" in history


def test_a_stale_agreement_save_is_a_409_with_both_texts(coaching, plan_world):
    w = plan_world
    coaching.agreement()
    unit = coaching.text("conferring")
    assert w.save("protege", "coaching_text", unit, value="Library, Tuesdays").status_code == 303
    response = w.save("mentor", "coaching_text", unit, value="Staff room, Fridays")
    assert response.status_code == 409
    body = plain(response)
    assert "Library, Tuesdays" in body and "Staff room, Fridays" in body


def test_shared_goals_link_to_a_plan_goal_and_the_page_offers_at_most_two(coaching, plan_world):
    w = plan_world
    coaching.agreement()
    w.add("mentor", "goal", title="Ask better questions")
    goal = Goal.get(Goal.title == "Ask better questions")
    assert w.add("mentor", "coaching_goal", title="Wait time").status_code == 303
    shared = CoachingGoal.get(CoachingGoal.title == "Wait time")
    response = w.save("protege", "coaching_goal", shared, plan_goal=str(goal.id))
    assert response.status_code == 303
    page = plain(coaching.page("protege"))
    assert "Linked to the plan's goal" in page and "Ask better questions</a>" in page
    assert 'id="add-coaching_goal"' in page
    assert w.add("mentor", "coaching_goal", title="Feedback", htmx=True).status_code == 200
    assert 'id="add-coaching_goal"' not in plain(coaching.page("protege"))
    # Bad input keeps the text: a link to a goal nobody offered.
    response = w.save("protege", "coaching_goal", shared, title="Kept text", plan_goal="99999")
    assert response.status_code == 422 and "Kept text" in plain(response)


def test_the_server_refuses_a_third_shared_goal(coaching, plan_world):
    """The page stops offering the add form at two; a hand-made POST is refused by the core."""
    w = plan_world
    coaching.agreement()
    for title in ("Wait time", "Feedback"):
        assert w.add("mentor", "coaching_goal", title=title).status_code == 303
    before = (counter(w), Revision.select().count())
    for htmx in (False, True):
        response = w.add("protege", "coaching_goal", title="A third, by hand", htmx=htmx)
        assert response.status_code == 422
        body = plain(response)
        assert "There can be at most 2 shared goals: remove one to add another." in body
        assert 'value="A third, by hand"' in body  # the text is kept in the add form
    assert CoachingGoal.select().count() == 2
    assert (counter(w), Revision.select().count()) == before
    # Bringing a removed goal back into a full agreement is refused too; nothing changes.
    first = CoachingGoal.get(CoachingGoal.title == "Wait time")
    remove = w.as_("mentor").post(w.unit_url("coaching_goal", first.id, "/delete"))
    assert remove.status_code == 303
    assert w.add("protege", "coaching_goal", title="Observe questions").status_code == 303
    response = w.as_("mentor").post(w.unit_url("coaching_goal", first.id, "/undelete"))
    assert response.status_code == 422 and "at most 2 shared goals" in plain(response)
    assert CoachingGoal.select().where(CoachingGoal.deleted_at.is_null()).count() == 2


# --- 2, 3. cycles both ways, stages, the pre-observation conference -------------------------


@pytest.mark.parametrize(("observer", "observed"), [("mentor", "protege"), ("protege", "mentor")])
def test_a_cycle_runs_either_way_through_its_stages(coaching, plan_world, observer, observed):
    w = plan_world
    person = w.as_(observer)
    coaching.page(observer)
    data = {
        "new-cycle-observer": str(getattr(w, observer).id),
        "new-cycle-observed": str(getattr(w, observed).id),
    }
    response = person.post(w.url("/coaching/cycles"), data)
    assert response.status_code == 303
    cycle = Cycle.select().order_by(Cycle.id.desc()).get()
    assert response.headers["Location"].endswith(f"/coaching/cycles/{cycle.id}")
    name = getattr(w, observed).display_name
    assert f"You observe {name}" in plain(person.get(response.headers["Location"]))
    stage_url = w.url(f"/cycle/{cycle.id}/set/stage")
    for stage, label in (
        ("observed", "Observed"),
        ("debriefed", "Debriefed"),
        ("closed", "Closed"),
    ):
        assert w.as_(observed).post(stage_url, {"value": stage}, htmx=True).status_code == 200
        assert coaching.fresh(cycle).stage == stage
        cycle_page = plain(coaching.page(observer, f"/cycles/{cycle.id}"))
        assert f'aria-current="step">{label}<' in cycle_page
        assert f'stage-{stage}">{label}</span>' in plain(coaching.page(observer))
    assert w.as_(observer).post(stage_url, {"value": "closed"}).status_code == 303  # set-to-X


def test_a_new_cycle_needs_two_different_members(coaching, plan_world):
    w = plan_world
    coaching.page("mentor")
    same = {"new-cycle-observer": str(w.mentor.id), "new-cycle-observed": str(w.mentor.id)}
    response = w.as_("mentor").post(w.url("/coaching/cycles"), same)
    assert response.status_code == 422
    assert "Choose two different people" in plain(response)
    stranger = {"new-cycle-observer": str(w.mentor.id), "new-cycle-observed": str(w.stranger.id)}
    assert w.as_("mentor").post(w.url("/coaching/cycles"), stranger).status_code == 422
    assert not Cycle.select().exists()


def test_the_pre_observation_conference_has_every_part_and_checks_times(coaching, plan_world):
    w = plan_world
    cycle = coaching.cycle()
    page = plain(coaching.page("protege", f"/cycles/{cycle.id}"))
    for label in (
        "Focus",
        "Success indicators",
        "Data to collect, and how",
        "The observer's role",
        "Observation date",
        "Observation time",
        "Observation place",
        "Debrief date",
        "Debrief time",
        "Debrief place",
    ):
        assert f'<span class="field-label">{label}</span>' in page
    obs_time = coaching.text("obs_time", cycle)
    response = w.save("protege", "coaching_text", obs_time, value="half past ten")
    assert response.status_code == 422 and "half past ten" in plain(response)
    assert w.save("protege", "coaching_text", obs_time, value="10:30").status_code == 303
    obs_date = coaching.text("obs_date", cycle)
    assert w.save("mentor", "coaching_text", obs_date, value="2026-10-12").status_code == 303
    assert "12 Oct 2026" in plain(coaching.page("mentor", f"/cycles/{cycle.id}"))


# --- 4, 6. the observation: notes and tallies are the observer's ------------------------------


def test_the_observer_adds_time_stamped_notes_without_and_with_htmx(coaching, plan_world):
    w = plan_world
    cycle = coaching.cycle(observer="protege", observed="mentor")
    coaching.page("protege", f"/cycles/{cycle.id}")
    response = coaching.add(
        "protege", "observation_note", cycle, text="Asks 3 open questions", at="10:05"
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(
        f"/coaching/cycles/{cycle.id}#u-observation_note-1"
    )
    response = coaching.add("protege", "observation_note", cycle, htmx=True, text="Waits", at="")
    assert response.status_code == 200
    body = plain(response)
    assert f'id="cycle-{cycle.id}-obs"' in body and "<html" not in body
    note = ObservationNote.get(ObservationNote.text == "Waits")
    assert len(note.at) == 5 and note.at[2] == ":"  # an empty time is filled in with now
    # Bad input keeps the text; the time can be corrected.
    response = coaching.add(
        "protege", "observation_note", cycle, htmx=True, text="Kept", at="25:99"
    )
    assert response.status_code == 422 and "Kept" in plain(response)
    assert w.save("protege", "observation_note", note, at="10:07").status_code == 303
    assert ObservationNote.get_by_id(note.id).at == "10:07"


def test_the_observed_person_may_not_write_notes_or_tallies(coaching, plan_world):
    w = plan_world
    cycle = coaching.cycle(observer="mentor", observed="protege")
    coaching.page("protege", f"/cycles/{cycle.id}")
    before = counter(w)
    for htmx in (False, True):
        response = coaching.add(
            "protege", "observation_note", cycle, htmx=htmx, text="Mine", at="10:00"
        )
        assert response.status_code == 403
        assert "That is not yours to change" in plain(response)
        assert (
            coaching.add("protege", "tally", cycle, htmx=htmx, name="Questions").status_code == 403
        )
    assert not ObservationNote.select().exists() and not Tally.select().exists()
    note = ObservationNote.get_by_id(
        coaching.add("mentor", "observation_note", cycle, text="Mo's note", at="10:00") and 1
    )
    assert w.save("protege", "observation_note", note, text="Pat edits").status_code == 403
    assert ObservationNote.get_by_id(note.id).text == "Mo's note"
    assert counter(w) == before + 1  # only the mentor's note changed anything


def test_a_tally_counts_one_tap_at_a_time_and_only_for_the_observer(coaching, plan_world):
    w = plan_world
    cycle = coaching.cycle()
    coaching.page("mentor", f"/cycles/{cycle.id}")
    assert (
        coaching.add("mentor", "tally", cycle, htmx=True, name="Open questions").status_code == 200
    )
    tally = Tally.get(Tally.name == "Open questions")
    url = w.url(f"/tally/{tally.id}/set/count")
    for value in ("1", "2", "3", "2"):
        response = w.as_("mentor").post(url, {"value": value}, htmx=True)
        assert response.status_code == 200
    assert Tally.get_by_id(tally.id).count == 2
    assert 'value="3" class="tally-plus"' in text(response)
    coaching.page("protege", f"/cycles/{cycle.id}")
    assert w.as_("protege").post(url, {"value": "9"}).status_code == 403
    assert w.as_("mentor").post(url, {"value": "-1"}).status_code == 400
    assert Tally.get_by_id(tally.id).count == 2


def test_a_note_cannot_be_added_to_another_pairs_cycle(coaching, plan_world, make_pair):
    w = plan_world
    other = make_pair(title="Other", mentor=w.stranger)
    foreign = Cycle.create(pair=other.id, observer=w.stranger.id, observed=w.stranger.id)
    coaching.page("mentor")
    response = coaching.add("mentor", "observation_note", foreign, text="Sneaky", at="10:00")
    assert response.status_code == 403
    assert not ObservationNote.select().exists()


# --- 5, 6. the post-observation conference ------------------------------------------------


def test_only_the_observed_person_writes_the_reflection_and_both_write_the_rest(
    coaching, plan_world
):
    w = plan_world
    cycle = coaching.cycle(observer="mentor", observed="protege")
    reflection = coaching.text("reflection", cycle)
    page = plain(coaching.page("mentor", f"/cycles/{cycle.id}"))
    assert page.index("The observed person's own reflection") < page.index("What is working")
    assert f"/coaching_text/{reflection.id}/edit" not in page  # no Edit offered to the observer
    response = w.save("mentor", "coaching_text", reflection, value="Mo writes Pat's reflection")
    assert response.status_code == 403
    assert coaching.text("reflection", cycle).value == ""
    assert (
        w.save("protege", "coaching_text", reflection, value="I rushed the end").status_code == 303
    )
    for who, key in (("mentor", "working"), ("protege", "patterns"), ("mentor", "on_coaching")):
        assert (
            w.save(who, "coaching_text", coaching.text(key, cycle), value=f"{key} text").status_code
            == 303
        )
    history = words(w.as_("mentor").get(w.url("/history")))
    assert "Protege Pat changed “The observed person's own reflection”" in history


def test_a_long_next_step_becomes_a_step_whose_title_says_it_goes_on(coaching, plan_world):
    """A step's title holds 300 characters: the rest is not cut off but kept in its description."""
    w = plan_world
    cycle = coaching.cycle(observer="protege", observed="mentor")
    long_text = "Try think-pair-share in every lesson. " * 20  # 760 characters
    data = {"text": long_text, "for_user": str(w.mentor.id)}
    assert coaching.add("mentor", "next_step", cycle, **data).status_code == 303
    step = NextStep.get(NextStep.cycle == cycle.id)
    assert w.as_("mentor").post(w.url(f"/coaching/next-steps/{step.id}/plan")).status_code == 303
    (action,) = ActionStep.select().where(ActionStep.source_key == f"coaching-next-step-{step.id}")
    assert len(action.title) <= 300 and action.title.endswith("…")
    assert action.description == step.text


def test_a_next_step_becomes_a_plan_action_step_in_one_tap_linked_both_ways(coaching, plan_world):
    w = plan_world
    cycle = coaching.cycle(observer="protege", observed="mentor")
    coaching.page("mentor", f"/cycles/{cycle.id}")
    data = {"text": "Try think-pair-share", "for_user": str(w.mentor.id)}
    assert coaching.add("mentor", "next_step", cycle, **data).status_code == 303
    step = NextStep.get(NextStep.text == "Try think-pair-share")
    url = w.url(f"/coaching/next-steps/{step.id}/plan")
    response = w.as_("protege").post(url, htmx=True)
    assert response.status_code == 200
    assert "In the plan:" in plain(response)
    assert w.as_("mentor").post(url).status_code == 303  # once only
    (action,) = ActionStep.select().where(ActionStep.source_key == f"coaching-next-step-{step.id}")
    assert (action.title, action.responsible) == ("Try think-pair-share", "mentor")
    plan = plain(w.as_("mentor").get(w.url("/plan")))
    link = f"/pairs/{w.pair.id}/coaching/cycles/{cycle.id}#u-next_step-{step.id}"
    assert f'From <a href="{link}">observation cycle {cycle.id}</a>' in plan
    cycle_page = plain(coaching.page("mentor", f"/cycles/{cycle.id}"))
    assert f"#u-step-{action.id}" in cycle_page
    assert "added the next step “Try think-pair-share” to the plan" in plain(
        w.as_("mentor").get(w.url("/history"))
    )


def test_a_next_step_without_text_keeps_the_form_and_answers_422(coaching, plan_world):
    w = plan_world
    cycle = coaching.cycle()
    coaching.page("mentor", f"/cycles/{cycle.id}")
    response = coaching.add(
        "mentor", "next_step", cycle, htmx=True, text="", for_user=str(w.protege.id)
    )
    assert response.status_code == 422 and "Write the step first." in plain(response)
    response = coaching.add("mentor", "next_step", cycle, text="x", for_user=str(w.stranger.id))
    assert response.status_code == 422 and "Choose one of the pair's members." in plain(response)


# --- 7. the balance at a glance --------------------------------------------------------------


def test_the_balance_shows_cycles_each_way_what_is_due_and_whose_turn(coaching, plan_world):
    w = plan_world
    page = plain(coaching.page("mentor"))
    assert "0 you → Protege Pat, 0 Protege Pat → you" in page
    assert "it is Protege Pat's turn to be observed" in page
    first = coaching.cycle("mentor", "protege")
    coaching.cycle("mentor", "protege")
    coaching.cycle("protege", "mentor")
    w.save("mentor", "coaching_text", coaching.text("obs_date", first), value="2026-10-12")
    w.save("mentor", "coaching_text", coaching.text("obs_place", first), value="Room 4")
    page = plain(coaching.page("mentor"))
    assert "2 you → Protege Pat, 1 Protege Pat → you" in page
    assert "you observing Protege Pat: 2 planned" in page
    link = f"/pairs/{w.pair.id}/coaching/cycles/{first.id}"
    assert f'the observation of <a href="{link}">cycle {first.id}</a>' in page
    assert "on 12 Oct 2026, Room 4." in page
    assert "it is your turn to be observed" in page
    assert "1 you → Mentor Mo, 2 Mentor Mo → you" in plain(coaching.page("protege"))


# --- 8, 10. only the pair; every route's refusals ----------------------------------------------


def test_nothing_of_coaching_reaches_anyone_outside_the_pair(coaching, plan_world, db_dump):
    w = plan_world
    User.update(is_admin=True).where(User.id == w.stranger.id).execute()
    cycle = coaching.cycle()
    coaching.page("mentor", f"/cycles/{cycle.id}")
    coaching.add("mentor", "observation_note", cycle, text="Secret low-inference note", at="10:00")
    note = ObservationNote.get()
    stranger = w.as_("stranger")
    stranger.get("/")
    gets = [
        "/coaching",
        f"/coaching/cycles/{cycle.id}",
        "/coaching/changes?since=0",
        f"/observation_note/{note.id}",
        f"/observation_note/{note.id}/edit",
        f"/observation_note/{note.id}/history",
        "/history",
    ]
    for path in gets:
        for headers in ({}, HTMX_PARTIAL):
            response = stranger.get(w.url(path), headers=headers)
            assert response.status_code == 404, path
            assert "Secret" not in text(response)
    before = db_dump()
    posts = [
        "/coaching/agreement",
        "/coaching/cycles",
        f"/cycle/{cycle.id}/set/stage",
        f"/observation_note/{note.id}",
        f"/observation_note/{note.id}/delete",
    ]
    for path in posts:
        assert stranger.post(w.url(path), {"value": "closed"}).status_code == 404, path
    assert db_dump() == before
    for path in ("/", "/account"):
        assert "Secret" not in text(stranger.get(path))


@pytest.mark.parametrize(
    "path",
    [
        "/coaching/agreement",
        "/coaching/cycles",
        "/cycle/{cycle}/set/stage",
        "/coaching/next-steps/{step}/plan",
        "/observation_note/new",
    ],
)
def test_every_coaching_post_without_csrf_is_a_400_and_changes_nothing(
    coaching, plan_world, db_dump, path
):
    w = plan_world
    cycle = coaching.cycle()
    step = NextStep.create(pair=w.pair.id, cycle=cycle.id, for_user=w.mentor.id, text="A step")
    coaching.page("mentor")
    before = db_dump()
    url = w.url(path.format(cycle=cycle.id, step=step.id))
    data = {"value": "observed", "new-cycle-observer": str(w.mentor.id)}
    assert w.as_("mentor").post(url, data, csrf=False).status_code == 400
    assert db_dump() == before


def test_unknown_cycles_and_steps_are_404(coaching, plan_world):
    w = plan_world
    coaching.page("mentor")
    assert coaching.page("mentor", "/cycles/99999").status_code == 404
    assert w.as_("mentor").post(w.url("/coaching/next-steps/99999/plan")).status_code == 404


# --- 9. live updates ------------------------------------------------------------------------


def test_the_partner_gets_new_notes_and_stage_changes_from_the_poll(coaching, plan_world):
    w = plan_world
    cycle = coaching.cycle()
    since = counter(w)
    url = w.url(f"/coaching/changes?since={since}")
    assert w.as_("protege").get(url, headers=HTMX_PARTIAL).status_code == 204
    coaching.page("mentor", f"/cycles/{cycle.id}")
    coaching.add("mentor", "observation_note", cycle, text="Smiles at the class", at="09:01")
    w.as_("mentor").post(w.url(f"/cycle/{cycle.id}/set/stage"), {"value": "observed"})
    body = plain(w.as_("protege").get(url, headers=HTMX_PARTIAL))
    assert f'id="cycle-{cycle.id}-obs"' in body and "Smiles at the class" in body
    assert f'id="cycle-{cycle.id}-head"' in body and 'aria-current="step">Observed<' in body
    assert 'id="coaching-overview"' in body
    assert "coaching-poll" in body


# --- 10. the coaching page's queries do not grow with the cycles ---------------------------


def test_the_coaching_page_runs_the_same_queries_for_1_cycle_and_for_50(
    coaching, plan_world, queries
):
    w = plan_world
    coaching.agreement()
    coaching.cycle()
    mentor = w.as_("mentor")
    _response, one = queries(lambda: mentor.get(w.url("/coaching")))
    for i in range(49):
        coaching.cycle(*(("mentor", "protege") if i % 2 else ("protege", "mentor")))
    response, fifty = queries(lambda: mentor.get(w.url("/coaching")))
    assert response.status_code == 200
    assert "25 you → Protege Pat, 25 Protege Pat → you" in plain(response)
    assert len(fifty) == len(one), (len(one), len(fifty))


# --- issue 9 line 6: a post-observation conference not written ------------------------------


def observed(coaching, world, observer="mentor", observed_="protege", days_ago=5):
    """A cycle moved to "observed", its observation dated days_ago (None: no date written)."""
    cycle = coaching.cycle(observer, observed_)
    if days_ago is not None:
        when = (datetime.date.today() - datetime.timedelta(days=days_ago)).isoformat()
        obs_date = coaching.text("obs_date", cycle)
        assert save(TEXT, obs_date, {"value": when}, obs_date.version, world.mentor.id)[0]
    set_value(CYCLE, cycle, world.mentor.id, "stage", "observed")
    return coaching.fresh(cycle)


def test_a_cycle_observed_days_ago_and_not_debriefed_nudges_its_two_people(
    coaching, plan_world, make_user, login
):
    w = plan_world
    late = observed(coaching, w, days_ago=5)
    observed(coaching, w, "protege", "mentor", days_ago=1)  # fresh: no nudge yet
    debriefed = observed(coaching, w, days_ago=9)
    set_value(CYCLE, debriefed, w.mentor.id, "stage", "debriefed")
    when = datetime.date.today() - datetime.timedelta(days=5)
    shown = f"{when.day} {when:%b %Y}"
    mentor_home = words(w.as_("mentor").get(w.url("")))
    assert (
        f"Observation cycle {late.id} (you observed Protege Pat on {shown}) is not debriefed yet."
        " Write the post-observation conference together while it is fresh." in mentor_home
    )
    assert mentor_home.count("is not debriefed yet") == 1
    protege_home = words(w.as_("protege").get(w.url("")))
    assert f"(Mentor Mo observed you on {shown}) is not debriefed yet" in protege_home
    # Dismissed per person, through the check-ins' dismiss route, like the other nudges.
    url = w.url(f"/checkins/nudges/coaching-debrief-{late.id}/dismiss")
    response = w.as_("mentor").post(url, htmx=True)
    assert response.status_code == 200 and "is not debriefed yet" not in text(response)
    assert "is not debriefed yet" not in words(w.as_("mentor").get(w.url("")))
    assert "is not debriefed yet" in words(w.as_("protege").get(w.url("")))
    # Never shown to an admin who is not a member, nor to anyone outside the pair.
    as_admin = login(make_user("Admin Ada", is_admin=True))
    assert as_admin.get(w.url("")).status_code == 404
    assert "debriefed" not in words(as_admin.get("/"))
    assert "debriefed" not in words(w.as_("stranger").get("/"))


def test_without_an_observation_date_the_nudge_counts_from_when_it_was_observed(
    coaching, plan_world
):
    w = plan_world
    cycle = observed(coaching, w, days_ago=None)
    assert "is not debriefed yet" not in words(w.as_("mentor").get(w.url("")))
    four_days_ago = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    four_days_ago -= datetime.timedelta(days=4)
    Cycle.update(updated_at=four_days_ago).where(Cycle.id == cycle.id).execute()
    assert f"Observation cycle {cycle.id} (" in words(w.as_("mentor").get(w.url("")))


def test_the_home_runs_the_same_queries_with_many_cycles_to_debrief(coaching, plan_world, queries):
    w = plan_world
    mentor = w.as_("mentor")
    _response, small = queries(lambda: mentor.get(w.url("")))
    for i in range(12):
        observed(coaching, w, *(("mentor", "protege") if i % 2 else ("protege", "mentor")))
    response, large = queries(lambda: mentor.get(w.url("")))
    assert words(response).count("is not debriefed yet") == 12
    assert len(large) == len(small), (len(small), len(large))
