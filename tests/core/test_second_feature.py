"""A second feature registered beside the plan gets the core's machinery with no core code:
its own live updates, set-actions, scoped lists, write rules and read-only display, and its
changes neither mark the plan's agreement nor cost the plan's open pages more than a poll."""

import dataclasses
import re

import pytest
from conftest import HTMX_PARTIAL, plain, text
from flask import render_template_string
from jinja2 import ChoiceLoader, DictLoader
from peewee import BooleanField, CharField, ForeignKeyField, IntegerField, TextField
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired

from pairapp.core import Feature, SetAction, UnitType, register
from pairapp.core.forms import UnitForm
from pairapp.core.models import Pair, Revision, User, Versioned
from pairapp.core.versioning import TooMany, create, set_deleted
from pairapp.db import db


class Card(Versioned):
    """A test feature's unit: a title, a month it belongs to, a flag, an observer's notes."""

    title = CharField()
    month = IntegerField(default=1)
    done = BooleanField(default=False)
    notes = TextField(default="")
    observer = ForeignKeyField(User, null=True, backref="+")


class CardForm(UnitForm):
    title = StringField("Title", [DataRequired()])
    notes = TextAreaField("Notes")


TEMPLATES = {
    "cards/_card.html": "<p>{{ unit.title }}{% if unit.done %} (done){% endif %}</p>",
    "cards/_month.html": (
        '<section id="cards-{{ part }}"{% if oob %} data-hx-swap-oob="true"{% endif %}>'
        "{% for unit in units %}{% include 'units/_unit.html' %}{% endfor %}"
        "{% if add_form is defined %}{% with part_key = part %}{% include 'units/_add.html' %}"
        "{% endwith %}{% endif %}</section>"
    ),
}


def cards_of(pair, user, part):
    month = int(part.removeprefix("month-"))
    return list(
        Card.select()
        .where((Card.pair == pair.id) & (Card.month == month) & Card.deleted_at.is_null())
        .where(Card.visible_to(user.id))
        .order_by(Card.position, Card.id)
    )


def render_part(pair, user, part, oob=False, **options):
    units = cards_of(pair, user, part)
    return render_template_string(
        "{% include 'cards/_month.html' %}",
        pair=pair,
        part=part,
        units=units,
        unit_type=CARD,
        oob=oob,
        **options,
    )


def render_changes(pair, user, parts, layout_changed=False, keep=()):
    return "".join(render_part(pair, user, part, oob=True) for part in sorted(parts - set(keep)))


FEATURE = Feature(
    name="cards",
    label="the cards",
    page_url=lambda pair, unit=None: f"/pairs/{pair.id}/cards",
    part_target=lambda part: f"#cards-{part}",
    render_part=render_part,
    render_page=lambda pair, user, **options: "cards page",
    render_changes=render_changes,
)
CARD = UnitType(
    name="card",
    feature="cards",
    model=Card,
    label="card",
    form=lambda unit: CardForm,
    display="cards/_card.html",
    fields={"title": "Title", "notes": "Notes"},
    part_of=lambda unit: f"month-{unit.month}",
    add_fields=("title",),
    scope_field="month",
    set_actions={
        "done": SetAction(
            "done", {"yes": True, "no": False}, {"yes": "ticked off", "no": "reopened"}
        )
    },
    # Only the observer writes the notes; everything else is any member's.
    may_write=lambda unit, user_id, field: field != "notes" or unit.observer_id == user_id,
)


@pytest.fixture
def world(app, plan_world):
    """The plan world with the cards feature registered and its table made."""
    register(app, FEATURE, CARD)
    app.jinja_env.loader = ChoiceLoader([DictLoader(TEMPLATES), app.jinja_env.loader])
    with db.connection_context():
        db.create_tables([Card])
    return plan_world


