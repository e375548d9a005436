"""Pairs: the dashboard, creating a pair, invite links, joining, members and leaving."""

import datetime
import hashlib
import re
import secrets
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import PASSWORD, Browserish, by_id, plain, tags, text

from pairapp.models import Invite, Membership, Pair, User

pytestmark = pytest.mark.usefixtures("fast_hashing")

HTMX = {"HX-Request": "true", "HX-Request-Type": "partial"}
TOKEN_LENGTH = len(secrets.token_urlsafe(32))


def path_of(response):
    parts = urlsplit(response.headers["Location"])
    assert parts.netloc in ("", "localhost")
    return parts.path


def members(pair):
    """{user id: role} of a pair, from the database."""
    return {m.user_id: m.role for m in Membership.select().where(Membership.pair == pair)}


@pytest.fixture
def mentor(make_user):
    return make_user("Mentor Mo")


@pytest.fixture
def protege(make_user):
    return make_user("Protege Pat")


@pytest.fixture
def pair(make_pair, mentor):
    return make_pair("Mo and Pat", mentor=mentor)


@pytest.fixture
def as_mentor(login, mentor, pair):
    browser = login(mentor)
    browser.get(f"/pairs/{pair.id}")
    return browser


# --- dashboard ---------------------------------------------------------------------------


def test_dashboard_lists_only_my_pairs_with_my_role(make_user, make_pair, login):
    me, partner, stranger = make_user("Me Myself"), make_user("Pat Partner"), make_user("Stan Ger")
    make_pair("I mentor", mentor=me, protege=partner)
    make_pair("I am mentored", mentor=partner, protege=me)
    make_pair("Not mine", mentor=stranger)
    html = text(login(me).get("/"))
    cards = re.findall(r"<article>(.*?)</article>", html, re.S)
    assert len(cards) == 2
    by_title = {re.search(r">([^<]+)</a></h2>", card).group(1): card for card in cards}
    assert set(by_title) == {"I mentor", "I am mentored"}
    assert "You are the mentor." in by_title["I mentor"]
    assert "You are the protégé." in by_title["I am mentored"]
    assert "Pat Partner (protégé)" in by_title["I mentor"]
    assert "Not mine" not in html


def test_dashboard_when_in_no_pair(make_user, login):
    response = login(make_user()).get("/")
    assert response.status_code == 200
    assert "not in a mentoring pair yet" in text(response)
    assert tags(text(response), "a", href="/pairs/new")


# --- create a pair -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["mentor", "protege"])
def test_create_pair(make_user, login, role):
    me = make_user()
    browser = login(me)
    assert browser.get("/pairs/new").status_code == 200
    response = browser.post(
        "/pairs/new", {"title": " Sam and Alex ", "role": role, "start_date": "2026-09-01"}
    )
    assert response.status_code == 303
    pair = Pair.get()
    assert path_of(response) == f"/pairs/{pair.id}"
    assert (pair.title, pair.start_date) == ("Sam and Alex", datetime.date(2026, 9, 1))
    assert members(pair) == {me.id: role}
    assert "Sam and Alex" in text(browser.get(path_of(response)))


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("title", {"title": ""}),
        ("title", {"title": "x" * 121}),
        ("start_date", {"start_date": "2026-13-45"}),
        ("start_date", {"start_date": ""}),
        ("role", {"role": "colleague"}),
        ("role", {"role": "boss"}),
    ],
)
def test_create_pair_bad_input_is_kept(make_user, login, field, changes):
    data = {"title": "Typed title", "role": "protege", "start_date": "2026-09-01", **changes}
    response = login(make_user()).post("/pairs/new", data)
    assert response.status_code == 422
    html = text(response)
    assert by_id(html, field)["aria-invalid"] == "true"
    assert by_id(html, "title").get("value", "") == data["title"]
    assert Pair.select().count() == 0


# --- pair page ---------------------------------------------------------------------------


