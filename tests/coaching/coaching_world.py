"""The coaching tests' world: the plan world, with cycles made through the core."""

import pytest
from conftest import csrf_from

from pairapp.coaching.data import start_agreement, start_cycle
from pairapp.coaching.models import CoachingText, Cycle


@pytest.fixture(name="app")
def coaching_app(reused_app):
    """One app for the module's tests, each on a fresh database."""
    return reused_app


class Coaching:
    """Helpers over a PlanWorld: cycles, texts and the coaching URLs."""

    def __init__(self, world):
        self.world = world

    def cycle(self, observer="mentor", observed="protege"):
        """A new cycle, observer observing observed."""
        w = self.world
        return start_cycle(w.pair, w.mentor.id, getattr(w, observer).id, getattr(w, observed).id)

    def agreement(self):
        start_agreement(self.world.pair, self.world.mentor.id)

    def text(self, key, cycle=None):
        condition = (
            CoachingText.cycle.is_null() if cycle is None else CoachingText.cycle == cycle.id
        )
        return CoachingText.get(
            (CoachingText.pair == self.world.pair.id) & condition & (CoachingText.key == key)
        )

    def fresh(self, cycle):
        return Cycle.get_by_id(cycle.id)

    def page(self, who, path="", **kwargs):
        """GET a coaching page as this person (remembering its CSRF token)."""
        return self.world.as_(who).get(self.world.url("/coaching" + path), **kwargs)

    def add(self, who, type_name, cycle, htmx=False, **values):
        data = {f"new-{type_name}-{name}": value for name, value in values.items()}
        data[f"new-{type_name}-cycle"] = str(cycle.id)
        return self.world.as_(who).post(self.world.url(f"/{type_name}/new"), data, htmx=htmx)

    def token(self, who):
        return csrf_from(self.page(who).get_data(as_text=True))


@pytest.fixture(name="coaching")
def coaching_fixture(plan_world):
    """Coaching helpers over the plan world."""
    return Coaching(plan_world)
