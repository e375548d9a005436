"""What a feature tells the core about itself and its editable units, and the app's registry.

A feature registers its Feature and UnitTypes explicitly in its init_app(); the core's
generic routes (units, history, live updates) then work for it with no code of their own.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app
from peewee import DateField

from .display import day

REGISTRY_KEY = "pairapp.registry"
# A date kept as text (a plan field or coaching text of the date kind), e.g. 2026-11-24.
ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


@dataclass(frozen=True)
class Feature:
    """A feature as the core sees it: its name, its page and how it re-renders its parts."""

    name: str  # package, blueprint, template folder, URL segment and Revision.feature
    label: str = ""  # the page as people name it after "Back to", e.g. "the plan"
    page_url: Callable | None = None  # (pair, unit or None) -> the feature's page
    part_target: Callable | None = None  # part key -> CSS selector of the element holding it
    # (pair, user, part key, **options) -> HTML of a part; after one's own list change the
    # options hold changed=<the unit>, to keep in view
    render_part: Callable | None = None
    render_page: Callable | None = None  # (pair, user, **options) -> HTML of the whole page
    # (pair, user, part keys, layout_changed, keep) -> out-of-band HTML for a live update
    render_changes: Callable | None = None
    # (pair, user, part key, part_sent) -> out-of-band HTML after one's own change
    render_after_change: Callable | None = None
    # recorded event action -> how history tells it, with {value} for the event's value
    events: dict = field(default_factory=dict)
    # (pair, user) -> HTML of the feature's section on the pair's home, or None for none
    home_section: Callable | None = None
    # (pair, user) -> [TimelineEntry]: the feature's dated rows on the plan's timeline, in a
    # fixed number of queries (the plan page's count stays constant)
    timeline: Callable | None = None
    # (pair, user) -> [(key, sentence)]: gentle reminders for this member, each dismissible
    # per person by its key (start it with the feature's name); none for anyone else
    nudges: Callable | None = None
    # (pair, viewer or None, audience) -> HTML of the feature's section of the pair's
    # read-only document (print view, PDF, share link), or "" for none. audience is
    # document.PRINT (a member's own copy: their private items may show, the partner's
    # never) or document.SHARE (a read-only link, viewer None: nothing private at all).
    document_section: Callable | None = None
    # (pair, user) -> [FirstStep]: what a new pair does first with this feature, each done or
    # not from the pair's data, in a fixed number of queries (the home's guide)
    first_steps: Callable | None = None
    # (pair, viewer) -> [CalendarEntry]: the feature's dated things for this member's calendar
    # feed, the viewer's own private ones included and nobody else's, in a fixed number of
    # queries; it may run without a logged-in user (a calendar app polling a link)
    calendar_events: Callable | None = None
    # (ExportContext) -> the feature's part of the pair's export file (a dict; see
    # core/portable.py and docs/export.md): shared content and the viewer's own private units
    export: Callable | None = None
    # (ImportContext, the feature's part of the file) -> None: create it in the new pair,
    # inside the import's one transaction (raise portable.BadFile to refuse the whole file)
    import_: Callable | None = None
    # (user) -> what the feature keeps about this person, for "Download my data" (a dict)
    personal_data: Callable | None = None
    # (user) -> None: before the account row is deleted, inside the same transaction, remove
    # what the feature keeps about this person that the row's deletion does not cascade to
    forget_person: Callable | None = None
    # (pairs, user) -> {pair id: Glance}: what each pair's card on the dashboard tells of
    # this feature, for all the person's pairs in a fixed number of queries (never per pair)
    glance: Callable | None = None

    def describe(self, action, value):
        """A recorded event as history tells it, e.g. 'showed the part “Resources”'."""
        phrase = self.events.get(action, action)
        return phrase.format(value=value or "")


@dataclass(frozen=True)
class Glance:
    """What a feature tells on a pair's card on the dashboard."""

    status: str = ""  # a sentence, e.g. "Signed by you and Pat, unchanged since."
    icon: str = ""  # the icon of static/icons.svg shown with the status
    coming: tuple = ()  # (date, what) still ahead, e.g. (date, "Milestone “Pilot ends”")


