"""Titles of goals, action steps, milestones and rubric rows hold 300 characters, as their
forms allow: PostgreSQL refused a title over 255 (varchar(255)); SQLite never limited it.
"""

from peewee import *

COLUMNS = (
    ("goal", "title"),
    ("action_step", "title"),
    ("milestone", "title"),
    ("rubric_row", "title"),
)


def _resize(db, length):
    for table, column in COLUMNS:
        db.execute_sql(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE VARCHAR({length})')


def up(migrator, db):
    # SQLite stores text of any length in a VARCHAR column: nothing to change there.
    if isinstance(db, PostgresqlDatabase):
        _resize(db, 300)


def down(migrator, db):
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql(
            " ".join(
                f'UPDATE "{table}" SET "{column}" = LEFT("{column}", 255);'
                for table, column in COLUMNS
            )
        )
        _resize(db, 255)