def test_pair_page_shows_members_and_role(as_mentor, pair, make_user, protege):
    Membership.create(pair=pair, user=protege, role="protege")
    response = as_mentor.get(f"/pairs/{pair.id}/members")
    assert response.status_code == 200
    html = text(response)
    assert "<h1>Mo and Pat</h1>" in html
    assert "You are the mentor." in html
    listed = re.findall(r'<ul class="members">(.*?)</ul>', html, re.S)[0]
    assert "Mentor Mo" in listed and "Protege Pat" in listed
    assert "protégé" in listed


# --- invite links ------------------------------------------------------------------------


def link_in(html):
    """The one-time invite link a page shows, or None."""
    found = tags(html, "input", id="new-invite-link")
    return found[0]["value"] if found else None


def token_of(link):
    return link.rsplit("/join/", 1)[1]


def test_invite_link_is_shown_once_and_stored_hashed(as_mentor, pair, mentor, db_dump):
    before = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    response = as_mentor.post(f"/pairs/{pair.id}/invites", {"role": "protege"})
    assert response.status_code == 303 and path_of(response) == f"/pairs/{pair.id}/members"
    page = text(as_mentor.get(f"/pairs/{pair.id}/members"))
    link = link_in(page)
    assert link and urlsplit(link).path.startswith("/join/")
    assert tags(page, "button", **{"data-copy": "#new-invite-link"})
    token = token_of(link)
    assert len(token) == TOKEN_LENGTH
    invite = Invite.get()
    assert invite.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert (invite.role, invite.created_by_id, invite.pair_id) == ("protege", mentor.id, pair.id)
    assert token not in db_dump()
    lifetime = invite.expires_at - before
    assert datetime.timedelta(days=7) <= lifetime < datetime.timedelta(days=7, minutes=1)
    # Shown once: the next visit lists the invite but not the link.
    again = text(as_mentor.get(f"/pairs/{pair.id}/members"))
    assert link_in(again) is None and token not in again
    assert "status-open" in again


def test_invite_lifetime_follows_the_setting(app, as_mentor, pair):
    app.config["INVITE_DAYS"] = 2
    as_mentor.post(f"/pairs/{pair.id}/invites", {"role": "colleague"})
    invite = Invite.get()
    assert invite.expires_at - invite.created_at < datetime.timedelta(days=2, minutes=1)


def test_htmx_invite_answers_the_fragment_and_shows_the_link_only_there(as_mentor, pair):
    response = as_mentor.post(f"/pairs/{pair.id}/invites", {"role": "colleague"}, htmx=True)
    assert response.status_code == 200
    html = text(response)
    assert html.lstrip().startswith('<section id="invites"')
    assert "<html" not in html and "<h1>" not in html
    link = link_in(html)
    assert Invite.get().role == "colleague"
    assert token_of(link) not in text(as_mentor.get(f"/pairs/{pair.id}/members"))


def test_invite_roles_exclude_taken_ones(as_mentor, pair, protege):
    def offered():
        html = text(as_mentor.get(f"/pairs/{pair.id}/members"))
        return [o["value"] for o in tags(html, "option")]

    assert offered() == ["protege", "colleague"]
    Membership.create(pair=pair, user=protege, role="protege")
    assert offered() == ["colleague"]


@pytest.mark.parametrize("role", ["mentor", "boss", ""])
def test_invite_for_a_taken_or_unknown_role_is_refused(as_mentor, pair, role):
    response = as_mentor.post(f"/pairs/{pair.id}/invites", {"role": role})
    assert response.status_code == 422
    assert by_id(text(response), "invite-role")["aria-invalid"] == "true"
    assert Invite.select().count() == 0
    fragment = as_mentor.post(f"/pairs/{pair.id}/invites", {"role": role}, htmx=True)
    assert fragment.status_code == 422
    assert text(fragment).lstrip().startswith('<section id="invites"')


