"""Every setting the code reads is documented in the README's settings reference."""

import ast
import re
from pathlib import Path

import pairapp

PACKAGE = Path(pairapp.__file__).parent
README = PACKAGE.parent / "README.md"


def is_environ(node):
    """os.environ, or a bare environ."""
    return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
        isinstance(node, ast.Name) and node.id == "environ"
    )


def settings_read(source):
    """The names of the environment variables a module's source reads."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Subscript) and is_environ(node.value):
            key = node.slice
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            environ_get = isinstance(func, ast.Attribute) and func.attr in {"get", "pop"}
            environ_get = environ_get and is_environ(func.value)
            getenv = isinstance(func, ast.Attribute | ast.Name) and (
                getattr(func, "attr", None) == "getenv" or getattr(func, "id", None) == "getenv"
            )
            key = node.args[0] if environ_get or getenv else None
        else:
            key = None
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            names.add(key.value)
        # Any literal that looks like one of ours counts too (helpers such as _flag()).
        literal = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if literal and re.fullmatch(r"PAIRAPP_[A-Z0-9_]+", node.value):
            names.add(node.value)
    return names


def documented(readme):
    """The variables named in the README's settings table."""
    section = readme.split("## Settings", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\|[^|\n]*?`([A-Z][A-Z0-9_]+)`", section, re.M)) | {
        name
        for row in re.findall(r"^\|([^|\n]*)\|", section, re.M)
        for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row)
    }


def code_settings():
    return set().union(*(settings_read(p.read_text()) for p in PACKAGE.rglob("*.py")))


def test_every_setting_the_code_reads_is_in_the_readme():
    missing = code_settings() - documented(README.read_text())
    assert not missing, f"settings read by the code but not in README's Settings: {missing}"


def test_the_readme_documents_no_setting_the_code_ignores():
    stale = documented(README.read_text()) - code_settings()
    assert not stale, f"README documents settings nothing reads: {stale}"


def test_the_checker_finds_each_way_of_reading_a_setting():
    source = (
        "import os\nfrom os import environ, getenv\n"
        "a = os.environ.get('ONE')\nb = os.environ['TWO']\nc = getenv('THREE')\n"
        "d = environ.get('FOUR', 'x')\ne = _flag('PAIRAPP_FIVE', True)\n"
    )
    assert settings_read(source) == {"ONE", "TWO", "THREE", "FOUR", "PAIRAPP_FIVE"}
    readme = "## Settings\n\n| `ONE`, `TWO` | x |\n| `THREE` | y |\n\n## Next\n| `FOUR` |"
    assert documented(readme) == {"ONE", "TWO", "THREE"}


def test_the_readme_has_an_example_env_file():
    section = README.read_text().split("## Settings", 1)[1].split("\n## ", 1)[0]
    example = re.search(r"```(?:sh|ini|dotenv)?\n(# \.env.*?)```", section, re.S)
    assert example, "no example .env in the Settings section"
    names = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example.group(1), re.M))
    assert names and names <= code_settings()
