"""Issue 12 line 4: a bad or foreign file is refused with a clear sentence, nothing half-done."""

import copy

import pytest
from conftest import plain
from rich_pair import enrich, export_app  # noqa: F401 (fixture)
from test_export import export_of, upload

from pairapp.export import MAX_BYTES, files
from pairapp.models import MODELS, Membership, Pair, PlanPart, Revision
from pairapp.pairs.models import Invite


@pytest.fixture
def exported(plan_world, app):
    """The rich pair's file as its mentor downloaded it."""
    with app.test_request_context():
        enrich(plan_world)
    return export_of(plan_world).get_json()


@pytest.fixture
def importer(make_user, login):
    return login(make_user("Newcomer Nia", email="nia@elsewhere.org"))


def counts():
    """How many rows each table holds."""
    return {model.__name__: model.select().count() for model in MODELS}


def refused(session, content, name="pair.json"):
    """Upload a file that must be refused: 422, nothing written; the page's message."""
    before = counts()
    response = upload(session, content, name)
    assert response.status_code == 422
    assert counts() == before
    return " ".join(plain(response).split())


def test_not_json_is_refused(importer):
    message = refused(importer, b"\x89PNG\r\n\x1a\n not a pair", "photo.png")
    assert "This file is not a pairapp export: it is not JSON text." in message
    assert "Nothing was imported." in message
    assert "is not JSON" in refused(importer, b"{ half a file", "pair.json")


def test_json_of_another_kind_is_refused(importer):
    for content in ({"hello": "world"}, [1, 2, 3], {"format": "other-app", "version": 1}):
        message = refused(importer, content)
        assert "This file is JSON, but not a pairapp export of a pair." in message


def test_a_newer_version_is_refused_with_what_to_do(importer, exported):
    exported["version"] = 2
    message = refused(importer, exported)
    assert "comes from a newer pairapp (format version 2); this server reads version 1" in message
    assert "Upgrade this server" in message


def test_a_file_too_large_is_refused(importer, monkeypatch):
    assert MAX_BYTES == 5 * 1024 * 1024
    assert "The file can be up to 5 MB." in plain(importer.get("/pairs/import"))
    # A smaller limit for the test: the test client sends a 5 MB upload through a temporary
    # file it leaves open.
    monkeypatch.setattr(files, "MAX_BYTES", 100 * 1024)
    message = refused(importer, b'{"format": "pairapp-export"}' + b" " * 100 * 1024)
    assert "The file is larger than 100 kB, so it is not a pairapp export." in message


def test_an_edited_file_that_breaks_the_schema_is_refused_saying_where(importer, exported):
    exported["content"]["plan"]["goals"][0]["status"] = "nearly"
    message = refused(importer, exported)
    assert "damaged or was edited: at content/plan/goals/0/status" in message
    assert "'nearly' is not one of" in message


def test_a_file_failing_half_way_leaves_no_pair_and_no_units(importer, exported):
    """Valid against the schema, but its last part names a rubric row it does not hold:
    the pair, plan, checklist and coaching rows written before are all rolled back."""
    broken = copy.deepcopy(exported)
    broken["content"]["checkins"]["assessments"][0]["row"] = "rubric_row-99"
    pairs, revisions = Pair.select().count(), Revision.select().count()
    message = refused(importer, broken)
    assert "a rubric row the file does not hold" in message
    assert (Pair.select().count(), Revision.select().count()) == (pairs, revisions)


def test_a_unit_pointing_at_a_missing_cycle_is_refused(importer, exported):
    exported["content"]["coaching"]["notes"][0]["cycle"] = "cycle-42"
    message = refused(importer, exported)
    assert "refers to “cycle-42”, which it does not contain" in message


def test_no_file_chosen_is_422_with_the_field_message(importer):
    importer.get("/pairs/import")
    response = importer.post("/pairs/import", {}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choose the file to import." in plain(response)


def test_missing_csrf_is_400_and_imports_nothing(importer, exported):
    before = counts()
    response = upload(importer, exported, csrf=False)
    assert response.status_code == 400
    assert counts() == before


def test_an_archived_pair_imports_archived(importer, exported):
    exported["content"]["pairs"]["archived"] = True
    assert upload(importer, exported).status_code == 303
    pair = Pair.select().order_by(Pair.id.desc()).first()
    assert pair.archived_at is not None
    assert Membership.get(Membership.pair == pair.id).role == "mentor"


def test_the_import_says_how_the_partner_joins(importer, exported):
    response = upload(importer, exported)
    page = importer.get(response.headers["Location"])
    body = " ".join(plain(page).split())
    assert "“Mo and Pat” is imported, with you as its mentor." in body
    assert "Invite your partner with a new link below." in body
    pair = Pair.select().order_by(Pair.id.desc()).first()
    made = importer.post(f"/pairs/{pair.id}/invites", {"role": "protege"})
    assert made.status_code in (200, 303)
    assert Invite.get(Invite.pair == pair.id).role == "protege"


def test_a_plan_template_this_server_lacks_is_refused(importer, exported):
    exported["content"]["plan"]["template"] = "someone-elses"
    message = refused(importer, exported)
    assert "started from the template “someone-elses”, which this server does not have" in message


def test_a_file_from_an_older_catalogue_gets_the_missing_parts_hidden(importer, exported):
    plan = exported["content"]["plan"]
    dropped = plan["parts"].pop()["key"]
    plan["fields"] = [row for row in plan["fields"] if row["part"] != dropped]
    response = upload(importer, exported)
    assert response.status_code == 303
    pair = Pair.select().order_by(Pair.id.desc()).first()
    part = PlanPart.get((PlanPart.pair == pair.id) & (PlanPart.key == dropped))
    assert part.hidden
    assert importer.get(f"/pairs/{pair.id}/plan").status_code == 200


def test_a_file_naming_a_part_twice_is_refused_as_not_fitting_together(importer, exported):
    parts = exported["content"]["plan"]["parts"]
    parts.append(dict(parts[0], ref="part-999"))
    message = refused(importer, exported)
    assert "The parts of this file do not fit together, so it was edited or damaged." in message


@pytest.mark.parametrize(
    "path",
    [
        ("plan", "steps", 0, "goal"),
        ("coaching", "goals", 0, "plan_goal"),
        ("coaching", "texts", 0, "cycle"),
        ("coaching", "tallies", 0, "cycle"),
        ("plan", "steps", 2, "source"),
    ],
)
def test_any_reference_to_a_unit_the_file_lacks_is_refused(importer, exported, path):
    feature, name, index, key = path
    exported["content"][feature][name][index][key] = "goal-77"
    message = refused(importer, exported)
    assert "The file refers to “goal-77”, which it does not contain." in message
