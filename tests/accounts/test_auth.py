"""Accounts: sign up, log in and out, cookies that die, rate limits, the account page."""

import re
from urllib.parse import urlsplit

import pytest
from conftest import PASSWORD, Browserish, by_id, tags

from pairapp import config
from pairapp.models import Invite, Membership, Pair, User

pytestmark = pytest.mark.usefixtures("fast_hashing")

NEW_PASSWORD = "a much longer new secret"
SIGNUP = {
    "display_name": "Sam Mentor",
    "email": "Sam@Example.org",
    "password": PASSWORD,
    "timezone": "Europe/Paris",
}


def anonymous(app, address=None):
    """A fresh logged-out browser that holds a CSRF token."""
    client = app.test_client()
    if address:
        client.environ_base["REMOTE_ADDR"] = address
    browser = Browserish(client)
    browser.get("/login")
    return browser


def path_of(response):
    """The local path a redirect points to (and that it stays on this site)."""
    parts = urlsplit(response.headers["Location"])
    assert parts.netloc in ("", "localhost"), response.headers["Location"]
    return parts.path


def assert_logged_in(browser):
    response = browser.get("/")
    assert response.status_code == 200
    assert "My pairs" in response.get_data(as_text=True)


def assert_logged_out(client):
    response = client.get("/")
    assert response.status_code == 302
    assert path_of(response) == "/login"


def assert_field_error(html, field, value=None):
    """The field is marked invalid, described by its error message, and keeps the input."""
    attrs = by_id(html, field)
    assert attrs.get("aria-invalid") == "true"
    assert f"{field}-error" in attrs.get("aria-describedby", "").split()
    by_id(html, f"{field}-error")  # the message the field points to exists
    if value is not None:
        assert attrs.get("value") == value


def error_text(html, field):
    """The error message shown next to a field."""
    match = re.search(rf'id="{field}-error"[^>]*>([^<]*)<', html)
    assert match, f"no error shown for {field}"
    return match.group(1)


# --- sign up -----------------------------------------------------------------------------


def test_signup_creates_account_logs_in_and_first_is_admin(app):
    browser = anonymous(app)
    response = browser.post("/signup", SIGNUP)
    assert response.status_code == 303
    assert path_of(response) == "/"
    assert_logged_in(browser)
    user = User.get()
    assert (user.email, user.display_name, user.timezone) == (
        "sam@example.org",
        "Sam Mentor",
        "Europe/Paris",
    )
    assert user.is_admin
    assert user.password_hash != PASSWORD and user.check_password(PASSWORD)

    second = anonymous(app).post("/signup", {**SIGNUP, "email": "alex@example.org"})
    assert second.status_code == 303
    assert not User.get(User.email == "alex@example.org").is_admin


def test_signup_page_and_unknown_timezone(app):
    browser = anonymous(app)
    page = browser.get("/signup")
    assert page.status_code == 200
    assert by_id(page.get_data(as_text=True), "email")["type"] == "email"
    browser.post("/signup", {**SIGNUP, "timezone": "Mars/Olympus_Mons"})
    assert User.get().timezone == ""


