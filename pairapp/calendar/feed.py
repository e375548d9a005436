"""One member's calendar of one pair as iCalendar text: every feature's dated things."""

import datetime
from urllib.parse import urljoin
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app, request
from icalendar import Calendar, Event, vDuration

from ..core.models import utcnow
from ..core.unit_types import registry

PRODID = "-//pairapp//calendar//EN"
# Timed items carry no end of their own (people write a time of day): an hour shows as a
# block in every calendar app, where an event without an end may not show at all.
TIMED_LENGTH = datetime.timedelta(hours=1)
# Calendar apps poll a subscription; asking for about every few hours is polite and enough.
REFRESH = datetime.timedelta(hours=4)


def zone_of(user):
    """The member's timezone: their account setting, else the server default, else UTC."""
    name = user.timezone or current_app.config["DEFAULT_TIMEZONE"]
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def entries_for(pair, viewer):
    """Every feature's calendar entries for this member, in date order."""
    entries = []
    for feature in registry().features.values():
        if feature.calendar_events is not None:
            entries.extend(feature.calendar_events(pair, viewer))
    return sorted(entries, key=lambda entry: (sort_day(entry.start), entry.uid))


def sort_day(value):
    """A date or datetime as a date, for ordering."""
    return value.date() if isinstance(value, datetime.datetime) else value


def in_zone(value, zone):
    """A date stays a date (all day); a wall-clock time gets the member's timezone."""
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value


def as_utc(moment):
    """A stored (naive UTC) time as an aware one."""
    return moment.replace(tzinfo=datetime.UTC)


def event_of(entry, pair, zone, host):
    """One VEVENT: stable UID, DTSTAMP, the link back to the app in URL and description."""
    url = urljoin(request.host_url, entry.url)
    start = in_zone(entry.start, zone)
    end = in_zone(entry.end, zone) if entry.end is not None else None
    if end is None and isinstance(start, datetime.datetime):
        end = start + TIMED_LENGTH
    stamp = as_utc(entry.updated) if entry.updated else as_utc(utcnow())
    description = "\n\n".join(
        text for text in (entry.description, f"Open in pairapp: {url}") if text
    )
    event = Event.new(
        uid=f"{entry.uid}-pair{pair.id}@{host}",
        summary=entry.title,
        start=start,
        end=end,
        url=url,
        description=description,
        location=entry.location or None,
        stamp=stamp,
        last_modified=stamp,
        classification="PRIVATE" if entry.private else None,
    )
    return event


def calendar_text(pair, viewer):
    """The pair's calendar as this member sees it, as iCalendar bytes."""
    zone = zone_of(viewer)
    host = request.host.split(":")[0] or "pairapp"
    entries = entries_for(pair, viewer)
    calendar = Calendar.new(
        name=pair.title,
        description=f"Dates of “{pair.title}” in pairapp, as {viewer.display_name} sees them.",
        prodid=PRODID,
        uid=f"pair{pair.id}-member{viewer.id}@{host}",
        refresh_interval=REFRESH,
        subcomponents=[event_of(entry, pair, zone, host) for entry in entries],
    )
    calendar.add("X-WR-TIMEZONE", zone.key)
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    if entries:
        days = [sort_day(entry.start) for entry in entries]
        # VTIMEZONE rules only for the years the events span (a whole-history zone is large).
        calendar.add_missing_timezones(
            first_date=min(days) - datetime.timedelta(days=1),
            last_date=max(days) + datetime.timedelta(days=2),
        )
    return calendar.to_ical()