@dataclass(frozen=True)
class TimelineEntry:
    """A dated row another feature shows on the plan's timeline (read-only there)."""

    date: datetime.date
    title: str  # e.g. "Pilot review"
    status: str  # e.g. "not written yet"
    url: str  # where it is written or read
    late: bool = False  # past its date and not done


@dataclass(frozen=True)
class FirstStep:
    """One step of a new pair's first-steps guide on the pair's home."""

    label: str  # what to do, as a short sentence, e.g. "Set two SMART goals"
    done: bool  # from the pair's data, never ticked by hand
    url: str  # straight to where it is done (the plan's part, by its anchor)
    hint: str = ""  # why or how, in a few words


@dataclass(frozen=True)
class CalendarEntry:
    """A dated thing a feature puts in a member's calendar feed (.ics)."""

    uid: str  # stable within the pair, e.g. "plan-step-12": a re-import updates, not duplicates
    title: str
    # a date is an all-day item; a datetime without tzinfo is a wall-clock time in the
    # viewer's timezone (as people type times: "09:30"), with tzinfo an exact moment
    start: datetime.date | datetime.datetime
    url: str  # where it is read or written in the app (a path; the feed makes it absolute)
    description: str = ""
    end: datetime.date | datetime.datetime | None = None
    location: str = ""
    updated: datetime.datetime | None = None  # when it last changed, stored UTC (naive)
    private: bool = False  # the viewer's own private item (CLASS:PRIVATE in the feed)


@dataclass(frozen=True)
class SetAction:
    """An idempotent "set this field to X" action (strike, highlight, done): never a 409."""

    field: str
    values: dict  # allowed value as sent by the form -> stored value
    told: dict  # the stored value as history text -> what history says, e.g. {"yes": "struck"}
    # (unit, value, user_id) -> further fields set with it, e.g. the date and who ticked it
    also: Callable | None = None


