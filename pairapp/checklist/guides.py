"""Checklist guides: read and check a guide file (YAML or CSV), store it, choose the default."""

import csv
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from peewee import JOIN, chunked, fn

from ..core.models import utcnow
from ..db import write_transaction
from .models import MONTHS, Guide, GuideItem

BUILTIN_NAME = "built-in"
BUILTIN_FILE = Path(__file__).parent / "default_guide.yaml"
FIELDS = ("month", "lead", "title", "detail")
TITLE_MAX, DETAIL_MAX, NAME_MAX = 200, 2000, 80
# How people may write who leads an item; stored as mentor, protege or both.
LEAD_WORDS = {
    "mentor": "mentor",
    "protege": "protege",
    "protégé": "protege",
    "mentee": "protege",
    "both": "both",
}
MAX_PROBLEMS = 20  # enough to fix a file in one go, without flooding the terminal


@dataclass(frozen=True)
class GuideRow:
    """One checked item of a guide file, with the line it came from."""

    month: int
    lead: str
    title: str
    detail: str
    line: int


@dataclass(frozen=True)
class ParsedGuide:
    """A guide file that passed every check."""

    name: str  # from the file (YAML `name:`), or ""
    rows: tuple


class GuideError(Exception):
    """A guide that cannot be used; problems are (line, field, message) triples."""

    def __init__(self, problems):
        self.problems = list(problems)[:MAX_PROBLEMS]
        super().__init__("\n".join(self.lines()))

    def lines(self):
        """Each problem as one line people can act on."""
        result = []
        for line, field, message in self.problems:
            where = f"line {line}" + (f", field '{field}'" if field else "")
            result.append(f"{where}: {message}")
        return result


class _Checker:
    """Collects problems while checking one file's values."""

    def __init__(self):
        self.problems = []
        self.rows = []

    def problem(self, line, field, message):
        """Note one problem."""
        self.problems.append((line, field, message))

    def item(self, line, month, values, lines):
        """Check one item's values (text as written); lines gives each field's line.

        month is already checked (None when it was not a month: the problem is noted).
        """
        good = month is not None
        lead_text = (values.get("lead") or "").strip()
        if not lead_text:
            where = lines.get("lead", line)
            self.problem(where, "lead", "say who leads it: mentor, protégé or both.")
            good = False
        elif lead_text.lower() not in LEAD_WORDS:
            self.problem(
                lines["lead"], "lead", f"'{lead_text}' is not a lead; use mentor, protégé or both."
            )
            good = False
        title = " ".join((values.get("title") or "").split())
        if not title:
            self.problem(lines.get("title", line), "title", "every item needs a title.")
            good = False
        elif len(title) > TITLE_MAX:
            self.problem(lines["title"], "title", f"keep it to {TITLE_MAX} characters.")
            good = False
        detail = (values.get("detail") or "").strip()
        if len(detail) > DETAIL_MAX:
            self.problem(lines["detail"], "detail", f"keep it to {DETAIL_MAX} characters.")
            good = False
        if good:
            lead = LEAD_WORDS[lead_text.lower()]
            self.rows.append(GuideRow(month, lead, title, detail, line))

    def month(self, text, line):
        """A month number 1–12, or None after noting the problem."""
        text = (text or "").strip()
        if not text:
            self.problem(line, "month", f"say which month, a number from 1 to {MONTHS}.")
            return None
        if not text.isdigit() or not 1 <= int(text) <= MONTHS:
            message = f"'{text}' is not a month; use a number from 1 to {MONTHS}."
            self.problem(line, "month", message)
            return None
        return int(text)

    def result(self, name=""):
        """The checked guide, or GuideError with every problem found."""
        if not self.problems and not self.rows:
            self.problem(1, "", "the guide has no items.")
        if self.problems:
            # One message per line and field: the first found says what is wrong.
            first = {}
            for line, field, message in self.problems:
                first.setdefault((line, field), message)
            raise GuideError(sorted((k[0], k[1], m) for k, m in first.items()))
        rows = sorted(self.rows, key=lambda r: r.month)  # stable: file order within a month
        return ParsedGuide(name, tuple(rows))


