"""`pairapp admin …`: each command, and what it records."""

import pytest
from conftest import PASSWORD, Browserish

from pairapp.admin.models import AccountLink, AuditEntry
from pairapp.core.models import User


def run(runner, *args):
    return runner.invoke(args=["admin", *args])


def last_line(result):
    """What the command said last (log lines to stdout come before it)."""
    return result.output.strip().splitlines()[-1]


def test_accounts_lists_everyone(runner, admin_user, person):
    result = run(runner, "accounts")
    assert result.exit_code == 0
    assert "ada@example.org\tAda Admin (admin)" in result.output
    assert "pat@example.org\tPat Person" in result.output


def test_signup_link_prints_a_working_link(runner, app, monkeypatch):
    app.config["BASE_URL"] = "https://pairapp.example.org"
    result = run(runner, "signup-link", "New@example.org")
    assert result.exit_code == 0, result.output
    url = result.output.strip().splitlines()[-1]
    assert url.startswith("https://pairapp.example.org/welcome/")
    token = url.rsplit("/", 1)[1]
    guest = Browserish(app.test_client())
    guest.get(f"/welcome/{token}")
    assert (
        guest.post(f"/welcome/{token}", {"display_name": "N", "password": PASSWORD}).status_code
        == 303
    )
    assert AuditEntry.get().actor_name == "command line"


def test_signup_link_refuses_a_taken_email(runner, person):
    result = run(runner, "signup-link", "pat@example.org")
    assert result.exit_code == 1 and "exists already" in result.output
    assert AccountLink.select().count() == 0


def test_reset_link_prints_a_working_link(runner, app, person):
    result = run(runner, "reset-link", "pat@example.org")
    assert result.exit_code == 0, result.output
    token = result.output.strip().rsplit("/", 1)[1]
    guest = Browserish(app.test_client())
    guest.get(f"/reset/{token}")
    assert (
        guest.post(f"/reset/{token}", {"new_password": "another long password"}).status_code == 303
    )


@pytest.mark.parametrize("command", ["reset-link", "disable", "enable"])
def test_unknown_email(runner, command):
    result = run(runner, command, "nobody@example.org")
    assert result.exit_code == 1
    assert "There is no account with the email nobody@example.org." in result.output


def test_links_and_revoke_link(runner, person):
    assert "No open links." in run(runner, "links").output
    run(runner, "reset-link", "pat@example.org")
    listed = run(runner, "links").output
    link = AccountLink.get()
    assert f"{link.id}\tpassword reset link for pat@example.org" in listed
    assert last_line(run(runner, "revoke-link", str(link.id))) == f"Link {link.id} is revoked."
    assert AccountLink.get().revoked_at is not None
    again = run(runner, "revoke-link", str(link.id))
    assert again.exit_code == 1 and f"There is no open link {link.id}." in again.output


def test_disable_and_enable(runner, person, login):
    session = login(person)
    assert (
        last_line(run(runner, "disable", "pat@example.org")) == "pat@example.org is now disabled."
    )
    assert session.get("/").status_code == 302
    assert "already disabled" in run(runner, "disable", "pat@example.org").output
    assert "(disabled)" in run(runner, "accounts").output
    assert last_line(run(runner, "enable", "pat@example.org")) == "pat@example.org can now log in."
    login(person)
    assert User.get_by_id(person.id).disabled_at is None


def test_signup_mode(runner, client):
    assert "Open: anyone" in run(runner, "signup").output
    assert "Invite-only" in run(runner, "signup", "invite").output
    assert client.get("/signup").status_code in (200, 403)
    assert "Invite-only" in run(runner, "signup").output
    assert run(runner, "signup", "closed").exit_code == 2
    assert AuditEntry.select().count() == 1


def test_pairs_and_audit(runner, make_pair, make_user, person):
    assert "No pairs yet." in run(runner, "pairs").output
    mentor = make_user("Mo Mentor", email="mo@example.org")
    make_pair("Mo and Pat", mentor=mentor, protege=person)
    listed = run(runner, "pairs").output
    assert "Mo and Pat\tMo Mentor (mentor), Pat Person (protégé)\tlast activity" in listed
    run(runner, "disable", "pat@example.org")
    assert "command line\tDisabled the account pat@example.org." in run(runner, "audit").output


def test_guides_points_to_the_guide_command(runner):
    assert "pairapp guide" in run(runner, "guides").output


def test_the_admin_group_is_listed(runner):
    result = runner.invoke(args=["admin", "--help"])
    for command in (
        "accounts",
        "signup-link",
        "reset-link",
        "links",
        "revoke-link",
        "disable",
        "enable",
        "signup",
        "pairs",
        "audit",
    ):
        assert command in result.output
