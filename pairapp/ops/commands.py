"""The operations commands: migrate, backup, restore, migrate-to-postgres."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from ..db import (
    applied_migrations,
    close_all,
    is_postgres,
    make_database,
    migration_names,
    upgrade,
)
from . import backup as backups
from .transfer import TransferError, copy_database

PG_DUMP_HINT = (
    "This server runs on PostgreSQL: back it up with pg_dump and restore with pg_restore "
    "(see the README)."
)


def migrated_at_start():
    """The migrations the app applied as it started (PAIRAPP_AUTO_MIGRATE), reported once."""
    return current_app.extensions.pop("migrated_at_start", [])


@click.command("migrate")
@with_appcontext
def migrate_command():
    """Apply pending schema migrations (keeps the data)."""
    applied = migrated_at_start() + upgrade()
    for name in applied:
        click.echo(f"Applied {name}.")
    have = applied_migrations()
    click.echo(f"Database is up to date: {len(have)} migrations, newest {have[-1]}.")


def sqlite_path():
    """The SQLite file the app runs on, or a clear stop on PostgreSQL."""
    if is_postgres():
        raise click.ClickException(PG_DUMP_HINT)
    if current_app.config.get("DATABASE_URL"):
        raise click.ClickException("Backups work on the embedded SQLite file only.")
    return current_app.config["DATABASE"]


@click.command("backup")
@with_appcontext
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(file):
    """Write a consistent copy of the database to FILE, even while the server runs."""
    try:
        target = backups.backup(sqlite_path(), file)
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backup written to {target} and checked (integrity ok).")


@click.command("restore")
@with_appcontext
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
def restore_command(file, yes):
    """Replace the database with the backup in FILE, after checking it."""
    database = sqlite_path()
    problems = backups.check(file)
    if problems:
        raise click.ClickException(problems + " Nothing was changed.")
    if not yes:
        click.confirm(f"Replace everything in {database} with the backup {file}?", abort=True)
    try:
        kept = backups.restore(file, database, migration_names())
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from error
    upgraded = upgrade()
    click.echo(f"Restored {file}.")
    if upgraded:
        click.echo(f"Upgraded it to this release: {', '.join(upgraded)}.")
    if kept:
        click.echo(f"The database as it was before is kept in {kept}.")


@click.command("migrate-to-postgres")
@with_appcontext
@click.argument("url")
def migrate_to_postgres_command(url):
    """Copy every row of the SQLite database into the empty PostgreSQL database at URL."""
    source = sqlite_path()
    upgrade()
    try:
        target = make_database({"DATABASE_URL": url})
        try:
            copied = copy_database(source, target)
        finally:
            close_all(target)
    except (TransferError, ValueError, RuntimeError) as error:
        raise click.ClickException(str(error)) from error
    total = sum(copied.values())
    click.echo(f"Copied {total} rows in {len(copied)} tables:")
    for table, rows in copied.items():
        click.echo(f"  {table}: {rows}")
    click.echo("Now set DATABASE_URL to this database and restart pairapp.")


COMMANDS = (migrate_command, backup_command, restore_command, migrate_to_postgres_command)
