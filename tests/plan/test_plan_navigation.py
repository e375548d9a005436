"""Issue 11 line 2: the plan's contents, parts that fold (remembered per person) and small
parts nobody has started; nothing is removed from the page."""

import re

import pytest
from conftest import HTMX_PARTIAL, by_id, plain, tags, text

from pairapp.plan import catalogue
from pairapp.plan.models import PartFold, PlanField

PARTS = list(catalogue.parts())


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see conftest)."""
    return reused_app


def part_section(page, key):
    """The HTML of one part's section on the plan page."""
    match = re.search(rf'<section id="part-{key}".*?</details>\s*</section>', page, re.S)
    assert match, f"part {key} is not on the page"
    return match.group(0)


def folded(page, key):
    """Whether the part is shown folded (its details element closed)."""
    (details,) = tags(part_section(page, key), "details")
    return "open" not in details


def plan_page(world, who):
    response = world.as_(who).get(world.url("/plan"))
    assert response.status_code == 200
    return text(response)


def read(html):
    """HTML as read: tags removed, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def contents_entry(page, key):
    """The contents list's line for a part, as read (tags removed)."""
    match = re.search(rf'<li><a href="#part-{key}">.*?</li>', page, re.S)
    assert match, f"part {key} is not in the contents"
    return read(match.group(0))


def test_contents_lists_every_part_with_its_state_and_count(plan_world):
    page = plan_page(plan_world, "protege")
    nav = re.search(r'<nav class="plan-contents".*?</nav>', page, re.S).group(0)
    assert re.findall(r'href="#part-(\w+)"', nav) == PARTS
    for key in PARTS:
        assert f'id="part-{key}"' in page  # every jump lands on its part
    # In words and with a mark, not by colour alone; with what the part holds.
    assert contents_entry(page, "goals") == "Goals ○ Not started: no goals yet"
    assert contents_entry(page, "strengths") == (
        "Strengths and areas for improvement ○ Not started: 0 of 4 answered"
    )
    # The template proposes the pilot's end and four milestones.
    assert contents_entry(page, "charter") == (
        "Charter ✓ Filled: 1 of 8 answered, no glossary terms yet"
    )
    assert contents_entry(page, "timeline") == "Timeline and milestones ✓ Filled: 4 milestones"


def test_a_part_nobody_started_is_small_until_someone_starts_it(plan_world):
    world = plan_world
    page = plan_page(world, "protege")
    assert all(folded(page, key) for key in PARTS)
    goals = part_section(page, "goals")
    # Its heading, a sentence of what goes there and the control that opens it.
    assert "What we are working toward" in goals
    assert '<span class="when-folded">Add a goal</span>' in goals
    assert '<span class="when-folded">Start this part</span>' in part_section(page, "strengths")
    world.save("mentor", "field", world.field("baseline"), value="Reads at grade level")
    for who in ("mentor", "protege"):
        page = plan_page(world, who)
        assert not folded(page, "strengths")
        assert folded(page, "goals")
        assert contents_entry(page, "strengths").endswith("✓ Filled: 1 of 4 answered")


def test_nothing_is_removed_from_a_folded_part(plan_world):
    world = plan_world
    page = plan_page(world, "protege")
    fields = PlanField.select().where(PlanField.pair == world.pair.id)
    for field in fields:
        assert f'href="{world.unit_url("field", field.id)}/edit"' in page
    for key in PARTS:
        section = part_section(page, key)
        assert "Hide this part" in section
        assert "Not changed yet." in section or "Last changed by" in section
    for kind in ("goal", "step", "milestone", "term", "note"):
        assert f'id="add-{kind}"' in page


