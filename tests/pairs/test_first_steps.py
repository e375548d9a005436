"""Issue 11 line 1: the first-steps guide on the pair's home, and the road to it from an
invite (the header's links keep the invite)."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from conftest import PASSWORD, Browserish, plain, tags, text

from pairapp.checkins.units import CHECKIN
from pairapp.core.versioning import create, save
from pairapp.models import Membership, Pair, PlanPart, User
from pairapp.plan.units import FIELD, GOAL

pytestmark = pytest.mark.usefixtures("fast_hashing")


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see conftest)."""
    return reused_app


def words(response):
    return " ".join(re.sub(r"<[^>]+>", " ", plain(response)).split())


def guide(response):
    """The first-steps guide as {label: (done, url)}, or None when the home shows none."""
    html = text(response)
    match = re.search(r'<section id="first-steps".*?</section>', html, re.S)
    if match is None:
        return None
    steps = {}
    for item in re.findall(r"<li class=\"(done|to-do)\">(.*?)</li>", match.group(0), re.S):
        state, body = item
        (link,) = tags(body, "a")
        label = re.search(r"<a [^>]*>([^<]*)</a>", body).group(1)
        steps[plain_text(label)] = (state == "done", link["href"])
    return steps


def plain_text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def set_plan(world, key, value):
    field = world.field(key)
    assert save(FIELD, field, {"value": value}, field.version, world.mentor.id)[0]


def test_a_new_pair_lands_on_its_home_with_first_steps(make_user, login):
    browser = login(make_user())
    response = browser.post(
        "/pairs/new",
        {
            "title": "Sam and Alex",
            "role": "mentor",
            "start_date": "2026-09-01",
            "plan_template": "full",
        },
    )
    pair = Pair.get()
    assert response.status_code == 303
    assert urlsplit(response.headers["Location"]).path == f"/pairs/{pair.id}"
    home = browser.get(f"/pairs/{pair.id}")
    plan = f"/pairs/{pair.id}/plan"
    assert guide(home) == {
        "Invite your partner": (False, f"/pairs/{pair.id}/members"),
        "Agree your charter": (False, f"{plan}#part-charter"),
        "Set 2 SMART goals": (False, f"{plan}#part-goals"),
        "Plan your first check-in": (False, f"/pairs/{pair.id}/checkins#part-log"),
    }
    assert "0 of 4 done" in words(home)


def test_first_steps_follow_what_the_pair_has_done(plan_world):
    world = plan_world
    protege = world.as_("protege")
    steps = guide(protege.get(world.url("")))
    assert steps["Both of you are in the pair"][0] is True
    assert [done for done, _url in steps.values()] == [True, False, False, False]

    # The charter: all three of roles, boundaries and how to keep in touch.
    set_plan(world, "roles", "Pat leads, Mo opens doors")
    set_plan(world, "boundaries", "What is said here stays here")
    assert guide(protege.get(world.url("")))["Agree your charter"][0] is False
    set_plan(world, "communication", "Chat, answers within a day")
    assert guide(protege.get(world.url("")))["Agree your charter"][0] is True

    # Two shared goals: a private one is not agreed, so it does not count.
    create(GOAL, world.pair, world.protege.id, {"title": "Run a meeting"})
    create(GOAL, world.pair, world.protege.id, {"title": "Mine alone"}, private=True)
    home = protege.get(world.url(""))
    assert guide(home)["Set 2 SMART goals"][0] is False
    assert "1 so far" in words(home)
    create(GOAL, world.pair, world.mentor.id, {"title": "Give a talk"})
    home = protege.get(world.url(""))
    assert guide(home)["Set 2 SMART goals"][0] is True
    assert "3 of 4 done" in words(home)

    # A meeting rhythm agreed in the plan plans the check-ins: every step done, guide gone.
    set_plan(world, "meeting_rhythm", "Every two weeks, online")
    assert guide(protege.get(world.url(""))) is None
    assert guide(world.as_("mentor").get(world.url(""))) is None


def test_a_logged_check_in_plans_the_first_one(plan_world):
    world = plan_world
    create(CHECKIN, world.pair, world.mentor.id, {"date": datetime.date(2026, 9, 8)})
    steps = guide(world.as_("mentor").get(world.url("")))
    assert steps["Plan your first check-in"][0] is True


