"""Issue 11 line 4 in a real browser: on a 360×740 phone every tap target of every page is at
least 44×44 CSS px, and every destructive button is marked and set apart from the others.

Measured with getBoundingClientRect on every visible button, input (not hidden), select,
textarea and summary, and on every stand-alone link; every <details> is opened first, so
what it hides is measured too. A checkbox or radio is tapped through its label: the label's
box is measured. Each page is also checked by check_page (axe, Nu HTML Checker, no sideways
scroll).

A stand-alone link is one that is not part of running text: a link in a <nav>, a link laid
out as a box of its own (its computed display is not "inline": a flex or grid item, or
styled as a button), or a link alone in its block (the nearest non-inline ancestor holds no
text but the link's). A link inside a sentence is exempt, as WCAG 2.2 (2.5.8) allows.

To add a page: add a row to PAGES (who sees it, its path with {placeholders} from world()).
"""

import datetime
import re

import pytest
from conftest import csrf_from

from pairapp.admin.data import create_link
from pairapp.calendar.data import create_link as create_calendar_link
from pairapp.checkins.units import CHECKIN, FEEDBACK, REVIEW
from pairapp.checklist import start_checklist
from pairapp.checklist.units import ITEM
from pairapp.coaching.data import start_agreement, start_cycle
from pairapp.coaching.units import GOAL as COACHING_GOAL
from pairapp.coaching.units import NEXT_STEP, NOTE, TALLY
from pairapp.core.models import Membership, User
from pairapp.core.versioning import create
from pairapp.plan.units import GOAL, MILESTONE, STEP, TERM
from pairapp.plan.units import NOTE as PLAN_NOTE
from pairapp.sharing.data import create_link as create_share_link

from .test_plan_pages import log_in

MIN = 44  # CSS px, WCAG 2.2 2.5.5 (AAA) and the bar
APART = 16  # CSS px between a destructive button and the nearest other control

# (who, path): who is "mentor" (also an admin), "protege", "stranger" (in no pair of theirs:
# sees the join page) or "visitor" (logged out). Paths take {pair}, {goal}, {cycle}, {month},
# {invite}, {signup}, {reset}, {share}, {fresh} from world().
PAGES = [
    ("visitor", "/login"),
    ("visitor", "/signup"),
    ("visitor", "/join/{invite}"),
    ("visitor", "/welcome/{signup}"),
    ("visitor", "/reset/{reset}"),
    ("visitor", "/no-such-page"),  # the 429 page is shown at the end of the test
    ("mentor", "/"),
    ("mentor", "/pairs/new"),
    ("mentor", "/account"),
    ("mentor", "/pairs/{pair}"),
    ("mentor", "/pairs/{pair}/members"),
    ("mentor", "/pairs/{pair}/leave"),
    ("mentor", "/pairs/{pair}/plan"),
    ("mentor", "/pairs/{pair}/goal/{goal}/edit"),
    ("mentor", "/pairs/{pair}/goal/{goal}/history"),
    ("mentor", "/pairs/{pair}/history"),
    ("mentor", "/pairs/{pair}/checklist"),
    ("mentor", "/pairs/{pair}/checklist/month/{month}"),
    ("mentor", "/pairs/{pair}/checklist/year"),
    ("mentor", "/pairs/{pair}/checklist/print"),
    ("mentor", "/pairs/{pair}/coaching"),
    ("mentor", "/pairs/{pair}/coaching/cycles/{cycle}"),
    ("mentor", "/pairs/{pair}/checkins"),
    ("mentor", "/pairs/{pair}/sharing"),
    ("mentor", "/pairs/{pair}/printout"),
    ("mentor", "/pairs/{pair}/calendar"),
    ("mentor", "/pairs/{pair}/export"),
    ("mentor", "/pairs/import"),
    ("mentor", "/pairs/{fresh}"),  # a new pair's home, with its first steps
    ("visitor", "/shared/{share}"),
    ("mentor", "/pairs/999999/plan"),
    ("mentor", "/admin"),
    ("mentor", "/admin/accounts"),
    ("mentor", "/admin/pairs"),
    ("mentor", "/admin/audit"),
    ("protege", "/pairs/{pair}/plan"),
    ("protege", "/pairs/{pair}/checkins"),
    ("protege", "/pairs/{pair}/coaching/cycles/{cycle}"),
    ("stranger", "/join/{invite}"),
]
STATUS = {"/no-such-page": 404, "/pairs/999999/plan": 404}

