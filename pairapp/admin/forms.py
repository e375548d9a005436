"""The admin's forms, and the forms of the links an admin hands out."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, SelectChoice, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from ..accounts import EMAIL_EXISTS, EMAIL_RULES, PASSWORD_RULES
from ..core.models import User
from ..core.site_settings import SIGNUP_MODES


class ButtonForm(FlaskForm):
    """A form with only the CSRF field, for buttons."""


class SignupLinkForm(FlaskForm):
    email = EmailField("Email of the new person", EMAIL_RULES)

    def validate_email(self, field):
        """One account per email."""
        if User.by_email(field.data):
            raise ValidationError("An account with this email exists already.")


class SignupModeForm(FlaskForm):
    mode = RadioField(
        "Who can sign up",
        choices=[SelectChoice(mode, label) for mode, label in SIGNUP_MODES.items()],
        validators=[DataRequired(message="Choose one of the two.")],
    )


class LinkSignupForm(FlaskForm):
    display_name = StringField("Your name", [DataRequired(), Length(max=80)])
    password = PasswordField("Password (at least 10 characters)", PASSWORD_RULES)
    timezone = StringField("Timezone")

    def __init__(self, email, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.account_email = email

    def validate_display_name(self, _field):
        """The link's email may have been taken since the link was made."""
        if User.by_email(self.account_email):
            raise ValidationError(EMAIL_EXISTS)


class NewPasswordForm(FlaskForm):
    new_password = PasswordField("New password (at least 10 characters)", PASSWORD_RULES)
