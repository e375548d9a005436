"""Accounts: sign up, log in and out, account settings, deletion."""

from .forms import EMAIL_EXISTS, EMAIL_RULES, PASSWORD_RULES
from .passwords import common_passwords
from .routes import LIMIT, account_made_by_this_form, bp, client_address, return_path

__all__ = [
    "EMAIL_EXISTS",
    "EMAIL_RULES",
    "LIMIT",
    "account_made_by_this_form",
    "PASSWORD_RULES",
    "client_address",
    "common_passwords",
    "init_app",
    "return_path",
]


def init_app(app):
    """Register the accounts' routes."""
    app.register_blueprint(bp)