def parse_csv(text):
    """Check a CSV guide: a header row naming month, lead, title (and detail), then items."""
    checker = _Checker()
    reader = csv.reader(io.StringIO(text))
    header, start = None, 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1  # a quoted cell may span lines
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in cells]
                for index, column in enumerate(header):
                    if column not in FIELDS:
                        expected = ", ".join(FIELDS)
                        checker.problem(
                            line, column, f"unknown column (column {index + 1}); use {expected}."
                        )
                for column in ("month", "lead", "title"):
                    if column not in header:
                        checker.problem(line, column, "this column is missing from the header.")
                if checker.problems:
                    break
                continue
            if len(cells) > len(header):
                checker.problem(line, "", f"{len(cells)} cells, but the header has {len(header)}.")
                continue
            values = dict(zip(header, cells, strict=False))
            month = checker.month(values.get("month"), line)
            checker.item(line, month, values, dict.fromkeys(values, line))
    except csv.Error as error:
        checker.problem(reader.line_num, "", f"this line cannot be read as CSV ({error}).")
    if header is None and not checker.problems:
        checker.problem(1, "", "the file is empty; start with the header month,lead,title,detail.")
    return checker.result()


def parse_yaml(text):
    """Check a YAML guide: optional `name`, then `months`, each with `month` and `items`."""
    checker = _Checker()
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(error, "problem", None) or "not valid YAML"
        raise GuideError([(line, "", f"this is not valid YAML ({reason}).")]) from None
    if root is None:
        raise GuideError([(1, "", "the file is empty.")])
    if not isinstance(root, yaml.MappingNode):
        raise GuideError([(_line(root), "", "start with `months:` (and optionally `name:`).")])
    top = _mapping(checker, root, "", ("name", "months"))
    name = _scalar(checker, top, "name")
    months = top.get("months")
    if months is None:
        checker.problem(_line(root), "months", "the guide needs a list of months.")
    elif not isinstance(months[1], yaml.SequenceNode):
        checker.problem(_line(months[1]), "months", "this should be a list of months.")
    else:
        for month_node in months[1].value:
            _yaml_month(checker, month_node)
    return checker.result(" ".join((name or "").split()))


def _yaml_month(checker, node):
    """Check one entry of `months`: a month number and its items."""
    entry = _mapping(checker, node, "months", ("month", "items"))
    if not entry:
        return
    month_line = _line(entry["month"][1]) if "month" in entry else _line(node)
    month = checker.month(_scalar(checker, entry, "month"), month_line)
    items = entry.get("items")
    if items is None:
        checker.problem(_line(node), "items", "each month needs a list of items.")
        return
    if not isinstance(items[1], yaml.SequenceNode):
        checker.problem(_line(items[1]), "items", "this should be a list of items.")
        return
    for item_node in items[1].value:
        fields = _mapping(checker, item_node, "items", ("lead", "title", "detail"))
        if not isinstance(item_node, yaml.MappingNode):
            continue
        values, lines = {}, {}
        for key, (_key_node, value_node) in fields.items():
            values[key] = _scalar(checker, fields, key) or ""
            lines[key] = _line(value_node)
        checker.item(_line(item_node), month, values, lines)


def _line(node):
    """The 1-based line a YAML node starts on."""
    return node.start_mark.line + 1


def _mapping(checker, node, field, allowed):
    """A mapping node's entries by key (key node, value node); notes unknown keys."""
    if not isinstance(node, yaml.MappingNode):
        checker.problem(_line(node), field, "this should be a set of `key: value` lines.")
        return {}
    entries = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key not in allowed:
            expected = ", ".join(allowed)
            checker.problem(_line(key_node), key, f"unknown field; use {expected}.")
            continue
        entries[key] = (key_node, value_node)
    return entries


def _scalar(checker, entries, key):
    """A plain value's text, or None (noting a problem if it is a list or a mapping)."""
    if key not in entries:
        return None
    node = entries[key][1]
    if not isinstance(node, yaml.ScalarNode):
        checker.problem(_line(node), key, "this should be a single value.")
        return None
    if node.tag == "tag:yaml.org,2002:null":
        return ""
    return str(node.value)