@pytest.mark.parametrize("htmx", [False, True])
def test_revoke_invite_twice_is_harmless(as_mentor, pair, make_invite, htmx):
    invite, _token = make_invite(pair)
    url = f"/pairs/{pair.id}/invites/{invite.id}/revoke"
    first = as_mentor.post(url, htmx=htmx)
    revoked_at = Invite.get_by_id(invite.id).revoked_at
    assert revoked_at is not None
    second = as_mentor.post(url, htmx=htmx)
    assert Invite.get_by_id(invite.id).revoked_at == revoked_at
    for response in (first, second):
        if htmx:
            assert response.status_code == 200
            assert "status-revoked" in text(response)
            assert "<html" not in text(response)
        else:
            assert response.status_code == 303 and path_of(response) == f"/pairs/{pair.id}/members"


def test_revoke_touches_only_open_invites_of_this_pair(
    as_mentor, pair, make_pair, make_user, make_invite
):
    used, _ = make_invite(pair, used_by=make_user("User Ursula"))
    other_pair = make_pair("Someone else's", mentor=make_user("Other Olga"))
    foreign, _ = make_invite(other_pair)
    for invite in (used, foreign):
        as_mentor.post(f"/pairs/{pair.id}/invites/{invite.id}/revoke")
        assert Invite.get_by_id(invite.id).revoked_at is None


def test_invite_list_shows_each_status(as_mentor, pair, make_invite, make_user):
    make_invite(pair, "colleague")
    make_invite(pair, "colleague", revoked=True)
    make_invite(pair, "colleague", expires_in=datetime.timedelta(seconds=-1))
    make_invite(pair, "colleague", used_by=make_user("Col League"))
    html = text(as_mentor.get(f"/pairs/{pair.id}/members"))
    for status in ("open", "revoked", "expired", "used"):
        assert f"status-{status}" in html
    # Only the open one can be revoked.
    assert len(re.findall(r"/revoke", html)) == 2  # action and hx-post of one form


# --- joining -----------------------------------------------------------------------------


def test_join_get_confirms_and_never_joins(login, pair, protege, make_invite, db_dump):
    invite, token = make_invite(pair, "protege")
    browser = login(protege)
    before = db_dump()
    response = browser.get(f"/join/{token}")
    assert response.status_code == 200
    html = text(response)
    assert "Join “Mo and Pat” as protégé" in html
    form = tags(html, "form", method="post")
    assert any(f["action"] == f"/join/{token}" for f in form)
    assert db_dump() == before
    assert Invite.get_by_id(invite.id).used_at is None
    assert protege.id not in members(pair)


def test_join_post_joins_once(login, pair, mentor, protege, make_invite):
    invite, token = make_invite(pair, "protege")
    browser = login(protege)
    browser.get(f"/join/{token}")
    response = browser.post(f"/join/{token}")
    assert response.status_code == 303 and path_of(response) == f"/pairs/{pair.id}"
    assert members(pair) == {mentor.id: "mentor", protege.id: "protege"}
    used = Invite.get_by_id(invite.id)
    assert used.used_at is not None and used.used_by_id == protege.id
    assert Pair.get_by_id(pair.id).change_counter == pair.change_counter + 1
    page = text(browser.get(f"/pairs/{pair.id}/members"))
    assert "Mentor Mo" in page and "Protege Pat" in page
    # Posting again changes nothing: a member is sent to the pair.
    assert browser.post(f"/join/{token}").status_code == 303
    assert len(members(pair)) == 2


INVITED = "Mentor Mo invited you to join “Mo and Pat” as their protégé."


