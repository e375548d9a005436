"""The plan page: templates, the parts catalogue, hiding parts, live updates, signing."""

import datetime
import html as htmllib
import re

import pytest
from conftest import HTMX_PARTIAL, by_id, plain, tags, text

from pairapp.core import Feature, TimelineEntry, register
from pairapp.models import Goal, Milestone, Plan, PlanField, PlanPart, Revision, Signature
from pairapp.plan import catalogue
from pairapp.plan.data import PILOT_DAYS

START = datetime.date(2026, 9, 1)


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see conftest)."""
    return reused_app


def part_section(page, key):
    """The HTML of one part's section on the plan page."""
    match = re.search(rf'<section id="part-{key}".*?</details>\s*</section>', page, re.S)
    assert match, f"part {key} is not on the page"
    return match.group(0)


def shown_parts(page):
    return re.findall(r'<section id="part-(\w+)" class="part[ "]', page)


def changes(browser, world, since, editing=(), htmx=True):
    query = "&".join([f"since={since}", *(f"editing={e}" for e in editing)])
    headers = HTMX_PARTIAL if htmx else {}
    return browser.get(world.url(f"/plan/changes?{query}"), headers=headers)


def counter(world):
    from pairapp.models import Pair

    return Pair.get_by_id(world.pair.id).change_counter


# --- starting from a template ------------------------------------------------------------


def test_the_chooser_shows_until_a_plan_exists(make_plan_world, db_dump):
    world = make_plan_world(template=None)
    before = db_dump()
    response = world.as_("mentor").get(world.url("/plan"))
    assert response.status_code == 200
    page = text(response)
    assert "Start your plan" in page
    radios = tags(page, "input", type="radio", name="template")
    assert [r["value"] for r in radios] == ["full", "three_pillars", "blank"]
    assert tags(page, "form", action=world.url("/plan/start"))
    assert db_dump() == before  # looking at the chooser starts nothing


EXPECTED_SHOWN = {
    "full": list(catalogue.parts()),
    "three_pillars": [
        "goals",
        "development",
        "dynamic",
        "charter",
        "checkins",
        "feedback",
        "timeline",
        "action_steps",
        "evaluation",
        "flexibility",
    ],
    "blank": ["goals", "notes"],
}
PROPOSED = [
    ("Kickoff meeting", 0),
    ("Pilot review", PILOT_DAYS),
    ("Mid-cycle review", 182),
    ("Final review and celebration", 364),
]


@pytest.mark.parametrize("template", ["full", "three_pillars", "blank"])
def test_start_from_a_template(make_plan_world, template):
    world = make_plan_world(template=None)
    response = world.as_("protege").post(world.url("/plan/start"), {"template": template})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(world.url("/plan"))
    assert Plan.get(Plan.pair == world.pair.id).template == template

    states = {p.key: p.hidden for p in PlanPart.select().where(PlanPart.pair == world.pair.id)}
    assert set(states) == set(catalogue.parts())
    assert sorted(k for k, hidden in states.items() if not hidden) == sorted(
        EXPECTED_SHOWN[template]
    )

    fields = {
        (f.part, f.key): f.value for f in PlanField.select().where(PlanField.pair == world.pair.id)
    }
    expected = {(p.key, f.key) for p in catalogue.parts().values() for f in p.fields}
    assert set(fields) == expected
    pilot_end = fields.pop(("charter", "pilot_end"))
    assert all(value == "" for value in fields.values())

    milestones = [
        (m.title, (m.date - START).days, m.done)
        for m in Milestone.select()
        .where(Milestone.pair == world.pair.id)
        .order_by(Milestone.position)
    ]
    if template == "blank":
        assert milestones == []
        assert pilot_end == ""
    else:
        assert milestones == [(title, days, False) for title, days in PROPOSED]
        assert pilot_end == (START + datetime.timedelta(days=PILOT_DAYS)).isoformat()

    page = text(world.as_("protege").get(world.url("/plan")))
    assert sorted(shown_parts(page)) == sorted(EXPECTED_SHOWN[template])
    hidden = [k for k in catalogue.parts() if k not in EXPECTED_SHOWN[template]]
    for key in hidden:
        assert f"Show “{catalogue.parts()[key].title}”" in htmllib.unescape(page)
    if template != "blank":
        assert "Pilot review" in page and "13 Oct 2026" in page


