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


def test_cycles_keep_their_texts_when_0012_lets_a_side_be_empty(tmp_path):
    """0012 rebuilds the cycle table (SQLite cannot alter a foreign key): nothing that points
    at a cycle is lost, and deleting an account then leaves the cycle with an empty side."""
    path = tmp_path / "before-0012.sqlite3"
    old = SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    migrations.Runner(old, str(MIGRATIONS_DIR)).up(target="0009_revision_newest_per_part")
    old.execute_sql(
        "INSERT INTO user (email, display_name, password_hash, is_admin, timezone,"
        " session_version, created_at) VALUES ('mo@example.org', 'Mo', 'x', 0, '', 1,"
        " '2026-01-01'), ('pat@example.org', 'Pat', 'x', 0, '', 1, '2026-01-01')"
    )
    old.execute_sql(
        "INSERT INTO pair (title, start_date, created_at, change_counter)"
        " VALUES ('Old pair', '2026-01-05', '2026-01-05', 0)"
    )
    old.execute_sql(
        "INSERT INTO cycle (pair_id, version, position, created_at, updated_at, observer_id,"
        " observed_id, stage) VALUES (1, 1, 1, '2026-01-06', '2026-01-06', 1, 2, 'observed')"
    )
    old.execute_sql(
        "INSERT INTO observation_note (pair_id, version, position, created_at, updated_at,"
        " cycle_id, at, text) VALUES (1, 1, 1, '2026-01-06', '2026-01-06', 1, '09:00', 'kept')"
    )
    old.close()

    create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE": str(path), "DATABASE_URL": None})

    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        assert conn.execute("SELECT text FROM observation_note").fetchall() == [("kept",)]
        conn.execute("DELETE FROM user WHERE email = 'pat@example.org'")
        assert conn.execute("SELECT observer_id, observed_id, stage FROM cycle").fetchall() == [
            (1, None, "observed")
        ]
        assert conn.execute("SELECT text FROM observation_note").fetchall() == [("kept",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        indexes = {row[1] for row in conn.execute("PRAGMA index_list('cycle')")}
        assert {"cycle_observer_id", "cycle_observed_id", "cycle_pair_id"} <= indexes
