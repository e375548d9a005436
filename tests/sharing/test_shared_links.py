"""A share link's reader has no account: the view links only within itself, never to log-in."""

import re

import pytest
from conftest import text
from rich_pair import enrich, export_app  # noqa: F401 (fixture)
from whole_pair import make_link

from pairapp.coaching.models import NextStep
from pairapp.coaching.units import NEXT_STEP
from pairapp.core.document import PRINT, SHARE
from pairapp.core.units import render_readonly
from pairapp.models import Goal

HREF = re.compile(r"""<a\b[^>]*\bhref\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)


@pytest.fixture
def rich(plan_world, app):
    with app.test_request_context():
        return enrich(plan_world)


def test_the_shared_view_links_only_to_its_own_anchors(rich):
    _link, token = make_link(rich)
    html = text(rich.app.test_client().get(f"/shared/{token}"))
    targets = HREF.findall(html)
    assert all(target.startswith("#") for target in targets), targets
    # The links' words stay, as text: the coaching goal's plan goal, a step's source.
    assert "Linked to the plan's goal “Run a team meeting”" in html
    assert "From a cycle</p>" in html and "From the check-in</p>" in html


def test_the_members_print_view_keeps_its_links(rich):
    html = text(rich.as_("mentor").get(rich.url("/printout")))
    goal = Goal.get(Goal.title == "Run a team meeting")
    targets = HREF.findall(html)
    assert rich.url(f"/plan#u-goal-{goal.id}") in targets and "/x" in targets


@pytest.mark.parametrize("audience, linked", [(SHARE, False), (PRINT, True)])
def test_a_next_step_names_its_plan_step_without_a_link_on_a_share(rich, audience, linked):
    step = NextStep.select().where(NextStep.text == "Try it").get()
    with rich.app.test_request_context():
        html = render_readonly(NEXT_STEP, step, rich.pair, audience=audience)
    assert "In the plan:" in html and "action step “Try it”" in html
    assert bool(HREF.findall(html)) is linked
