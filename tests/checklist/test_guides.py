"""Guide files: what a good one gives, what each kind of bad one says, and the shipped guide."""

from pathlib import Path

import pytest

from pairapp.checklist.guides import GuideError, builtin_guide, parse_csv, parse_yaml, read_guide
from pairapp.checklist.models import LEADS, MONTHS

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def test_the_example_csv_reads_in_file_order_within_each_month():
    guide = read_guide(EXAMPLES / "guide.csv")
    assert guide.name == ""
    assert [(r.month, r.lead) for r in guide.rows][:4] == [
        (1, "both"),
        (1, "both"),
        (1, "protege"),  # written "protégé"
        (1, "mentor"),
    ]
    assert guide.rows[0].title == "Hold your kickoff meeting"
    assert guide.rows[0].detail.startswith("Meet for an hour. Share why")
    assert guide.rows[4].detail == ""
    assert len(guide.rows) == 7


def test_the_example_yaml_reads_with_its_name_and_folded_text():
    guide = read_guide(EXAMPLES / "guide.yaml")
    assert guide.name == "Northside Schools first-year guide"
    assert [r.month for r in guide.rows] == [1, 1, 1, 2, 2]
    assert guide.rows[-1].detail == "Plain, time-stamped notes; talk about them within two days."
    assert guide.rows[2].lead == "protege"