def read_guide(path):
    """Read and check a guide file; its kind comes from the extension."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise GuideError([(line, "", "the file is not UTF-8 text; save it as UTF-8.")]) from None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return parse_csv(text)
    if suffix in (".yaml", ".yml"):
        return parse_yaml(text)
    raise GuideError([(1, "", "use a .yaml, .yml or .csv file.")])


@cache
def builtin_guide():
    """The guide that ships with pairapp."""
    return read_guide(BUILTIN_FILE)


def check_name(name):
    """A guide name as stored, or GuideError."""
    name = " ".join((name or "").split())
    if not name:
        raise GuideError([(1, "name", "give the guide a name (--name).")])
    if len(name) > NAME_MAX:
        raise GuideError([(1, "name", f"keep the name to {NAME_MAX} characters.")])
    if name.lower() == BUILTIN_NAME:
        raise GuideError([(1, "name", f"'{BUILTIN_NAME}' is the guide pairapp ships with.")])
    return name


class GuideExists(Exception):
    """A guide with this name is already stored (and replacing was not asked for)."""


def store_guide(parsed, name, source="", replace=False, make_default=False):
    """Store a checked guide in one transaction; returns (Guide, replaced)."""
    with write_transaction():
        guide = Guide.get_or_none(Guide.name == name)
        replaced = guide is not None
        if replaced and not replace:
            raise GuideExists(name)
        if guide is None:
            guide = Guide.create(name=name, source=source)
        else:
            # Pairs copied the old items into their own rows: deleting these changes no pair.
            GuideItem.delete().where(GuideItem.guide == guide.id).execute()
            Guide.update(source=source, imported_at=utcnow()).where(Guide.id == guide.id).execute()
        rows = [
            {
                "guide": guide.id,
                "month": row.month,
                "position": position,
                "title": row.title,
                "detail": row.detail,
                "lead": row.lead,
            }
            for position, row in enumerate(parsed.rows, start=1)
        ]
        for batch in chunked(rows, 50):
            GuideItem.insert_many(batch).execute()
        if make_default:
            _make_default(guide.id)
    return guide, replaced


def _make_default(guide_id):
    Guide.update(is_default=False).where(Guide.is_default).execute()
    if guide_id is not None:
        Guide.update(is_default=True).where(Guide.id == guide_id).execute()


def set_default(name):
    """Make the named guide the one new pairs get; returns False if there is no such guide."""
    with write_transaction():
        if name.strip().lower() == BUILTIN_NAME:
            _make_default(None)
            return True
        guide = Guide.get_or_none(Guide.name == " ".join(name.split()))
        if guide is None:
            return False
        _make_default(guide.id)
        return True


def guide_summaries():
    """Every guide with its item count, the built-in one first: (name, items, source, default)."""
    counts = (
        Guide.select(Guide, fn.COUNT(GuideItem.id).alias("count"))
        .join(GuideItem, on=(GuideItem.guide == Guide.id), join_type=JOIN.LEFT_OUTER)
        .group_by(Guide.id)
        .order_by(Guide.name)
    )
    stored = [(g.name, g.count, g.source, g.is_default) for g in counts]
    builtin_default = not any(default for *_, default in stored)
    builtin = (BUILTIN_NAME, len(builtin_guide().rows), "shipped with pairapp", builtin_default)
    return [builtin, *stored]


def default_guide_items():
    """The name and items (month, lead, title, detail) of the guide new pairs get."""
    guide = Guide.get_or_none(Guide.is_default)
    if guide is None:
        rows = builtin_guide().rows
        return BUILTIN_NAME, [(r.month, r.lead, r.title, r.detail) for r in rows]
    query = (
        GuideItem.select()
        .where(GuideItem.guide == guide.id)
        .order_by(GuideItem.month, GuideItem.position)
    )
    return guide.name, [(i.month, i.lead, i.title, i.detail) for i in query]