def test_logged_out_visitor_is_led_through_signup_and_back(app, pair, mentor, make_invite, db_dump):
    _invite, token = make_invite(pair, "protege", by=mentor)
    browser = Browserish(app.test_client())
    before = db_dump()
    landing = browser.get(f"/join/{token}")
    assert db_dump() == before  # the invite is remembered in the session, not the database
    assert landing.status_code == 200
    html = plain(landing)
    assert "Join “Mo and Pat” as protégé" in html
    assert INVITED in html
    # The page's own links and the header's lead to the same pages: the session keeps the
    # invite, so no link needs to carry the token.
    assert links_back(html, "/signup") == []
    assert {a["href"] for a in tags(html, "a")} >= {"/signup", "/login"}
    assert Membership.select().count() == 1

    signup = browser.get("/signup")
    assert INVITED in plain(signup)
    response = browser.post(
        "/signup",
        {"display_name": "Pat New", "email": "pat@example.org", "password": PASSWORD},
    )
    assert response.status_code == 303 and path_of(response) == f"/join/{token}"
    confirm = browser.get(f"/join/{token}")
    assert "Join “Mo and Pat” as protégé" in plain(confirm)
    assert INVITED in plain(confirm)
    assert browser.post(f"/join/{token}").status_code == 303
    pat = User.get(User.email == "pat@example.org")
    assert members(pair)[pat.id] == "protege"
    # Used: forgotten, so the next log-in or sign-up goes to My pairs as usual.
    with browser.client.session_transaction() as session:
        assert "pending_invite" not in session


def test_an_old_next_link_still_leads_back(app, pair, mentor, make_invite):
    _invite, token = make_invite(pair, "protege", by=mentor)
    browser = Browserish(app.test_client())
    browser.get(f"/signup?next=/join/{token}")
    response = browser.post(
        f"/signup?next=/join/{token}",
        {"display_name": "Pat New", "email": "pat@example.org", "password": PASSWORD},
    )
    assert path_of(response) == f"/join/{token}"


def test_logged_out_visitor_can_log_in_and_come_back(app, pair, mentor, protege, make_invite):
    _invite, token = make_invite(pair, "protege", by=mentor)
    browser = Browserish(app.test_client())
    browser.get(f"/join/{token}")
    page = browser.get("/login")
    assert INVITED in plain(page)
    # A wrong password first: the invite is still shown and still kept.
    wrong = browser.post("/login", {"email": protege.email, "password": "not the password"})
    assert wrong.status_code == 422 and INVITED in plain(wrong)
    response = browser.post("/login", {"email": protege.email, "password": PASSWORD})
    assert path_of(response) == f"/join/{token}"
    assert browser.post(f"/join/{token}").status_code == 303
    assert members(pair)[protege.id] == "protege"


@pytest.mark.parametrize(
    "role, words", [("mentor", "their mentor"), ("colleague", "their colleague")]
)
def test_the_invite_says_who_invited_to_what_role(app, pair, mentor, make_invite, role, words):
    Membership.delete().where(Membership.role == role).execute()
    _invite, token = make_invite(pair, role, by=mentor)
    html = plain(Browserish(app.test_client()).get(f"/join/{token}"))
    assert f"Mentor Mo invited you to join “Mo and Pat” as {words}." in html


def test_an_invite_whose_maker_left_still_reads_well(app, pair, make_invite):
    _invite, token = make_invite(pair, "protege", by=None)
    browser = Browserish(app.test_client())
    html = plain(browser.get(f"/join/{token}"))
    assert "You are invited to join “Mo and Pat” as the protégé." in html
    assert "You are invited to join" in plain(browser.get("/signup"))


def test_sign_up_and_log_in_without_an_invite_say_nothing_of_one(app):
    browser = Browserish(app.test_client())
    assert "invited you" not in plain(browser.get("/signup"))
    assert "invited you" not in plain(browser.get("/login"))


@pytest.mark.parametrize("turn", ["revoked", "expired", "used", "role_taken"])
def test_an_invite_that_stops_working_is_forgotten(app, pair, mentor, make_user, make_invite, turn):
    invite, token = make_invite(pair, "protege", by=mentor)
    browser = Browserish(app.test_client())
    browser.get(f"/join/{token}")
    past = invite.created_at - datetime.timedelta(days=1)
    if turn == "revoked":
        Invite.update(revoked_at=past).where(Invite.id == invite.id).execute()
    elif turn == "expired":
        Invite.update(expires_at=past).where(Invite.id == invite.id).execute()
    elif turn == "used":
        Invite.update(used_at=past).where(Invite.id == invite.id).execute()
    else:
        Membership.create(pair=pair, user=make_user("Other Pat"), role="protege")
    page = browser.get("/signup")
    assert "invited you" not in plain(page)
    with browser.client.session_transaction() as session:
        assert "pending_invite" not in session
    response = browser.post(
        "/signup", {"display_name": "Pat New", "email": "pat@example.org", "password": PASSWORD}
    )
    assert path_of(response) == "/"


