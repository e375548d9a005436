"""Static files under versioned URLs: ?v=<hash of the content>, so browsers keep them a year."""

import hashlib
from pathlib import Path

from flask import current_app, request, url_for
from markupsafe import Markup, escape
from werkzeug.security import safe_join

IMMUTABLE = "public, max-age=31536000, immutable"

_versions = {}  # (path, mtime, size) -> version: a changed file gets a new one at once


def file_version(filename):
    """A short hash of a static file's content, or None when there is no such file."""
    path = safe_join(current_app.static_folder, filename)
    if path is None:
        return None
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    key = (path, stat.st_mtime_ns, stat.st_size)
    version = _versions.get(key)
    if version is None:
        version = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
        _versions[key] = version
    return version


def add_version(endpoint, values):
    """url_for('static', filename=...) carries the file's version (unless one is given)."""
    if endpoint == "static" and "v" not in values and "filename" in values:
        version = file_version(values["filename"])
        if version:
            values["v"] = version


def is_current_version():
    """Whether this request is for a static file at its current version."""
    filename = (request.view_args or {}).get("filename")
    version = request.args.get("v")
    return bool(filename and version) and version == file_version(filename)


def icon(name):
    """One icon of static/icons.svg, drawn beside words (hidden from screen readers)."""
    sprite = url_for("static", filename="icons.svg")
    return Markup(
        f'<svg class="icon" aria-hidden="true"><use href="{sprite}#{escape(name)}"></use></svg>'
    )


def init_app(app):
    """Version the static URLs the app builds; templates draw icons with icon('plan')."""
    app.url_defaults(add_version)
    app.add_template_global(icon)