DESTRUCTIVE = re.compile(r"^\s*(Remove|Delete|Revoke|Leave|Archive|Disable|Close the cycle|Stop)\b")

MEASURE = """([min, apart, destructive]) => {
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
  const words = (s) => (s || "").replace(/\\s+/g, " ").trim();
  const name = (el) => {
    const text = words(el.innerText || el.value || el.getAttribute("aria-label") || el.name);
    return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${text.slice(0, 50)}"`;
  };
  const blockOf = (el) => {
    let p = el.parentElement;
    while (p && getComputedStyle(p).display.startsWith("inline")) p = p.parentElement;
    return p;
  };
  const standAlone = (a) => {
    if (a.closest("nav")) return true;
    if (getComputedStyle(a).display !== "inline") return true;
    const block = blockOf(a);
    return !!block && words(block.textContent) === words(a.textContent);
  };
  const box = (el) => {
    if (el.matches("input[type=checkbox], input[type=radio]")) {
      const label = el.closest("label") || document.querySelector(`label[for="${el.id}"]`);
      if (label) return label.getBoundingClientRect();
    }
    return el.getBoundingClientRect();
  };
  const shown = (el) => {
    if (!el.checkVisibility({ visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    // Visually hidden text for screen readers, and the skip link until it has focus.
    return !(r.width <= 1 && r.height <= 1) && r.right > 0 && r.bottom > 0;
  };
  const fields = "button, input:not([type=hidden]), select, textarea, summary";
  const controls = [...document.querySelectorAll(fields)]
    .concat([...document.querySelectorAll("a[href]")].filter(standAlone))
    .filter(shown);
  const small = [];
  for (const el of controls) {
    const r = box(el);
    if (r.width < min - 0.5 || r.height < min - 0.5) {
      small.push(`${name(el)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
  }
  // Targets must not overlap either (a tap would hit two): a checkbox's label holds it.
  const boxes = controls.map((el) => [el, box(el)]);
  boxes.forEach(([el, a], i) => {
    for (const [other, b] of boxes.slice(i + 1)) {
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      const label = el.closest("label");
      const nested = el.contains(other) || other.contains(el) || (label && label.contains(other));
      if (w > 1 && h > 1 && !nested) small.push(`${name(el)} overlaps ${name(other)}`);
    }
  });
  const isDestructive = (el) => el.matches("button") && new RegExp(destructive).test(el.innerText);
  const acts = (el) => !isDestructive(el) && !el.matches("input, select, textarea");
  const others = controls.filter(acts);
  const close = [];
  for (const el of controls.filter(isDestructive)) {
    if (!el.classList.contains("danger")) close.push(`${name(el)} is not marked as destructive`);
    const a = el.getBoundingClientRect();
    for (const other of others) {
      const b = other.getBoundingClientRect();
      const dx = Math.max(0, b.left - a.right, a.left - b.right);
      const dy = Math.max(0, b.top - a.bottom, a.top - b.bottom);
      const gap = Math.hypot(dx, dy);
      if (gap < apart) close.push(`${name(el)} is ${Math.round(gap)} px from ${name(other)}`);
    }
  }
  return { small, close, count: controls.length };
}"""


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see tests/conftest.py)."""
    return reused_app


def world(plan_world, app, make_invite, make_pair):
    """A pair with something in every list, so every page shows all its controls."""
    w = plan_world
    pair, mentor, protege = w.pair, w.mentor.id, w.protege.id
    User.update(is_admin=True).where(User.id == mentor).execute()
    goal = create(GOAL, pair, mentor, {"title": "Lead the retro"})
    create(GOAL, pair, protege, {"title": "Speak at the all-hands"})
    for unit_type, values in (
        (STEP, {"title": "Book the room"}),
        (STEP, {"title": "Draft the talk"}),
        (MILESTONE, {"title": "Dry run", "date": datetime.date(2026, 11, 3)}),
        (TERM, {"term": "Pilot", "definition": "The first six weeks"}),
        (PLAN_NOTE, {"text": "Bring the appraisal"}),
    ):
        create(unit_type, pair, mentor, values)
    start_checklist(pair)
    month = datetime.date.today().month
    create(ITEM, pair, mentor, {"title": "Our own item", "month": month})
    start_agreement(pair, mentor)
    create(COACHING_GOAL, pair, mentor, {"title": "Wait longer after questions"})
    cycle = start_cycle(pair, mentor, mentor, protege)
    create(NOTE, pair, mentor, {"cycle": cycle.id, "text": "Asked why", "at": "10:05"})
    create(TALLY, pair, mentor, {"cycle": cycle.id, "name": "Open questions"})
    create(NEXT_STEP, pair, mentor, {"cycle": cycle.id, "text": "Try it", "for_user": protege})
    create(CHECKIN, pair, mentor, {"date": datetime.date.today(), "notes": "Fine"})
    create(FEEDBACK, pair, protege, {"helped": "The calm"})
    create(REVIEW, pair, mentor, {"kind": "pilot", "date": datetime.date.today()})
    _invite, invite = make_invite(pair, "colleague", by=mentor)
    _link, share = create_share_link(pair, w.mentor, "Supervisor", ["plan", "checklist"], None)
    create_calendar_link(Membership.get(pair=pair.id, user=mentor))
    fresh = make_pair(title="Just started", mentor=w.mentor)
    with app.test_request_context():
        admin = User.get_by_id(mentor)
        signup = create_link(admin, "signup", email="nell@example.org")
        reset = create_link(admin, "reset", user=w.protege)
    return w, {
        "pair": pair.id,
        "goal": goal.id,
        "cycle": cycle.id,
        "month": month,
        "invite": invite,
        "signup": signup,
        "reset": reset,
        "share": share,
        "fresh": fresh.id,
    }


def test_every_tap_target_is_44_px_and_destructive_buttons_stand_apart(
    plan_world, app, make_invite, make_pair, new_person
):
    w, values = world(plan_world, app, make_invite, make_pair)
    people = {}
    for who in ("visitor", "mentor", "protege", "stranger"):
        people[who] = new_person(who, "phone")
        if who != "visitor":
            log_in(people[who], getattr(w, who))
    small, close, seen = [], [], []
    for who, path in PAGES:
        person = people[who]
        url = path.format(**values)
        person.visit(url, status=STATUS.get(path, 200))
        found = person.page.evaluate(MEASURE, [MIN, APART, DESTRUCTIVE.pattern])
        small += [f"{who} {path}: {problem}" for problem in found["small"]]
        close += [f"{who} {path}: {problem}" for problem in found["close"]]
        seen.append((found["count"], path))
    # The 429 page: refused sign-ups from this address until the limit (PAIRAPP_SIGNUP_LIMIT)
    # answers "Too many".
    visitor = people["visitor"]
    token = csrf_from(visitor.context.request.get(visitor.url("/signup")).text())
    statuses = set()
    for _ in range(100):
        answer = visitor.context.request.post(
            visitor.url("/signup"), form={"csrf_token": token}, max_redirects=0
        )
        statuses.add(answer.status)
        if answer.status == 429:
            break
    assert statuses == {422, 429}
    visitor.visit("/signup")
    visitor.follow(visitor.main().get_by_role("button", name="Sign up"))
    assert "Too many attempts" in visitor.page.content()
    found = visitor.page.evaluate(MEASURE, [MIN, APART, DESTRUCTIVE.pattern])
    small += [f"visitor 429 page: {problem}" for problem in found["small"]]
    # Every page but the shared view (read-only, for a supervisor: no controls at all)
    # showed its controls.
    counts = {path: count for count, path in seen}
    assert [path for path, count in counts.items() if not count] == ["/shared/{share}"], counts
    assert sum(counts.values()) > 300, "the pages showed their controls"
    assert not small, (
        f"{len(small)} tap targets under {MIN}×{MIN} px or overlapping:\n  " + "\n  ".join(small)
    )
    assert not close, "destructive buttons not set apart:\n  " + "\n  ".join(close)
