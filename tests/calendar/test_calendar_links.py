"""The calendar's routes: the page, the download, making and stopping a subscription link,
and the public feed in every token state (valid, revoked, expired, unknown, guessed)."""

import datetime
import re

import pytest
from calendar_world import ICS, events_of, make_link_fixture, world_fixture  # noqa: F401
from conftest import PASSWORD, plain, text

from pairapp.calendar.models import CalendarLink
from pairapp.core.access import hash_token
from pairapp.core.models import User, utcnow

FEED = re.compile(r'value="(http://localhost/calendar/([\w-]+)\.ics)"')


def feed(world, token):
    """The public feed, fetched as a calendar app does: no login, no cookies."""
    return world.app.test_client().get(f"/calendar/{token}.ics")


def make_link_by_form(world, who="protege", expires_on="", htmx=False):
    """Make a link through the page's form; (response, token shown)."""
    session = world.as_(who)
    session.get(world.url("/calendar"))
    response = session.post(world.url("/calendar/link"), {"expires_on": expires_on}, htmx=htmx)
    shown = text(response) if htmx else text(session.get(world.url("/calendar")))
    found = FEED.search(shown)
    return response, found.group(2) if found else None


# --- the page and the download -------------------------------------------------------------


def test_the_page_explains_the_download_and_the_link(world, db_dump):
    before = db_dump()
    response = world.as_("protege").get(world.url("/calendar"))
    assert response.status_code == 200
    page = plain(response)
    assert world.url("/calendar.ics") in page
    assert "Make a subscription link" in page
    assert "your timezone, UTC" in page
    assert response.headers["Cache-Control"] == "no-store"
    assert db_dump() == before


def test_the_pairs_home_points_to_the_calendar(world):
    response = world.as_("mentor").get(world.url(""))
    assert f'href="{world.url("/calendar")}"' in text(response)


@pytest.mark.parametrize("path", ["/calendar", "/calendar.ics"])
def test_a_non_member_gets_404(world, path):
    assert world.as_("stranger").get(world.url(path)).status_code == 404


@pytest.mark.parametrize("path", ["/calendar", "/calendar.ics"])
def test_a_logged_out_visitor_is_sent_to_log_in(world, path):
    response = world.app.test_client().get(world.url(path))
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_the_download_changes_nothing(world, db_dump):
    before = db_dump()
    response = world.as_("mentor").get(world.url("/calendar.ics"))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == ICS
    assert db_dump() == before


# --- making and stopping a link --------------------------------------------------------------


def test_making_a_link_without_javascript_shows_it_once(world):
    response, token = make_link_by_form(world)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(world.url("/calendar"))
    assert token
    link = CalendarLink.get()
    assert link.token_hash == hash_token(token)
    assert token not in str(list(CalendarLink.select().dicts()))  # only the hash is stored
    assert link.created_by_id == world.protege.id and link.expires_at is None
    again = plain(world.as_("protege").get(world.url("/calendar")))
    assert token not in again
    assert "works until you stop it" in again
    assert "Make a new link (the old one stops)" in again


def test_making_a_link_with_htmx_answers_the_section(world):
    response, token = make_link_by_form(world, htmx=True)
    assert response.status_code == 200
    assert text(response).lstrip().startswith('<section id="calendar-link"')
    # One tap subscribes on phones and Macs: the same address under the webcal: scheme.
    assert f'href="webcal://localhost/calendar/{token}.ics"' in text(response)
    assert token and feed(world, token).status_code == 200


def test_a_last_day_makes_the_link_expire_after_it(world):
    tomorrow = datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=1)
    response, token = make_link_by_form(world, expires_on=tomorrow.isoformat())
    assert response.status_code == 303
    link = CalendarLink.get()
    assert link.expires_at == datetime.datetime.combine(
        tomorrow + datetime.timedelta(1), datetime.time()
    )
    page = plain(world.as_("protege").get(world.url("/calendar")))
    assert f"until the end of {tomorrow.day} {tomorrow:%b %Y}" in page
    assert feed(world, token).status_code == 200


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("next Tuesday", "Write the day as a date"),
        ("2020-01-01", "Choose today or a later day"),
        ("2099-01-01", "Choose a day before"),
    ],
)
def test_a_bad_last_day_answers_422_with_the_text_kept(world, typed, message):
    session = world.as_("protege")
    session.get(world.url("/calendar"))
    for htmx in (False, True):
        response = session.post(world.url("/calendar/link"), {"expires_on": typed}, htmx=htmx)
        assert response.status_code == 422
        page = plain(response)
        assert f'value="{typed}"' in page
        assert message in page
        assert 'aria-invalid="true"' in page
    assert CalendarLink.select().count() == 0


def test_a_new_link_replaces_the_old_one(world):
    _response, first = make_link_by_form(world)
    _response, second = make_link_by_form(world)
    assert first != second
    assert feed(world, first).status_code == 404
    assert feed(world, second).status_code == 200


def test_stopping_the_link_without_javascript(world):
    _response, token = make_link_by_form(world)
    session = world.as_("protege")
    response = session.post(world.url("/calendar/link/revoke"))
    assert response.status_code == 303
    assert feed(world, token).status_code == 404
    assert CalendarLink.get().revoked_at is not None
    assert "You have no subscription link" in plain(session.get(world.url("/calendar")))
    # Stopping again changes nothing and still answers.
    assert session.post(world.url("/calendar/link/revoke")).status_code == 303


