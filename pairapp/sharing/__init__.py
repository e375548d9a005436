"""Read-only share links for a supervisor or coordinator."""

from .routes import bp

__all__ = ["init_app"]


def init_app(app):
    """Register the sharing pages and the public view."""
    app.register_blueprint(bp)
