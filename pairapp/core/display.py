"""Jinja filters: dates and times as the reader reads them, in their timezone."""

import datetime
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app
from flask_login import current_user


def reader_zone():
    """The reader's timezone: their account setting, else the server default."""
    name = getattr(current_user, "timezone", "") or current_app.config["DEFAULT_TIMEZONE"]
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


def when(moment):
    """A stored UTC time as '21 Nov 2026, 14:05' in the reader's timezone."""
    if moment is None:
        return ""
    local = moment.replace(tzinfo=datetime.UTC).astimezone(reader_zone())
    return f"{local.day} {local:%b %Y, %H:%M}"


def day(value):
    """A date as '21 Nov 2026'."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return f"{value.day} {value:%b %Y}"


# A restore's reason names the restored version's time in UTC (stored text, for every reader);
# it is shown in each reader's own timezone and format like every other time.
RESTORED_AT = re.compile(r"(\d{4}-\d\d-\d\d \d\d:\d\d) UTC")


def reason(text):
    """A change's reason as people read it: a stored UTC time in the reader's format."""
    if not text:
        return ""
    return RESTORED_AT.sub(
        lambda m: when(datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M")), text
    )


def iso_utc(moment):
    """A stored UTC time for a <time datetime> attribute (whole seconds: HTML allows at most
    three digits of a second)."""
    return moment.replace(tzinfo=datetime.UTC).isoformat(timespec="seconds") if moment else ""


def stamp(moment):
    """A stored UTC time as a whole number of microseconds, for ordering copies of a unit."""
    if moment is None:
        return 0
    return int(moment.replace(tzinfo=datetime.UTC).timestamp() * 1_000_000)


def init_app(app):
    """Register the filters."""
    app.add_template_filter(stamp)
    app.add_template_filter(when)
    app.add_template_filter(day)
    app.add_template_filter(iso_utc)
    app.add_template_filter(reason)