@pytest.mark.parametrize(
    ("field", "changes", "message"),
    [
        ("display_name", {"display_name": ""}, "This field is required"),
        ("email", {"email": "not-an-email"}, "email address like"),
        ("email", {"email": "sam@"}, "email address like"),
        ("password", {"password": "nine char"}, "at least 10"),
        ("password", {"password": "1234567890"}, "too common"),
        ("password", {"password": "Password123"}, "too common"),
    ],
)
def test_signup_bad_input_is_kept_and_explained(app, field, changes, message):
    data = {**SIGNUP, **changes}
    response = anonymous(app).post("/signup", data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert_field_error(html, field)
    assert message in error_text(html, field)
    assert by_id(html, "display_name").get("value", "") == data["display_name"]
    assert by_id(html, "email").get("value", "") == data["email"]
    assert not by_id(html, "password").get("value")  # a password is never echoed back
    assert User.select().count() == 0


def test_signup_refuses_an_email_that_exists_whatever_its_case(app, make_user):
    make_user("Sam Mentor", email="sam@example.org")
    response = anonymous(app).post("/signup", {**SIGNUP, "email": "  SAM@example.ORG "})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert_field_error(html, "email")
    assert "exists" in html
    assert User.select().count() == 1


def test_signup_race_for_one_email_is_a_422_not_a_500(app, make_user, monkeypatch):
    browser = anonymous(app)
    make_user("Sam Mentor", email="sam@example.org")
    # As if the other sign-up landed between the form check and the save.
    monkeypatch.setattr(User, "by_email", classmethod(lambda cls, email: None))
    response = browser.post("/signup", SIGNUP)
    assert response.status_code == 422
    assert_field_error(response.get_data(as_text=True), "email", "Sam@Example.org")
    assert User.select().count() == 1


def test_signup_while_logged_in_goes_to_dashboard(app, make_user, login):
    browser = login(make_user())
    response = browser.get("/signup")
    assert response.status_code == 302 and path_of(response) == "/"


def test_signup_follows_a_local_next_only(app):
    response = anonymous(app).post("/signup?next=/pairs/new", SIGNUP)
    assert path_of(response) == "/pairs/new"
    response = anonymous(app).post(
        "/signup?next=//evil.example/x", {**SIGNUP, "email": "b@example.org"}
    )
    assert path_of(response) == "/"


# --- invite-only sign-up ------------------------------------------------------------------


@pytest.fixture
def invite_only(app):
    app.config["SIGNUP"] = "invite"
    return app


def test_invite_only_still_lets_the_first_account_sign_up(invite_only):
    browser = anonymous(invite_only)
    assert browser.get("/signup").status_code == 200
    assert browser.post("/signup", SIGNUP).status_code == 303
    assert User.get().is_admin


def test_invite_only_refuses_strangers(invite_only, make_user):
    make_user()
    browser = anonymous(invite_only)
    page = browser.get("/signup")
    assert page.status_code == 403
    assert "by invitation" in page.get_data(as_text=True)
    assert browser.post("/signup", {**SIGNUP, "email": "x@example.org"}).status_code == 403
    assert User.select().count() == 1


def test_invite_only_signup_works_after_opening_an_invite(
    invite_only, make_user, make_pair, make_invite
):
    mentor = make_user()
    _invite, token = make_invite(make_pair(mentor=mentor), "protege")
    browser = anonymous(invite_only)
    assert browser.get(f"/join/{token}").status_code == 200
    assert browser.get("/signup").status_code == 200
    response = browser.post(f"/signup?next=/join/{token}", {**SIGNUP, "email": "p@example.org"})
    assert response.status_code == 303
    assert path_of(response) == f"/join/{token}"
    assert not User.get(User.email == "p@example.org").is_admin


@pytest.mark.parametrize("link", ["unknown", "revoked_after_visit"])
def test_invite_only_needs_a_link_that_still_works(
    invite_only, make_user, make_pair, make_invite, link
):
    invite, token = make_invite(make_pair(mentor=make_user()), "protege")
    browser = anonymous(invite_only)
    if link == "unknown":
        browser.get("/join/not-a-real-token")
    else:
        browser.get(f"/join/{token}")
        Invite.update(revoked_at=invite.created_at).where(Invite.id == invite.id).execute()
    assert browser.get("/signup").status_code == 403


# --- log in and out ----------------------------------------------------------------------


def test_login_page_and_happy_login(app, make_user):
    user = make_user()
    browser = anonymous(app)
    html = browser.get("/login").get_data(as_text=True)
    assert by_id(html, "email")["autocomplete"] == "email"
    response = browser.post("/login", {"email": " MENTOR@example.org", "password": PASSWORD})
    assert response.status_code == 303 and path_of(response) == "/"
    assert_logged_in(browser)
    assert browser.get("/login").status_code == 302  # already logged in
    assert user.email == "mentor@example.org"


@pytest.mark.parametrize(
    "email", ["mentor@example.org", "nobody@example.org"], ids=["wrong-password", "no-account"]
)
def test_login_failure_keeps_email_and_says_the_same_thing(app, make_user, email):
    make_user()
    response = anonymous(app).post("/login", {"email": email, "password": "wrong password!"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert by_id(html, "email")["value"] == email
    assert_field_error(html, "password")
    assert "Email or password is wrong." in html


@pytest.mark.parametrize(
    ("target", "lands_on"),
    [
        ("/pairs/new", "/pairs/new"),
        ("/account?tab=x", "/account"),
        ("//evil.example", "/"),
        ("//evil.example/pairs", "/"),
        ("https://evil.example", "/"),
        ("http:evil.example", "/"),
        ("/\\evil.example", "/"),
        ("\\\\evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("/\n/evil.example", "/"),
        ("/\r\nSet-Cookie: x=1", "/"),
        ("/pairs\x00", "/"),
        (" //evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("", "/"),
    ],
)
def test_login_next_stays_on_this_site(app, make_user, target, lands_on):
    make_user()
    browser = anonymous(app)
    response = browser.post(
        "/login",
        {"email": "mentor@example.org", "password": PASSWORD},
        query_string={"next": target},
    )
    assert response.status_code == 303
    assert path_of(response) == lands_on


def test_logout_is_a_post_that_logs_out(app, make_user, login):
    browser = login(make_user())
    assert browser.client.get("/logout").status_code == 405
    assert_logged_in(browser)  # the GET changed nothing
    response = browser.post("/logout")
    assert response.status_code == 303 and path_of(response) == "/login"
    assert_logged_out(browser.client)


def test_logout_deletes_the_remember_cookie(app, make_user):
    make_user()
    browser = anonymous(app)
    browser.post("/login", {"email": "mentor@example.org", "password": PASSWORD, "remember": "y"})
    assert browser.client.get_cookie("remember_token") is not None
    browser.post("/logout")
    assert browser.client.get_cookie("remember_token") is None


# --- item 7: copied cookies die ----------------------------------------------------------


def remembered_login(app):
    browser = anonymous(app)
    response = browser.post(
        "/login", {"email": "mentor@example.org", "password": PASSWORD, "remember": "y"}
    )
    assert response.status_code == 303
    return browser


def replay(app, cookies):
    """A fresh browser holding only the given copied cookies."""
    client = app.test_client()
    for name, value in cookies.items():
        client.set_cookie(name, value)
    return client


ENDINGS = {
    "logout": ("/logout", {}),
    "password": (
        "/account/password",
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
    ),
    "delete": ("/account/delete", {"confirm_password": PASSWORD}),
}


@pytest.mark.parametrize("ending", ENDINGS)
@pytest.mark.parametrize(
    "copied", [("session",), ("remember_token",), ("session", "remember_token")]
)
def test_copied_cookies_stop_working(app, make_user, ending, copied):
    make_user()
    browser = remembered_login(app)
    cookies = {name: browser.client.get_cookie(name).value for name in copied}
    # The copy works before: the test proves something when it fails after.
    assert replay(app, cookies).get("/").status_code == 200

    url, data = ENDINGS[ending]
    browser.get("/account")
    assert browser.post(url, data).status_code == 303

    assert_logged_out(replay(app, cookies))
    if ending == "password":
        assert_logged_in(browser)  # this browser stays logged in
    else:
        assert_logged_out(browser.client)


def test_password_change_keeps_a_remembered_device_remembered(app, make_user):
    make_user()
    browser = remembered_login(app)
    browser.get("/account")
    browser.post("/account/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD})
    # Only the fresh remember cookie, as after the browser was closed and opened again.
    fresh = browser.client.get_cookie("remember_token")
    assert fresh is not None
    assert replay(app, {"remember_token": fresh.value}).get("/").status_code == 200


# --- item 8: rate limits -----------------------------------------------------------------


def failed_login(app, email, address):
    return anonymous(app, address).post("/login", {"email": email, "password": "not it at all"})


def test_login_limit_per_account(app, make_user):
    make_user()
    for n in range(10):
        assert failed_login(app, "mentor@example.org", f"10.0.0.{n}").status_code == 422
    response = failed_login(app, "MENTOR@example.org", "10.0.1.1")
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
    assert "15 minutes" in response.get_data(as_text=True)
    # The right password does not get through the lock either, but other accounts can log in.
    browser = anonymous(app, "10.0.1.2")
    assert (
        browser.post("/login", {"email": "mentor@example.org", "password": PASSWORD}).status_code
        == 429
    )
    make_user("Other Person")
    assert (
        browser.post("/login", {"email": "other@example.org", "password": PASSWORD}).status_code
        == 303
    )


def test_login_limit_per_address(app):
    for n in range(10):
        assert failed_login(app, f"user{n}@example.org", "10.0.0.9").status_code == 422
    assert failed_login(app, "user99@example.org", "10.0.0.9").status_code == 429
    assert failed_login(app, "user99@example.org", "10.0.0.10").status_code == 422


def test_successful_logins_do_not_count(app, make_user):
    make_user()
    for _ in range(9):
        assert failed_login(app, "mentor@example.org", "10.0.0.7").status_code == 422
    for _ in range(3):
        browser = anonymous(app, "10.0.0.7")
        ok = browser.post("/login", {"email": "mentor@example.org", "password": PASSWORD})
        assert ok.status_code == 303
    assert failed_login(app, "mentor@example.org", "10.0.0.7").status_code == 422
    assert failed_login(app, "mentor@example.org", "10.0.0.7").status_code == 429


def test_refused_signups_are_limited_per_address(app):
    # Refused attempts (which also tell whether an email has an account) count apart.
    app.config["SIGNUP_LIMIT"] = "5 per hour"
    for n in range(5):
        response = anonymous(app, "10.0.0.3").post("/signup", {**SIGNUP, "password": "short"})
        assert response.status_code == 422, n
    blocked = anonymous(app, "10.0.0.3").post("/signup", SIGNUP)
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.get_data(as_text=True)
    assert User.select().count() == 0
    assert anonymous(app, "10.0.0.4").post("/signup", SIGNUP).status_code == 303


def office_signup(app, n, address="10.0.0.5"):
    """Colleague number n signs up from the office's one address."""
    person = {**SIGNUP, "display_name": f"Colleague {n}", "email": f"c{n}@example.org"}
    return anonymous(app, address).post("/signup", person)


def test_an_office_of_30_signs_up_from_one_address_with_the_default_limit(app):
    assert app.config["SIGNUP_LIMIT"] == "40 per hour"
    for n in range(30):
        assert office_signup(app, n).status_code == 303, n
    assert User.select().count() == 30
    # A few typos on the way do not lock the office out either.
    for _ in range(5):
        assert (
            anonymous(app, "10.0.0.5").post("/signup", {**SIGNUP, "email": "x"}).status_code == 422
        )
    assert office_signup(app, 30).status_code == 303


def test_the_failing_flood_is_still_limited_with_the_default_limit(app, make_user):
    make_user("Sam Mentor", email="sam@example.org")
    for n in range(40):
        # Probing whether an email has an account: refused each time, and counted.
        assert anonymous(app, "10.0.0.6").post("/signup", SIGNUP).status_code == 422, n
    assert anonymous(app, "10.0.0.6").post("/signup", SIGNUP).status_code == 429
    assert office_signup(app, 1, "10.0.0.6").status_code == 429


def test_accounts_created_per_address_follow_the_setting(app):
    app.config["SIGNUP_LIMIT"] = "2 per hour"
    assert office_signup(app, 1).status_code == 303
    assert office_signup(app, 2).status_code == 303
    assert office_signup(app, 3).status_code == 429
    assert User.select().count() == 2
    assert office_signup(app, 3, "10.0.0.99").status_code == 303


def test_signup_limit_setting_is_checked_at_start(monkeypatch):
    monkeypatch.setenv("PAIRAPP_SIGNUP_LIMIT", "40 per fortnight please")
    with pytest.raises(ValueError):
        config.signup_limit()
    monkeypatch.setenv("PAIRAPP_SIGNUP_LIMIT", "100 per day")
    assert config.signup_limit() == "100 per day"


def test_429_page_for_someone_logged_out_leads_back_to_the_form(app):
    for n in range(10):
        assert failed_login(app, f"user{n}@example.org", "10.0.0.8").status_code == 422
    browser = anonymous(app, "10.0.0.8")
    response = browser.post("/login?next=/pairs/1", {"email": "a@example.org", "password": "x"})
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert tags(page, "a", href="/login?next=/pairs/1")
    assert "Back to log in" in page
    assert "Go to My pairs" not in page
    # Retry-After says when, and the page says it in words.
    assert 890 <= int(response.headers["Retry-After"]) <= 900
    assert "try again in 15 minutes" in page


def test_429_page_for_someone_logged_in_offers_my_pairs(app, make_user, login):
    browser = login(make_user())
    browser.client.environ_base["REMOTE_ADDR"] = "10.0.0.11"
    for n in range(10):
        assert failed_login(app, f"user{n}@example.org", "10.0.0.11").status_code == 422
    response = browser.post("/login", {"email": "a@example.org", "password": "x"})
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert tags(page, "a", href="/")
    assert "Go to My pairs" in page
    assert "Back to log in" not in page
    assert int(response.headers["Retry-After"]) > 0


def test_429_for_htmx_is_a_notice_with_retry_after(app):
    app.config["SIGNUP_LIMIT"] = "1 per hour"
    assert office_signup(app, 1).status_code == 303
    browser = anonymous(app, "10.0.0.5")
    response = browser.post("/signup", SIGNUP, htmx=True)
    assert response.status_code == 429
    assert response.headers["HX-Retarget"] == "#messages"
    assert 3500 <= int(response.headers["Retry-After"]) <= 3600
    assert "try again in 60 minutes" in response.get_data(as_text=True)


# --- account page ------------------------------------------------------------------------


@pytest.fixture
def account(app, make_user, login):
    """A logged-in user on the account page, and a second account to collide with."""
    user = make_user()
    make_user("Taken Name", email="taken@example.org")
    browser = login(user)
    page = browser.get("/account")
    assert page.status_code == 200
    return user, browser


def test_account_page_shows_the_profile(account):
    _user, browser = account
    html = browser.get("/account").get_data(as_text=True)
    assert by_id(html, "display_name")["value"] == "Mentor Mo"
    assert by_id(html, "email")["value"] == "mentor@example.org"
    assert by_id(html, "timezone") is not None
    assert tags(html, "option", value="Asia/Tokyo") and tags(html, "option", value="")


def test_account_update(account):
    user, browser = account
    response = browser.post(
        "/account",
        {"display_name": " Mo Mentor ", "email": "MO@Example.org", "timezone": "Asia/Tokyo"},
    )
    assert response.status_code == 303 and path_of(response) == "/account"
    saved = User.get_by_id(user.id)
    assert (saved.display_name, saved.email, saved.timezone) == (
        "Mo Mentor",
        "mo@example.org",
        "Asia/Tokyo",
    )
    # Keeping one's own email is not a clash.
    same = browser.post(
        "/account", {"display_name": "Mo", "email": "mo@example.org", "timezone": ""}
    )
    assert same.status_code == 303


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("display_name", {"display_name": ""}),
        ("email", {"email": "nope"}),
        ("email", {"email": "TAKEN@example.org"}),
        ("timezone", {"timezone": "Mars/Olympus_Mons"}),
    ],
)
def test_account_bad_input_is_kept(account, field, changes):
    user, browser = account
    data = {
        "display_name": "Typed Name",
        "email": "typed@example.org",
        "timezone": "UTC",
        **changes,
    }
    response = browser.post("/account", data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert_field_error(html, field)
    assert by_id(html, "display_name").get("value", "") == data["display_name"]
    assert by_id(html, "email").get("value", "") == data["email"]
    saved = User.get_by_id(user.id)
    assert (saved.display_name, saved.email) == ("Mentor Mo", "mentor@example.org")


def test_account_email_race_is_a_422_not_a_500(account, monkeypatch):
    user, browser = account
    monkeypatch.setattr(User, "by_email", classmethod(lambda cls, email: None))
    data = {"display_name": "Mo", "email": "taken@example.org", "timezone": ""}
    response = browser.post("/account", data)
    assert response.status_code == 422
    assert_field_error(response.get_data(as_text=True), "email", "taken@example.org")
    assert User.get_by_id(user.id).email == "mentor@example.org"


@pytest.mark.parametrize(
    ("field", "data"),
    [
        ("current_password", {"current_password": "not my password", "new_password": NEW_PASSWORD}),
        ("new_password", {"current_password": PASSWORD, "new_password": "short"}),
        ("new_password", {"current_password": PASSWORD, "new_password": "qwertyuiop"}),
    ],
)
def test_password_change_refused(account, field, data):
    user, browser = account
    response = browser.post("/account/password", data)
    assert response.status_code == 422
    assert_field_error(response.get_data(as_text=True), field)
    assert User.get_by_id(user.id).check_password(PASSWORD)


def test_password_change(app, account):
    user, browser = account
    response = browser.post(
        "/account/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 303 and path_of(response) == "/account"
    assert (
        anonymous(app).post("/login", {"email": user.email, "password": PASSWORD}).status_code
        == 422
    )
    assert (
        anonymous(app).post("/login", {"email": user.email, "password": NEW_PASSWORD}).status_code
        == 303
    )


def test_delete_account_needs_the_password(account):
    user, browser = account
    response = browser.post("/account/delete", {"confirm_password": "not my password"})
    assert response.status_code == 422
    assert_field_error(response.get_data(as_text=True), "confirm_password")
    assert User.get_or_none(User.id == user.id) is not None
    assert_logged_in(browser)


def test_delete_account_removes_memberships_and_lonely_pairs(
    app, account, make_user, make_pair, make_invite
):
    user, browser = account
    partner = make_user("Pat Protege")
    alone = make_pair("Only me", mentor=user)
    shared = make_pair("With Pat", mentor=user, protege=partner)
    make_invite(shared, "colleague", by=user)
    make_invite(alone, "protege", by=user)
    response = browser.post("/account/delete", {"confirm_password": PASSWORD})
    assert response.status_code == 303 and path_of(response) == "/login"
    assert User.get_or_none(User.id == user.id) is None
    assert Membership.select().where(Membership.user == user.id).count() == 0
    assert Pair.get_or_none(Pair.id == alone.id) is None
    assert Invite.select().where(Invite.pair == alone.id).count() == 0
    assert Pair.get_or_none(Pair.id == shared.id) is not None
    assert [m.user_id for m in Membership.select().where(Membership.pair == shared)] == [partner.id]
    assert Invite.get(Invite.pair == shared).created_by_id is None
    assert_logged_out(browser.client)
    # The email can be used again.
    assert anonymous(app).post("/signup", {**SIGNUP, "email": user.email}).status_code == 303
