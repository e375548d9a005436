"""`pairapp backup` and `pairapp restore` on the embedded SQLite file."""

import sqlite3
import threading

import engine
import pytest
from peewee import SqliteDatabase
from playhouse import migrations

from pairapp.db import MIGRATIONS_DIR, migration_names
from pairapp.models import User

pytestmark = pytest.mark.skipif(engine.ON_POSTGRES, reason="SQLite backups (PostgreSQL: pg_dump)")


def rows(path, sql):
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_backup_while_the_server_writes_is_consistent(app, runner, make_user, tmp_path):
    owner = make_user()
    database = app.config["DATABASE"]
    stop = threading.Event()
    written = []

    def writer():
        # Each change writes two rows in one transaction: a copy must never hold one alone.
        connection = sqlite3.connect(database, timeout=10)
        connection.execute("PRAGMA journal_mode=WAL")
        number = 0
        while not stop.is_set() and number < 5000:
            number += 1
            with connection:
                cursor = connection.execute(
                    "INSERT INTO pair (title, start_date, created_at, change_counter)"
                    " VALUES (?, '2026-09-01', '2026-09-01 00:00:00', 0)",
                    (f"pair {number}",),
                )
                connection.execute(
                    "INSERT INTO membership (pair_id, user_id, role, joined_at)"
                    " VALUES (?, ?, 'mentor', '2026-09-01 00:00:00')",
                    (cursor.lastrowid, owner.id),
                )
            written.append(number)
        connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    while len(written) < 50:
        stop.wait(0.01)
    before = len(written)
    target = tmp_path / "nightly" / "pairapp-backup.sqlite3"
    result = runner.invoke(args=["backup", str(target)])
    during = len(written)
    stop.set()
    thread.join(timeout=60)

    assert result.exit_code == 0, result.output
    assert "checked (integrity ok)" in result.output
    assert during > before, "the writer kept writing while the backup ran"
    assert rows(target, "PRAGMA integrity_check") == [("ok",)]
    (pairs,) = rows(target, "SELECT count(*) FROM pair")[0]
    (members,) = rows(target, "SELECT count(*) FROM membership")[0]
    assert pairs == members >= before
    assert rows(target, "SELECT email FROM user") == [(owner.email,)]
    # One self-contained file, not a WAL database needing a second file.
    assert rows(target, "PRAGMA journal_mode") == [("delete",)]


def test_backup_refuses_to_overwrite_a_file(runner, tmp_path):
    target = tmp_path / "taken.sqlite3"
    target.write_text("keep me")
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 1
    assert "exists already" in result.output
    assert target.read_text() == "keep me"


def test_restore_puts_the_backup_back_and_keeps_the_old_database(app, runner, make_user, tmp_path):
    make_user("Kept Kim")
    backup = tmp_path / "backup.sqlite3"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    make_user("Later Lee")
    assert User.select().count() == 2

    result = runner.invoke(args=["restore", "--yes", str(backup)])

    assert result.exit_code == 0, result.output
    assert f"Restored {backup}." in result.output
    assert [u.display_name for u in User.select()] == ["Kept Kim"]
    kept = result.output.split("is kept in ")[1].strip().rstrip(".")
    assert sorted(name for (name,) in rows(kept, "SELECT display_name FROM user")) == [
        "Kept Kim",
        "Later Lee",
    ]


def test_restore_asks_first(runner, make_user, tmp_path):
    make_user("Kept Kim")
    backup = tmp_path / "backup.sqlite3"
    runner.invoke(args=["backup", str(backup)])
    make_user("Later Lee")
    result = runner.invoke(args=["restore", str(backup)], input="n\n")
    assert result.exit_code == 1
    assert "Replace everything in" in result.output
    assert User.select().count() == 2


def damaged_copy(backup, tmp_path):
    """The backup with a page in the middle overwritten."""
    data = bytearray(backup.read_bytes())
    data[4096 * 3 : 4096 * 3 + 3000] = b"\xff" * 3000
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(bytes(data))
    return damaged


def foreign_sqlite(tmp_path):
    path = tmp_path / "other-app.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL)")
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize("kind", ["damaged", "text", "foreign", "missing"])
def test_restore_refuses_a_damaged_or_foreign_file(runner, make_user, tmp_path, db_dump, kind):
    make_user("Kept Kim")
    backup = tmp_path / "backup.sqlite3"
    runner.invoke(args=["backup", str(backup)])
    if kind == "damaged":
        source, message = damaged_copy(backup, tmp_path), "is damaged"
    elif kind == "text":
        source = tmp_path / "notes.txt"
        source.write_text("just some notes, not a database\n" * 200)
        message = "is not an SQLite database"
    elif kind == "foreign":
        source, message = foreign_sqlite(tmp_path), "not a pairapp one"
    else:
        source, message = tmp_path / "nowhere.sqlite3", "does not exist"
    before = db_dump()

    result = runner.invoke(args=["restore", "--yes", str(source)])

    assert result.exit_code == 1
    assert message in result.output and "Nothing was changed." in result.output
    assert "Traceback" not in result.output
    assert db_dump() == before


def test_restore_upgrades_an_older_backup(runner, tmp_path):
    old_path = tmp_path / "first-release.sqlite3"
    old = SqliteDatabase(str(old_path))
    migrations.Runner(old, str(MIGRATIONS_DIR)).up(target="0001_initial")
    old.execute_sql(
        "INSERT INTO user (email, display_name, password_hash, is_admin, timezone,"
        " session_version, created_at) VALUES ('old@example.org', 'Old Timer', 'x', 1, '', 1,"
        " '2026-01-01 00:00:00')"
    )
    old.close()

    result = runner.invoke(args=["restore", "--yes", str(old_path)])

    assert result.exit_code == 0, result.output
    assert "Upgraded it to this release" in result.output
    assert [u.display_name for u in User.select()] == ["Old Timer"]
    applied = rows(runner.app.config["DATABASE"], "SELECT name FROM schema_migration")
    assert sorted(name for (name,) in applied) == migration_names()
