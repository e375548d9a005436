"""Copy every row of a pairapp SQLite database into an empty PostgreSQL database."""

import sqlite3

from playhouse import migrations

from ..db import MIGRATIONS_DIR, is_postgres

# Filled by the migrations themselves on the target.
NOT_COPIED = {"schema_migration"}


class TransferError(Exception):
    """A copy that cannot go ahead; the message says why, for people."""


def source_tables(connection):
    """The tables of the SQLite database that hold pairapp data."""
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return {name for (name,) in rows} - NOT_COPIED


def in_dependency_order(target, tables):
    """The tables ordered so each comes after the tables its foreign keys point at."""
    needs = {
        table: {fk.dest_table for fk in target.get_foreign_keys(table)} & tables - {table}
        for table in tables
    }
    ordered = []
    while needs:
        ready = sorted(table for table, after in needs.items() if not after - set(ordered))
        if not ready:
            raise TransferError(f"Foreign keys go round in a circle: {sorted(needs)}")
        ordered += ready
        for table in ready:
            del needs[table]
    return ordered


def require_empty(target):
    """Refuse a target that already holds pairapp data."""
    for table in set(target.get_tables()) - NOT_COPIED:
        if target.execute_sql(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone():
            raise TransferError(
                f"The PostgreSQL database is not empty (table {table} has rows). "
                "Give an empty database; nothing was copied."
            )


def copy_table(source, target, table):
    """Copy one table's rows with COPY; PostgreSQL parses each value for its column type."""
    columns = [row[1] for row in source.execute(f'PRAGMA table_info("{table}")')]
    target_columns = {column.name for column in target.get_columns(table)}
    missing = set(columns) - target_columns
    if missing:
        raise TransferError(f"Table {table} has columns PostgreSQL lacks: {sorted(missing)}")
    listed = ", ".join(f'"{name}"' for name in columns)
    rows = source.execute(f'SELECT {listed} FROM "{table}"')
    connection = target.connection()
    with (
        connection.cursor() as cursor,
        cursor.copy(f'COPY "{table}" ({listed}) FROM STDIN') as copy,
    ):
        for row in rows:
            copy.write_row(row)


def reset_sequences(target, table):
    """Start each id sequence after the largest copied id, so new rows get new ids."""
    for column in target.get_columns(table):
        sequence = target.execute_sql(
            "SELECT pg_get_serial_sequence(%s, %s)", (f'"{table}"', column.name)
        ).fetchone()[0]
        if sequence:
            target.execute_sql(
                f'SELECT setval(%s, COALESCE(MAX("{column.name}"), 1), MAX("{column.name}")'
                f' IS NOT NULL) FROM "{table}"',
                (sequence,),
            )


def count(run, table):
    """How many rows a table holds, with run(sql) returning a cursor."""
    return run(f'SELECT count(*) FROM "{table}"').fetchone()[0]


def copy_database(sqlite_path, target):
    """Copy every row into target (a Peewee PostgreSQL database); returns {table: rows}."""
    if not is_postgres(target):
        raise TransferError("The target must be a postgresql:// database.")
    source = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    try:
        with target.connection_context():
            require_empty(target)
            migrations.run(target, str(MIGRATIONS_DIR))
            # One read transaction: a single consistent snapshot of every table.
            source.execute("BEGIN")
            tables = source_tables(source)
            missing = tables - set(target.get_tables())
            if missing:
                raise TransferError(f"PostgreSQL lacks the tables {sorted(missing)}.")
            with target.atomic():
                for table in in_dependency_order(target, tables):
                    copy_table(source, target, table)
                    reset_sequences(target, table)
            copied = {table: count(target.execute_sql, table) for table in sorted(tables)}
            expected = {table: count(source.execute, table) for table in sorted(tables)}
            source.execute("COMMIT")
    finally:
        source.close()
    if copied != expected:
        raise TransferError(f"Row counts differ after the copy: {expected} != {copied}")
    return copied
