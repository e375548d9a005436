"""The pair as one read-only document, assembled from the sections features supply.

The print view, its PDF and a share link all show this one document. Features fill
Feature.document_section; the core only orders and joins what they return.
"""

import datetime
from dataclasses import dataclass

from markupsafe import Markup

from .display import reader_zone
from .models import Membership, User
from .unit_types import registry

PRINT = "print"  # a member's own copy: their own private items may show, the partner's never
SHARE = "share"  # a read-only link: no viewer, nothing private at all


@dataclass(frozen=True)
class Nobody:
    """The reader of a share link: no account, so queries keep only shared items."""

    id: int = 0  # no account has id 0: `private_to == 0` matches no private item
    display_name: str = ""
    timezone: str = ""
    is_authenticated: bool = False


NOBODY = Nobody()


@dataclass(frozen=True)
class Section:
    """One feature's part of the document."""

    key: str  # the feature's name (also the share link's part key)
    label: str
    html: Markup


def reader(viewer):
    """Whom queries filter for: the member, or nobody on a share link."""
    return viewer if viewer is not None else NOBODY


def document_sections(pair, viewer, audience, parts=None):
    """The sections of the pair's document, in the features' order (only `parts` if given)."""
    if audience == SHARE and viewer is not None:
        raise ValueError("a share link has no viewer: it shows only shared content")
    found = []
    for feature in registry().features.values():
        if feature.document_section is None or (parts is not None and feature.name not in parts):
            continue
        html = feature.document_section(pair, viewer, audience)
        if html:
            found.append(Section(feature.name, feature.label, Markup(html)))
    return found


def members(pair):
    """The pair's members as (name, role as people read it), in joining order."""
    query = (
        Membership.select(Membership.role, User.display_name)
        .join(User)
        .where(Membership.pair == pair.id)
        .order_by(Membership.id)
    )
    return [(m.user.display_name, m.role_label) for m in query]


def document_context(pair, viewer, audience, parts=None):
    """What templates/document/_document.html needs."""
    return {
        "pair": pair,
        "members": members(pair),
        "sections": document_sections(pair, viewer, audience, parts),
        "made_on": datetime.datetime.now(reader_zone()).date(),
        "audience": audience,
    }
