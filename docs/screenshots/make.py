"""Regenerate the README's screenshots and the app icons: `make screenshots`.

Starts pairapp on a temporary database, seeds a mentor with two pairs (one plan filled, one
empty), makes a real edit conflict in the browser, and saves each page at 360 and 1280 px
wide as docs/screenshots/<page>-<width>.png. It also renders static/logo.svg into the PNG
icons the web app manifest lists. Needs Debian's Chromium (/usr/bin/chromium).
"""

import datetime
import logging
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import WSGIRequestHandler, make_server

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pairapp import create_app  # noqa: E402 (after the checkout is on the path)
from pairapp.checkins.units import CHECKIN  # noqa: E402
from pairapp.core.models import Membership, Pair, Revision, User  # noqa: E402
from pairapp.core.versioning import create, restore, save  # noqa: E402
from pairapp.models import Goal, Milestone, PlanField  # noqa: E402
from pairapp.plan.data import start_plan  # noqa: E402
from pairapp.plan.units import FIELD, GOAL, STEP  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
STATIC = ROOT / "static"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
PASSWORD = "correct horse battery"
SIZES = {360: {"width": 360, "height": 740}, 1280: {"width": 1280, "height": 800}}
TODAY = datetime.date.today()

FILLED = {
    "purpose_protege": "Grow into leading projects on my own, with someone to think aloud with.",
    "purpose_mentor": "Pass on what I learnt the hard way and learn how newer colleagues work.",
    "roles": "Pat brings the agenda; Maya asks questions before giving answers.",
    "meeting_rhythm": "Every second Tuesday, 45 minutes, in person when we can.",
    "communication": "Chat for quick things, email for anything that needs a decision.",
}
GOALS = [
    ("Lead the spring planning meeting", "The team leaves with an agreed plan and owners."),
    ("Write a project brief on my own", "Maya reads it and has at most three questions."),
]