def test_a_broken_link_forgets_the_invite_it_named(app, pair, mentor, make_invite):
    invite, token = make_invite(pair, "protege", by=mentor)
    browser = Browserish(app.test_client())
    browser.get(f"/join/{token}")
    Invite.update(revoked_at=invite.created_at).where(Invite.id == invite.id).execute()
    assert browser.get(f"/join/{token}").status_code == 410
    with browser.client.session_transaction() as session:
        assert "pending_invite" not in session


def test_the_token_never_reaches_the_logs(app, pair, mentor, make_invite, caplog):
    _invite, token = make_invite(pair, "protege", by=mentor)
    browser = Browserish(app.test_client())
    browser.get(f"/join/{token}")
    browser.get("/signup")
    browser.post(
        "/signup", {"display_name": "Pat New", "email": "pat@example.org", "password": PASSWORD}
    )
    browser.get(f"/join/{token}")
    browser.post(f"/join/{token}")
    assert caplog.records
    assert token not in caplog.text


def links_back(html, path):
    """The `next` targets of the page's links to `path`."""
    targets = []
    for link in tags(html, "a"):
        parts = urlsplit(link.get("href", ""))
        if parts.path == path:
            targets += parse_qs(parts.query).get("next", [])
    return targets


PROBLEMS = {
    "unknown": (404, "This invite link does not work"),
    "used": (410, "This invite link has been used"),
    "expired": (410, "This invite link has expired"),
    "revoked": (410, "This invite link was withdrawn"),
    "role_taken": (410, "That place in the pair is taken"),
}


@pytest.mark.parametrize("logged_in", [True, False], ids=["member-to-be", "logged-out"])
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("problem", PROBLEMS)
def test_broken_links_get_their_own_page(
    app, login, pair, protege, make_user, make_invite, db_dump, problem, method, logged_in
):
    other = make_user("Other Olga")
    options = {
        "unknown": {},
        "used": {"used_by": other},
        "expired": {"expires_in": datetime.timedelta(seconds=-1)},
        "revoked": {"revoked": True},
        "role_taken": {},
    }[problem]
    _invite, token = make_invite(
        pair, "mentor" if problem == "role_taken" else "protege", **options
    )
    if problem == "unknown":
        token = token[:-4] + "AAAA"
    browser = login(protege) if logged_in else Browserish(app.test_client())
    before = db_dump()
    response = browser.get(f"/join/{token}") if method == "get" else browser.post(f"/join/{token}")
    status, title = PROBLEMS[problem]
    assert response.status_code == status
    assert f"<h1>{title}</h1>" in text(response)
    assert db_dump() == before


def test_a_role_taken_after_the_page_was_opened_cannot_be_used(
    login, pair, protege, make_user, make_invite
):
    first, first_token = make_invite(pair, "protege")
    _second, second_token = make_invite(pair, "protege")
    late = login(make_user("Late Larry"))
    late.get(f"/join/{second_token}")  # the confirm page is open...
    early = login(protege)
    early.get(f"/join/{first_token}")
    assert early.post(f"/join/{first_token}").status_code == 303
    response = late.post(f"/join/{second_token}")  # ...when the role gets taken
    assert response.status_code == 410
    roles = list(members(pair).values())
    assert roles.count("protege") == 1


