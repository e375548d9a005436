"""The database object, its connection per request, the migration runner and prepared selects."""

from collections import namedtuple
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from flask import request
from peewee import DatabaseProxy, Node, PostgresqlDatabase, SqliteDatabase
from playhouse import migrations
from playhouse.db_url import connect, parse
from playhouse.pool import PooledPostgresqlDatabase

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

POSTGRES_SCHEMES = {"postgres", "postgresql"}

# PostgreSQL advisory lock keys (any constant bigint): one for writes, one for migrations.
WRITE_LOCK = 7_146_501
MIGRATION_LOCK = 7_146_502


def make_database(config):
    """Create the database named by DATABASE_URL or the SQLite file path."""
    url = config.get("DATABASE_URL")
    if url:
        if urlsplit(url).scheme in POSTGRES_SCHEMES:
            # A pool: a new PostgreSQL connection (TCP and a password check) per request
            # costs more than most pages. No limit beyond the server's threads (0 = none);
            # psycopg 3 even where psycopg2 happens to be installed too.
            return PooledPostgresqlDatabase(
                **parse(url), max_connections=0, stale_timeout=300, prefer_psycopg3=True
            )
        return connect(url)
    path = Path(config["DATABASE"])
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, timeout=5)


def close_all(database):
    """Close every connection of a database, pooled ones included (tests, commands)."""
    if hasattr(database, "close_all"):
        database.close_all()
    elif not database.is_closed():
        database.close()


def is_postgres(database=None):
    """Whether the database (by default the app's) is PostgreSQL."""
    database = database or db.obj
    return isinstance(database, PostgresqlDatabase)


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


@contextmanager
def write_transaction():
    """A transaction that reads then writes, run as if it were alone.

    On SQLite it takes the write lock at the start (BEGIN IMMEDIATE): a deferred one that
    reads first fails with "database is locked" when two people save at once. On PostgreSQL,
    READ COMMITTED would let two such transactions read the same version and both "win";
    a transaction-scoped advisory lock gives the same one-writer-at-a-time order instead.
    """
    if isinstance(db.obj, SqliteDatabase):
        with db.atomic("IMMEDIATE") as transaction:
            yield transaction
        return
    with db.atomic() as transaction:
        if is_postgres():
            db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        yield transaction


def upgrade():
    """Apply every pending numbered migration; returns the names applied."""
    with db.connection_context():
        if not is_postgres():
            return migrations.run(db.obj, str(MIGRATIONS_DIR)) or []
        # Several server processes may start at once: one migrates, the others wait.
        db.execute_sql("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        try:
            return migrations.run(db.obj, str(MIGRATIONS_DIR)) or []
        finally:
            db.execute_sql("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))


def applied_migrations():
    """The names of the migrations this database has, oldest first."""
    with db.connection_context():
        return sorted(migrations.Runner(db.obj, str(MIGRATIONS_DIR)).applied())


def migration_names():
    """The names of the migration files shipped with this release, oldest first."""
    return sorted(path.stem for path in MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.py"))


_Bound = namedtuple("_Bound", "name")  # where a Param's value goes in a prepared query's values


class Param(Node):
    """A value given each time a prepared query runs (see Prepared)."""

    def __init__(self, name):
        super().__init__()
        self.name = name

    def __sql__(self, ctx):
        return ctx.value(_Bound(self.name), converter=False)


class Prepared:
    """A select whose SQL is built once per kind of database; each run only binds its values.

    Peewee builds a query's SQL again on every run, which costs more than running a select on
    a small table (0.15 to 0.3 ms for a model's select). Pages that run the same selects on
    every load prepare them: the query holds Param(name) for each value, and calling the
    Prepared with those names returns its rows as the query itself would (model instances,
    joined models included).
    """

    def __init__(self, query):
        self.query = query
        self.compiled = {}

    def __call__(self, **values):
        database = db.obj
        kind = type(database)
        if kind not in self.compiled:
            self.compiled[kind] = database.get_sql_context().sql(self.query).query()
        sql, params = self.compiled[kind]
        bound = [values[p.name] if isinstance(p, _Bound) else p for p in params]
        # The query's own row reader (peewee==4.5.3, pinned): the same rows as query.execute().
        return self.query._get_cursor_wrapper(database.execute_sql(sql, bound))
