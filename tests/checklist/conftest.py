"""A pair with its checklist started, its two members, and someone from another pair."""

import datetime

import pytest

from pairapp.checklist import start_checklist
from pairapp.checklist.models import ChecklistItem
from pairapp.core.models import Pair

HTMX = {"HX-Request": "true", "HX-Request-Type": "partial"}


class ChecklistWorld:
    """The pair, its people and a logged-in session per person."""

    def __init__(self, login, pair, **people):
        self.login, self.pair, self.people = login, pair, people
        self._sessions = {}

    def as_(self, who):
        if who not in self._sessions:
            self._sessions[who] = self.login(self.people[who])
        return self._sessions[who]

    def url(self, path=""):
        return f"/pairs/{self.pair.id}{path}"

    def pair_items(self, month):
        """The live items of a month, in order."""
        return list(
            ChecklistItem.select()
            .where(
                (ChecklistItem.pair == self.pair.id)
                & (ChecklistItem.month == month)
                & ChecklistItem.deleted_at.is_null()
            )
            .order_by(ChecklistItem.position, ChecklistItem.id)
        )

    def item(self, month=1, index=0):
        """An item of a month, fresh from the database."""
        return self.pair_items(month)[index]

    def fresh(self, item):
        return ChecklistItem.get_by_id(item.id)

    def set_url(self, item, action):
        return self.url(f"/item/{item.id}/set/{action}")

    def set(self, who, item, action, value="yes", htmx=False, **kwargs):
        return self.as_(who).post(self.set_url(item, action), {"value": value}, htmx=htmx, **kwargs)


@pytest.fixture
def world(app, login, make_user, make_pair, fast_hashing):
    mentor, protege = make_user("Mentor Mo"), make_user("Protege Pat")
    stranger = make_user("Stranger Stan")
    pair = make_pair(mentor=mentor, protege=protege, start=datetime.date(2026, 9, 1))
    make_pair("Stan's own", mentor=stranger)
    start_checklist(pair)
    return ChecklistWorld(
        login, Pair.get_by_id(pair.id), mentor=mentor, protege=protege, stranger=stranger
    )