class Quiet(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


def person(name, email):
    user = User(email=email, display_name=name, timezone="Europe/London")
    user.set_password(PASSWORD)
    user.save()
    return user


def seed():
    """Two pairs of Maya's: one with a filled plan, signed by Pat, one just started."""
    maya = person("Maya Mentor", "maya@example.org")
    pat = person("Pat Protégé", "pat@example.org")
    sam = person("Sam Newcomer", "sam@example.org")
    filled = Pair.create(title="Maya and Pat", start_date=TODAY - datetime.timedelta(days=40))
    Membership.create(pair=filled, user=maya, role="mentor")
    Membership.create(pair=filled, user=pat, role="protege")
    start_plan(filled, "full", maya.id)
    for key, value in FILLED.items():
        field = PlanField.get((PlanField.pair == filled.id) & (PlanField.key == key))
        save(FIELD, field, {"value": value}, field.version, maya.id if "mentor" in key else pat.id)
    for title, measure in GOALS:
        create(GOAL, filled, pat.id, {"title": title, "measure": measure, "horizon": "short"})
    create(STEP, filled, pat.id, {"title": "Draft the agenda", "deadline": TODAY})
    Milestone.update(date=TODAY + datetime.timedelta(days=9)).where(
        (Milestone.pair == filled.id) & (Milestone.title == "Pilot review")
    ).execute()
    create(
        CHECKIN,
        filled,
        maya.id,
        {
            "date": TODAY - datetime.timedelta(days=8),
            "notes": "Talked through the planning meeting.",
            "next_date": TODAY + datetime.timedelta(days=6),
        },
    )
    # Pat rewrites the roles, then Maya restores the earlier text: history shows both.
    field = PlanField.get((PlanField.pair == filled.id) & (PlanField.key == "roles"))
    _saved, field = save(FIELD, field, {"value": "Pat brings the agenda."}, field.version, pat.id)
    edit = Revision.select().where((Revision.kind == "field") & (Revision.object_id == field.id))
    edit = edit.order_by(Revision.id.desc())
    restore(FIELD, edit.get(), field, field.version, maya.id)
    empty = Pair.create(title="Maya and Sam", start_date=TODAY - datetime.timedelta(days=1))
    Membership.create(pair=empty, user=maya, role="mentor")
    Membership.create(pair=empty, user=sam, role="protege")
    start_plan(empty, "blank", maya.id)
    return filled.id, empty.id


def log_in(page, base, email):
    page.goto(f"{base}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")


def shoot(page, name, width):
    path = OUT / f"{name}-{width}.png"
    page.screenshot(path=str(path))
    print(f"  {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")


# What Pat saves first, one per run: saving the same text again changes nothing (no conflict).
THEIRS = [
    "Everyone leaves with an agreed plan, owners and dates.",
    "Everyone leaves knowing the plan, who owns each part and by when.",
]


def conflict(app, page, base, pair_id, pat_id, run):
    """Maya opens a goal to edit it; Pat saves the same goal first; Maya saves: 409."""
    with app.test_request_context():
        goal = Goal.get((Goal.pair == pair_id) & (Goal.title == GOALS[0][0]))
    page.goto(f"{base}/pairs/{pair_id}/goal/{goal.id}/edit")
    with app.test_request_context():
        goal = Goal.get_by_id(goal.id)
        save(GOAL, goal, {"measure": THEIRS[run]}, goal.version, pat_id)
    page.get_by_label("How we will know").fill("The team agrees the plan and who owns what.")
    page.get_by_role("button", name="Save").click()
    page.locator(".conflict").wait_for()
    page.locator(".conflict").evaluate("element => element.scrollIntoView()")
    page.evaluate("window.scrollBy(0, -12)")


def app_icons(browser):
    """The manifest's PNG icons, drawn from the SVG mark by Chromium."""
    page = browser.new_page(viewport={"width": 512, "height": 512})
    logo = (STATIC / "logo.svg").read_text()
    for size, file, maskable in ((192, "icon-192.png", False), (512, "icon-512.png", False)) + (
        (512, "icon-maskable-512.png", True),
    ):
        # A maskable icon fills its square; the mark stays inside the 80% safe circle.
        inner = int(size * (0.6 if maskable else 1))
        background = "#ffffff" if maskable else "transparent"
        page.set_viewport_size({"width": size, "height": size})
        page.set_content(
            f'<body style="margin:0;background:{background};display:grid;place-items:center;'
            f'width:{size}px;height:{size}px">'
            f'<div style="width:{inner}px;height:{inner}px">{logo}</div></body>'
        )
        page.eval_on_selector(
            "svg", "s => { s.setAttribute('width', '100%'); s.setAttribute('height', '100%'); }"
        )
        page.screenshot(path=str(STATIC / file), omit_background=not maskable)
        print(f"  static/{file}")
    page.close()


def main():
    folder = Path(tempfile.mkdtemp(prefix="pairapp-screens-"))
    app = create_app(
        {
            "DATABASE": str(folder / "screens.sqlite3"),
            "DATABASE_URL": None,
            "SECRET_KEY": "screenshots",
            "HTMX_SOURCE": "local",
            "SESSION_COOKIE_SECURE": False,
            "REMEMBER_COOKIE_SECURE": False,
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.test_request_context():
        filled, empty = seed()
        pat_id = User.get(User.email == "pat@example.org").id
    logging.getLogger("pairapp").setLevel(logging.WARNING)  # no line per request
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            app_icons(browser)
            signer = browser.new_context().new_page()
            log_in(signer, base, "pat@example.org")
            signer.goto(f"{base}/pairs/{filled}/plan#agreement")
            signer.get_by_role("button", name="Sign the plan").click()
            for run, (width, viewport) in enumerate(SIZES.items()):
                phone = width < 600
                context = browser.new_context(
                    viewport=viewport, is_mobile=phone, has_touch=phone, locale="en-GB"
                )
                page = context.new_page()
                log_in(page, base, "maya@example.org")
                shoot(page, "dashboard", width)
                page.goto(f"{base}/pairs/{filled}")
                shoot(page, "pair-home", width)
                page.goto(f"{base}/pairs/{empty}/plan")
                shoot(page, "plan-empty", width)
                # At its goals: the part a filled plan shows best (the top is as in "empty").
                page.goto(f"{base}/pairs/{filled}/plan#part-goals")
                shoot(page, "plan-filled", width)
                conflict(app, page, base, filled, pat_id, run)
                shoot(page, "conflict", width)
                page.goto(f"{base}/pairs/{filled}/history")
                shoot(page, "history", width)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
