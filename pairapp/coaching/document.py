"""Coaching's summary for the pair's read-only document: the agreement and the cycles."""

from flask import render_template

from ..core.document import reader
from .data import agreement_data, cycles_of, dates_of
from .units import GOAL, TEXT


def document_section(pair, viewer, audience):
    """The agreement's goals and written texts, and each cycle's direction, stage and dates."""
    agreement = agreement_data(pair, reader(viewer))
    cycles = cycles_of(pair)
    if not agreement["started"] and not cycles:
        return ""
    return render_template(
        "coaching/_document.html",
        pair=pair,
        audience=audience,
        agreement=agreement,
        texts=[text for text in agreement["texts"] if text.value],
        cycles=cycles,
        dates=dates_of(pair),
        goal_type=GOAL,
        text_type=TEXT,
    )