def test_stopping_the_link_with_htmx_answers_the_section(world):
    _response, token = make_link_by_form(world)
    response = world.as_("protege").post(world.url("/calendar/link/revoke"), htmx=True)
    assert response.status_code == 200
    assert "You have no subscription link" in plain(response)
    assert feed(world, token).status_code == 404


def test_one_members_links_are_their_own(world, make_link):
    _link, mentors = make_link(world, "mentor")
    world.as_("protege").post(world.url("/calendar/link/revoke"))
    assert feed(world, mentors).status_code == 200
    page = plain(world.as_("protege").get(world.url("/calendar")))
    assert "You have no subscription link" in page


@pytest.mark.parametrize("path", ["/calendar/link", "/calendar/link/revoke"])
def test_posts_need_the_csrf_token(world, path, make_link):
    _link, token = make_link(world, "protege")
    response = world.as_("protege").post(world.url(path), {"expires_on": ""}, csrf=False)
    assert response.status_code == 400
    assert CalendarLink.select().count() == 1
    assert feed(world, token).status_code == 200


@pytest.mark.parametrize("path", ["/calendar/link", "/calendar/link/revoke"])
def test_posts_by_a_non_member_get_404(world, path, make_link):
    _link, token = make_link(world, "protege")
    response = world.as_("stranger").post(world.url(path), {"expires_on": ""})
    assert response.status_code == 404
    assert CalendarLink.select().count() == 1
    assert feed(world, token).status_code == 200


def test_a_get_cannot_make_or_stop_a_link(world):
    for path in ("/calendar/link", "/calendar/link/revoke"):
        assert world.as_("protege").get(world.url(path)).status_code == 405


# --- the public feed in every token state --------------------------------------------------


def test_a_valid_token_gives_the_members_calendar_without_login(world, make_link, db_dump):
    _link, token = make_link(world, "protege")
    before = db_dump()
    response = feed(world, token)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == ICS
    assert response.headers["Cache-Control"].startswith("no-store")
    assert "noindex" in response.headers["X-Robots-Tag"]
    assert "Content-Disposition" not in response.headers
    assert "Set-Cookie" not in response.headers
    assert events_of(response.data)
    assert db_dump() == before  # a poll writes nothing


def test_a_revoked_token_gets_404(world, make_link):
    _link, token = make_link(world, "protege", revoked=True)
    assert feed(world, token).status_code == 404


def test_an_expired_token_gets_404(world, make_link):
    _link, token = make_link(world, "protege", expires_at=utcnow() - datetime.timedelta(seconds=1))
    assert feed(world, token).status_code == 404
    _link, fresh = make_link(world, "mentor", expires_at=utcnow() + datetime.timedelta(hours=1))
    assert feed(world, fresh).status_code == 200


def test_an_unknown_token_gets_404(world, make_link):
    make_link(world, "protege")
    assert feed(world, "A" * 43).status_code == 404


@pytest.mark.parametrize(
    "guess", ["x", "calendar", "..%2F..%2Fetc%2Fpasswd", "%00", "a" * 5000, "' OR 1=1 --"]
)
def test_a_guessed_token_gets_404(world, make_link, guess):
    _link, token = make_link(world, "protege")
    assert feed(world, guess).status_code == 404
    # One character off a real token is no better than any other guess.
    near = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert feed(world, near).status_code == 404


def test_the_link_dies_when_its_member_leaves_the_pair(world, make_link):
    _link, token = make_link(world, "protege")
    _link, partners = make_link(world, "mentor")
    session = world.as_("protege")
    session.get(world.url("/leave"))
    assert session.post(world.url("/leave")).status_code == 303
    assert feed(world, token).status_code == 404
    assert not CalendarLink.select().where(CalendarLink.created_by == world.protege.id).exists()
    assert feed(world, partners).status_code == 200


def test_the_link_dies_with_its_members_account(world, make_link):
    _link, token = make_link(world, "protege")
    session = world.as_("protege")
    session.get("/account")
    response = session.post("/account/delete", {"confirm_password": PASSWORD})
    assert response.status_code == 303
    assert feed(world, token).status_code == 404
    assert CalendarLink.select().count() == 0


def test_the_link_stops_while_its_members_account_is_disabled(world, make_link):
    _link, token = make_link(world, "protege")
    User.update(disabled_at=utcnow()).where(User.id == world.protege.id).execute()
    assert feed(world, token).status_code == 404


def test_the_token_never_reaches_the_log(world, make_link, caplog):
    _link, token = make_link(world, "protege")
    feed(world, token)
    feed(world, "A" * 43)
    assert "/calendar/[token].ics" in caplog.text
    assert token not in caplog.text


def test_guessing_is_rate_limited(world, make_link):
    _link, token = make_link(world, "protege")
    client = world.app.test_client()
    answers = [client.get(f"/calendar/guess{n}.ics").status_code for n in range(21)]
    assert answers == [404] * 20 + [429]
    assert client.get(f"/calendar/{token}.ics").status_code == 429


def test_polling_a_valid_link_is_not_counted_as_guessing(world, make_link):
    _link, token = make_link(world, "protege")
    client = world.app.test_client()
    assert {client.get(f"/calendar/{token}.ics").status_code for _ in range(25)} == {200}
