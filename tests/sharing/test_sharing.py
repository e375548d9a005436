"""Read-only share links through the test client: making, listing, revoking, every token state."""

import datetime
import re
import secrets

import pytest
from conftest import PASSWORD, csrf_from, tags, text
from whole_pair import SENTINEL, expired_fields, fill_pair, make_link

from pairapp.core.access import hash_token
from pairapp.core.models import Membership, utcnow
from pairapp.sharing.models import ShareLink

EVERY_PART = {"plan": "y", "checklist": "y", "checkins": "y", "coaching": "y"}
HEADINGS = {
    "plan": "Mentoring Action Plan",
    "checklist": "Adapted monthly checklist",
    "checkins": "Reviews",
    "coaching": "Coaching summary",
}


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see conftest)."""
    return reused_app


@pytest.fixture
def world(plan_world):
    fill_pair(plan_world)
    return plan_world


def visitor(world):
    """A browser with no account."""
    return world.app.test_client()


def link_in(html):
    """The share link a page shows."""
    match = re.search(r'value="(http://localhost/shared/([\w-]+))"', html)
    assert match, "no link shown"
    return match.group(2)


# --- the sharing page ------------------------------------------------------------------


def test_the_page_offers_parts_with_coaching_unticked_and_a_warning(world):
    html = text(world.as_("protege").get(world.url("/sharing")))
    ticked = {t["name"] for t in tags(html, "input", type="checkbox") if "checked" in t}
    assert ticked == {"plan", "checklist", "checkins"}  # not coaching
    assert "tick it only when you both agree" in html
    assert "No links yet." in html


def test_making_a_link_without_javascript_shows_it_once(world, db_dump):
    mentor = world.as_("mentor")
    data = {"label": "Dr Rivera, coordinator", "expires": "2099-01-31", "plan": "y"}
    response = mentor.post(world.url("/sharing"), data)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(world.url("/sharing"))
    html = text(mentor.get(world.url("/sharing")))
    token = link_in(html)
    assert "Dr Rivera, coordinator" in html and "Not opened yet." in html
    link = ShareLink.get()
    assert link.part_keys == ["plan"] and link.created_by_id == world.mentor.id
    assert link.expires_at.date() in (datetime.date(2099, 1, 31), datetime.date(2099, 2, 1))
    # Only the hash is kept, and the link is shown once.
    assert link.token_hash == hash_token(token) and token not in db_dump()
    assert token not in text(mentor.get(world.url("/sharing")))
    assert visitor(world).get(f"/shared/{token}").status_code == 200


def test_making_a_link_with_htmx_returns_the_fragment_with_the_link(world):
    mentor = world.as_("mentor")
    mentor.get(world.url("/sharing"))
    response = mentor.post(world.url("/sharing"), {"label": "Supervisor", **EVERY_PART}, htmx=True)
    assert response.status_code == 200
    html = text(response)
    assert html.lstrip().startswith('<div id="sharing">')
    token = link_in(html)
    # Shown in the fragment, so the next full page does not show it again.
    assert token not in text(mentor.get(world.url("/sharing")))
    assert ShareLink.get().part_keys == ["plan", "checklist", "checkins", "coaching"]


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize(
    ("data", "message", "kept"),
    [
        ({"label": "", "plan": "y", "expires": "2099-03-04"}, "is required", "2099-03-04"),
        ({"label": "Dr Kept", "expires": "2000-01-01", "plan": "y"}, "today or a later", "Dr Kept"),
        ({"label": "Dr Nothing", "expires": ""}, "Tick at least one part", "Dr Nothing"),
        ({"label": "x" * 101, "plan": "y"}, "longer than 100", "x" * 101),
        ({"label": "Dr Date", "expires": "soon", "plan": "y"}, "Not a valid date", "Dr Date"),
    ],
)
def test_bad_input_is_422_with_the_typed_text_kept(world, db_dump, data, message, kept, htmx):
    mentor = world.as_("mentor")
    mentor.get(world.url("/sharing"))
    before = db_dump()
    response = mentor.post(world.url("/sharing"), data, htmx=htmx)
    assert response.status_code == 422
    html = text(response)
    assert message in html and f'value="{kept}"' in html
    assert db_dump() == before


def test_a_member_revokes_a_link_and_it_answers_404(world):
    link, token = make_link(world, by="mentor")
    assert visitor(world).get(f"/shared/{token}").status_code == 200
    protege = world.as_("protege")
    html = text(protege.get(world.url("/sharing")))
    assert "Dr Rivera" in html and "Revoke" in html
    response = protege.post(world.url(f"/sharing/{link.id}/revoke"))
    assert response.status_code == 303
    assert ShareLink.get_by_id(link.id).revoked_at is not None
    assert visitor(world).get(f"/shared/{token}").status_code == 404
    html = text(protege.get(world.url("/sharing")))
    assert "revoked" in html and "Revoke<" not in html
    # Revoking again changes nothing; with htmx the fragment comes back.
    revoked_at = ShareLink.get_by_id(link.id).revoked_at
    response = protege.post(world.url(f"/sharing/{link.id}/revoke"), htmx=True)
    assert response.status_code == 200 and 'id="sharing"' in text(response)
    assert ShareLink.get_by_id(link.id).revoked_at == revoked_at


def test_strangers_get_404_and_change_nothing(world, db_dump):
    link, token = make_link(world)
    stranger = world.as_("stranger")
    stranger.get("/account")
    before = db_dump()
    assert stranger.get(world.url("/sharing")).status_code == 404
    assert stranger.post(world.url("/sharing"), {"label": "Mine", "plan": "y"}).status_code == 404
    assert stranger.post(world.url(f"/sharing/{link.id}/revoke")).status_code == 404
    assert db_dump() == before
    assert visitor(world).get(f"/shared/{token}").status_code == 200


def test_a_link_of_another_pair_cannot_be_revoked_from_this_one(world, make_pair, db_dump):
    link, _token = make_link(world)
    other = make_pair("Mentor's other pair", mentor=world.mentor)
    mentor = world.as_("mentor")
    mentor.get("/account")
    before = db_dump()
    assert mentor.post(f"/pairs/{other.id}/sharing/{link.id}/revoke").status_code == 303
    assert db_dump() == before


def test_logged_out_people_are_sent_to_log_in(world):
    client = visitor(world)
    response = client.get(world.url("/sharing"))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("route", ["/sharing", "/sharing/{link}/revoke"])
def test_unsafe_requests_need_the_csrf_token(world, db_dump, route):
    link, _token = make_link(world)
    mentor = world.as_("mentor")
    mentor.get("/account")
    before = db_dump()
    url = world.url(route.format(link=link.id))
    response = mentor.post(url, {"label": "No token", "plan": "y"}, csrf=False)
    assert response.status_code == 400
    assert db_dump() == before


# --- the shared view: every token state ---------------------------------------------------


def state(world, name):
    """A token in the named state."""
    if name == "valid":
        return make_link(world)[1]
    if name == "valid until a later day":
        return make_link(world, expires_at=utcnow() + datetime.timedelta(hours=1))[1]
    if name == "revoked":
        return make_link(world, revoked_at=utcnow())[1]
    if name == "expired":
        return make_link(world, **expired_fields())[1]
    if name == "unknown":
        return "not-a-token"
    if name == "guessed":
        make_link(world)
        return secrets.token_urlsafe(32)  # the right shape, but no link has it
    if name == "far too long":
        return "a" * 5000
    if name == "maker left the pair":
        token = make_link(world, by="protege")[1]
        Membership.delete().where(Membership.user == world.protege.id).execute()
        return token
    raise AssertionError(name)


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("valid", 200),
        ("valid until a later day", 200),
        ("revoked", 404),
        ("expired", 404),
        ("unknown", 404),
        ("guessed", 404),
        ("far too long", 404),
        ("maker left the pair", 404),
    ],
)
def test_every_token_state(world, name, status):
    token = state(world, name)
    response = visitor(world).get(f"/shared/{token}")
    assert response.status_code == status
    html = text(response)
    # Either way: not indexed, not cached, no script, no other site.
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "script-src" not in response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert tags(html, "meta", name="robots", content="noindex")
    assert not tags(html, "script")
    for found in tags(html, "link") + tags(html, "img"):
        address = found.get("href") or found.get("src")
        assert address.startswith(("/static/", "data:")), address
    if status == 200:
        assert "<h1>Mo and Pat</h1>" in html
    else:
        assert "Mo and Pat" not in html and "This link does not work" in html


def test_a_link_shows_only_the_parts_chosen(world):
    _link, token = make_link(world, parts="plan,checkins")
    html = text(visitor(world).get(f"/shared/{token}"))
    assert "Shared goal to run a meeting" in html and "Shared review: the pilot went well" in html
    assert HEADINGS["checklist"] not in html and HEADINGS["coaching"] not in html
    assert "Shared coaching" not in html
    # A share link shows the reviews, not the check-in log.
    assert "Shared decision: meet fortnightly" not in html
    _link, token = make_link(world, parts="coaching")
    html = text(visitor(world).get(f"/shared/{token}"))
    assert HEADINGS["coaching"] in html and "Shared coaching: observe questioning" in html
    assert "Mentor Mo observes Protege Pat" in html
    assert HEADINGS["plan"] not in html and "Shared goal" not in html


def test_the_shared_view_holds_nothing_private(world):
    for by in ("mentor", "protege"):
        _link, token = make_link(world, by=by)
        html = text(visitor(world).get(f"/shared/{token}"))
        assert "Shared goal to run a meeting" in html  # the view does show the pair
        assert SENTINEL not in html
        assert "Private to you" not in html


# --- last opened: the one write of a GET ------------------------------------------------


def test_opening_a_link_notes_when_and_changes_nothing_else(world, db_dump):
    link, token = make_link(world)
    before = db_dump()
    assert visitor(world).get(f"/shared/{token}").status_code == 200
    opened = ShareLink.get_by_id(link.id).last_opened_at
    assert opened is not None
    # Undo exactly that column: the rest of the database is as it was.
    ShareLink.update(last_opened_at=None).where(ShareLink.id == link.id).execute()
    assert db_dump() == before
    ShareLink.update(last_opened_at=opened).where(ShareLink.id == link.id).execute()
    html = text(world.as_("mentor").get(world.url("/sharing")))
    assert "Last opened" in html


def test_last_opened_is_written_at_most_once_a_minute(world, db_dump):
    link, token = make_link(world)
    assert visitor(world).get(f"/shared/{token}").status_code == 200
    before = db_dump()
    assert visitor(world).get(f"/shared/{token}").status_code == 200
    assert db_dump() == before
    long_ago = utcnow() - datetime.timedelta(minutes=2)
    ShareLink.update(last_opened_at=long_ago).where(ShareLink.id == link.id).execute()
    assert visitor(world).get(f"/shared/{token}").status_code == 200
    assert ShareLink.get_by_id(link.id).last_opened_at > long_ago


def test_refused_links_write_nothing(world, db_dump):
    tokens = [state(world, name) for name in ("revoked", "expired", "guessed")]
    before = db_dump()
    for token in tokens:
        assert visitor(world).get(f"/shared/{token}").status_code == 404
    assert db_dump() == before


def test_guessing_tokens_is_rate_limited_and_reading_a_link_is_not(world):
    _link, token = make_link(world)
    client = visitor(world)
    assert {client.get(f"/shared/{token}").status_code for _ in range(25)} == {200}
    statuses = [client.get("/shared/guess-" + str(n)).status_code for n in range(21)]
    assert set(statuses[:20]) == {404}
    assert statuses[20] == 429
    response = client.get("/shared/one-more")
    assert response.status_code == 429 and "Too many attempts" in text(response)
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert not tags(text(response), "script")


# --- accounts ---------------------------------------------------------------------------


def test_deleting_an_account_removes_the_links_it_made(world):
    mine, my_token = make_link(world, by="mentor")
    theirs, their_token = make_link(world, by="protege")
    mentor = world.as_("mentor")
    html = text(mentor.get("/account"))
    response = mentor.post(
        "/account/delete", {"confirm_password": PASSWORD, "csrf_token": csrf_from(html)}
    )
    assert response.status_code == 303
    assert ShareLink.get_or_none(ShareLink.id == mine.id) is None
    assert ShareLink.get_or_none(ShareLink.id == theirs.id) is not None
    assert visitor(world).get(f"/shared/{my_token}").status_code == 404
    assert visitor(world).get(f"/shared/{their_token}").status_code == 200
