"""The database engine the tests run on: SQLite files, or PostgreSQL schemas.

`PAIRAPP_TEST_ENGINE=postgres` runs the test-client suite on PostgreSQL, in a throwaway
schema of the database at `PAIRAPP_TEST_POSTGRES_URL`. The schema is migrated once per
session; between tests every table is emptied and the ids restart at 1, which is much faster
than migrating again (DELETE, not TRUNCATE: on small tables TRUNCATE costs a file sync each).
"""

import os
import uuid
from urllib.parse import quote

ENGINE = os.environ.get("PAIRAPP_TEST_ENGINE", "sqlite").strip().lower() or "sqlite"
POSTGRES_URL = os.environ.get("PAIRAPP_TEST_POSTGRES_URL", "").strip()
ON_POSTGRES = ENGINE == "postgres"

# Peewee's migration history: kept when the data is emptied.
KEEP = {"schema_migration"}


def check_settings():
    """A clear stop when PostgreSQL was asked for without saying where it is."""
    if ENGINE not in {"sqlite", "postgres"}:
        raise SystemExit(f"PAIRAPP_TEST_ENGINE must be sqlite or postgres, not {ENGINE!r}")
    if ON_POSTGRES and not POSTGRES_URL:
        raise SystemExit("PAIRAPP_TEST_ENGINE=postgres needs PAIRAPP_TEST_POSTGRES_URL")


def schema_url(schema):
    """The test database URL with this schema first on the search path."""
    separator = "&" if "?" in POSTGRES_URL else "?"
    # Speed only: the tests need no commit to survive a power cut.
    options = f"-c search_path={schema} -c synchronous_commit=off"
    return f"{POSTGRES_URL}{separator}options={quote(options)}"


def _admin():
    """A plain psycopg connection to the test database (autocommit)."""
    import psycopg

    return psycopg.connect(POSTGRES_URL, autocommit=True)


class Schema:
    """A throwaway PostgreSQL schema: its URL, emptied or dumped on demand, dropped at close."""

    def __init__(self, prefix="pairapp_test"):
        self.name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        self.url = schema_url(self.name)
        self.connection = _admin()
        self.connection.execute("SET synchronous_commit TO off")
        self.connection.execute(f'CREATE SCHEMA "{self.name}"')
        self._order = None

    def tables(self):
        """The schema's tables, by name."""
        rows = self.connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename",
            (self.name,),
        )
        return [name for (name,) in rows]

    def deletion_order(self):
        """The tables, each before the tables its rows point at (found once)."""
        if self._order is None:
            rows = self.connection.execute(
                "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text"
                " FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
                " WHERE c.contype = 'f' AND n.nspname = %s",
                (self.name,),
            ).fetchall()
            points_at = {}
            for child, parent in rows:
                points_at.setdefault(parent.split(".")[-1].strip('"'), set()).add(
                    child.split(".")[-1].strip('"')
                )
            left = [t for t in self.tables() if t not in KEEP]
            order = []
            while left:
                ready = [t for t in left if not (points_at.get(t, set()) - {t}) - set(order)]
                ready = ready or left  # a cycle: DELETE copes within one transaction
                order += ready
                left = [t for t in left if t not in ready]
            self._order = order
        return self._order

    def empty(self):
        """Delete every row (the migration history stays) and restart the ids at 1."""
        with self.connection.transaction():
            for table in self.deletion_order():
                self.connection.execute(f'DELETE FROM "{self.name}"."{table}"')
            sequences = self.connection.execute(
                "SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = %s",
                (self.name,),
            ).fetchall()
            for (sequence,) in sequences:
                self.connection.execute(f'ALTER SEQUENCE "{self.name}"."{sequence}" RESTART')

    def dump(self):
        """Every row of every table as text, to prove a request changed nothing."""
        lines = []
        for table in self.tables():
            rows = self.connection.execute(f'SELECT * FROM "{self.name}"."{table}" ORDER BY 1')
            lines += [f"{table}: {row!r}" for row in rows]
        return "\n".join(lines)

    def count(self, table):
        """How many rows a table holds."""
        return self.connection.execute(f'SELECT count(*) FROM "{self.name}"."{table}"').fetchone()[
            0
        ]

    def drop(self):
        """Drop the schema and everything in it."""
        self.connection.execute(f'DROP SCHEMA IF EXISTS "{self.name}" CASCADE')
        self.connection.close()
