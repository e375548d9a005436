"""The print view and its PDF run as many queries for a large pair as for a small one."""

from rich_pair import compare_queries, enrich, export_app  # noqa: F401 (fixture)

# One grown thing of each part: plan, checklist, check-ins, reviews, coaching.
SHOWN = ("Grown goal 11", "Grown item 11", "Grown check-in 11", "Grown review 11", "Grown room 11")


def test_the_print_view_runs_the_same_queries_small_and_large(plan_world, app, queries):
    with app.test_request_context():
        enrich(plan_world)
    protege = plan_world.as_("protege")
    url = plan_world.url("/printout")
    small, large, _body = compare_queries(plan_world, queries, lambda: protege.get(url), SHOWN)
    assert len(large) == len(small), (len(small), len(large))
    assert len(small) < 40  # a handful per part, not one per item
    # The PDF is the same page laid out: the same queries, whatever the size.
    response, pdf = queries(lambda: protege.get(url + ".pdf"))
    assert response.mimetype == "application/pdf"
    assert len(pdf) == len(large)
