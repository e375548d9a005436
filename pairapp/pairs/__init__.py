"""Pairs: the dashboard, creating a pair, members, invite links, joining and leaving."""

from ..core import Feature, register
from .data import delete_empty_pairs, leave_all_pairs
from .first_steps import partner_step
from .invites import pending_invite, pending_join_url
from .models import Invite
from .routes import bp

__all__ = [
    "Invite",
    "delete_empty_pairs",
    "init_app",
    "leave_all_pairs",
    "pending_invite",
    "pending_join_url",
]

FEATURE = Feature(
    name="pairs",
    label="the pair",
    events={"join": "joined the pair as {value}", "leave": "left the pair"},
    first_steps=partner_step,
)


def init_app(app):
    """Register the pairs' routes and their recorded events."""
    app.register_blueprint(bp)
    register(app, FEATURE)
