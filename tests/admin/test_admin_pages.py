"""The admin pages: every route's happy path, bad input (422), non-admins (403), CSRF (400)."""

import pytest
from conftest import HTMX_PARTIAL, by_id, plain, tags

from pairapp.admin.models import AccountLink, AuditEntry
from pairapp.core.access import hash_token
from pairapp.core.models import User
from pairapp.core.site_settings import signup_mode as stored_signup_mode


def signup_mode(app):
    with app.app_context():
        return stored_signup_mode()


PAGES = ["/admin", "/admin/accounts", "/admin/pairs", "/admin/audit"]


def link_in(response):
    """The one-time link a page shows, and its token."""
    url = by_id(plain(response), "new-account-link")["value"]
    return url, url.rsplit("/", 1)[1]


def post_routes(person):
    """Every admin POST route, with good data."""
    return [
        ("/admin/signup", {"mode": "invite"}),
        ("/admin/accounts/signup-links", {"email": "new@example.org"}),
        (f"/admin/accounts/{person.id}/reset-link", {}),
        (f"/admin/accounts/{person.id}/disable", {}),
        (f"/admin/accounts/{person.id}/enable", {}),
        ("/admin/links/1/revoke", {}),
    ]


@pytest.mark.parametrize("path", PAGES)
def test_admin_pages_show_and_change_nothing(as_admin, path, db_dump):
    before = db_dump()
    response = as_admin.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert tags(plain(response), "a", href=path, **{"aria-current": "page"})
    assert db_dump() == before


def test_the_admin_link_shows_for_admins_only(as_admin, as_person):
    assert tags(plain(as_admin.get("/")), "a", href="/admin")
    assert not tags(plain(as_person.get("/")), "a", href="/admin")


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_403_for_non_admins(as_person, path):
    response = as_person.get(path)
    assert response.status_code == 403
    assert "for the server's admins" in plain(response)


@pytest.mark.parametrize("path", PAGES)
def test_pages_send_a_logged_out_visitor_to_log_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_posts_are_403_for_non_admins(as_person, person, db_dump):
    before = db_dump()
    for path, data in post_routes(person):
        assert as_person.post(path, data).status_code == 403, path
    assert db_dump() == before


def test_posts_need_the_csrf_token(as_admin, person, db_dump):
    as_admin.get("/admin")
    before = db_dump()
    for path, data in post_routes(person):
        assert as_admin.post(path, data, csrf=False).status_code == 400, path
    assert db_dump() == before


@pytest.mark.parametrize("htmx", [False, True])
def test_set_signup_mode(app, as_admin, htmx):
    assert signup_mode(app) == "open"
    response = as_admin.post("/admin/signup", {"mode": "invite"}, htmx=htmx)
    if htmx:
        assert response.status_code == 200
        assert "Sign-up is saved" in plain(response) and "<html" not in plain(response)
    else:
        assert response.status_code == 303
        assert response.headers["Location"] == "/admin"
        assert "Sign-up is saved" in plain(as_admin.get("/admin"))
    assert signup_mode(app) == "invite"
    assert "checked" in by_id(plain(as_admin.get("/admin")), "mode-1")
    entry = AuditEntry.get()
    assert (entry.actor_name, entry.action) == ("Ada Admin", "signup-mode")


@pytest.mark.parametrize("mode", ["", "closed", "open'--"])
def test_signup_mode_refuses_other_values(as_admin, mode, db_dump):
    before = db_dump()
    response = as_admin.post("/admin/signup", {"mode": mode})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in plain(response)
    assert db_dump() == before


def test_stored_signup_mode_overrides_the_environment_default(app, as_admin, client):
    as_admin.post("/admin/signup", {"mode": "invite"})
    assert client.get("/signup").status_code == 403
    as_admin.post("/admin/signup", {"mode": "open"})
    assert client.get("/signup").status_code == 200


@pytest.mark.parametrize("htmx", [False, True])
def test_make_a_signup_link(as_admin, htmx):
    response = as_admin.post(
        "/admin/accounts/signup-links", {"email": " New@Example.org "}, htmx=htmx
    )
    if htmx:
        assert response.status_code == 200 and "<html" not in plain(response)
    else:
        assert response.status_code == 303
        response = as_admin.get("/admin/accounts")
    url, token = link_in(response)
    assert url == f"http://localhost/welcome/{token}"
    assert len(token) >= 43
    link = AccountLink.get()
    assert (link.kind, link.email, link.token_hash) == (
        "signup",
        "new@example.org",
        hash_token(token),
    )
    assert "Send this link to New@Example.org" in plain(response)
    # Shown once: the next page load has no link.
    assert not tags(plain(as_admin.get("/admin/accounts")), id="new-account-link")
    assert "A sign-up link for new@example.org" in plain(as_admin.get("/admin/accounts"))
    assert AuditEntry.get().detail == "Created a sign-up link for new@example.org."


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "This field is required."),
        ("not an email", "Enter an email address like name@example.org."),
        ("PAT@example.org", "An account with this email exists already."),
    ],
)
def test_signup_link_bad_email_is_422_with_the_text_kept(as_admin, person, email, message, db_dump):
    before = db_dump()
    response = as_admin.post("/admin/accounts/signup-links", {"email": email})
    assert response.status_code == 422
    assert message in plain(response)
    assert by_id(plain(response), "email").get("value", "") == email
    assert db_dump() == before


