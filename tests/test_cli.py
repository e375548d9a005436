"""Operations: the health check and the `pairapp` commands (init, create-admin, serve)."""

import sqlite3

import pytest

from pairapp import cli, create_app
from pairapp import db as database
from pairapp.models import User

pytestmark = pytest.mark.usefixtures("fast_hashing")

STRONG = "a long admin password"


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.is_json and response.json == {"status": "ok", "db": "ok"}


def test_healthz_reports_an_unreachable_database(client):
    # Every connection closed, pooled ones too: the next one must open the missing database.
    database.close_all(database.db.obj)
    database.db.obj.database = "/nonexistent/folder/pairapp.sqlite3"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "error", "db": "error"}


def test_init_creates_the_tables(app, tmp_path):
    fresh = tmp_path / "fresh.sqlite3"
    runner = create_app(
        {**app.config, "DATABASE": str(fresh), "DATABASE_URL": None, "AUTO_MIGRATE": False}
    ).test_cli_runner()
    assert not fresh.exists() or not tables_in(fresh)
    result = runner.invoke(args=["init"])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output
    applied = int(result.output.split("(")[1].split()[0])
    assert applied >= 2
    newest = max(path.stem for path in database.MIGRATIONS_DIR.glob("[0-9]*.py"))
    assert f"{applied} migrations, newest {newest}" in result.output
    assert {"user", "pair", "membership", "invite", "revision", "goal"} <= tables_in(fresh)
    again = runner.invoke(args=["init"])
    assert again.exit_code == 0 and "(0 applied just now)" in again.output


def tables_in(path):
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows}
    finally:
        connection.close()


def test_create_admin(runner):
    result = runner.invoke(
        args=[
            "create-admin",
            "--email",
            "Boss@Example.org",
            "--name",
            "Bo Boss",
            "--password",
            STRONG,
        ]
    )
    assert result.exit_code == 0, result.output
    user = User.get()
    assert (user.email, user.display_name, user.is_admin) == ("boss@example.org", "Bo Boss", True)
    assert user.check_password(STRONG)


def test_create_admin_can_log_in(runner, client):
    runner.invoke(
        args=["create-admin", "--email", "b@example.org", "--name", "B", "--password", STRONG]
    )
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        "/login", data={"email": "b@example.org", "password": STRONG, "csrf_token": token}
    )
    assert response.status_code == 303


def test_create_admin_promotes_an_existing_account(runner, make_user):
    user = make_user()
    result = runner.invoke(args=["create-admin", "--email", "MENTOR@example.org", "--name", "x"])
    assert result.exit_code == 0, result.output
    assert "now an admin" in result.output
    assert User.get_by_id(user.id).is_admin
    assert User.select().count() == 1


@pytest.mark.parametrize("password", ["short", "1234567890", "QWERTYUIOP"])
def test_create_admin_refuses_a_weak_password(runner, password):
    result = runner.invoke(
        args=["create-admin", "--email", "b@example.org", "--name", "B", "--password", password]
    )
    assert result.exit_code != 0
    assert "at least 10 characters" in result.output
    assert User.select().count() == 0


def test_serve_runs_gunicorn_as_the_design_says(runner, monkeypatch):
    calls = []
    monkeypatch.setattr(cli.os, "execvp", lambda file, args: calls.append(args))
    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("PORT", "8123")
    result = runner.invoke(args=["serve"])
    assert result.exit_code == 0, result.output
    (args,) = calls
    command = " ".join(args)
    assert "-m gunicorn" in command
    for part in (
        "--worker-class gthread",
        "--workers 1",
        "--threads 16",
        "--bind 0.0.0.0:8123",
        "--no-control-socket",
        "pairapp.wsgi:app",
    ):
        assert part in command
