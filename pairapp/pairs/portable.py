"""The pair's own part of an export file: its title, dates and members (names and roles)."""

import datetime

from ..core.models import Membership, Pair, User, utcnow
from ..core.portable import BadFile


def export_pair(context):
    """Title, start date, whether the cycle is closed, and who is in it by name and role only."""
    pair = context.pair
    members = (
        Membership.select(Membership.role, User.id, User.display_name)
        .join(User)
        .where(Membership.pair == pair.id)
        .order_by(Membership.joined_at, Membership.id)
    )
    return {
        "title": pair.title,
        "start_date": pair.start_date.isoformat(),
        "archived": pair.archived_at is not None,
        # No emails, no accounts: a name and a role say who was in the pair.
        "members": [
            {
                "name": member.user.display_name,
                "role": member.role,
                "exporter": member.user_id == context.viewer_id,
            }
            for member in members
        ],
    }


def import_pair(context, data):
    """Give the new pair the file's title and dates; the importer joins in the exporter's role."""
    exporters = [member for member in data["members"] if member["exporter"]]
    if len(exporters) != 1:
        raise BadFile("The file does not say which member exported it.")
    context.role = exporters[0]["role"]
    try:
        start = datetime.date.fromisoformat(data["start_date"])
    except ValueError:
        raise BadFile("The pair's start date in the file is not a date.") from None
    Pair.update(title=data["title"], start_date=start).where(Pair.id == context.pair.id).execute()
    context.pair = Pair.get_by_id(context.pair.id)
    Membership.create(pair=context.pair.id, user=context.user_id, role=context.role)
    if data["archived"]:
        # Last of the pair's own writes, and after the import's event (a closed cycle takes
        # no events): the archive stays an archive.
        context.after(
            lambda: Pair.update(archived_at=utcnow()).where(Pair.id == context.pair.id).execute()
        )


def personal_data(user):
    """The person's memberships: which pairs, in which role, since when."""
    query = (
        Membership.select(Membership, Pair)
        .join(Pair)
        .where(Membership.user == user.id)
        .order_by(Membership.joined_at)
    )
    return {
        "memberships": [
            {
                "pair": member.pair.title,
                "role": member.role,
                "joined_at": member.joined_at.isoformat(timespec="seconds") + "Z",
                "first_steps_put_away": member.first_steps_dismissed_at is not None,
            }
            for member in query
        ]
    }
