"""The shared core every feature uses: versioned units, history, live updates, access checks.

It imports no feature. Features register themselves with register() from their init_app().
"""

import secrets

from . import display, history, live, once, static_files, units
from .access import IdConverter
from .compress import compress
from .headers import set_security_headers
from .htmx import add_vary, error_page
from .unit_types import (
    CalendarEntry,
    Feature,
    FirstStep,
    Glance,
    SetAction,
    TimelineEntry,
    UnitType,
    init_registry,
    register,
)
from .versioning import Archived, Forbidden, TooMany

__all__ = [
    "Feature",
    "FirstStep",
    "CalendarEntry",
    "Glance",
    "SetAction",
    "TimelineEntry",
    "UnitType",
    "init_app",
    "register",
]


def init_app(app):
    """The registry, the bounded id converter, the core's routes, filters and headers."""
    init_registry(app)
    # Before any rule is added: <int:...> ids beyond what the database holds are a 404.
    app.url_map.converters["int"] = IdConverter
    app.register_blueprint(units.bp)
    app.register_blueprint(history.bp)
    app.register_blueprint(live.bp)
    display.init_app(app)
    once.init_app(app)
    static_files.init_app(app)
    # Before the headers and features: after_request functions run last-registered first,
    # so compression sees the final body.
    app.after_request(compress)
    app.after_request(set_security_headers)
    app.after_request(add_vary)
    app.register_error_handler(Forbidden, not_yours)
    app.register_error_handler(Archived, archived)
    app.register_error_handler(TooMany, too_many)
    app.add_template_global(new_page_id)


def not_yours(_error):
    """403 for a write the unit type's rule does not allow: nothing was changed."""
    return error_page(
        403,
        "That is not yours to change",
        "This part is written by the other person. Nothing was changed.",
    )


def archived(_error):
    """403 for a write while the pair's cycle is closed: nothing was changed."""
    return error_page(
        403,
        "This cycle is closed",
        "The pair's content is a read-only archive now. Reopen the cycle on the check-ins "
        "page to change it again. Nothing was changed.",
    )


def too_many(error):
    """422 for bringing a unit back into a list that is already full: nothing was changed."""
    message = f"{error.unit_type.too_many_message()} Nothing was changed."
    return error_page(422, "This list is full", message)


def new_page_id():
    """An id for one page load; its htmx requests carry it so polls skip its own changes."""
    return secrets.token_urlsafe(12)