def test_three_pillars_groups_its_parts(make_plan_world):
    world = make_plan_world("three_pillars")
    page = htmllib.unescape(text(world.as_("mentor").get(world.url("/plan"))))
    headings = re.findall(r'<h2 id="group-\d+">([^<]+)</h2>', page)
    assert headings == [
        "Goals and vision",
        "Structure and communication",
        "Milestones and reflection",
    ]
    # Parts appear in the template's order, under their pillar.
    assert shown_parts(page) == EXPECTED_SHOWN["three_pillars"]


def test_starting_twice_keeps_the_first_plan(plan_world):
    world = plan_world
    world.as_("mentor").post(world.url("/plan/start"), {"template": "blank"})
    second = world.as_("protege").post(world.url("/plan/start"), {"template": "blank"})
    assert second.status_code == 303
    assert Plan.get(Plan.pair == world.pair.id).template == "full"
    assert PlanPart.select().where(PlanPart.pair == world.pair.id).count() == len(catalogue.parts())
    assert Milestone.select().where(Milestone.pair == world.pair.id).count() == len(PROPOSED)


def test_plan_routes_before_the_plan_starts(make_plan_world):
    world = make_plan_world(template=None)
    browser = world.as_("mentor")
    for name in ("", "Mo"):
        response = browser.post(world.url("/plan/sign"), {"name": name})
        assert response.status_code == 303
        assert response.headers["Location"].endswith(world.url("/plan"))
    assert not Signature.select().exists() and counter(world) == 0
    assert changes(browser, world, 0).status_code == 204
    assert browser.post(world.url("/plan/parts/goals"), {"shown": "no"}).status_code == 404
    for htmx in (False, True):
        response = world.add("mentor", "goal", htmx=htmx, title="")
        assert response.status_code == 422
        assert "Start your plan" in text(response)
    response = world.add("mentor", "goal", htmx=True, title="Early goal")
    assert response.status_code == 200 and "Start your plan" in text(response)
    # Once the plan starts, the early goal is on it.
    world.as_("protege").post(world.url("/plan/start"), {"template": "blank"})
    assert "Early goal" in text(browser.get(world.url("/plan")))


@pytest.mark.parametrize("template", ["", "nonsense", "../parts"])
def test_an_unknown_template_is_refused(make_plan_world, template):
    world = make_plan_world(template=None)
    response = world.as_("mentor").post(world.url("/plan/start"), {"template": template})
    assert response.status_code == 422
    page = text(response)
    assert "Choose one of the templates." in page
    assert len(tags(page, "input", type="radio", name="template")) == 3
    assert not Plan.select().where(Plan.pair == world.pair.id).exists()


def test_plan_started_when_the_pair_is_created(make_user, login, fast_hashing):
    user = make_user("Mentor Mo")
    browser = login(user)
    browser.get("/pairs/new")
    response = browser.post(
        "/pairs/new",
        {"title": "New", "role": "mentor", "start_date": "2026-09-01", "plan_template": "blank"},
    )
    assert response.status_code == 303
    (plan,) = Plan.select()
    assert plan.template == "blank"


# --- the catalogue on the page -----------------------------------------------------------


def test_every_part_and_field_is_on_the_full_plan_with_its_prompt(plan_world):
    page = text(plan_world.as_("mentor").get(plan_world.url("/plan")))
    assert shown_parts(page) == list(catalogue.parts())
    for part in catalogue.parts().values():
        section = htmllib.unescape(part_section(page, part.key))
        assert f">{part.title}</h2>" in section
        for spec in part.fields:
            assert spec.label in section, (part.key, spec.key)
            if spec.key != "pilot_end":  # prefilled by the template
                assert f'<p class="prompt">{spec.prompt}</p>' in section, (part.key, spec.key)
        if part.lists and part.key != "timeline":
            assert f'<p class="prompt">{part.list_prompt}</p>' in section
        for list_kind in part.lists:
            type_name = {"action_step": "step", "glossary": "term"}.get(list_kind, list_kind)
            assert f'id="add-{type_name}"' in section