def test_a_hidden_part_is_reached_through_the_hidden_parts(plan_world):
    world = plan_world
    PlanPart.update(hidden=True).where(
        (PlanPart.pair == world.pair.id) & (PlanPart.key == "charter")
    ).execute()
    home = world.as_("mentor").get(world.url(""))
    assert guide(home)["Agree your charter"][1] == world.url("/plan#more-parts")
    assert "Show the Charter part of your plan" in words(home)


def test_a_pair_without_a_plan_is_sent_to_start_it(make_plan_world):
    world = make_plan_world(template=None)
    home = world.as_("mentor").get(world.url(""))
    steps = guide(home)
    assert steps["Agree your charter"] == (False, world.url("/plan"))
    assert steps["Set 2 SMART goals"] == (False, world.url("/plan"))
    assert "Start your plan first." in words(home)


def test_dismissing_is_a_post_for_this_member_only(plan_world, db_dump):
    world = plan_world
    mentor, protege = world.as_("mentor"), world.as_("protege")
    url = world.url("/first-steps/dismiss")
    before = db_dump()
    home = mentor.get(world.url(""))
    assert db_dump() == before  # showing the guide writes nothing
    form = tags(text(home), "form", action=url)
    assert form and form[0]["method"] == "post" and form[0]["data-hx-post"] == url
    assert mentor.client.get(url).status_code == 405
    response = mentor.post(url)
    assert response.status_code == 303
    assert urlsplit(response.headers["Location"]).path == world.url("")
    assert guide(mentor.get(world.url(""))) is None
    assert guide(protege.get(world.url(""))) is not None
    # Again: nothing changes (the first time is kept).
    first = Membership.get(Membership.user == world.mentor.id).first_steps_dismissed_at
    assert mentor.post(url).status_code == 303
    assert Membership.get(Membership.user == world.mentor.id).first_steps_dismissed_at == first


def test_dismissing_with_htmx_answers_nothing_to_swap_in(plan_world):
    world = plan_world
    response = world.as_("protege").post(world.url("/first-steps/dismiss"), htmx=True)
    assert response.status_code == 200
    assert text(response) == ""
    assert guide(world.as_("protege").get(world.url(""))) is None


def test_dismissing_needs_the_csrf_token(plan_world):
    world = plan_world
    protege = world.as_("protege")
    response = protege.post(world.url("/first-steps/dismiss"), csrf=False)
    assert response.status_code == 400
    assert guide(protege.get(world.url(""))) is not None


def test_dismissing_someone_elses_pair_is_a_404(plan_world):
    world = plan_world
    stranger = world.as_("stranger")
    assert stranger.post(world.url("/first-steps/dismiss")).status_code == 404
    assert stranger.post(world.url("/first-steps/dismiss"), htmx=True).status_code == 404
    assert (
        not Membership.select().where(Membership.first_steps_dismissed_at.is_null(False)).exists()
    )
    anonymous = Browserish(world.app.test_client())
    response = anonymous.post(world.url("/first-steps/dismiss"))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_guide_costs_the_same_queries_small_and_large(plan_world, queries):
    world = plan_world
    mentor = world.as_("mentor")
    _response, small = queries(lambda: mentor.get(world.url("")))
    for i in range(20):
        create(GOAL, world.pair, world.protege.id, {"title": f"G{i}"}, private=i % 2 == 0)
        create(CHECKIN, world.pair, world.mentor.id, {"date": datetime.date(2026, 9, 1 + i)})
    set_plan(world, "roles", "Written")
    response, large = queries(lambda: mentor.get(world.url("")))
    assert guide(response) is not None  # still shown: the charter is not all written
    assert len(large) == len(small), (len(small), len(large))
    # Put away, it costs nothing at all.
    mentor.post(world.url("/first-steps/dismiss"))
    _response, dismissed = queries(lambda: mentor.get(world.url("")))
    assert len(dismissed) < len(large)