def test_colleagues_are_not_limited(login, pair, make_user, make_invite):
    for n in (1, 2):
        _invite, token = make_invite(pair, "colleague")
        browser = login(make_user(f"Col {n}", email=f"col{n}@example.org"))
        browser.get(f"/join/{token}")
        assert browser.post(f"/join/{token}").status_code == 303
    assert sorted(members(pair).values()) == ["colleague", "colleague", "mentor"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_member_opening_a_link_goes_to_the_pair(as_mentor, pair, make_invite, method):
    invite, token = make_invite(pair, "colleague")
    response = getattr(as_mentor, method)(f"/join/{token}")
    assert response.status_code == 303 and path_of(response) == f"/pairs/{pair.id}"
    assert Invite.get_by_id(invite.id).used_at is None
    assert len(members(pair)) == 1


def test_reopening_my_used_link_goes_to_the_pair(login, pair, protege, make_invite):
    _invite, token = make_invite(pair, "protege")
    browser = login(protege)
    browser.get(f"/join/{token}")
    browser.post(f"/join/{token}")
    response = browser.get(f"/join/{token}")
    assert response.status_code == 303 and path_of(response) == f"/pairs/{pair.id}"


# --- leaving -----------------------------------------------------------------------------


def test_leave_pair_keeps_it_for_the_partner(login, pair, mentor, protege):
    Membership.create(pair=pair, user=protege, role="protege")
    browser = login(protege)
    browser.get(f"/pairs/{pair.id}")
    response = browser.post(f"/pairs/{pair.id}/leave")
    assert response.status_code == 303 and path_of(response) == "/"
    assert members(pair) == {mentor.id: "mentor"}
    assert browser.get(f"/pairs/{pair.id}").status_code == 404


def test_last_member_leaving_deletes_the_pair(as_mentor, pair, make_invite):
    make_invite(pair)
    response = as_mentor.post(f"/pairs/{pair.id}/leave")
    assert response.status_code == 303
    assert Pair.get_or_none(Pair.id == pair.id) is None
    assert Invite.select().count() == 0
    assert "not in a mentoring pair yet" in text(as_mentor.get("/"))


def test_link_redemption_is_rate_limited(app, login, make_user):
    browser = login(make_user())
    for n in range(30):
        assert browser.post(f"/join/guess-{n}").status_code == 404
    blocked = browser.post("/join/guess-last")
    assert blocked.status_code == 429
    assert "Too many attempts" in text(blocked)


def test_joining_counts_only_refusals(app, make_user, make_pair, make_invite):
    """An office of 30 joining their pairs from one address is never stopped by itself."""
    for n in range(31):
        mentor = make_user(f"Mentor {n}", email=f"m{n}@example.org")
        _invite, token = make_invite(make_pair(f"Pair {n}", mentor=mentor), "protege")
        protege = make_user(f"Protege {n}", email=f"p{n}@example.org")
        browser = Browserish(app.test_client())
        browser.client.environ_base["REMOTE_ADDR"] = "10.0.3.1"
        browser.get("/login")
        browser.post("/login", {"email": protege.email, "password": PASSWORD})
        browser.get(f"/join/{token}")
        assert browser.post(f"/join/{token}").status_code == 303, n


def test_names_and_titles_are_escaped(login, make_user, make_pair):
    me = make_user("Me Myself")
    partner = make_user("<script>alert(1)</script>", email="x@example.org")
    pair = make_pair("<b>bold</b> pair", mentor=me, protege=partner)
    browser = login(me)
    for url in ("/", f"/pairs/{pair.id}"):
        html = text(browser.get(url))
        assert "<script>alert(1)" not in html and "<b>bold</b>" not in html
        assert "&lt;b&gt;bold&lt;/b&gt; pair" in html


def test_leave_asks_first_and_get_changes_nothing(make_user, login, make_pair):
    """GET /leave is a confirmation page; only the POST leaves (and deletes a lone pair)."""
    from pairapp.models import Pair

    mentor = make_user("Mentor Mo")
    pair = make_pair(mentor=mentor)
    session = login(mentor)
    page = session.get(f"/pairs/{pair.id}/leave")
    assert page.status_code == 200
    assert "only member" in page.get_data(as_text=True)
    assert Pair.get_or_none(Pair.id == pair.id) is not None
    assert session.post(f"/pairs/{pair.id}/leave").status_code == 303
    assert Pair.get_or_none(Pair.id == pair.id) is None
