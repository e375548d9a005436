"""`pairapp admin …`: the admin's work from the command line, never a pair's content."""

import click
from flask import current_app, url_for
from flask.cli import with_appcontext

from ..core.display import when
from ..core.models import User
from ..core.site_settings import SIGNUP_MODES, signup_mode
from . import data

GUIDES_NOTE = "Checklist guides are managed with `pairapp guide …` (see the README)."


@click.group("admin")
def admin_group():
    """Accounts, sign-up, pairs and the audit log (no pair content, ever)."""


def account(email):
    """The account with this email, or a clear stop."""
    user = User.by_email(email)
    if user is None:
        raise click.ClickException(f"There is no account with the email {email}.")
    return user


def external_link(endpoint, token):
    """The full link, on the public address in PAIRAPP_BASE_URL."""
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        return url_for(endpoint, token=token, _external=True)


@admin_group.command("accounts")
@with_appcontext
def accounts_command():
    """List every account."""
    for user in data.accounts():
        marks = [m for m, on in (("admin", user.is_admin), ("disabled", user.disabled_at)) if on]
        extra = f" ({', '.join(marks)})" if marks else ""
        click.echo(f"{user.id}\t{user.email}\t{user.display_name}{extra}")


@admin_group.command("signup-link")
@click.argument("email")
@with_appcontext
def signup_link_command(email):
    """Make a one-time sign-up link for a new person with this EMAIL."""
    if User.by_email(email):
        raise click.ClickException(f"An account with the email {email} exists already.")
    token = data.create_link(None, "signup", email=email)
    click.echo(f"Send this link to {email.strip()}. It works once:")
    click.echo(external_link("admin.welcome", token))


@admin_group.command("reset-link")
@click.argument("email")
@with_appcontext
def reset_link_command(email):
    """Make a one-time link for the account with this EMAIL to set a new password."""
    user = account(email)
    if user.disabled_at:
        raise click.ClickException(f"{user.email} is disabled. Enable it first.")
    token = data.create_link(None, "reset", user=user)
    click.echo(f"Send this link to {user.display_name}. It works once, for 24 hours:")
    click.echo(external_link("admin.reset", token))


@admin_group.command("links")
@with_appcontext
def links_command():
    """List the open sign-up and reset links (never their tokens)."""
    links = data.open_links()
    if not links:
        click.echo("No open links.")
    for link in links:
        click.echo(
            f"{link.id}\t{link.kind_label} for {data.link_target(link)}"
            f"\texpires {when(link.expires_at)}"
        )


@admin_group.command("revoke-link")
@click.argument("link_id", type=int)
@with_appcontext
def revoke_link_command(link_id):
    """Revoke the open link with this LINK_ID (see `pairapp admin links`)."""
    if not data.revoke_link(None, link_id):
        raise click.ClickException(f"There is no open link {link_id}.")
    click.echo(f"Link {link_id} is revoked.")


@admin_group.command("disable")
@click.argument("email")
@with_appcontext
def disable_command(email):
    """Disable an account: it is logged out everywhere and cannot log in."""
    user = account(email)
    changed = data.set_disabled(None, user, disabled=True)
    click.echo(f"{user.email} is {'now' if changed else 'already'} disabled.")


@admin_group.command("enable")
@click.argument("email")
@with_appcontext
def enable_command(email):
    """Let a disabled account log in again."""
    user = account(email)
    changed = data.set_disabled(None, user, disabled=False)
    click.echo(f"{user.email} can {'now' if changed else 'already'} log in.")


@admin_group.command("signup")
@click.argument("mode", required=False, type=click.Choice(sorted(SIGNUP_MODES)))
@with_appcontext
def signup_command(mode):
    """Show who can sign up, or set it: open or invite."""
    if mode and mode != signup_mode():
        data.set_signup_mode(None, mode, SIGNUP_MODES[mode])
    click.echo(f"Sign-up is {SIGNUP_MODES[signup_mode()]}")


@admin_group.command("pairs")
@with_appcontext
def pairs_command():
    """List pairs: title, members, last activity (never their content)."""
    pairs = data.pairs_overview()
    if not pairs:
        click.echo("No pairs yet.")
    for pair in pairs:
        members = ", ".join(f"{name} ({role})" for name, role in pair["members"]) or "nobody"
        click.echo(f"{pair['title']}\t{members}\tlast activity {when(pair['last_activity'])}")


@admin_group.command("audit")
@click.option("--limit", default=50, show_default=True, help="How many entries to show.")
@with_appcontext
def audit_command(limit):
    """Show the newest admin actions."""
    for entry in data.audit_entries(limit):
        click.echo(f"{when(entry.created_at)}\t{entry.actor_name}\t{entry.detail}")


@admin_group.command("guides")
def guides_command():
    """Where checklist guides are managed."""
    click.echo(GUIDES_NOTE)
