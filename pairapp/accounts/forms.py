"""The accounts' forms: sign up, log in, profile, password, deletion."""

import re
from functools import cache
from zoneinfo import available_timezones

from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Length, ValidationError

from ..core.models import User
from .passwords import strong_password


@cache
def timezone_choices():
    """Every IANA timezone name, sorted, for the account form."""
    names = sorted(available_timezones())
    return [SelectChoice("", "Server default")] + [SelectChoice(name) for name in names]


PASSWORD_RULES = [
    DataRequired(),
    Length(min=10, max=200, message="Use at least 10 characters (and at most 200)."),
    strong_password,
]

# One @, no spaces, a dotted or single-label domain (intranets use names like "school").
EMAIL_SHAPE = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)*")


def email_shape(form, field):
    """Looks like an email address; nothing is looked up."""
    if not EMAIL_SHAPE.fullmatch((field.data or "").strip()):
        raise ValidationError("Enter an email address like name@example.org.")


EMAIL_RULES = [DataRequired(), Length(max=254), email_shape]


EMAIL_EXISTS = "An account with this email exists. Log in instead."
EMAIL_TAKEN = "Another account uses this email."


class SignupForm(FlaskForm):
    display_name = StringField("Your name", [DataRequired(), Length(max=80)])
    email = EmailField("Email", EMAIL_RULES)
    password = PasswordField("Password (at least 10 characters)", PASSWORD_RULES)
    timezone = StringField("Timezone")

    def validate_email(self, field):
        """An email can hold one account."""
        if User.by_email(field.data):
            raise ValidationError(EMAIL_EXISTS)


class LoginForm(FlaskForm):
    email = EmailField("Email", [DataRequired(), Length(max=254)])
    password = PasswordField("Password", [DataRequired(), Length(max=200)])
    remember = BooleanField("Keep me logged in on this device")


class ProfileForm(FlaskForm):
    display_name = StringField("Your name", [DataRequired(), Length(max=80)])
    email = EmailField("Email", EMAIL_RULES)
    timezone = SelectField("Timezone", choices=[], validate_choice=True)

    def validate_email(self, field):
        """The new email must not belong to someone else."""
        other = User.by_email(field.data)
        if other and other.id != current_user.id:
            raise ValidationError(EMAIL_TAKEN)


class PasswordForm(FlaskForm):
    current_password = PasswordField("Current password", [DataRequired(), Length(max=200)])
    new_password = PasswordField("New password (at least 10 characters)", PASSWORD_RULES)

    def validate_current_password(self, field):
        """The current password proves it is really the account holder."""
        if not current_user.check_password(field.data):
            raise ValidationError("That is not your current password.")


class DeleteAccountForm(FlaskForm):
    confirm_password = PasswordField("Your password", [DataRequired(), Length(max=200)])

    def validate_confirm_password(self, field):
        """Deleting needs the password, not just a session."""
        if not current_user.check_password(field.data):
            raise ValidationError("That is not your password.")
