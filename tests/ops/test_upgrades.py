"""Schema upgrades on both engines: on start (PAIRAPP_AUTO_MIGRATE) and by `pairapp migrate`."""

import engine
import pytest
from conftest import app_config
from playhouse import migrations

from pairapp import config, create_app
from pairapp.db import MIGRATIONS_DIR, close_all, db, make_database, migration_names


@pytest.fixture
def fresh_database(tmp_path):
    """An empty database of this run's engine: a SQLite file or a PostgreSQL schema."""
    if engine.ON_POSTGRES:
        schema = engine.Schema("pairapp_fresh")
        yield schema
        schema.drop()
    else:
        yield tmp_path / "fresh.sqlite3"


@pytest.fixture
def new_app(app):
    """new_app(settings): another app; its connections are closed and the test's own app
    gets the database proxy back at the end."""
    made = []

    def make(settings):
        made.append(create_app(settings))
        return made[-1]

    yield make
    for other in made:
        close_all(other.extensions["database"])
    db.initialize(app.extensions["database"])


def tables(settings):
    database = make_database(settings)
    try:
        with database.connection_context():
            return set(database.get_tables())
    finally:
        close_all(database)


def test_migrate_applies_every_migration_to_a_fresh_database(fresh_database, new_app):
    settings = {**app_config(fresh_database), "AUTO_MIGRATE": False}
    fresh_app = new_app(settings)
    assert not tables(settings) - {"schema_migration"}

    result = fresh_app.test_cli_runner().invoke(args=["migrate"])

    assert result.exit_code == 0, result.output
    for name in migration_names():
        assert f"Applied {name}." in result.output
    newest = migration_names()[-1]
    assert f"up to date: {len(migration_names())} migrations, newest {newest}" in result.output
    assert {"user", "pair", "membership", "revision", "goal"} <= tables(settings)
    again = fresh_app.test_cli_runner().invoke(args=["migrate"])
    assert again.exit_code == 0 and "Applied" not in again.output


def test_the_app_migrates_as_it_starts_and_migrate_reports_it(fresh_database, new_app):
    started = new_app(app_config(fresh_database))
    assert {"user", "revision"} <= tables(app_config(fresh_database))
    result = started.test_cli_runner().invoke(args=["migrate"])
    assert f"Applied {migration_names()[-1]}." in result.output


def test_a_first_release_database_with_data_upgrades(fresh_database, new_app):
    settings = {**app_config(fresh_database), "AUTO_MIGRATE": False}
    old = make_database(settings)
    with old.connection_context():
        migrations.Runner(old, str(MIGRATIONS_DIR)).up(target="0001_initial")
        old.execute_sql(
            'INSERT INTO "user" (email, display_name, password_hash, is_admin, timezone,'
            " session_version, created_at) VALUES ('old@example.org', 'Old Timer', 'x', %s,"
            " '', 1, '2026-01-01 00:00:00')".replace("%s", "true" if engine.ON_POSTGRES else "1")
        )
    close_all(old)
    upgraded = new_app(settings)
    result = upgraded.test_cli_runner().invoke(args=["migrate"])
    assert result.exit_code == 0, result.output
    with db.connection_context():
        have = [name for (name,) in db.execute_sql("SELECT name FROM schema_migration")]
        people = db.execute_sql('SELECT display_name, is_admin FROM "user"').fetchall()
    assert sorted(have) == migration_names()
    assert people == [("Old Timer", True if engine.ON_POSTGRES else 1)]


@pytest.mark.parametrize(("value", "expected"), [(None, True), ("0", False), ("off", False)])
def test_auto_migrate_setting(monkeypatch, tmp_path, value, expected):
    if value is None:
        monkeypatch.delenv("PAIRAPP_AUTO_MIGRATE", raising=False)
    else:
        monkeypatch.setenv("PAIRAPP_AUTO_MIGRATE", value)
    assert config.from_environment(str(tmp_path))["AUTO_MIGRATE"] is expected
