"""Password rules: long enough, and not one of the well-known ones."""

from functools import cache
from pathlib import Path

from wtforms.validators import ValidationError


@cache
def common_passwords():
    """The refused common passwords, lower-cased."""
    text = (Path(__file__).parent / "common_passwords.txt").read_text()
    return {line.strip().lower() for line in text.splitlines() if line and line[0] != "#"}


def strong_password(form, field):
    """At least 10 characters and not a well-known password."""
    if field.data.strip().lower() in common_passwords():
        raise ValidationError("That password is too common; choose another.")
