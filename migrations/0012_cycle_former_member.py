"""An observation cycle outlives a deleted account: its observer and observed may be empty
(a former member), set so when the account goes instead of deleting the pair's cycle; an
imported cycle waits the same way for a partner who has not joined yet."""

from peewee import *

COLUMNS = ("observer_id", "observed_id")


def _sqlite_rebuild(db, on_delete, nullable):
    """SQLite cannot alter a column's constraints: copy the table into a corrected one.

    The runner has turned foreign keys off for the migration, so dropping the old table
    deletes nothing that refers to it.
    """
    sql = db.execute_sql("SELECT sql FROM sqlite_master WHERE type='table' AND name='cycle'")
    create = sql.fetchone()[0]
    indexes = [
        row[0]
        for row in db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name='cycle'"
            " AND sql IS NOT NULL"
        )
    ]
    old_delete, new_delete = on_delete
    for column in COLUMNS:
        old, new = f'"{column}" INTEGER NOT NULL', f'"{column}" INTEGER'
        if not nullable:
            old, new = new + ",", old + ","
        old_fk = f'FOREIGN KEY ("{column}") REFERENCES "user" ("id") ON DELETE {old_delete}'
        new_fk = f'FOREIGN KEY ("{column}") REFERENCES "user" ("id") ON DELETE {new_delete}'
        for before, after in ((old, new), (old_fk, new_fk)):
            if before not in create:
                raise RuntimeError(f"cycle table is not as expected: {before!r} missing")
            create = create.replace(before, after)
    create = create.replace('CREATE TABLE "cycle"', 'CREATE TABLE "cycle__new"', 1)
    db.execute_sql(create)
    db.execute_sql('INSERT INTO "cycle__new" SELECT * FROM "cycle"')
    db.execute_sql('DROP TABLE "cycle"')
    db.execute_sql('ALTER TABLE "cycle__new" RENAME TO "cycle"')
    for index in indexes:
        db.execute_sql(index)


def _postgres(db, on_delete, nullable):
    """PostgreSQL alters the columns and their foreign keys in place."""
    for column in COLUMNS:
        null = "DROP NOT NULL" if nullable else "SET NOT NULL"
        db.execute_sql(f'ALTER TABLE "cycle" ALTER COLUMN "{column}" {null}')
        db.execute_sql(f'ALTER TABLE "cycle" DROP CONSTRAINT IF EXISTS "cycle_{column}_fkey"')
        db.execute_sql(
            f'ALTER TABLE "cycle" ADD CONSTRAINT "cycle_{column}_fkey" FOREIGN KEY ("{column}")'
            f' REFERENCES "user" ("id") ON DELETE {on_delete[1]}'
        )


def up(migrator, db):
    if isinstance(db, PostgresqlDatabase):
        _postgres(db, ("CASCADE", "SET NULL"), nullable=True)
    else:
        _sqlite_rebuild(db, ("CASCADE", "SET NULL"), nullable=True)


def down(migrator, db):
    # Cycles of a former member cannot go back to a required person: they go, as before.
    db.execute_sql('DELETE FROM "cycle" WHERE "observer_id" IS NULL OR "observed_id" IS NULL')
    if isinstance(db, PostgresqlDatabase):
        _postgres(db, ("SET NULL", "CASCADE"), nullable=False)
    else:
        _sqlite_rebuild(db, ("SET NULL", "CASCADE"), nullable=False)
