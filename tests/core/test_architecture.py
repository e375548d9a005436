"""The layout keeps its promises: registration is explicit, imports are at the top."""

import ast
from pathlib import Path

import pytest

import pairapp
from pairapp.core.unit_types import Feature, Registry, UnitType

PACKAGE = Path(pairapp.__file__).parent


def function_level_imports(path):
    """(line, name) of each import inside a function or method of one module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    found.append((inner.lineno, ast.unparse(inner)))
    return found


def test_no_import_hides_inside_a_function():
    """Imports at a module's top are what import-linter sees: none may dodge a cycle."""
    hidden = {
        str(path.relative_to(PACKAGE)): imports
        for path in sorted(PACKAGE.rglob("*.py"))
        if (imports := function_level_imports(path))
    }
    assert hidden == {}


def test_the_checker_finds_a_hidden_import(tmp_path):
    module = tmp_path / "sneaky.py"
    module.write_text("def f():\n    from pairapp import plan\n    return plan\n")
    assert function_level_imports(module) == [(2, "from pairapp import plan")]


def test_every_feature_registers_its_unit_types_when_the_app_is_built(app):
    registry = app.extensions["pairapp.registry"]
    assert {"plan", "pairs"} <= set(registry.features)
    assert {"field", "goal", "step", "milestone", "term", "note"} <= set(registry.unit_types)


def test_importing_the_core_alone_registers_nothing():
    assert Registry().unit_types == {}


def _unit_type(name, feature="demo"):
    return UnitType(
        name=name,
        feature=feature,
        model=object,
        label=name,
        form=lambda unit: None,
        display="",
        fields={},
        part_of=lambda unit: "",
    )


def test_registering_a_name_twice_is_an_error():
    registry = Registry()
    registry.add(Feature(name="demo"), _unit_type("thing"))
    with pytest.raises(ValueError, match="registered twice"):
        registry.add(Feature(name="other"), _unit_type("thing", "other"))
    with pytest.raises(ValueError, match="registered twice"):
        registry.add(Feature(name="demo"))


def test_a_unit_type_belongs_to_the_feature_registering_it():
    with pytest.raises(ValueError, match="another feature"):
        Registry().add(Feature(name="demo"), _unit_type("thing", "elsewhere"))


def test_only_the_core_writes_history_and_change_counters():
    """Revisions and the pair's change counter are written by core/versioning.py alone."""
    writers = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if any(
            needle in path.read_text(encoding="utf-8")
            for needle in ("Revision.create(", "Revision.insert", "change_counter=Pair")
        )
    }
    assert writers == {"core/versioning.py"}
