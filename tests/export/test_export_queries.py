"""A pair's export file takes as many queries for a large pair as for a small one."""

from rich_pair import compare_queries, enrich, export_app  # noqa: F401 (fixture)

# One grown thing of each feature: plan, checklist, coaching, check-ins.
SHOWN = ("Grown goal 11", "Grown item 11", "Grown remark 11", "Grown check-in 11")


def test_the_export_runs_the_same_queries_small_and_large(plan_world, app, queries):
    with app.test_request_context():
        enrich(plan_world)
    mentor = plan_world.as_("mentor")
    url = plan_world.url("/export.json")
    small, large, _body = compare_queries(plan_world, queries, lambda: mentor.get(url), SHOWN)
    assert len(large) == len(small), (len(small), len(large))
    assert len(small) < 40  # a handful per feature, not one per item