def card(world, title="Call the office", month=1, observer=None):
    """A card made through the core, with an observer when given."""
    unit = create(CARD, world.pair, world.mentor.id, {"title": title, "month": month})
    if observer is not None:
        Card.update(observer=observer.id).where(Card.id == unit.id).execute()
    return Card.get_by_id(unit.id)


def words(response):
    """A page's text without tags, its white space folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", plain(response)).split())


def counter(world):
    return Pair.get_by_id(world.pair.id).change_counter


# --- line 4: one feature's change does not reach another's agreement or pages -------------


def test_a_card_change_does_not_mark_the_plan_as_changed_since_signing(world):
    for who, name in (("mentor", "Mo"), ("protege", "Pat")):
        assert world.as_(who).post(world.url("/plan/sign"), {"name": name}).status_code == 303
    card(world)
    page = plain(world.as_("mentor").get(world.url("/plan")))
    assert "The plan changed since then" not in page
    assert page.count("The plan is unchanged since.") == 2


def test_a_card_change_costs_an_open_plan_page_one_tiny_answer_then_204s(world, queries):
    since = counter(world)
    card(world, "Only cards changed")
    mentor = world.as_("mentor")
    url = world.url(f"/plan/changes?since={since}")
    response, statements = queries(lambda: mentor.get(url, headers=HTMX_PARTIAL))
    body = text(response)
    assert response.status_code == 200
    assert "part-body" not in body and "agreement" not in body  # no plan data was loaded
    assert len(statements) <= 4, statements
    assert f"since={counter(world)}" in body  # the poller moves on ...
    moved_on = world.url(f"/plan/changes?since={counter(world)}")
    response, statements = queries(lambda: mentor.get(moved_on, headers=HTMX_PARTIAL))
    assert response.status_code == 204  # ... and from then on it is a 204
    assert len(statements) <= 2, statements


# --- line 5: live updates for the second feature, with no core code of its own -------------


def test_the_second_feature_gets_live_updates(world):
    since = counter(world)
    mentor, protege = world.as_("mentor"), world.as_("protege")
    url = world.url(f"/cards/changes?since={since}")
    assert mentor.get(url, headers=HTMX_PARTIAL).status_code == 204
    unit = card(world, "Plan the visit", month=2)
    body = text(protege.get(url, headers=HTMX_PARTIAL))
    assert 'id="cards-poll"' in body
    assert 'id="cards-month-2"' in body and "Plan the visit" in body
    # A page's own change is not sent back to it; another page of the same person gets it.
    page_a = {**HTMX_PARTIAL, "X-Pairapp-Page": "page-a"}
    since = counter(world)
    data = {f"card-{unit.id}-title": "Plan the visit, Friday", f"card-{unit.id}-notes": ""}
    data[f"card-{unit.id}-version"] = str(unit.version)
    protege.get(world.url("/plan"))
    assert protege.post(world.url(f"/card/{unit.id}"), data, headers=page_a).status_code == 200
    url = world.url(f"/cards/changes?since={since}")
    assert "Friday" not in text(protege.get(url, headers=page_a))
    assert "Friday" in text(mentor.get(url, headers=HTMX_PARTIAL))


def test_the_second_feature_gets_editing_notices(world):
    unit = card(world)
    since = counter(world)
    data = {f"card-{unit.id}-title": "Changed by Pat", f"card-{unit.id}-notes": ""}
    data[f"card-{unit.id}-version"] = str(unit.version)
    world.as_("protege").post(world.url(f"/card/{unit.id}"), data)
    url = world.url(f"/cards/changes?since={since}&editing=card:{unit.id}:{unit.version}")
    body = plain(world.as_("mentor").get(url, headers=HTMX_PARTIAL))
    assert f'id="notice-u-card-{unit.id}"' in body
    assert "Protege Pat changed this while you were editing" in body


def test_an_unknown_feature_has_no_live_updates(world):
    url = world.url("/nothing/changes?since=0")
    assert world.as_("mentor").get(url, headers=HTMX_PARTIAL).status_code == 404


# --- line 6: set-actions, scopes, write rules, read-only display --------------------------


def test_a_set_action_is_idempotent_recorded_and_never_a_conflict(world):
    unit = card(world)
    mentor, protege = world.as_("mentor"), world.as_("protege")
    mentor.get(world.url("/plan"))
    protege.get(world.url("/plan"))
    url = world.url(f"/card/{unit.id}/set/done")
    for browser in (mentor, protege, mentor):  # both, twice: one change
        response = browser.post(url, {"value": "yes"}, htmx=True)
        assert response.status_code == 200
        assert "(done)" in text(response) and "<html" not in text(response)
    rows = list(Revision.select().where((Revision.kind == "card") & (Revision.action == "set")))
    assert [(r.field, r.old_value, r.new_value) for r in rows] == [("done", "no", "yes")]
    assert Card.get_by_id(unit.id).version == unit.version  # an open edit form stays valid
    history = words(mentor.get(world.url("/history")))
    assert "Mentor Mo ticked off card “Call the office”" in history
    # Without JavaScript: a plain POST and 303 back to the feature's page.
    response = protege.post(url, {"value": "no"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/cards#u-card-{unit.id}")
    assert "Protege Pat reopened card" in words(mentor.get(world.url("/history")))


@pytest.mark.parametrize(
    ("who", "path", "data", "csrf", "status"),
    [
        ("mentor", "/set/done", {"value": "maybe"}, True, 400),
        ("mentor", "/set/nothing", {"value": "yes"}, True, 404),
        ("stranger", "/set/done", {"value": "yes"}, True, 404),
        ("mentor", "/set/done", {"value": "yes"}, False, 400),
    ],
)
def test_a_set_action_refuses_bad_input_strangers_and_missing_csrf(
    world, who, path, data, csrf, status
):
    unit = card(world)
    browser = world.as_(who)
    browser.get(world.url("/plan") if who != "stranger" else "/")
    response = browser.post(world.url(f"/card/{unit.id}{path}"), data, csrf=csrf)
    assert response.status_code == status
    assert Card.get_by_id(unit.id).done is False


def test_a_scoped_list_keeps_positions_and_moves_inside_its_month(world):
    first = card(world, "January one", month=1)
    second = card(world, "January two", month=1)
    march = card(world, "March one", month=3)
    assert (first.position, second.position, march.position) == (1, 2, 1)
    mentor = world.as_("mentor")
    mentor.get(world.url("/plan"))
    down = world.url(f"/card/{second.id}/move")
    assert mentor.post(down, {"direction": "down"}).status_code == 303
    assert Card.get_by_id(march.id).position == 1  # nothing below it in January: no move
    response = mentor.post(world.url(f"/card/{second.id}/move"), {"direction": "up"}, htmx=True)
    assert response.status_code == 200
    body = text(response)
    assert body.index("January two") < body.index("January one")
    assert "March one" not in body  # only the month's part comes back


def test_the_add_form_puts_a_card_at_the_end_of_its_month(world):
    card(world, "March one", month=3)
    mentor = world.as_("mentor")
    mentor.get(world.url("/plan"))
    data = {"new-card-title": "March two", "new-card-notes": ""}
    assert mentor.post(world.url("/card/new"), data).status_code == 303
    added = Card.get(Card.title == "March two")
    assert (added.month, added.position) == (1, 1)  # month from the model's default: January
    response = mentor.post(world.url("/card/new"), {"new-card-title": ""}, htmx=True)
    assert response.status_code == 422


def test_a_field_only_its_writer_may_write_answers_403_and_changes_nothing(world):
    unit = card(world, observer=world.protege)
    mentor = world.as_("mentor")
    mentor.get(world.url("/plan"))
    data = {
        f"card-{unit.id}-title": unit.title,
        f"card-{unit.id}-notes": "Mo writes Pat's notes",
        f"card-{unit.id}-version": str(unit.version),
    }
    for htmx in (False, True):
        response = mentor.post(world.url(f"/card/{unit.id}"), data, htmx=htmx)
        assert response.status_code == 403
        assert "not yours to change" in plain(response)
    assert Card.get_by_id(unit.id).notes == ""
    assert not Revision.select().where(Revision.field == "notes").exists()
    protege = world.as_("protege")
    protege.get(world.url("/plan"))
    data[f"card-{unit.id}-notes"] = "Pat's own notes"
    assert protege.post(world.url(f"/card/{unit.id}"), data).status_code == 303
    assert Card.get_by_id(unit.id).notes == "Pat's own notes"


def test_a_stale_save_of_a_card_is_a_409_with_both_texts(world):
    unit = card(world)
    mentor, protege = world.as_("mentor"), world.as_("protege")
    for browser in (mentor, protege):
        browser.get(world.url("/plan"))

    def save(browser, title):
        data = {f"card-{unit.id}-title": title, f"card-{unit.id}-notes": ""}
        data[f"card-{unit.id}-version"] = str(unit.version)
        return browser.post(world.url(f"/card/{unit.id}"), data)

    assert save(protege, "Pat's title").status_code == 303
    response = save(mentor, "Mo's title")
    assert response.status_code == 409
    assert "Pat&#39;s title" in text(response) and "Mo&#39;s title" in text(response)


def test_a_unit_renders_read_only_without_controls(world, app):
    unit = card(world)
    with app.test_request_context():
        html = render_template_string(
            "{{ render_readonly(unit_type, unit, pair) }}",
            unit_type=CARD,
            unit=unit,
            pair=world.pair,
        )
    assert "Call the office" in html
    assert html.lstrip().startswith(f'<div id="u-card-{unit.id}"')  # HTML, not escaped text
    assert "<form" not in html and "/edit" not in html and "History" not in html


def test_a_list_with_max_items_refuses_one_more_in_its_scope_and_changes_nothing(world, app):
    """UnitType.max_items: the core's create and add route refuse a unit beyond it (per
    scope, here per month): 422 with the typed text kept, nothing written; other months and
    other types are not limited."""
    limited = dataclasses.replace(CARD, max_items=2)
    app.extensions["pairapp.registry"].unit_types["card"] = limited
    card(world, "January one")
    card(world, "January two")
    mentor = world.as_("mentor")
    mentor.get(world.url("/plan"))
    before = (counter(world), Revision.select().count(), Card.select().count())
    data = {"new-card-title": "January three", "new-card-notes": ""}
    assert mentor.post(world.url("/card/new"), data).status_code == 422  # the page (a stub)
    response = mentor.post(world.url("/card/new"), data, htmx=True)
    assert response.status_code == 422
    assert "There can be at most 2 cards: remove one to add another." in plain(response)
    assert 'value="January three"' in text(response)
    with pytest.raises(TooMany):
        create(limited, world.pair, world.mentor.id, {"title": "January three"})
    assert (counter(world), Revision.select().count(), Card.select().count()) == before
    march = create(limited, world.pair, world.mentor.id, {"title": "March one", "month": 3})
    assert march.month == 3
    # A removed card comes back only while its month has room.
    first = Card.get(Card.title == "January one")
    set_deleted(limited, first, world.mentor.id, deleted=True)
    card(world, "January three")
    response = mentor.post(world.url(f"/card/{first.id}/undelete"))
    assert response.status_code == 422 and "at most 2 cards" in plain(response)
    assert Card.get_by_id(first.id).deleted_at is not None


def test_max_items_and_private_units_do_not_mix():
    """A partner's private unit would count against a limit its reader cannot see."""
    with pytest.raises(ValueError, match="max_items"):
        dataclasses.replace(CARD, max_items=2, can_be_private=True)
