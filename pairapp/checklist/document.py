"""The adapted checklist's section of the pair's read-only document."""

from flask import render_template

from ..core.document import reader
from .data import has_checklist
from .views import print_context


def document_section(pair, viewer, audience):
    """The whole year as the print view shows it (struck, highlighted, margin notes)."""
    if not has_checklist(pair):
        return ""
    context = print_context(pair, reader(viewer))
    return render_template("checklist/_document.html", month_level=3, audience=audience, **context)
