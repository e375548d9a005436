"""The database object, its connection per request and the migration runner."""

from pathlib import Path

from flask import request
from peewee import DatabaseProxy, SqliteDatabase
from playhouse import migrations
from playhouse.db_url import connect

from . import paths

db = DatabaseProxy()

MIGRATIONS_DIR = paths.MIGRATIONS

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # full: a committed change survives a power cut (the plan is people's work).
    "synchronous": "full",
    "busy_timeout": 5000,
}


def make_database(config):
    """Create the database named by DATABASE_URL or the SQLite file path."""
    if config.get("DATABASE_URL"):
        return connect(config["DATABASE_URL"])
    path = Path(config["DATABASE"])
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, timeout=5)


def init_app(app):
    """Bind the database to the app and open/close a connection per request."""
    database = make_database(app.config)
    db.initialize(database)
    app.extensions["database"] = database

    @app.before_request
    def _connect():
        # Not for the health check: it connects itself, to answer a failure with JSON 503.
        if request.endpoint != "healthz":
            db.connect(reuse_if_open=True)

    @app.teardown_request
    def _close(_exc):
        if not db.is_closed():
            db.close()


def write_transaction():
    """A transaction that reads then writes.

    On SQLite it takes the write lock at the start (BEGIN IMMEDIATE): a deferred one that
    reads first fails with "database is locked" when two people save at once.
    """
    if isinstance(db.obj, SqliteDatabase):
        return db.atomic("IMMEDIATE")
    return db.atomic()


def upgrade():
    """Apply every pending numbered migration; returns the names applied."""
    with db.connection_context():
        return migrations.run(db.obj, str(MIGRATIONS_DIR)) or []
