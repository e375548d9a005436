"""Accounts: sign up, log in and out, account settings, deletion."""

from .passwords import common_passwords
from .routes import bp, return_path

__all__ = ["common_passwords", "init_app", "return_path"]


def init_app(app):
    """Register the accounts' routes."""
    app.register_blueprint(bp)
