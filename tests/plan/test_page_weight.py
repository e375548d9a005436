"""The large plan page of `make bench` (300 list items) weighs a third of what it did.

Bytes, not time: timing belongs to `make bench`. The page is seeded by the benchmark itself.
"""

import gzip
import importlib
import re
from pathlib import Path

import pytest
from conftest import HTMX_PARTIAL, tags, text

from pairapp.plan.data import FIRST_ITEMS
from pairapp.plan.units import LIST_TYPES

# The plan page of `make bench` before lists shared their forms and showed their first items
# (raw bytes, as make bench printed them on the same seed).
BASELINE_BYTES = 459_220

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bench(monkeypatch):
    """The benchmark's module (bench/ is a package beside pairapp/, not installed)."""
    monkeypatch.syspath_prepend(str(ROOT))
    return importlib.import_module("bench.__main__")


@pytest.fixture
def large_plan(app, no_fsync, bench):
    """The benchmark's pair (300 list items, 2,000 edits) and its protégé's session."""
    pair_id, _field_id, _counter = bench.seed(app)
    return pair_id, bench.logged_in_client(app, "pat@bench.example")


def test_the_large_plan_page_is_a_third_of_its_former_size(large_plan):
    pair_id, client = large_plan
    response = client.get(f"/pairs/{pair_id}/plan")
    assert response.status_code == 200
    page = text(response)
    assert len(response.get_data()) <= BASELINE_BYTES / 3
    # Same features: every list says how many items it has and loads the rest on request.
    for unit_type in LIST_TYPES.values():
        assert page.count(f'class="unit unit-{unit_type.name}"') == FIRST_ITEMS
        assert re.search(rf"Show all \d+ {unit_type.label}s</a>", page), unit_type.name
    # ... which come whole as a fragment (htmx; a plain link gets the page with them).
    (shown,) = re.findall(r"Show all (\d+) goals</a>", page)
    fragment = client.get(f"/pairs/{pair_id}/plan/parts/goals", headers=HTMX_PARTIAL)
    assert "<html" not in text(fragment) and "Show all" not in text(fragment)
    # 60 goals, of which the 12 private to the mentor are not the protégé's to see.
    assert text(fragment).count('class="unit unit-goal"') == int(shown) == 48
    # One form (and one CSRF field) per part's list buttons, not one per button.
    assert len(tags(page, "form")) < 40
    assert len(re.findall(r'name="csrf_token"', page)) == len(tags(page, "form"))


def test_the_large_plan_page_goes_compressed(large_plan):
    pair_id, client = large_plan
    plain = client.get(f"/pairs/{pair_id}/plan")
    packed = client.get(f"/pairs/{pair_id}/plan", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert int(packed.headers["Content-Length"]) == len(packed.get_data())
    assert len(packed.get_data()) < len(plain.get_data()) / 5
    html = gzip.decompress(packed.get_data()).decode()
    # The same page (each load has its own page id, and its forms their one-time keys; the
    # CSRF token is signed with the second it is made, so two loads may differ there too).
    same = re.compile(
        r'"X-Pairapp-Page": "[^"]+"|name="once" value="[^"]+"'
        r'|"X-CSRFToken": "[^"]+"|name="csrf_token"[^>]*value="[^"]+"'
    )
    assert same.sub("", html) == same.sub("", text(plain))