def test_from_the_header_sign_up_link_to_the_pair_home(app, make_user, make_pair, make_invite):
    """The issue's story: the header's Sign up link, not the page's, still keeps the invite."""
    mentor = make_user("Mentor Mo")
    pair = make_pair("Mo and Pat", mentor=mentor)
    _invite, token = make_invite(pair, "protege", by=mentor)
    browser = Browserish(app.test_client())
    join = browser.get(f"/join/{token}")
    header = re.search(r'<header class="site">.*?</header>', text(join), re.S).group(0)
    (signup_link,) = [a["href"] for a in tags(header, "a") if a["href"].startswith("/signup")]
    signup = browser.get(signup_link)
    assert "Mentor Mo invited you to join “Mo and Pat” as their protégé." in plain(signup)
    response = browser.post(
        signup_link, {"display_name": "Pat New", "email": "pat@example.org", "password": PASSWORD}
    )
    assert response.status_code == 303
    assert urlsplit(response.headers["Location"]).path == f"/join/{token}"
    assert "Join Mo and Pat as protégé" in text(browser.get(f"/join/{token}"))
    joined = browser.post(f"/join/{token}")
    assert joined.status_code == 303
    assert urlsplit(joined.headers["Location"]).path == f"/pairs/{pair.id}"
    home = browser.get(f"/pairs/{pair.id}")
    assert "You joined “Mo and Pat” as protégé." in plain(home)
    steps = guide(home)
    assert steps["Both of you are in the pair"][0] is True
    assert "Agree your charter" in steps
    pat = User.get(User.email == "pat@example.org")
    assert Membership.get(Membership.user == pat).role == "protege"


def test_the_header_log_in_link_keeps_the_invite_too(app, make_user, make_pair, make_invite):
    mentor, pat = make_user("Mentor Mo"), make_user("Protege Pat")
    pair = make_pair("Mo and Pat", mentor=mentor)
    _invite, token = make_invite(pair, "protege", by=mentor)
    browser = Browserish(app.test_client())
    join = browser.get(f"/join/{token}")
    header = re.search(r'<header class="site">.*?</header>', text(join), re.S).group(0)
    (login_link,) = [a["href"] for a in tags(header, "a") if a["href"].startswith("/login")]
    assert "invited you" in plain(browser.get(login_link))
    response = browser.post(login_link, {"email": pat.email, "password": PASSWORD})
    assert urlsplit(response.headers["Location"]).path == f"/join/{token}"
    assert browser.post(f"/join/{token}").status_code == 303
    assert Membership.get(Membership.user == pat).role == "protege"
    # Used and forgotten: logging in again later goes to My pairs.
    browser.post("/logout")
    browser.get("/login")
    again = browser.post("/login", {"email": pat.email, "password": PASSWORD})
    assert urlsplit(again.headers["Location"]).path == "/"


def test_my_pairs_offers_an_invitation_not_yet_accepted(app, make_user, make_pair, make_invite):
    """Logged in by a way that did not come back (a `next` elsewhere): My pairs offers it."""
    mentor, pat = make_user("Mentor Mo"), make_user("Protege Pat")
    pair = make_pair("Mo and Pat", mentor=mentor)
    _invite, token = make_invite(pair, "protege", by=mentor)
    browser = Browserish(app.test_client())
    browser.get(f"/join/{token}")
    browser.get("/login")
    browser.post("/login?next=/", {"email": pat.email, "password": PASSWORD})
    page = browser.get("/")
    assert "Mentor Mo invited you to join “Mo and Pat” as their protégé." in plain(page)
    assert tags(text(page), "a", href=f"/join/{token}")
    assert browser.post(f"/join/{token}").status_code == 303
    assert "invited you" not in plain(browser.get("/"))


def test_my_pairs_without_an_invitation_says_nothing_of_one(make_user, login):
    assert "invited you" not in plain(login(make_user()).get("/"))


def test_my_pairs_forgets_an_invitation_to_a_pair_i_am_in(app, make_user, make_pair, make_invite):
    mentor, pat = make_user("Mentor Mo"), make_user("Protege Pat")
    pair = make_pair("Mo and Pat", mentor=mentor)
    _invite, token = make_invite(pair, "colleague", by=mentor)
    browser = Browserish(app.test_client())
    browser.get(f"/join/{token}")
    Membership.create(pair=pair, user=pat, role="protege")  # joined another way meanwhile
    browser.get("/login")
    browser.post("/login?next=/", {"email": pat.email, "password": PASSWORD})
    assert "invited you" not in plain(browser.get("/"))
    with browser.client.session_transaction() as session:
        assert "pending_invite" not in session


def test_a_closed_cycle_shows_no_first_steps(plan_world):
    world = plan_world
    assert guide(world.as_("mentor").get(world.url(""))) is not None
    Pair.update(archived_at=datetime.datetime(2026, 10, 1)).where(
        Pair.id == world.pair.id
    ).execute()
    assert guide(world.as_("mentor").get(world.url(""))) is None
