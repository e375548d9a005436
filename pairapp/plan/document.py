"""The plan's section of the pair's read-only document (print view, PDF, share link)."""

from flask import render_template

from ..core.document import reader
from . import catalogue
from .data import grouped_parts, plan_data


def document_section(pair, viewer, audience):
    """The shown parts with what is written in them, read-only; "" while there is no plan."""
    # Every list whole; the queries keep private items out for anyone but their owner.
    data = plan_data(pair, reader(viewer), frozenset(catalogue.parts()))
    if data is None:
        return ""
    groups, _hidden = grouped_parts(data)
    return render_template(
        "plan/_document.html", pair=pair, groups=groups, audience=audience, **data
    )