def test_every_part_of_the_issue_is_in_the_catalogue():
    parts = catalogue.parts()
    titles = " ".join(p.title.lower() for p in parts.values())
    for words in (
        "charter",
        "goals",
        "strengths and areas for improvement",
        "action steps",
        "timeline and milestones",
        "check-in points",
        "resources and support",
        "feedback mechanism",
        "evaluation criteria",
        "flexibility",
        "development questions",
        "dynamic mentoring focus",
        "notes",
    ):
        assert words in titles
    charter = {f.key for f in parts["charter"].fields}
    assert {
        "purpose_protege",
        "purpose_mentor",
        "roles",
        "boundaries",
        "communication",
        "meeting_rhythm",
        "review_rhythm",
        "pilot_end",
    } <= charter
    assert "glossary" in parts["charter"].lists
    assert all(f.prompt for p in parts.values() for f in p.fields)
    assert all(p.list_prompt for p in parts.values() if p.lists)


def test_a_filled_field_shows_its_text_not_its_prompt(plan_world):
    world = plan_world
    field = world.field("roles")
    assert world.save("mentor", "field", field, value="Pat leads, Mo guides").status_code == 303
    section = plain(world.as_("protege").get(world.url("/plan")))
    assert "Pat leads, Mo guides" in section
    assert field.prompt not in section


# --- showing and hiding parts ------------------------------------------------------------