def test_csv_columns_in_any_order_blank_lines_and_a_byte_order_mark(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes("\ufefftitle,month,lead\n\nMeet,2,Mentee\nPlan,1,BOTH\n".encode())
    rows = read_guide(path).rows
    assert [(r.month, r.lead, r.title) for r in rows] == [
        (1, "both", "Plan"),
        (2, "protege", "Meet"),
    ]


CSV_HEADER = "month,lead,title,detail\n"
BAD_CSV = [
    # (what, file text, [(line, field), ...] expected)
    ("month not a number", CSV_HEADER + "1,both,Fine\none,both,Meet\n", [(3, "month")]),
    ("month out of range", CSV_HEADER + "13,both,Meet\n", [(2, "month")]),
    ("month missing", CSV_HEADER + ",both,Meet\n", [(2, "month")]),
    ("lead unknown", CSV_HEADER + "1,boss,Meet\n", [(2, "lead")]),
    ("lead missing", CSV_HEADER + "1,,Meet\n", [(2, "lead")]),
    ("title missing", CSV_HEADER + "1,both,  \n", [(2, "title")]),
    ("title too long", CSV_HEADER + "1,both," + "x" * 201 + "\n", [(2, "title")]),
    ("detail too long", CSV_HEADER + "1,both,Meet," + "x" * 2001 + "\n", [(2, "detail")]),
    ("unknown column", "month,lead,title,colour\n1,both,Meet,red\n", [(1, "colour")]),
    ("missing column", "month,title\n1,Meet\n", [(1, "lead")]),
    ("too many cells", CSV_HEADER + "1,both,Meet,x,y\n", [(2, "")]),
    ("empty file", "", [(1, "")]),
    ("header only", CSV_HEADER, [(1, "")]),
    (
        "line after a quoted cell spanning lines",
        CSV_HEADER + '1,both,Meet,"two\nlines"\n1,nobody,Plan\n',
        [(4, "lead")],
    ),
    ("every problem at once", CSV_HEADER + "0,both,A\n1,x,B\n", [(2, "month"), (3, "lead")]),
]


@pytest.mark.parametrize(("what", "content", "expected"), BAD_CSV, ids=[b[0] for b in BAD_CSV])
def test_a_bad_csv_names_line_and_field(what, content, expected):
    with pytest.raises(GuideError) as caught:
        parse_csv(content)
    assert [(line, field) for line, field, _ in caught.value.problems] == expected
    for message in caught.value.lines():
        assert message.startswith("line ")


YAML_OK_ITEM = "      - lead: both\n        title: Meet\n"
BAD_YAML = [
    ("not YAML", "months:\n  - month: 1\n    items: [\n", [(4, "")]),
    ("empty file", "", [(1, "")]),
    ("a list at the top", "- 1\n", [(1, "")]),
    ("no months", "name: Ours\n", [(1, "months")]),
    ("months not a list", "months: 3\n", [(1, "months")]),
    (
        "unknown top field",
        "nmae: x\nmonths:\n  - month: 1\n    items:\n" + YAML_OK_ITEM,
        [(1, "nmae")],
    ),
    ("month out of range", "months:\n  - month: 0\n    items:\n" + YAML_OK_ITEM, [(2, "month")]),
    ("month missing", "months:\n  - items:\n" + YAML_OK_ITEM, [(2, "month")]),
    ("items missing", "months:\n  - month: 1\n", [(2, "items")]),
    ("items not a list", "months:\n  - month: 1\n    items: many\n", [(3, "items")]),
    (
        "lead unknown",
        "months:\n  - month: 1\n    items:\n      - lead: boss\n        title: Meet\n",
        [(4, "lead")],
    ),
    (
        "title missing, misspelt",
        "months:\n  - month: 1\n    items:\n      - lead: both\n        tilte: Meet\n",
        [(4, "title"), (5, "tilte")],
    ),
    (
        "title a list",
        "months:\n  - month: 1\n    items:\n      - lead: both\n        title: [a, b]\n",
        [(5, "title")],
    ),
    (
        "an item that is not a mapping",
        "months:\n  - month: 1\n    items:\n      - just words\n",
        [(4, "items")],
    ),
]


@pytest.mark.parametrize(("what", "content", "expected"), BAD_YAML, ids=[b[0] for b in BAD_YAML])
def test_a_bad_yaml_names_line_and_field(what, content, expected):
    with pytest.raises(GuideError) as caught:
        parse_yaml(content)
    assert sorted((line, field) for line, field, _ in caught.value.problems) == sorted(expected)


def test_a_file_that_is_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(CSV_HEADER.encode() + "1,both,Café\n".encode("latin-1"))
    with pytest.raises(GuideError) as caught:
        read_guide(path)
    assert caught.value.problems[0][0] == 2
    assert "UTF-8" in str(caught.value)


def test_another_extension_is_refused(tmp_path):
    path = tmp_path / "guide.xlsx"
    path.write_text("whatever")
    with pytest.raises(GuideError, match="yaml, .yml or .csv"):
        read_guide(path)


# --- the guide pairapp ships -------------------------------------------------------------

SHIPPED = builtin_guide().rows


def items_of(month):
    return [r for r in SHIPPED if r.month == month]


def words(rows):
    return " ".join(f"{r.title} {r.detail}" for r in rows).lower()


@pytest.mark.parametrize("month", range(1, MONTHS + 1))
def test_every_month_has_at_least_six_items_each_with_a_lead(month):
    rows = items_of(month)
    assert len(rows) >= 6
    assert {r.lead for r in rows} <= {key for key, _ in LEADS}
    # Each month gives both partners something to lead, and something to do together.
    assert {r.lead for r in rows} == {"mentor", "protege", "both"}


def test_items_are_short_enough_to_scan():
    for row in SHIPPED:
        assert len(row.title) <= 70, row.title
        assert len(row.detail) <= 160, row.title
        assert row.detail.endswith((".", "?")), row.title


@pytest.mark.parametrize(
    ("months", "topic"),
    [
        ((1,), "kickoff"),
        ((1,), "charter"),
        ((1,), "expectations"),
        ((1,), "communication"),
        ((1,), "baseline self-assessment"),
        ((1, 2), "smart goals"),
        ((2,), "pilot review (weeks 6–8)"),
        ((6,), "mid-cycle review"),
        ((12,), "final review"),
        ((12,), "celebrate"),
    ],
)
def test_the_required_topics_come_in_their_months(months, topic):
    assert topic in words([r for r in SHIPPED if r.month in months])


def test_observation_cycles_run_in_both_directions_more_than_once():
    observing = [r for r in SHIPPED if r.title.lower().startswith("observe your")]
    mentor_observes = {r.month for r in observing if "protégé" in r.title and r.lead == "mentor"}
    protege_observes = {r.month for r in observing if "mentor" in r.title and r.lead == "protege"}
    assert len(mentor_observes) >= 3 and len(protege_observes) >= 3
    assert "pre-observation conference" in words(SHIPPED)
    assert "debrief" in words(SHIPPED)


def test_the_steady_work_between_has_check_ins():
    check_ins = {r.month for r in SHIPPED if "check-in" in r.title.lower().replace(" in", "-in")}
    assert len(check_ins) >= 3
    assert any(3 <= m <= 5 for m in check_ins) and any(7 <= m <= 11 for m in check_ins)


def test_the_interface_says_protege_with_its_accent():
    assert "protege" not in words(SHIPPED)
