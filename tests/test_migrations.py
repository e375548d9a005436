"""Schema upgrades keep the data of a database made by an older release."""

import sqlite3

from peewee import SqliteDatabase
from playhouse import migrations

from pairapp import create_app
from pairapp.db import MIGRATIONS_DIR


def test_database_from_the_first_release_upgrades_with_its_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = SqliteDatabase(str(path))
    migrations.Runner(old, str(MIGRATIONS_DIR)).up(target="0001_initial")
    old.execute_sql(
        "INSERT INTO user (email, display_name, password_hash, is_admin, timezone,"
        " session_version, created_at) VALUES ('old@example.org', 'Old Timer', 'x', 1, '', 1,"
        " '2026-01-01 00:00:00')"
    )
    old.execute_sql(
        "INSERT INTO pair (title, start_date, created_at, change_counter)"
        " VALUES ('Old pair', '2026-01-05', '2026-01-05 00:00:00', 0)"
    )
    old.close()

    create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE": str(path), "DATABASE_URL": None})

    with sqlite3.connect(path) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM schema_migration")}
        assert names == {path.stem for path in MIGRATIONS_DIR.glob("[0-9]*.py")}
        assert conn.execute("SELECT display_name FROM user").fetchall() == [("Old Timer",)]
        assert conn.execute("SELECT title FROM pair").fetchall() == [("Old pair",)]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert {"goal", "revision", "plan_field", "checklist_item", "guide"} <= tables
