"""`pairapp migrate-to-postgres`: every row of the SQLite database moves to PostgreSQL."""

import sqlite3

import engine
import pytest
from conftest import app_config, plain

from pairapp import create_app
from pairapp.db import close_all, db

needs_postgres = pytest.mark.skipif(
    not engine.POSTGRES_URL, reason="needs PAIRAPP_TEST_POSTGRES_URL (a PostgreSQL database)"
)


@pytest.fixture
def empty_postgres():
    schema = engine.Schema("pairapp_transfer")
    yield schema
    schema.drop()


def sqlite_counts(path):
    connection = sqlite3.connect(path)
    try:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names
        }
    finally:
        connection.close()


@needs_postgres
@pytest.mark.skipif(engine.ON_POSTGRES, reason="copies from SQLite: runs in the SQLite run")
def test_every_row_moves_and_the_app_runs_on_postgres(plan_world, make_invite, empty_postgres):
    world = plan_world
    assert (
        world.save("mentor", "field", world.field("roles"), value="Mo listens").status_code == 303
    )
    world.add("protege", "goal", title="A private goal", private=True)
    make_invite(world.pair, "colleague", by=world.mentor)
    database = world.app.config["DATABASE"]
    expected = sqlite_counts(database)
    runner = world.app.test_cli_runner()

    result = runner.invoke(args=["migrate-to-postgres", empty_postgres.url])

    assert result.exit_code == 0, result.output
    copied = {t: n for t, n in expected.items() if t != "schema_migration"}
    assert f"Copied {sum(copied.values())} rows in {len(copied)} tables" in result.output
    assert {t: empty_postgres.count(t) for t in expected} == expected
    assert "DATABASE_URL" in result.output

    # The app now runs on PostgreSQL with the same people, plan and history.
    postgres_app = create_app(app_config(empty_postgres))
    try:
        client = postgres_app.test_client()
        page = client.get("/login").get_data(as_text=True)
        token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        login = client.post(
            "/login",
            data={
                "email": world.mentor.email,
                "password": "correct horse battery",
                "csrf_token": token,
            },
        )
        assert login.status_code == 303
        plan = client.get(world.url("/plan"))
        assert plan.status_code == 200 and "Mo listens" in plain(plan)
        # New rows get fresh ids: the sequences start after the copied ones.
        added = client.post(
            world.url("/goal/new"),
            data={"new-goal-title": "Made on PostgreSQL", "csrf_token": token},
        )
        assert added.status_code == 303
        assert "Made on PostgreSQL" in plain(client.get(world.url("/plan")))
    finally:
        close_all(postgres_app.extensions["database"])
        db.initialize(world.app.extensions["database"])


@needs_postgres
@pytest.mark.skipif(engine.ON_POSTGRES, reason="copies from SQLite: runs in the SQLite run")
def test_a_database_with_data_is_refused(plan_world, empty_postgres):
    runner = plan_world.app.test_cli_runner()
    assert runner.invoke(args=["migrate-to-postgres", empty_postgres.url]).exit_code == 0
    before = empty_postgres.dump()
    again = runner.invoke(args=["migrate-to-postgres", empty_postgres.url])
    assert again.exit_code == 1
    assert "is not empty" in again.output and "nothing was copied" in again.output
    assert empty_postgres.dump() == before


def test_the_target_must_be_postgres(runner, tmp_path):
    if engine.ON_POSTGRES:
        pytest.skip("the app itself runs on PostgreSQL here")
    result = runner.invoke(args=["migrate-to-postgres", f"sqlite:///{tmp_path}/x.sqlite3"])
    assert result.exit_code == 1
    assert "must be a postgresql:// database" in result.output


@pytest.mark.skipif(not engine.ON_POSTGRES, reason="the app runs on PostgreSQL only in that run")
@pytest.mark.parametrize("command", [["backup", "x.sqlite3"], ["restore", "--yes", "x.sqlite3"]])
def test_backup_on_postgres_points_to_pg_dump(runner, command):
    result = runner.invoke(args=command)
    assert result.exit_code == 1
    assert "pg_dump" in result.output
