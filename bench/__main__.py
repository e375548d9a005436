"""Seed a large pair, time the main requests in-process and print a table.

Numbers are wall-clock on this machine; compare runs, never assert on them in tests.
"""

import datetime
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

from flask import url_for

from pairapp import create_app
from pairapp.checkins.units import CHECKIN, FEEDBACK, REVIEW
from pairapp.coaching.data import start_agreement, start_cycle
from pairapp.coaching.models import CoachingText
from pairapp.coaching.units import TEXT as COACHING_TEXT
from pairapp.core.versioning import create, save
from pairapp.db import db
from pairapp.models import Membership, Pair, User
from pairapp.plan.data import start_plan
from pairapp.plan.units import GOAL, MILESTONE, NOTE, STEP, TERM

from . import checklist, document

PASSWORD = "bench password 123"
ITEMS_PER_LIST = 60  # 480 list items in all
EDITS = 2000  # history rows
CYCLES = 50  # observation cycles, both ways
ROUNDS = 30
WARMUP = 3  # untimed requests first: caches and templates are loaded
GZIP = {"Accept-Encoding": "gzip"}
BARE_URL = "/_bench/bare"
STATIC_ROWS = [
    ("static: htmx (versioned)", "vendor/htmx-4.0.1.min.js"),
    ("static: Pico CSS", "vendor/pico-2.1.1.classless.min.css"),
]


def seed(app):
    """A pair with a big plan and a long history; returns (pair id, a field id)."""
    with app.app_context():
        db.connect(reuse_if_open=True)
        users = []
        for name in ("Mo", "Pat"):
            user = User(email=f"{name.lower()}@bench.example", display_name=name)
            user.set_password(PASSWORD)
            user.save()
            users.append(user)
        pair = Pair.create(title="Bench pair", start_date=datetime.date(2026, 9, 1))
        Membership.create(pair=pair, user=users[0], role="mentor")
        Membership.create(pair=pair, user=users[1], role="protege")
        start_plan(pair, "full", users[0].id)
        for i in range(ITEMS_PER_LIST):
            # Dated, so the calendar rows carry as many events as such a plan gives.
            day = pair.start_date + datetime.timedelta(days=i * 3)
            goal = {"title": f"Goal {i}", "target_date": day}
            create(GOAL, pair, users[0].id, goal, private=i % 5 == 0)
            create(STEP, pair, users[1].id, {"title": f"Step {i}", "deadline": day})
            create(MILESTONE, pair, users[0].id, {"title": f"Milestone {i}", "date": day})
            create(TERM, pair, users[1].id, {"term": f"Term {i}"})
            create(NOTE, pair, users[0].id, {"text": f"Note {i}"}, private=i % 2 == 0)
            create(CHECKIN, pair, users[i % 2].id, {"date": day, "next_date": day})
            create(FEEDBACK, pair, users[1].id, {"helped": f"Helped {i}"}, private=i % 3 == 0)
            create(REVIEW, pair, users[0].id, {"kind": "pilot", "date": day})
        from pairapp.models import PlanField

        field = PlanField.select().where(PlanField.pair == pair.id).first()
        version = field.version
        for i in range(EDITS):
            unit = PlanField.get_by_id(field.id)
            save(_field_type(), unit, {"value": f"text {i}"}, version, users[i % 2].id)
            version += 1
        start_agreement(pair, users[0].id)
        for i in range(CYCLES):
            observer, observed = users[i % 2], users[(i + 1) % 2]
            cycle = start_cycle(pair, observer.id, observer.id, observed.id)
            day = (pair.start_date + datetime.timedelta(days=i * 7)).isoformat()
            # Dated too: each cycle's observation and debrief are in the calendar.
            dates = {
                "obs_date": day,
                "obs_time": "09:30",
                "obs_place": "Room 4",
                "debrief_date": day,
            }
            for text in CoachingText.select().where(
                (CoachingText.cycle == cycle.id) & CoachingText.key.in_(list(dates))
            ):
                save(COACHING_TEXT, text, {"value": dates[text.key]}, text.version, observer.id)
        counter = Pair.get_by_id(pair.id).change_counter
        db.close()
        return pair.id, field.id, counter


def _field_type():
    """The plan field unit type."""
    from pairapp.plan.units import FIELD

    return FIELD


def logged_in_client(app, email):
    """A test client logged in as this user, with its CSRF token."""
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    return client


def count_queries():
    """Count SQL statements by wrapping the database's execute_sql."""
    counter = {"n": 0}
    original = db.obj.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        counter["n"] += 1
        return original(sql, params, *args, **kwargs)

    db.obj.execute_sql = counting
    return counter, lambda: setattr(db.obj, "execute_sql", original)


def timed(client, method, url, headers, **kwargs):
    """One request, its body read (a streamed body is produced then): ms and the response."""
    start = time.perf_counter()
    response = getattr(client, method)(url, headers=headers, **kwargs)
    response.get_data()
    return (time.perf_counter() - start) * 1000, response


