"""Length limits are shown before they bite (issue 11 line 7): every text field has a limit,
the page says it ("Up to 300 characters."), and the server never cuts text: too long is 422
with the text kept."""

import importlib
import inspect
import pkgutil
import re
from html.parser import HTMLParser

from conftest import plain
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length

import pairapp
from pairapp.coaching.data import start_cycle
from pairapp.models import Goal

# Sent hidden by the browser's own script and checked against the list of timezones: nobody
# types them, so there is nothing to show.
HIDDEN_FROM_PEOPLE = {("SignupForm", "timezone"), ("LinkSignupForm", "timezone")}
TEXT_TYPES = {"text", "email", "password", "search", "url", "tel", None}


def every_form_class():
    """Every FlaskForm subclass defined in pairapp's modules."""
    found = {}
    for info in pkgutil.walk_packages(pairapp.__path__, "pairapp."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, FlaskForm) and value is not FlaskForm:
                found[name] = value
    return found


def text_fields(form_class):
    """(name, unbound field) of the form's typed text fields (not time or hidden inputs)."""
    for name in dir(form_class):
        unbound = getattr(form_class, name)
        field_class = getattr(unbound, "field_class", None)
        if field_class is None or not issubclass(field_class, StringField):
            continue
        widget = unbound.kwargs.get("widget") or field_class.widget
        if getattr(widget, "input_type", None) not in TEXT_TYPES:
            continue  # type="time" or "hidden": maxlength does not apply
        yield name, unbound


def test_every_text_field_of_every_form_has_a_length_limit():
    checked = 0
    for class_name, form_class in every_form_class().items():
        for name, unbound in text_fields(form_class):
            if (class_name, name) in HIDDEN_FROM_PEOPLE:
                continue
            validators = unbound.kwargs.get("validators") or (
                unbound.args[1] if len(unbound.args) > 1 else []
            )
            limits = [v.max for v in validators if isinstance(v, Length) and v.max > 0]
            assert limits, f"{class_name}.{name} has no Length(max=…)"
            checked += 1
    assert checked > 40


class TextControls(HTMLParser):
    """Text inputs and textareas a person types in, with their attributes."""

    def __init__(self):
        super().__init__()
        self.controls = []
        self.ids = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids[attrs["id"]] = (tag, attrs)
        typed = tag == "input" and attrs.get("type", "text") in TEXT_TYPES
        if (tag == "textarea" or typed) and "readonly" not in attrs:
            self.controls.append(attrs)


def controls_of(page):
    parser = TextControls()
    parser.feed(page)
    return parser


def assert_limits_shown(page, where):
    """Every typed control has maxlength; all but email and password say it in a hint."""
    parsed = controls_of(page)
    for attrs in parsed.controls:
        name = attrs.get("name")
        assert attrs.get("maxlength", "").isdigit(), f"{where}: {name} has no maxlength"
        if attrs.get("type") in ("email", "password"):
            continue
        described = (attrs.get("aria-describedby") or "").split()
        hints = [parsed.ids.get(i, ("", {}))[1] for i in described]
        limits = [h.get("data-limit") for h in hints if "data-limit" in h]
        assert limits == [attrs["maxlength"]], f"{where}: {name} shows no length hint"
    return parsed


def test_every_text_field_on_every_page_shows_its_limit(plan_world):
    world = plan_world
    start_cycle(world.pair, world.mentor.id, world.mentor.id, world.protege.id)
    world.add("mentor", "goal", title="Lead a project")
    goal = Goal.get(Goal.title == "Lead a project")
    pages = [
        world.url("/plan"),
        world.url("/checklist"),
        world.url("/coaching"),
        world.url("/coaching/cycles/1"),
        world.url("/checkins"),
        world.url("/members"),
        world.unit_url("goal", goal.id, "/edit"),
        world.unit_url("field", world.field("roles").id, "/edit"),
        "/pairs/new",
        "/account",
    ]
    seen = 0
    for url in pages:
        response = world.as_("mentor").get(url)
        assert response.status_code == 200, url
        seen += len(assert_limits_shown(plain(response), url).controls)
    assert seen > 30


def test_the_hint_tells_the_limit_in_words(plan_world):
    world = plan_world
    page = plain(world.as_("mentor").get("/pairs/new"))
    assert re.search(r'class="limit" data-limit="120">Up to 120 characters\.</small>', page)


def test_an_over_long_self_assessment_comment_is_refused_not_cut(plan_world):
    world = plan_world
    page = plain(world.as_("protege").get(world.url("/checkins")))
    key = re.search(r'name="score-([\w-]+)"', page).group(1)
    long_comment = "a" * 20001
    response = world.as_("protege").post(
        world.url("/checkins/assess"),
        {f"score-{key}": "2", f"comment-{key}": long_comment, "date": "2026-11-20"},
    )
    assert response.status_code == 422
    page = plain(response)
    assert long_comment in page
    assert "Shorten this comment to 20,000 characters (it has 20,001)." in page
