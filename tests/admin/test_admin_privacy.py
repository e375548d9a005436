"""No admin page or command shows what a pair wrote (a sentinel in every kind of content)."""

import logging

from conftest import HTMX_PARTIAL, plain

from pairapp.checklist.models import ChecklistItem
from pairapp.coaching.models import (
    CoachingGoal,
    CoachingText,
    Cycle,
    NextStep,
    ObservationNote,
    Tally,
)
from pairapp.core.models import Revision
from pairapp.plan.models import (
    ActionStep,
    GlossaryTerm,
    Goal,
    Milestone,
    Note,
    PlanField,
    Signature,
)

SENTINEL = "ZQXJ-SENTINEL"

# Every text a pair writes, by table: fields, goals, steps, milestones, terms, notes, sign-offs.
CONTENT = {
    PlanField: ["value"],
    Goal: ["title", "measure", "evidence"],
    ActionStep: ["title", "description"],
    Milestone: ["title"],
    GlossaryTerm: ["term", "definition"],
    Note: ["text"],
    Signature: ["name"],
    ChecklistItem: ["title", "detail", "margin_place", "margin_note"],
    CoachingGoal: ["title"],
    CoachingText: ["value"],
    ObservationNote: ["at", "text"],
    Tally: ["name"],
    NextStep: ["text"],
}


def fill_with_sentinels(world):
    """Content of every kind, shared and private, and its history, all holding the sentinel."""
    assert (
        world.save(
            "mentor",
            "field",
            world.field("roles"),
            value=f"{SENTINEL} roles",
            reason=f"{SENTINEL} reason",
        ).status_code
        == 303
    )
    world.add("protege", "goal", title=f"{SENTINEL} private goal", private=True)
    world.add("protege", "note", text=f"{SENTINEL} private note", private=True)
    for kind, field in (
        ("goal", "title"),
        ("step", "title"),
        ("milestone", "title"),
        ("term", "term"),
        ("note", "text"),
    ):
        world.add("mentor", kind, **{field: f"{SENTINEL} {kind}"})
    world.as_("mentor").post(world.url("/plan/sign"), {"name": f"{SENTINEL} signer"})
    # The checklist's margin and the coaching cycle's texts, notes, tallies and next steps.
    pair = world.pair.id
    cycle = Cycle.create(pair=pair, observer=world.mentor.id, observed=world.protege.id)
    ChecklistItem.create(pair=pair, month=1, title=SENTINEL)
    CoachingGoal.create(pair=pair, title=SENTINEL)
    CoachingText.create(pair=pair, cycle=cycle, key="focus", value=SENTINEL)
    ObservationNote.create(pair=pair, cycle=cycle, text=SENTINEL)
    Tally.create(pair=pair, cycle=cycle, name=SENTINEL)
    NextStep.create(pair=pair, cycle=cycle, text=SENTINEL)
    for model, fields in CONTENT.items():
        model.update({getattr(model, f): f"{SENTINEL} {f}" for f in fields}).execute()
    Revision.update(reason=f"{SENTINEL} why", old_value=f"{SENTINEL} old").execute()
    for model in CONTENT:
        assert model.select().count(), f"no {model.__name__} made"


def test_no_admin_page_or_command_shows_pair_content(plan_world, make_user, login, caplog):
    world = plan_world
    fill_with_sentinels(world)
    admin = make_user("Ada Admin", email="ada@example.org", is_admin=True)
    as_admin = login(admin)
    runner = world.app.test_cli_runner()
    caplog.set_level(logging.INFO)

    seen = []
    for path in ("/admin", "/admin/accounts", "/admin/pairs", "/admin/audit"):
        seen.append(plain(as_admin.get(path)))
        seen.append(plain(as_admin.get(path, headers=HTMX_PARTIAL)))
    for path, data in (
        ("/admin/signup", {"mode": "invite"}),
        ("/admin/accounts/signup-links", {"email": "new@example.org"}),
        (f"/admin/accounts/{world.protege.id}/reset-link", {}),
        (f"/admin/accounts/{world.protege.id}/disable", {}),
        (f"/admin/accounts/{world.protege.id}/enable", {}),
        ("/admin/links/1/revoke", {}),
    ):
        seen.append(plain(as_admin.post(path, data, htmx=True)))
        seen.append(plain(as_admin.post(path, data, follow_redirects=True)))
    for args in (
        ["accounts"],
        ["links"],
        ["pairs"],
        ["audit"],
        ["signup"],
        ["guides"],
        ["signup-link", "other@example.org"],
        ["reset-link", world.mentor.email],
        ["disable", world.mentor.email],
        ["enable", world.mentor.email],
    ):
        seen.append(runner.invoke(args=["admin", *args]).output)
    seen.append(caplog.text)

    everything = "\n".join(seen)
    assert "Mo and Pat" in everything  # the pair's title and members are what admins see
    assert "Mentor Mo" in everything
    assert SENTINEL not in everything
