"""A pair's own copy of the default guide: made when the pair starts, once, and never changed
by later changes to the guide."""

import threading
from pathlib import Path

import pytest
from conftest import text

from pairapp.checklist.data import has_checklist, start_checklist
from pairapp.checklist.guides import builtin_guide
from pairapp.checklist.models import Checklist, ChecklistItem
from pairapp.db import db
from pairapp.models import Pair

pytestmark = pytest.mark.usefixtures("fast_hashing")

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def items_of(pair):
    query = (
        ChecklistItem.select()
        .where(ChecklistItem.pair == pair.id)
        .order_by(ChecklistItem.month, ChecklistItem.position)
    )
    return [(i.month, i.position, i.lead, i.title) for i in query]


def test_a_new_pair_gets_the_built_in_guide(make_user, login):
    browser = login(make_user())
    response = browser.post("/pairs/new", {"title": "Sam and Alex", "start_date": "2026-09-01"})
    assert response.status_code == 303, text(response)
    pair = Pair.get(Pair.title == "Sam and Alex")
    items = items_of(pair)
    assert len(items) == len(builtin_guide().rows)
    assert items[0] == (1, 1, "both", "Hold your kickoff meeting")
    second = [position for month, position, *_ in items if month == 2]
    assert second == list(range(1, len(second) + 1))
    assert Checklist.get(Checklist.pair == pair.id).guide_name == "built-in"
    unit = ChecklistItem.get(ChecklistItem.pair == pair.id)
    assert (unit.version, unit.done, unit.struck, unit.highlighted, unit.own) == (
        1,
        False,
        False,
        False,
        False,
    )
    assert unit.created_at is not None and unit.private_to_id is None


def test_a_new_pair_gets_the_chosen_default_guide(make_user, login, runner):
    runner.invoke(args=["guide", "import", str(EXAMPLES / "guide.csv"), "--name", "Ours"])
    runner.invoke(args=["guide", "default", "Ours"])
    browser = login(make_user())
    browser.post("/pairs/new", {"title": "Sam and Alex", "start_date": "2026-09-01"})
    pair = Pair.get(Pair.title == "Sam and Alex")
    assert Checklist.get(Checklist.pair == pair.id).guide_name == "Ours"
    assert [i[0] for i in items_of(pair)] == [1, 1, 1, 1, 2, 2, 2]


def test_an_existing_pair_gets_its_copy_once(make_pair, make_user):
    pair = make_pair(mentor=make_user())
    assert not has_checklist(pair)
    counter = Pair.get_by_id(pair.id).change_counter
    assert start_checklist(pair) is True
    assert start_checklist(pair) is False
    assert len(items_of(pair)) == len(builtin_guide().rows)
    assert Pair.get_by_id(pair.id).change_counter == counter + 1


def test_two_first_opens_at_once_copy_once(make_pair, make_user):
    pair = make_pair(mentor=make_user())
    db.close()
    barrier = threading.Barrier(2)
    results, errors = [], []

    def open_checklist():
        try:
            with db.connection_context():
                barrier.wait()
                results.append(start_checklist(pair))
        except Exception as error:  # the test reports it below
            errors.append(error)

    threads = [threading.Thread(target=open_checklist) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == [False, True]
    assert Checklist.select().where(Checklist.pair == pair.id).count() == 1
    assert len(items_of(pair)) == len(builtin_guide().rows)


def test_replacing_or_switching_the_guide_never_changes_a_pairs_copy(
    make_pair, make_user, runner, tmp_path
):
    path = tmp_path / "ours.csv"
    path.write_text("month,lead,title\n1,both,First version\n")
    runner.invoke(args=["guide", "import", str(path), "--name", "Ours", "--default"])
    pair = make_pair(mentor=make_user())
    start_checklist(pair)
    before = items_of(pair)
    assert before == [(1, 1, "both", "First version")]

    path.write_text("month,lead,title\n1,mentor,Second version\n3,both,More\n")
    result = runner.invoke(args=["guide", "import", str(path), "--name", "Ours", "--replace"])
    assert result.exit_code == 0, result.output
    runner.invoke(args=["guide", "default", "built-in"])
    assert items_of(pair) == before
    assert Checklist.get(Checklist.pair == pair.id).guide_name == "Ours"
