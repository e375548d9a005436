"""The app's commands: serve, init, create-admin, guide (`pairapp …`, `flask --app pairapp …`)."""

import getpass
import os
import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from playhouse import migrations

from .accounts import common_passwords
from .checklist import guide_group
from .core.models import User, normalise_email
from .db import MIGRATIONS_DIR, db, upgrade, write_transaction
from .ops.commands import COMMANDS as OPS_COMMANDS
from .ops.commands import migrated_at_start


def register_commands(app):
    """Attach the commands to the app's `flask` CLI."""
    for command in (init_command, create_admin_command, serve_command, guide_group, *OPS_COMMANDS):
        app.cli.add_command(command)


@click.command("init")
@with_appcontext
def init_command():
    """Create or upgrade the database (keeps the data)."""
    just_now = migrated_at_start() + upgrade()
    applied = migrations.Runner(db.obj, str(MIGRATIONS_DIR)).applied()
    click.echo(
        f"Database is up to date: {len(applied)} migrations, newest {max(applied)} "
        f"({len(just_now)} applied just now)."
    )


@click.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", "display_name", prompt="Name")
@click.option("--password", default=None, help="Prompted for when left out.")
def create_admin_command(email, display_name, password):
    """Create an admin account, or make an existing account admin."""
    user = User.by_email(email)
    if user:
        User.update(is_admin=True).where(User.id == user.id).execute()
        click.echo(f"{user.email} is now an admin.")
        return
    password = password or getpass.getpass("Password: ")
    if len(password) < 10 or password.lower() in common_passwords():
        raise click.ClickException("Choose a password of at least 10 characters, not a common one.")
    with write_transaction():
        user = User(email=normalise_email(email), display_name=display_name, is_admin=True)
        user.set_password(password)
        user.save()
    click.echo(f"Admin {user.email} created.")


@click.command("serve")
@click.option("--host", default=lambda: os.environ.get("HOST", "127.0.0.1"))
@click.option("--port", default=lambda: os.environ.get("PORT", "5000"))
@with_appcontext
def serve_command(host, port):
    """Run the production server: gunicorn, PAIRAPP_WORKERS processes of PAIRAPP_THREADS."""
    # The database was migrated as this command's app started (PAIRAPP_AUTO_MIGRATE), once,
    # before any worker starts. No gunicorn access log: pairapp logs each request itself,
    # without query strings or link tokens.
    args = [
        "gunicorn",
        "--worker-class", "gthread",
        "--workers", str(current_app.config["WORKERS"]),
        "--threads", str(current_app.config["THREADS"]),
        "--bind", f"{host}:{port}",
        "--no-control-socket",
        "pairapp.wsgi:app",
    ]  # fmt: skip
    os.execvp(sys.executable, [sys.executable, "-m", *args])