def test_hide_and_show_a_part_keeps_its_content(plan_world):
    world = plan_world
    field = world.field("criteria")
    world.save("mentor", "field", field, value="Leads two projects")
    browser = world.as_("protege")
    response = browser.post(world.url("/plan/parts/evaluation"), {"shown": "no"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(world.url("/plan"))
    page = plain(browser.get(world.url("/plan")))
    assert "evaluation" not in shown_parts(page)
    assert "Leads two projects" not in page
    assert "Show “Evaluation criteria”" in page
    again = browser.post(world.url("/plan/parts/evaluation"), {"shown": "yes"})
    assert again.headers["Location"].endswith(world.url("/plan#part-evaluation"))
    page = plain(browser.get(world.url("/plan")))
    assert "evaluation" in shown_parts(page)
    assert "Leads two projects" in page
    actions = [
        r.action for r in Revision.select().where(Revision.kind == "part").order_by(Revision.id)
    ]
    assert actions == ["hide", "show"]


def test_a_part_the_template_hid_can_be_shown(make_plan_world):
    world = make_plan_world("blank")
    browser = world.as_("mentor")
    browser.post(world.url("/plan/parts/charter"), {"shown": "yes"})
    page = text(browser.get(world.url("/plan")))
    assert shown_parts(page) == ["goals", "notes", "charter"]
    page = htmllib.unescape(page)
    assert "Show “Charter”" not in page and "Show “Action steps”" in page


def test_setting_a_part_to_what_it_is_changes_nothing(plan_world, db_dump):
    world = plan_world
    browser = world.as_("mentor")
    before = db_dump()
    assert browser.post(world.url("/plan/parts/goals"), {"shown": "yes"}).status_code == 303
    assert db_dump() == before


def test_an_unknown_part_is_404(plan_world):
    response = plan_world.as_("mentor").post(plan_world.url("/plan/parts/nope"), {"shown": "no"})
    assert response.status_code == 404


# --- membership, CSRF and a missing plan, for every plan route -----------------------------

PLAN_ROUTES = [
    ("GET", "/plan", None),
    ("POST", "/plan/start", {"template": "blank"}),
    ("POST", "/plan/parts/strengths", {"shown": "no"}),
    ("POST", "/plan/parts/strengths/fold", {"folded": "yes"}),
    ("GET", "/plan/changes?since=0", None),
    ("POST", "/plan/sign", {"name": "Stan"}),
]


@pytest.mark.parametrize(("method", "path", "data"), PLAN_ROUTES)
def test_plan_routes_are_404_for_non_members(plan_world, db_dump, method, path, data):
    world = plan_world
    stranger = world.as_("stranger")
    before = db_dump()
    for headers in ({}, HTMX_PARTIAL):
        if method == "GET":
            response = stranger.get(world.url(path), headers=headers)
        else:
            response = stranger.post(world.url(path), data, headers=dict(headers))
        assert response.status_code == 404
    assert db_dump() == before
    # The same request works for a member.
    member = world.as_("protege")
    if method == "GET":
        assert member.get(world.url(path), headers=HTMX_PARTIAL).status_code == 200
    else:
        assert member.post(world.url(path), data).status_code == 303


@pytest.mark.parametrize(("method", "path", "data"), [r for r in PLAN_ROUTES if r[0] == "POST"])
def test_plan_posts_need_the_csrf_token(plan_world, db_dump, method, path, data):
    world = plan_world
    browser = world.as_("mentor")
    before = db_dump()
    response = browser.post(world.url(path), data, csrf=False)
    assert response.status_code == 400
    assert db_dump() == before


def test_plan_page_of_another_pair_is_404_even_for_a_member_of_some_pair(plan_world):
    world = plan_world
    assert world.as_("stranger").get(world.url("/plan")).status_code == 404


# --- live updates ------------------------------------------------------------------------


def test_nothing_changed_answers_204(plan_world):
    world = plan_world
    browser = world.as_("mentor")
    page = text(browser.get(world.url("/plan")))
    poll = by_id(page, "plan-poll")
    assert poll["data-hx-trigger"] == "every 5s"
    since = counter(world)
    assert poll["data-hx-get"] == world.url(f"/plan/changes?since={since}")
    response = changes(browser, world, since)
    assert response.status_code == 204
    assert response.get_data() == b""
    assert changes(browser, world, since + 5).status_code == 204


def test_a_plain_request_for_changes_answers_204(plan_world):
    world = plan_world
    world.save("protege", "field", world.field("roles"), value="Changed")
    assert changes(world.as_("mentor"), world, 0, htmx=False).status_code == 204


def test_a_partner_change_arrives_out_of_band_with_a_new_poller(plan_world):
    world = plan_world
    mentor = world.as_("mentor")
    since = counter(world)
    field = world.field("roles")
    assert world.save("protege", "field", field, value="Pat leads the agenda").status_code == 303
    response = changes(mentor, world, since)
    assert response.status_code == 200
    body = plain(response)
    assert "<html" not in body
    poll = by_id(body, "plan-poll")
    assert poll["data-hx-get"] == world.url(f"/plan/changes?since={since + 1}")
    part = by_id(body, "part-body-charter")
    assert part["data-hx-swap-oob"] == "true"
    assert "Pat leads the agenda" in body
    assert "Last changed by Protege Pat" in body
    # Only the changed part travels.
    assert not tags(body, id="part-body-goals")
    assert "changed this while you were editing" not in body
    assert changes(mentor, world, since + 1).status_code == 204


def test_a_list_change_arrives_too(plan_world):
    world = plan_world
    since = counter(world)
    world.add("protege", "goal", title="Speak at the team meeting")
    body = plain(changes(world.as_("mentor"), world, since))
    assert by_id(body, "part-body-goals")["data-hx-swap-oob"] == "true"
    assert "Speak at the team meeting" in body


def test_editing_the_changed_field_gives_a_notice(plan_world):
    world = plan_world
    field = world.field("roles")
    since = counter(world)
    world.save("protege", "field", field, value="Theirs")
    editing = [f"field:{field.id}:{field.version}"]
    body = plain(changes(world.as_("mentor"), world, since, editing))
    notice = by_id(body, f"notice-u-field-{field.id}")
    assert notice["data-hx-swap-oob"] == "true"
    assert "Protege Pat changed this while you were editing" in body
    # Editing another field, or this one at its current version: no notice.
    other = world.field("boundaries")
    body = plain(changes(world.as_("mentor"), world, since, [f"field:{other.id}:{other.version}"]))
    assert "while you were editing" not in body
    current = world.field("roles")
    body = plain(
        changes(world.as_("mentor"), world, since, [f"field:{current.id}:{current.version}"])
    )
    assert "while you were editing" not in body


def test_editing_a_changed_goal_gives_a_notice(plan_world):
    world = plan_world
    world.add("mentor", "goal", title="Lead a project")
    goal = Goal.get()
    since = counter(world)
    world.save("protege", "goal", goal, title="Lead two projects")
    body = plain(changes(world.as_("mentor"), world, since, [f"goal:{goal.id}:{goal.version}"]))
    assert "Protege Pat changed this while you were editing" in body
    assert "Lead two projects" in body


def test_a_removal_while_editing_keeps_the_open_form(plan_world):
    world = plan_world
    world.add("mentor", "goal", title="Lead a project")
    world.add("mentor", "goal", title="Another goal")
    goal = Goal.get(Goal.title == "Lead a project")
    since = counter(world)
    world.as_("protege").post(world.unit_url("goal", goal.id, "/delete"))
    world.save("protege", "field", world.field("roles"), value="Roles")
    editing = [f"goal:{goal.id}:{goal.version}"]
    body = plain(changes(world.as_("mentor"), world, since, editing))
    assert by_id(body, f"notice-u-goal-{goal.id}")["data-hx-swap-oob"] == "true"
    assert "Protege Pat removed this while you were editing" in body
    # The goals part, where the form is open, is not replaced; other parts still arrive.
    assert not tags(body, id="part-body-goals")
    assert by_id(body, "part-body-charter")
    # Not editing it: the part arrives without the goal.
    body = plain(changes(world.as_("mentor"), world, since))
    assert by_id(body, "part-body-goals") and "Lead a project" not in body
    assert "while you were editing" not in body
    # My own removal gives no notice.
    world.add("mentor", "goal", title="Mine to remove")
    mine = Goal.get(Goal.title == "Mine to remove")
    since = counter(world)
    world.as_("mentor").post(world.unit_url("goal", mine.id, "/delete"))
    body = plain(changes(world.as_("mentor"), world, since, [f"goal:{mine.id}:{mine.version}"]))
    assert "while you were editing" not in body


def test_my_own_change_gives_no_notice(plan_world):
    world = plan_world
    field = world.field("roles")
    since = counter(world)
    world.save("mentor", "field", field, value="Mine")
    body = plain(changes(world.as_("mentor"), world, since, [f"field:{field.id}:{field.version}"]))
    assert "while you were editing" not in body


@pytest.mark.parametrize("token", ["field", "field:x:1", "field:1", "nope:1:1", "::", "field:1:x"])
def test_malformed_editing_tokens_are_ignored(plan_world, token):
    world = plan_world
    since = counter(world)
    world.save("protege", "field", world.field("roles"), value="Theirs")
    response = changes(world.as_("mentor"), world, since, [token])
    assert response.status_code == 200
    assert "while you were editing" not in text(response)


def test_showing_a_part_tells_the_partner_to_reload(plan_world):
    world = plan_world
    since = counter(world)
    world.as_("protege").post(world.url("/plan/parts/notes"), {"shown": "no"})
    body = plain(changes(world.as_("mentor"), world, since))
    assert by_id(body, "plan-layout-notice")["data-hx-swap-oob"] == "true"
    assert "Reload the plan" in body


# --- agreement ---------------------------------------------------------------------------


def agreement(page):
    match = re.search(r'<section id="agreement".*?</section>', page, re.S)
    assert match
    return htmllib.unescape(match.group(0))


def sign(world, who, name):
    return world.as_(who).post(world.url("/plan/sign"), {"name": name})


def test_both_partners_sign(plan_world):
    world = plan_world
    page = agreement(text(world.as_("mentor").get(world.url("/plan"))))
    assert "Nobody has signed the plan yet" in page
    assert by_id(page, "name")["value"] == "Mentor Mo"
    response = sign(world, "mentor", "Mo Mentor")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(world.url("/plan#agreement"))
    assert sign(world, "protege", "Pat Protégé").status_code == 303
    page = agreement(text(world.as_("protege").get(world.url("/plan"))))
    today = datetime.date.today()
    assert "<strong>Mo Mentor</strong> signed on" in page
    assert "<strong>Pat Protégé</strong> signed on" in page
    assert f"{today.day} {today:%b %Y}" in page
    assert page.count("The plan is unchanged since.") == 2
    assert "Sign again" in page
    assert [r.action for r in Revision.select().where(Revision.part == "agreement")] == [
        "sign",
        "sign",
    ]


def test_a_later_change_shows_the_plan_changed_since_signing(plan_world):
    world = plan_world
    sign(world, "mentor", "Mo Mentor")
    sign(world, "protege", "Pat Protégé")
    world.save("protege", "field", world.field("criteria"), value="New criteria")
    page = text(world.as_("mentor").get(world.url("/plan")))
    section = agreement(page)
    assert section.count("The plan changed since then (Evaluation criteria)") == 2
    assert "Changed since Mo Mentor, Pat Protégé signed." in htmllib.unescape(
        part_section(page, "evaluation")
    )
    assert "Changed since" not in part_section(page, "charter")
    # Signing again clears it for that signer only.
    sign(world, "mentor", "Mo Mentor")
    section = agreement(text(world.as_("mentor").get(world.url("/plan"))))
    items = {
        re.search(r"<strong>(.*?)</strong>", li).group(1): li for li in section.split("<li>")[1:]
    }
    assert "The plan is unchanged since." in items["Mo Mentor"]
    assert "The plan changed since then (Evaluation criteria)" in items["Pat Protégé"]
    assert Signature.select().count() == 3


def test_a_private_change_does_not_mark_the_plan_changed(plan_world):
    world = plan_world
    sign(world, "mentor", "Mo Mentor")
    world.add("protege", "goal", title="My private goal", private=True)
    goal = Goal.get()
    world.save("protege", "goal", goal, title="Still private")
    for who in ("mentor", "protege"):
        section = agreement(text(world.as_(who).get(world.url("/plan"))))
        assert "The plan is unchanged since." in section
        assert "changed since then" not in section


def test_sign_needs_a_name_and_keeps_the_text(plan_world, db_dump):
    world = plan_world
    before = db_dump()
    response = world.as_("mentor").post(world.url("/plan/sign"), {"name": "   "})
    assert response.status_code == 422
    assert by_id(text(response), "name")["aria-invalid"] == "true"
    long_name = "Mo " + "x" * 130
    response = world.as_("mentor").post(world.url("/plan/sign"), {"name": long_name})
    assert response.status_code == 422
    assert by_id(text(response), "name")["value"] == long_name
    assert db_dump() == before


def test_signing_arrives_at_the_partner_live(plan_world):
    world = plan_world
    since = counter(world)
    sign(world, "protege", "Pat Protégé")
    body = plain(changes(world.as_("mentor"), world, since))
    assert by_id(body, "agreement")["data-hx-swap-oob"] == "true"
    assert "<strong>Pat Protégé</strong> signed on" in body


def test_typed_text_is_escaped_everywhere(plan_world):
    world = plan_world
    evil = '<script>alert(1)</script><b onmouseover="x">'
    world.save("protege", "field", world.field("roles"), value=evil)
    world.add("protege", "goal", title=evil)
    world.as_("protege").post(world.url("/plan/sign"), {"name": evil})
    mentor = world.as_("mentor")
    for url, headers in (
        (world.url("/plan"), {}),
        (world.url("/history"), {}),
        (world.url("/plan/changes?since=0"), HTMX_PARTIAL),
        (world.unit_url("goal", Goal.get().id, "/edit"), {}),
    ):
        body = text(mentor.get(url, headers=headers))
        assert "<script>alert" not in body and "<b onmouseover" not in body, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body, url


def test_a_pages_own_changes_are_not_sent_back_to_it(plan_world):
    """A poll skips the changes its own page made (they are on screen already), not others'."""
    world = plan_world
    protege = world.as_("protege")
    field = world.field("roles")
    since = counter(world)
    data = world.edit_data(field, "field", None, value="Pat's own words")
    page_a = {"X-Pairapp-Page": "page-a"}
    response = protege.post(world.unit_url("field", field.id), data, headers=page_a)
    assert response.status_code == 303
    url = world.url(f"/plan/changes?since={since}")
    own = plain(protege.get(url, headers={**HTMX_PARTIAL, **page_a}))
    assert by_id(own, "plan-poll")["data-hx-get"] == world.url(f"/plan/changes?since={since + 1}")
    assert not tags(own, id="part-body-charter")
    other_tab = plain(protege.get(url, headers={**HTMX_PARTIAL, "X-Pairapp-Page": "page-b"}))
    assert by_id(other_tab, "part-body-charter")
    assert "Pat's own words" in other_tab
    partner = plain(changes(world.as_("mentor"), world, since))
    assert "Pat's own words" in partner


def test_a_feature_puts_dated_rows_on_the_timeline_through_the_seam(app, plan_world):
    """Feature.timeline: a feature's dated rows show, read-only and soonest first, in the
    timeline part (the plan imports no feature; the check-ins put their reviews there)."""
    rows = [
        TimelineEntry(datetime.date(2027, 5, 2), "Second visit", "planned", "/elsewhere#2"),
        TimelineEntry(datetime.date(2027, 1, 9), "First visit", "missed", "/elsewhere#1", True),
    ]
    register(app, Feature(name="visits-demo", label="the visits", timeline=lambda p, u: rows))
    try:
        page = text(plan_world.as_("mentor").get(plan_world.url("/plan")))
    finally:
        app.extensions["pairapp.registry"].features.pop("visits-demo")
    timeline = part_section(page, "timeline")
    assert 'aria-label="From the visits"' in timeline
    first = '<a href="/elsewhere#1">First visit</a>, due <time datetime="2027-01-09">'
    assert first + '9 Jan 2027</time>: <span class="overdue">missed</span>' in timeline
    assert timeline.index("First visit") < timeline.index("Second visit")
    assert "From the visits" not in part_section(page, "goals")
