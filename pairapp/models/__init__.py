"""Peewee models, one module per feature; import them from here."""

from .accounts import (
    ROLE_LABELS,
    ROLES,
    BaseModel,
    Invite,
    Membership,
    Pair,
    User,
    normalise_email,
    utcnow,
)
from .plan import (
    ActionStep,
    GlossaryTerm,
    Goal,
    Milestone,
    Note,
    Plan,
    PlanField,
    PlanPart,
    Signature,
)
from .versioned import Revision, Versioned

# Every table, in creation order (the migrations generator reads this list).
MODELS = [
    User,
    Pair,
    Membership,
    Invite,
    Revision,
    Plan,
    PlanPart,
    PlanField,
    Goal,
    ActionStep,
    Milestone,
    GlossaryTerm,
    Note,
    Signature,
]

__all__ = [
    "ROLES",
    "ROLE_LABELS",
    "BaseModel",
    "Invite",
    "Membership",
    "Pair",
    "User",
    "normalise_email",
    "utcnow",
    "Revision",
    "Versioned",
    "Plan",
    "PlanPart",
    "PlanField",
    "Goal",
    "ActionStep",
    "Milestone",
    "GlossaryTerm",
    "Note",
    "Signature",
    "MODELS",
]
