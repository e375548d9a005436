"""The links an admin hands out: sign up once, or set a new password once."""

import datetime

import pytest
from conftest import PASSWORD, Browserish, plain

from pairapp.admin.data import create_link
from pairapp.admin.models import AccountLink, AuditEntry
from pairapp.core.models import User, utcnow

NEW_PASSWORD = "a brand new long password"


def make_link(as_admin, path, data=None):
    """Make a link through the admin page; its token."""
    response = as_admin.post(path, data or {}, htmx=True)
    assert response.status_code == 200, plain(response)
    url = plain(response).split('id="new-account-link" type="text" readonly value="')[1]
    return url.split('"')[0].rsplit("/", 1)[1]


@pytest.fixture
def signup_token(as_admin):
    return make_link(as_admin, "/admin/accounts/signup-links", {"email": "new@example.org"})


@pytest.fixture
def reset_token(as_admin, person):
    return make_link(as_admin, f"/admin/accounts/{person.id}/reset-link")


def visitor(app):
    return Browserish(app.test_client())


def test_a_new_person_signs_up_once_with_the_link(app, signup_token, db_dump):
    guest = visitor(app)
    before = db_dump()
    page = guest.get(f"/welcome/{signup_token}")
    assert page.status_code == 200
    assert "new@example.org" in plain(page)
    assert db_dump() == before  # opening the link changes nothing

    response = guest.post(
        f"/welcome/{signup_token}", {"display_name": "Nell New", "password": PASSWORD}
    )

    assert response.status_code == 303 and response.headers["Location"] == "/"
    user = User.by_email("new@example.org")
    assert user.display_name == "Nell New" and not user.is_admin
    assert "Welcome, Nell New" in plain(guest.get("/"))
    assert AccountLink.get().used_at is not None
    assert AuditEntry.select().where(AuditEntry.action == "signup-link-used").count() == 1
    # Single use.
    again = visitor(app)
    assert again.get(f"/welcome/{signup_token}").status_code == 404
    used = again.post(f"/welcome/{signup_token}", {"display_name": "X", "password": PASSWORD})
    assert used.status_code == 404
    assert User.select().where(User.email == "new@example.org").count() == 1


def test_the_link_works_when_signup_is_invite_only(app, as_admin, signup_token):
    as_admin.post("/admin/signup", {"mode": "invite"})
    guest = visitor(app)
    guest.get(f"/welcome/{signup_token}")
    response = guest.post(f"/welcome/{signup_token}", {"display_name": "N", "password": PASSWORD})
    assert response.status_code == 303


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"display_name": "", "password": PASSWORD}, "This field is required."),
        ({"display_name": "Nell", "password": "short"}, "Use at least 10 characters"),
        ({"display_name": "Nell", "password": "1234567890"}, "too common"),
    ],
)
def test_bad_input_on_the_signup_link_is_kept(app, signup_token, data, message, db_dump):
    guest = visitor(app)
    guest.get(f"/welcome/{signup_token}")
    before = db_dump()
    response = guest.post(f"/welcome/{signup_token}", data)
    assert response.status_code == 422
    assert message in plain(response)
    assert f'value="{data["display_name"]}"' in plain(response) or not data["display_name"]
    assert db_dump() == before


def test_the_signup_link_needs_csrf(app, signup_token, db_dump):
    guest = visitor(app)
    guest.get(f"/welcome/{signup_token}")
    before = db_dump()
    response = guest.post(
        f"/welcome/{signup_token}", {"display_name": "N", "password": PASSWORD}, csrf=False
    )
    assert response.status_code == 400
    assert db_dump() == before


@pytest.mark.parametrize("state", ["unknown", "expired", "revoked"])
def test_unusable_links_say_so(app, as_admin, signup_token, reset_token, state):
    tokens = (signup_token, reset_token)
    if state == "unknown":
        tokens = ("x" * 43, "y" * 43)
    elif state == "expired":
        AccountLink.update(expires_at=utcnow() - datetime.timedelta(minutes=1)).execute()
    else:
        for link in list(AccountLink.select()):
            as_admin.post(f"/admin/links/{link.id}/revoke")
    guest = visitor(app)
    for path in (f"/welcome/{tokens[0]}", f"/reset/{tokens[1]}"):
        response = guest.get(path)
        assert response.status_code == 404
        assert "This link cannot be used" in plain(response)


def test_a_signup_link_for_an_email_taken_since_is_refused(app, signup_token, make_user):
    make_user("Someone", email="new@example.org")
    guest = visitor(app)
    guest.get(f"/welcome/{signup_token}")
    response = guest.post(f"/welcome/{signup_token}", {"display_name": "N", "password": PASSWORD})
    assert response.status_code == 422
    assert "An account with this email exists" in plain(response)


def test_a_logged_in_person_is_told_to_log_out_first(as_person, signup_token):
    response = as_person.get(f"/welcome/{signup_token}")
    assert response.status_code == 409
    assert "Log out first" in plain(response)


def test_a_reset_link_sets_a_new_password_and_ends_old_sessions(
    app, reset_token, person, as_person, login, db_dump
):
    guest = visitor(app)
    before = db_dump()
    page = guest.get(f"/reset/{reset_token}")
    assert page.status_code == 200 and "Pat Person (pat@example.org)" in plain(page)
    assert db_dump() == before

    response = guest.post(f"/reset/{reset_token}", {"new_password": NEW_PASSWORD})

    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert "Your new password is set" in plain(guest.get("/"))
    # The session that was open before is over; the old password no longer works.
    assert as_person.get("/").status_code == 302
    fresh = visitor(app)
    fresh.get("/login")
    assert fresh.post("/login", {"email": person.email, "password": PASSWORD}).status_code == 422
    login(person, password=NEW_PASSWORD)
    assert visitor(app).get(f"/reset/{reset_token}").status_code == 404


def test_bad_input_on_the_reset_link_is_422(app, reset_token, person, db_dump):
    guest = visitor(app)
    guest.get(f"/reset/{reset_token}")
    before = db_dump()
    response = guest.post(f"/reset/{reset_token}", {"new_password": "short"})
    assert response.status_code == 422
    assert "Use at least 10 characters" in plain(response)
    assert db_dump() == before


def test_disabling_an_account_revokes_its_reset_link(as_admin, reset_token, person, app):
    as_admin.post(f"/admin/accounts/{person.id}/disable")
    assert visitor(app).get(f"/reset/{reset_token}").status_code == 404


def test_only_the_hash_of_a_token_is_stored(signup_token, reset_token, db_dump):
    dump = db_dump()
    assert signup_token not in dump and reset_token not in dump


def office_guest(app):
    """A visitor from the office's one address."""
    guest = visitor(app)
    guest.client.environ_base["REMOTE_ADDR"] = "10.0.2.1"
    return guest


def test_an_office_signs_up_with_its_links_from_one_address(app, admin_user):
    """Only refused attempts count: 30 colleagues' links from one address all work."""
    with app.app_context():
        tokens = [create_link(admin_user, "signup", f"c{n}@example.org") for n in range(30)]
    for n, token in enumerate(tokens):
        guest = office_guest(app)
        guest.get(f"/welcome/{token}")
        data = {"display_name": f"Colleague {n}", "password": PASSWORD}
        assert guest.post(f"/welcome/{token}", data).status_code == 303, n
    # Guessing links from there is still stopped.
    guest = office_guest(app)
    guest.get("/login")
    for n in range(10):
        assert guest.post(f"/welcome/guess-{n}", {}).status_code == 404, n
    assert guest.post("/welcome/guess-last", {}).status_code == 429