def measure(client, method, url, rounds=ROUNDS, headers=None, warmup=WARMUP, **kwargs):
    """Median and 95th-percentile ms, × bare, status, queries per request, raw and wire bytes.

    Timed requests ask for gzip as a browser does; the raw size comes from one more request
    that does not, so both byte columns are what the app itself sends. Each round also times
    the bare route right after: × bare is the ratio of the two medians, so a busy machine
    slows both alike.
    """
    headers = headers or {}
    asked = {**headers, **GZIP}
    for _ in range(warmup):
        timed(client, method, url, asked, **kwargs)
        timed(client, "get", BARE_URL, GZIP)
    counter, restore = count_queries()
    times, floors = [], []
    response = None
    for _ in range(rounds):
        ms, response = timed(client, method, url, asked, **kwargs)
        times.append(ms)
        floors.append(timed(client, "get", BARE_URL, GZIP)[0])  # no queries: not counted
    restore()
    wire = len(response.get_data())
    raw = len(getattr(client, method)(url, headers=headers, **kwargs).get_data())
    times.sort()
    median = statistics.median(times)
    return {
        "median": median,
        "p95": times[max(0, int(len(times) * 0.95) - 1)],
        "bare": statistics.median(floors),
        "times_bare": median / statistics.median(floors),
        "status": response.status_code,
        "queries": counter["n"] / rounds,
        "raw": raw,
        "wire": wire,
    }


def bare():
    """The least a request costs in this app: no database, no template, no login."""
    return "ok"


def main():
    """Run the benchmark and print the table."""
    folder = Path(tempfile.mkdtemp(prefix="pairapp-bench-"))
    app = create_app(
        {
            "SECRET_KEY": "bench",
            "DATABASE": str(folder / "bench.sqlite3"),
            "DATABASE_URL": None,
            "HTMX_SOURCE": "local",
            "SESSION_COOKIE_SECURE": False,
            "RATELIMIT_ENABLED": False,
        }
    )
    # One log line per request would bury the table: the bench keeps warnings and errors only.
    logging.getLogger("pairapp.requests").setLevel(logging.WARNING)
    # Registered here only: the app never serves it. Unlike /healthz it touches no database,
    # so the ratio shows what a page costs above the app's own per-request floor.
    app.add_url_rule(BARE_URL, "bench_bare", bare)
    started = time.perf_counter()
    pair_id, field_id, counter = seed(app)
    item_id, counter = checklist.seed_checklist(app, pair_id)
    share, feed = document.seed_links(app, pair_id, "pat@bench.example")
    print(
        f"seeded {ITEMS_PER_LIST * 8} list items and {EDITS} edits in "
        f"{time.perf_counter() - started:.1f} s ({folder})\n"
    )
    client = logged_in_client(app, "pat@bench.example")
    partial = {"HX-Request": "true", "HX-Request-Type": "partial"}
    rows = [
        ("plan page", "get", f"/pairs/{pair_id}/plan", {}),
        (
            "poll, nothing new (204)",
            "get",
            f"/pairs/{pair_id}/plan/changes?since={counter}",
            {"headers": partial},
        ),
        (
            "poll, everything new",
            "get",
            f"/pairs/{pair_id}/plan/changes?since=0",
            {"headers": partial},
        ),
        (f"coaching page ({CYCLES} cycles)", "get", f"/pairs/{pair_id}/coaching", {}),
        ("coaching cycle page", "get", f"/pairs/{pair_id}/coaching/cycles/1", {}),
        ("plan history (100 rows)", "get", f"/pairs/{pair_id}/history", {}),
        ("field history", "get", f"/pairs/{pair_id}/field/{field_id}/history", {}),
        (
            "edit form fragment",
            "get",
            f"/pairs/{pair_id}/field/{field_id}/edit",
            {"headers": partial},
        ),
        ("pair home", "get", f"/pairs/{pair_id}", {}),
        ("check-ins page", "get", f"/pairs/{pair_id}/checkins", {}),
        ("My pairs", "get", "/", {}),
        ("health check", "get", "/healthz", {}),
        *checklist.rows(client, pair_id, item_id),
        *document.rows(pair_id, share, feed),
    ]
    with app.test_request_context():
        for label, filename in STATIC_ROWS:
            rows.append((label, "get", url_for("static", filename=filename), {}))
    print(
        f"{'request':<26}{'median ms':>10}{'p95 ms':>8}{'× bare':>8}{'status':>7}"
        f"{'queries':>8}{'raw bytes':>11}{'gzip bytes':>11}"
    )
    floors = []
    for label, method, url, kwargs in rows:
        row = measure(client, method, url, **kwargs)
        floors.append(row["bare"])
        print(
            f"{label:<26}{row['median']:>10.1f}{row['p95']:>8.1f}{row['times_bare']:>8.1f}"
            f"{row['status']:>7}{row['queries']:>8.1f}{row['raw']:>11,}{row['wire']:>11,}"
        )
    print(
        f"\n× bare: the median over the median of {BARE_URL} (a route that touches no database),"
        f" timed in turn with it; that route's median was {statistics.median(floors):.2f} ms."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
