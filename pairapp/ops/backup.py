"""Consistent online backups of the SQLite database, and checked restores."""

import datetime
import sqlite3
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every pairapp database has had since the first release.
PAIRAPP_TABLES = {"schema_migration", "user", "pair", "membership"}


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, for people."""


def backup(database_path, target):
    """Copy the live database to target with SQLite's backup API; returns the copy's path.

    The backup API reads one consistent snapshot even while the server keeps writing (WAL),
    so the copy never holds half a change.
    """
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} exists already. Choose a new file name.")
    if not Path(database_path).is_file():
        raise BackupError(f"There is no database at {database_path} to back up.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{database_path}?mode=ro", uri=True, timeout=30)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)
        # One self-contained file: no -wal file beside it to forget when copying it away.
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()
        source.close()
    problems = check(partial)
    if problems:
        partial.unlink(missing_ok=True)
        raise BackupError(f"The copy did not pass its check: {problems}")
    partial.rename(target)
    return target


def check(path):
    """Why this file is not a sound pairapp database, or "" when it is."""
    path = Path(path)
    if not path.is_file():
        return f"{path} does not exist."
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return f"{path} is not an SQLite database, so it is not a pairapp backup."
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return f"{path} is damaged ({error})."
    if result != ["ok"]:
        return f"{path} is damaged: " + "; ".join(result[:3])
    if not tables >= PAIRAPP_TABLES:
        return f"{path} is an SQLite database, but not a pairapp one."
    return ""


def applied_in(path):
    """The migration names a database file has applied."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {row[0] for row in connection.execute("SELECT name FROM schema_migration")}
    finally:
        connection.close()


def restore(backup_path, database_path, known_migrations):
    """Check the backup, keep the current database aside, then copy the backup in.

    Returns the path of the kept copy of the database as it was. The copy goes through the
    backup API into the live file, so a running server sees the restored data at its next
    request instead of writing into a file that was swapped under it.
    """
    problems = check(backup_path)
    if problems:
        raise BackupError(problems + " Nothing was changed.")
    newer = applied_in(backup_path) - set(known_migrations)
    if newer:
        raise BackupError(
            "This backup comes from a newer pairapp release (it has "
            f"{', '.join(sorted(newer))}). Upgrade pairapp first. Nothing was changed."
        )
    database_path = Path(database_path)
    kept = None
    if database_path.is_file():
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = backup(
            database_path, database_path.with_name(f"{database_path.name}.{stamp}.before-restore")
        )
    source = sqlite3.connect(f"file:{backup_path}?mode=ro", uri=True)
    live = sqlite3.connect(database_path, timeout=30)
    try:
        source.backup(live)
        live.execute("PRAGMA journal_mode=WAL")
    finally:
        live.close()
        source.close()
    return kept
