"""Every table of every feature, in creation order (the migration generator reads MODELS)."""

from .admin.models import AccountLink, AuditEntry
from .calendar.models import CalendarLink
from .checkins.models import Assessment, CheckIn, Dismissal, Feedback, Review, RubricRow
from .checklist.models import Checklist, ChecklistItem, Guide, GuideItem
from .coaching.models import (
    CoachingGoal,
    CoachingText,
    Cycle,
    NextStep,
    ObservationNote,
    Tally,
)
from .core.models import Membership, Pair, Revision, User
from .core.once import OnceKey
from .core.site_settings import SiteSetting
from .pairs.models import Invite
from .plan.models import (
    ActionStep,
    GlossaryTerm,
    Goal,
    Milestone,
    Note,
    PartFold,
    Plan,
    PlanField,
    PlanPart,
    Signature,
)
from .sharing.models import ShareLink

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
    Guide,
    GuideItem,
    Checklist,
    ChecklistItem,
    Cycle,
    CoachingGoal,
    CoachingText,
    ObservationNote,
    Tally,
    NextStep,
    AccountLink,
    AuditEntry,
    SiteSetting,
    CheckIn,
    Feedback,
    RubricRow,
    Assessment,
    Review,
    Dismissal,
    ShareLink,
    PartFold,
    CalendarLink,
    OnceKey,
]