@pytest.mark.parametrize("htmx", [False, True])
def test_make_a_reset_link(as_admin, person, htmx):
    response = as_admin.post(f"/admin/accounts/{person.id}/reset-link", htmx=htmx)
    if not htmx:
        assert response.status_code == 303
        response = as_admin.get("/admin/accounts")
    url, token = link_in(response)
    assert url == f"http://localhost/reset/{token}"
    link = AccountLink.get()
    assert (link.kind, link.user_id) == ("reset", person.id)
    assert "Send this link to Pat Person (pat@example.org)" in plain(response)


def test_reset_link_for_a_disabled_account_is_422(as_admin, person, db_dump):
    as_admin.post(f"/admin/accounts/{person.id}/disable")
    before = db_dump()
    response = as_admin.post(f"/admin/accounts/{person.id}/reset-link")
    assert response.status_code == 422
    assert "account is disabled. Enable it first." in plain(response)
    assert db_dump() == before


def test_unknown_accounts_are_404(as_admin):
    for action in ("reset-link", "disable", "enable"):
        assert as_admin.post(f"/admin/accounts/9999/{action}").status_code == 404


@pytest.mark.parametrize("htmx", [False, True])
def test_disable_ends_sessions_at_once_and_enable_lets_them_log_in(
    as_admin, as_person, person, login, htmx
):
    assert as_person.get("/").status_code == 200
    response = as_admin.post(f"/admin/accounts/{person.id}/disable", htmx=htmx)
    assert response.status_code == (200 if htmx else 303)
    assert User.get_by_id(person.id).disabled_at is not None
    # The person's open session is over at the next request.
    assert as_person.get("/").status_code == 302
    # And they cannot log in again.
    refused = as_person.post("/login", {"email": person.email, "password": "correct horse battery"})
    assert refused.status_code == 422
    assert "This account is disabled" in plain(refused)
    assert "disabled" in plain(as_admin.get("/admin/accounts"))

    response = as_admin.post(f"/admin/accounts/{person.id}/enable", htmx=htmx)
    assert response.status_code == (200 if htmx else 303)
    assert User.get_by_id(person.id).disabled_at is None
    login(person)
    actions = [e.action for e in AuditEntry.select().order_by(AuditEntry.id)]
    assert actions == ["account-disabled", "account-enabled"]


def test_an_admin_cannot_disable_themselves(as_admin, admin_user, db_dump):
    before = db_dump()
    response = as_admin.post(f"/admin/accounts/{admin_user.id}/disable")
    assert response.status_code == 422
    assert "You cannot disable your own account" in plain(response)
    assert db_dump() == before


def test_disabling_twice_and_enabling_an_enabled_account_change_nothing(as_admin, person):
    as_admin.post(f"/admin/accounts/{person.id}/disable")
    as_admin.post(f"/admin/accounts/{person.id}/disable")
    as_admin.post(f"/admin/accounts/{person.id}/enable")
    as_admin.post(f"/admin/accounts/{person.id}/enable")
    assert AuditEntry.select().count() == 2


@pytest.mark.parametrize("htmx", [False, True])
def test_revoke_a_link(as_admin, htmx, client):
    _url, token = link_in(
        as_admin.post("/admin/accounts/signup-links", {"email": "n@example.org"}, htmx=True)
    )
    link = AccountLink.get()
    response = as_admin.post(f"/admin/links/{link.id}/revoke", htmx=htmx)
    assert response.status_code == (200 if htmx else 303)
    assert AccountLink.get_by_id(link.id).revoked_at is not None
    assert client.get(f"/welcome/{token}").status_code == 404
    assert "A sign-up link for" not in plain(as_admin.get("/admin/accounts"))
    # Revoking again, or an unknown link, changes nothing.
    assert as_admin.post(f"/admin/links/{link.id}/revoke").status_code == 303
    assert as_admin.post("/admin/links/9999/revoke").status_code == 303
    assert AuditEntry.select().where(AuditEntry.action == "link-revoked").count() == 1


def test_pairs_page_lists_title_members_and_last_activity(as_admin, make_pair, make_user):
    mentor = make_user("Mo Mentor", email="mo@example.org")
    make_pair("Mo and Pat", mentor=mentor)
    make_pair("Nobody's pair")
    page = plain(as_admin.get("/admin/pairs"))
    assert "Mo and Pat" in page and "Mo Mentor (mentor)" in page
    assert "Nobody is in this pair." in page
    assert page.count("Last activity") == 2


def test_audit_page_lists_what_admins_did(as_admin, person):
    as_admin.post(f"/admin/accounts/{person.id}/disable")
    page = plain(as_admin.get("/admin/audit"))
    assert "Ada Admin" in page and "Disabled the account pat@example.org." in page


def test_htmx_pages_are_partials_where_a_partial_exists(as_admin):
    response = as_admin.post("/admin/accounts/signup-links", {"email": "x"}, htmx=True)
    assert response.status_code == 422
    assert "<html" not in plain(response)
    assert by_id(plain(response), "admin-accounts") is not None
    assert as_admin.get("/admin", headers=HTMX_PARTIAL).status_code == 200
