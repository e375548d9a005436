"""A share link's view runs as many queries for a large pair as for a small one."""

from rich_pair import compare_queries, enrich, export_app  # noqa: F401 (fixture)

from pairapp.sharing.data import create_link
from pairapp.sharing.models import PARTS

# One grown thing of each part a link shows: plan, checklist, reviews, coaching.
SHOWN = ("Grown goal 11", "Grown item 11", "Grown review 11", "Grown room 11")


def test_the_shared_view_runs_the_same_queries_small_and_large(plan_world, app, queries):
    with app.test_request_context():
        enrich(plan_world)
    _link, token = create_link(plan_world.pair, plan_world.mentor, "Dr Rivera", list(PARTS), None)
    visitor = app.test_client()
    small, large, _body = compare_queries(
        plan_world, queries, lambda: visitor.get(f"/shared/{token}"), SHOWN
    )
    assert len(large) == len(small), (len(small), len(large))
    assert len(small) < 40  # a handful per part, not one per item
