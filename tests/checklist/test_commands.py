"""`pairapp guide import | list | default`: load guides, refuse bad files whole, pick one."""

from pathlib import Path

import pytest

from pairapp.checklist.guides import default_guide_items
from pairapp.checklist.models import Guide, GuideItem

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def stored():
    """{guide name: [(month, lead, title), ...]} from the database."""
    result = {}
    query = GuideItem.select(GuideItem, Guide).join(Guide).order_by(GuideItem.id)
    for item in query:
        result.setdefault(item.guide.name, []).append((item.month, item.lead, item.title))
    return result


def test_import_a_csv_with_a_name(runner):
    result = runner.invoke(args=["guide", "import", str(EXAMPLES / "guide.csv"), "--name", "Ours"])
    assert result.exit_code == 0, result.output
    assert "Imported guide 'Ours': 7 items over 2 months." in result.output
    assert 'pairapp guide default "Ours"' in result.output
    assert stored()["Ours"][2] == (1, "protege", "Complete a baseline self-assessment")
    assert Guide.get(Guide.name == "Ours").source == "guide.csv"


def test_import_a_yaml_takes_its_name_from_the_file(runner):
    result = runner.invoke(args=["guide", "import", str(EXAMPLES / "guide.yaml")])
    assert result.exit_code == 0, result.output
    assert list(stored()) == ["Northside Schools first-year guide"]


def test_import_without_a_name_uses_the_file_name(runner, tmp_path):
    path = tmp_path / "first_year.csv"
    path.write_text("month,lead,title\n1,both,Meet\n")
    assert runner.invoke(args=["guide", "import", str(path)]).exit_code == 0
    assert list(stored()) == ["first year"]


def test_a_bad_file_imports_nothing_and_lists_each_problem(runner, tmp_path):
    path = tmp_path / "guide.csv"
    path.write_text("month,lead,title\n1,both,Fine\n1,boss,Meet\n14,both,Plan\n")
    result = runner.invoke(args=["guide", "import", str(path), "--default"])
    assert result.exit_code == 1
    assert "Nothing was imported." in result.output
    assert "guide.csv, line 3, field 'lead': 'boss' is not a lead" in result.output
    assert "guide.csv, line 4, field 'month': '14' is not a month" in result.output
    assert Guide.select().count() == 0 and GuideItem.select().count() == 0


def test_a_failure_while_storing_leaves_nothing_half_imported(runner, monkeypatch):
    original = GuideItem.insert_many
    calls = []

    def fail_on_second_batch(rows):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(rows)

    monkeypatch.setattr(GuideItem, "insert_many", fail_on_second_batch)
    result = runner.invoke(args=["guide", "import", str(builtin_path()), "--name", "Big"])
    assert result.exit_code != 0 and len(calls) == 2
    assert Guide.select().count() == 0 and GuideItem.select().count() == 0


def builtin_path():
    from pairapp.checklist.guides import BUILTIN_FILE

    return BUILTIN_FILE


def test_an_existing_name_is_kept_unless_replace_is_asked_for(runner, tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("month,lead,title\n1,both,Old item\n")
    second.write_text("month,lead,title\n2,mentor,New item\n")
    assert runner.invoke(args=["guide", "import", str(first), "--name", "Ours"]).exit_code == 0
    again = runner.invoke(args=["guide", "import", str(second), "--name", "Ours"])
    assert again.exit_code == 1
    assert "already exists" in again.output and "--replace" in again.output
    assert stored() == {"Ours": [(1, "both", "Old item")]}
    replaced = runner.invoke(args=["guide", "import", str(second), "--name", "Ours", "--replace"])
    assert replaced.exit_code == 0, replaced.output
    assert "Replaced guide 'Ours'" in replaced.output
    assert "keep their own copy" in replaced.output
    assert stored() == {"Ours": [(2, "mentor", "New item")]}


@pytest.mark.parametrize("name", ["built-in", "  ", "x" * 81])
def test_names_that_cannot_be_used(runner, name):
    result = runner.invoke(args=["guide", "import", str(EXAMPLES / "guide.csv"), "--name", name])
    assert result.exit_code == 1 and "field 'name'" in result.output
    assert Guide.select().count() == 0


def test_list_marks_the_default(runner):
    result = runner.invoke(args=["guide", "list"])
    assert result.exit_code == 0
    assert result.output.splitlines() == ["* built-in  81 items  (shipped with pairapp)"]
    runner.invoke(args=["guide", "import", str(EXAMPLES / "guide.csv"), "--name", "Ours"])
    runner.invoke(args=["guide", "default", "Ours"])
    assert runner.invoke(args=["guide", "list"]).output.splitlines() == [
        "  built-in  81 items  (shipped with pairapp)",
        "* Ours  7 items  (guide.csv)",
    ]


def test_default_chooses_the_guide_new_pairs_get_and_built_in_goes_back(runner):
    assert default_guide_items()[0] == "built-in"
    runner.invoke(args=["guide", "import", str(EXAMPLES / "guide.csv"), "--name", "Ours"])
    runner.invoke(args=["guide", "import", str(EXAMPLES / "guide.yaml"), "--default"])
    name, items = default_guide_items()
    assert name == "Northside Schools first-year guide" and len(items) == 5
    result = runner.invoke(args=["guide", "default", "Ours"])
    assert result.exit_code == 0
    assert "New pairs now get the guide 'Ours'." in result.output
    assert default_guide_items()[0] == "Ours"
    assert Guide.select().where(Guide.is_default).count() == 1
    assert runner.invoke(args=["guide", "default", "Built-in"]).exit_code == 0
    assert default_guide_items()[0] == "built-in"
    assert Guide.select().where(Guide.is_default).count() == 0


def test_default_refuses_an_unknown_name(runner):
    result = runner.invoke(args=["guide", "default", "Nope"])
    assert result.exit_code == 1
    assert "There is no guide named 'Nope'" in result.output


def test_import_of_a_missing_file_says_so(runner, tmp_path):
    result = runner.invoke(args=["guide", "import", str(tmp_path / "none.csv")])
    assert result.exit_code == 2 and "does not exist" in result.output
