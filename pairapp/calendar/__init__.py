"""The pair's dates in a calendar app: an .ics download and a revocable subscription link."""

from flask import render_template

from ..core import Feature, register
from .routes import bp

__all__ = ["init_app"]


def home_section(pair, user):
    """A short pointer from the pair's home to the calendar page."""
    return render_template("calendar/_home.html", pair=pair)


FEATURE = Feature(name="calendar", label="the calendar", home_section=home_section)


def init_app(app):
    """Register the calendar's routes and its pointer on the pair's home."""
    app.register_blueprint(bp)
    register(app, FEATURE)
