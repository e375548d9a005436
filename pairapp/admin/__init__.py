"""Administration: accounts by one-time link, sign-up mode, pairs at a glance, the audit log.

No admin page or command shows what a pair wrote: only titles, members and dates.
"""

from ..core import Feature, register
from . import links  # noqa: F401  (adds the account-link routes to bp)
from .commands import admin_group
from .data import forget_person
from .routes import bp

FEATURE = Feature(name="admin", label="administration", forget_person=forget_person)

__all__ = ["init_app"]


def init_app(app):
    """Register the admin pages, the account links and the `pairapp admin` commands."""
    app.register_blueprint(bp)
    register(app, FEATURE)
    app.cli.add_command(admin_group)
