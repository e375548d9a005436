"""Settings an admin changes in the app, kept in the database; the environment gives defaults."""

from flask import current_app
from peewee import CharField, DateTimeField, TextField

from .models import BaseModel, utcnow

SIGNUP_MODES = {
    "open": "Open: anyone who finds the site can sign up.",
    "invite": "Invite-only: only people holding an invite or sign-up link can sign up.",
}


class SiteSetting(BaseModel):
    """One setting an admin chose, by key."""

    key = CharField(unique=True)
    value = TextField()
    updated_at = DateTimeField(default=utcnow)


def get_setting(key, default):
    """The stored value of a setting, or the default when none is stored."""
    row = SiteSetting.get_or_none(SiteSetting.key == key)
    return row.value if row else default


def set_setting(key, value):
    """Store a setting (insert or replace)."""
    SiteSetting.insert(key=key, value=value, updated_at=utcnow()).on_conflict(
        conflict_target=[SiteSetting.key],
        update={SiteSetting.value: value, SiteSetting.updated_at: utcnow()},
    ).execute()


def signup_mode():
    """ "open" or "invite": the admin's choice, else PAIRAPP_SIGNUP."""
    mode = get_setting("signup", current_app.config["SIGNUP"])
    return mode if mode in SIGNUP_MODES else "open"