def test_folding_is_remembered_per_person(plan_world, db_dump):
    world = plan_world
    world.save("mentor", "field", world.field("baseline"), value="Reads at grade level")
    protege = world.as_("protege")
    response = protege.post(world.url("/plan/parts/strengths/fold"), {"folded": "yes"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(world.url("/plan#part-strengths"))
    assert folded(plan_page(world, "protege"), "strengths")
    assert not folded(plan_page(world, "mentor"), "strengths")  # the partner's stays open
    # A part nobody started, kept open by one person only.
    protege.post(world.url("/plan/parts/goals/fold"), {"folded": "no"})
    assert not folded(plan_page(world, "protege"), "goals")
    assert folded(plan_page(world, "mentor"), "goals")
    # Said again: still one row per person and part.
    before = db_dump()
    protege.post(world.url("/plan/parts/goals/fold"), {"folded": "no"})
    assert db_dump() == before
    assert PartFold.select().count() == 2
    # Unfolding again.
    protege.post(world.url("/plan/parts/strengths/fold"), {"folded": "no"})
    assert not folded(plan_page(world, "protege"), "strengths")


def test_the_fold_button_says_what_it_will_do(plan_world):
    world = plan_world
    world.save("mentor", "field", world.field("baseline"), value="Reads at grade level")
    page = plan_page(world, "protege")
    fold = part_section(page, "strengths")
    assert by_id(fold, "fold-strengths")["data-folded"] == "no"
    assert "Fold this part<span" in fold and tags(fold, "input", name="folded", value="yes")
    keep = part_section(page, "goals")
    assert by_id(keep, "fold-goals")["data-folded"] == "yes"
    assert "Keep this part open<span" in keep and tags(keep, "input", name="folded", value="no")


def test_folding_with_htmx_answers_the_fold_form_in_its_new_state(plan_world):
    world = plan_world
    response = world.as_("protege").post(
        world.url("/plan/parts/notes/fold"), {"folded": "no"}, htmx=True
    )
    assert response.status_code == 200
    html = text(response)
    assert "<html" not in html
    assert by_id(html, "fold-notes")["data-folded"] == "no"
    assert tags(html, "input", name="folded", value="yes")
    assert "Fold this part" in html
    assert PartFold.get().folded is False


@pytest.mark.parametrize(
    ("path", "data", "status"),
    [
        ("/plan/parts/strengths/fold", {"folded": "maybe"}, 400),
        ("/plan/parts/strengths/fold", {}, 400),
        ("/plan/parts/nonsense/fold", {"folded": "yes"}, 404),
    ],
)
def test_folding_refuses_bad_requests(plan_world, db_dump, path, data, status):
    world = plan_world
    before = db_dump()
    assert world.as_("protege").post(world.url(path), data).status_code == status
    assert db_dump() == before


def test_folded_parts_cost_no_query_per_part(plan_world, queries):
    world = plan_world
    protege = world.as_("protege")
    _response, before = queries(lambda: protege.get(world.url("/plan")))
    for key in PARTS:
        protege.post(world.url(f"/plan/parts/{key}/fold"), {"folded": "no"})
    response, after = queries(lambda: protege.get(world.url("/plan")))
    assert not any(folded(text(response), key) for key in PARTS)
    assert len(after) == len(before)


def test_a_partners_change_updates_the_parts_state(plan_world):
    world = plan_world
    since = world.pair.change_counter
    world.save("mentor", "field", world.field("baseline"), value="Reads at grade level")
    response = world.as_("protege").get(
        world.url(f"/plan/changes?since={since}"), headers=HTMX_PARTIAL
    )
    html = plain(response)
    for state_id in ("state-strengths", "toc-state-strengths"):
        state = by_id(html, state_id)
        assert state["data-hx-swap-oob"] == "true"
        assert "is-filled" in state["class"]
    assert "✓ Filled: 1 of 4 answered" in read(html)


def test_ones_own_add_updates_the_parts_state(plan_world):
    world = plan_world
    response = world.add("protege", "goal", htmx=True, title="Lead a meeting")
    assert response.status_code == 200
    html = plain(response)
    assert by_id(html, "toc-state-goals")["data-hx-swap-oob"] == "true"
    assert "✓ Filled: 1 goal" in read(html)
