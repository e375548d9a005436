"""The whole pair on paper: a print view and the same document as a PDF file."""

from .routes import bp

__all__ = ["init_app"]


def init_app(app):
    """Register the print view and its PDF."""
    app.register_blueprint(bp)
