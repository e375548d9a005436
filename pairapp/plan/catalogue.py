"""The MAP's parts and the plan templates, read from the YAML files in catalogue/."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

FOLDER = Path(__file__).parent / "catalogue"
TEMPLATE_ORDER = ("full", "three_pillars", "blank")


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    kind: str  # text, line or date
    prompt: str


@dataclass(frozen=True)
class PartSpec:
    key: str
    title: str
    summary: str
    fields: tuple
    lists: tuple
    list_prompt: str


@dataclass(frozen=True)
class Group:
    title: str | None
    summary: str
    parts: tuple


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    description: str
    groups: tuple
    milestones: tuple  # (title, days after the start date)


def _load(name):
    """One YAML file of the folder."""
    return yaml.safe_load((FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))


@cache
def parts():
    """Every part of the MAP, in catalogue order, by key."""
    result = {}
    for part in _load("parts")["parts"]:
        fields = tuple(
            FieldSpec(f["key"], f["label"], f.get("kind", "text"), f.get("prompt", ""))
            for f in part.get("fields") or []
        )
        result[part["key"]] = PartSpec(
            part["key"],
            part["title"],
            part.get("summary", ""),
            fields,
            tuple(part.get("lists") or ()),
            part.get("list_prompt", ""),
        )
    return result


@cache
def templates():
    """The plan templates a new plan can start from, by key."""
    result = {}
    for key in TEMPLATE_ORDER:
        data = _load(key)
        groups = tuple(
            Group(g.get("title"), g.get("summary", ""), tuple(g["parts"])) for g in data["groups"]
        )
        milestones = tuple(
            (m["title"], int(m["offset_days"])) for m in data.get("milestones") or []
        )
        result[key] = Template(key, data["name"], data["description"], groups, milestones)
    return result


@cache
def field_spec(part_key, field_key):
    """The catalogue entry of one field, or None if the catalogue no longer has it."""
    part = parts().get(part_key)
    return next((f for f in part.fields if f.key == field_key), None) if part else None


def part_of_list(list_kind):
    """The part a kind of list item belongs to."""
    return next(p.key for p in parts().values() if list_kind in p.lists)