@dataclass(frozen=True)
class UnitType:
    """What the shared machinery needs to know about one kind of editable unit."""

    name: str  # the URL segment and the Revision.kind, e.g. "goal"
    feature: str  # the name of the Feature it belongs to
    model: type
    label: str  # as people read it, e.g. "goal"
    form: Callable  # unit -> WTForms form class with the editable fields, version and reason
    display: str  # template of the unit's display fragment (without controls)
    fields: dict  # editable field name -> label
    part_of: Callable  # unit -> the part key it belongs to
    title_field: str = "title"
    listed: bool = True  # can be added, moved and removed
    can_be_private: bool = False
    choices: dict = field(default_factory=dict)  # field -> {stored value: label}
    prepare_form: Callable | None = None  # (form, pair, user) -> None, e.g. set choices
    add_fields: tuple = ()  # the fields the quick "add" form asks for
    private_links: tuple = ()  # links that may point at a unit the saver cannot see
    # (unit, user_id, field name or None for the whole unit) -> whether that person may write
    # it; None lets every member write everything.
    may_write: Callable | None = None
    set_actions: dict = field(default_factory=dict)  # action name -> SetAction
    scope_field: str | None = None  # positions and moves stay among units with the same value
    # at most this many live units per pair (per scope, when the type has one); None: no limit
    max_items: int | None = None
    # (unit) -> how a heading names the unit; default: its label and title
    heading: Callable | None = None
    # (unit, field name) -> options for that field's form control (label, hint, rows)
    field_options: Callable | None = None
    # the template of the buttons under a unit, for a type that brings its own (the
    # checklist's one-tap actions); None: the core's (in units/_unit.html). Their list
    # buttons share one form per list when the list's template includes
    # "units/_actions.html" and sets list_form (see plan/_part_body.html), else each item
    # brings its own.
    controls: str | None = None
    # field -> how a sentence names it when "the" + its label would not read well, e.g.
    # {"measure": "how we will know"} ("changed how we will know of goal …")
    phrases: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.max_items is not None and self.can_be_private:
            # The limit counts the pair's units: a partner's private one would count unseen.
            raise ValueError(f"unit type {self.name!r}: max_items and can_be_private exclude")

    @property
    def home(self):
        """The registered Feature this unit type belongs to."""
        return registry().features[self.feature]

    def page_url(self, pair, unit):
        """The feature's page at this unit (where a change without JavaScript returns)."""
        return f"{self.home.page_url(pair, unit)}#u-{self.name}-{unit.id}"

    def title_of(self, unit):
        """A short name for the unit in history and notices."""
        return str(getattr(unit, self.title_field) or "")[:80]

    def named(self, unit):
        """The unit as a heading names it, e.g. 'goal “Run a meeting”'."""
        if self.heading is not None:
            return self.heading(unit)
        return f"{self.label} “{self.title_of(unit)}”"

    def options_for(self, unit, field_name):
        """Extra options for one field's control on the edit form."""
        return self.field_options(unit, field_name) if self.field_options else {}

    def describe(self, revision, unit, actions):
        """A change to a unit as history tells it, e.g. 'changed the owner of goal “Run…”'."""
        name = self.named(unit) if unit is not None else f"{self.label} “{revision.new_value}”"
        if revision.action == "set":
            for set_action in self.set_actions.values():
                if set_action.field == revision.field and revision.new_value in set_action.told:
                    return f"{set_action.told[revision.new_value]} {name}"
        verb = actions.get(revision.action, revision.action)
        if revision.field and len(self.fields) > 1:
            return f"{verb} {self.phrase(revision.field)} of {name}"
        return f"{verb} {name}"

    def phrase(self, field_name):
        """A field as a sentence names it: its phrase, else "the" and its label in lower case."""
        if field_name in self.phrases:
            return self.phrases[field_name]
        label = self.fields.get(field_name, field_name)
        return f"the {label[:1].lower()}{label[1:]}"

    def show_value(self, field_name, text):
        """A stored history value as people read it."""
        if text is None or text == "":
            return ""
        if isinstance(self.model._meta.fields.get(field_name), DateField) or (
            ISO_DATE.fullmatch(text)
        ):
            try:
                return day(text)  # stored as 2026-11-24, read like every other date
            except ValueError:
                return text
        return self.choices.get(field_name, {}).get(text, text)

    def writable(self, unit, user_id, field_name=None):
        """Whether this person may write the unit (or one of its fields)."""
        return self.may_write is None or bool(self.may_write(unit, user_id, field_name))

    def too_many_message(self):
        """What a person reads when the list already holds max_items."""
        return f"There can be at most {self.max_items} {self.label}s: remove one to add another."

    def scope(self, unit):
        """The condition that keeps a list's positions inside the unit's scope, or None."""
        if self.scope_field is None:
            return None
        return getattr(self.model, self.scope_field) == getattr(unit, self.scope_field)


class Registry:
    """The features and unit types of one app; a name registered twice is an error."""

    def __init__(self):
        self.features = {}
        self.unit_types = {}

    def add(self, feature, *unit_types):
        """Register a feature and its unit types."""
        if feature.name in self.features:
            raise ValueError(f"feature {feature.name!r} is registered twice")
        self.features[feature.name] = feature
        for unit_type in unit_types:
            if unit_type.name in self.unit_types:
                raise ValueError(f"unit type {unit_type.name!r} is registered twice")
            if unit_type.feature != feature.name:
                raise ValueError(f"unit type {unit_type.name!r} belongs to another feature")
            self.unit_types[unit_type.name] = unit_type


def init_registry(app):
    """Give the app an empty registry."""
    app.extensions[REGISTRY_KEY] = Registry()


def register(app, feature, *unit_types):
    """Register a feature and its unit types with this app (from the feature's init_app)."""
    app.extensions[REGISTRY_KEY].add(feature, *unit_types)


def registry():
    """The current app's registry."""
    return current_app.extensions[REGISTRY_KEY]
