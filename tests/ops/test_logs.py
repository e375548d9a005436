"""Logs: one line per request, errors with their traceback, auth events, never a secret."""

import logging
import re

import pytest
from conftest import PASSWORD, Browserish, plain

TYPED = "my very secret typo password"


@pytest.fixture
def logs(caplog):
    caplog.set_level(logging.INFO, logger="pairapp")
    return caplog


def request_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "pairapp.requests"]


def test_one_line_per_request_without_the_query_string(client, logs):
    client.get("/login?next=/pairs/1&token=abc123secret")
    (line,) = request_lines(logs)
    assert re.fullmatch(r"GET /login 200 \d+\.\dms", line), line
    assert "abc123secret" not in logs.text


def test_a_path_token_is_hidden(client, logs, make_pair, make_invite):
    _invite, token = make_invite(make_pair())
    client.get(f"/join/{token}")
    client.get(f"/welcome/{token}")
    assert token not in logs.text
    lines = request_lines(logs)
    assert lines[0].startswith("GET /join/[token] 200")
    assert lines[1].startswith("GET /welcome/[token] 404")


def test_the_lines_go_to_stdout(client, capsys):
    client.get("/healthz?x=1")
    out = capsys.readouterr().out
    assert "INFO pairapp.requests: GET /healthz 200" in out


def test_errors_are_logged_with_their_traceback(app, client, logs):
    def boom():
        raise RuntimeError("the disk is on fire")

    app.add_url_rule("/boom", "boom", boom)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    assert client.get("/boom?q=secret").status_code == 500
    (error,) = [r for r in logs.records if r.levelno == logging.ERROR]
    assert "Exception on /boom [GET]" in error.getMessage()
    assert "Traceback" in logs.text and "the disk is on fire" in logs.text
    assert request_lines(logs)[-1].startswith("GET /boom 500")


def auth_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "pairapp.auth"]


def test_auth_events_are_logged_without_secrets(
    app, logs, capsys, person, admin_user, as_admin, make_pair, login
):
    # Admin links: made, used, revoked; an admin action.
    made = as_admin.post("/admin/accounts/signup-links", {"email": "new@example.org"}, htmx=True)
    signup = plain(made).split("/welcome/")[1].split('"')[0]
    new = Browserish(app.test_client())
    new.get(f"/welcome/{signup}")
    new.post(f"/welcome/{signup}", {"display_name": "Nell", "password": PASSWORD})
    made = as_admin.post(f"/admin/accounts/{person.id}/reset-link", htmx=True)
    reset = plain(made).split("/reset/")[1].split('"')[0]
    as_admin.post("/admin/links/2/revoke")

    # Invite links: made, used, revoked.
    mentor = login(admin_user)
    pair = make_pair(mentor=admin_user)
    made = mentor.post(f"/pairs/{pair.id}/invites", {"role": "protege"}, htmx=True)
    invite = plain(made).split("/join/")[1].split('"')[0]
    joiner = login(person)
    joiner.get(f"/join/{invite}")
    joiner.post(f"/join/{invite}")
    mentor.post(f"/pairs/{pair.id}/invites", {"role": "colleague"}, htmx=True)
    mentor.post(f"/pairs/{pair.id}/invites/2/revoke")

    # Failed log-ins, then the rate limit (last: it counts every client here as one address).
    guest = Browserish(app.test_client())
    guest.get("/login")
    guest.post("/login", {"email": person.email, "password": TYPED})
    guest.post("/login", {"email": TYPED, "password": TYPED})
    for _ in range(10):
        guest.post("/login", {"email": "x@example.org", "password": TYPED})

    events = "\n".join(auth_lines(logs))
    for expected in (
        f"login-failed account={person.id}",
        "login-failed account=unknown",
        "rate-limited path=/login",
        "link-created kind=signup",
        "link-used kind=signup",
        "link-created kind=reset",
        "link-revoked kind=reset",
        "admin-action action=signup-link-created",
        "link-created kind=invite",
        "link-used kind=invite",
        "link-revoked kind=invite",
    ):
        assert expected in events, expected
    everything = logs.text + capsys.readouterr().out
    for secret in (TYPED, PASSWORD, signup, reset, invite, app.config["SECRET_KEY"]):
        assert secret not in everything
