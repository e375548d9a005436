"""Export: a pair's content as one JSON file, importing such a file, and a person's own data."""

from ..core import Feature, register
from .files import FORMAT, MAX_BYTES, VERSION, export_pair, import_pair, read_file
from .routes import bp

__all__ = ["FORMAT", "MAX_BYTES", "VERSION", "export_pair", "import_pair", "init_app", "read_file"]

FEATURE = Feature(
    name="export",
    label="the pair's file",
    events={"import": "imported this pair from a file"},
)


def init_app(app):
    """Register the export's pages and its recorded event."""
    app.register_blueprint(bp)
    register(app, FEATURE)
