"""Issue 12 line 4: a pair's export file, its schema, the sentinel, and the round trip."""

import io
import json

import pytest
from conftest import csrf_from, plain, text
from jsonschema import Draft202012Validator
from rich_pair import SENTINELS, enrich, export_app  # noqa: F401 (fixture)

from pairapp.core.models import Membership, Pair, Revision
from pairapp.export.files import SCHEMA_PATH, exporting_features

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def export_of(world, who="mentor"):
    """The pair's file as this member downloads it."""
    response = world.as_(who).get(world.url("/export.json"))
    assert response.status_code == 200, text(response)
    return response


def upload(session, content, name="pair.json", csrf=True):
    """Post a file to the import form."""
    if not isinstance(content, bytes):
        content = json.dumps(content).encode()
    session.get("/pairs/import")
    data = {"file": (io.BytesIO(content), name)}
    return session.post("/pairs/import", data, csrf=csrf, content_type="multipart/form-data")


@pytest.fixture
def rich(plan_world, app):
    with app.test_request_context():
        return enrich(plan_world)


def test_the_download_is_an_attachment_no_cache_keeps(rich):
    response = export_of(rich)
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="pairapp-mo-and-pat.json"'
    )
    assert response.headers["Cache-Control"] == "no-store"


def test_a_rich_export_is_valid_against_the_schema_and_holds_every_feature(rich):
    data = export_of(rich).get_json()
    Draft202012Validator.check_schema(SCHEMA)
    errors = list(Draft202012Validator(SCHEMA).iter_errors(data))
    assert errors == []
    content = data["content"]
    assert data["format"] == "pairapp-export" and data["version"] == 1
    # Every list of every feature has something in it: the schema checked real content.
    for feature in ("plan", "checklist", "coaching", "checkins"):
        for name, value in content[feature].items():
            if isinstance(value, list):
                assert value, f"{feature}.{name} is empty in the rich pair"
    titles = [goal["title"] for goal in content["plan"]["goals"]]
    assert titles == ["Run a team meeting", "Mentor's own private goal"]
    assert [g["private"] for g in content["plan"]["goals"]] == [False, True]
    steps = {step["title"]: step for step in content["plan"]["steps"]}
    assert steps["Draft the agenda"]["goal"] == "goal-1"
    assert steps["Ask for the appraisal"]["goal"] is None  # the partner's private goal
    assert steps["Try it"]["source"] == content["coaching"]["next_steps"][0]["ref"]
    assert steps["Book the room"]["source"] == content["checkins"]["checkins"][0]["ref"]
    assert content["coaching"]["goals"][0]["plan_goal"] == "goal-1"
    cycles = content["coaching"]["cycles"]
    assert [(c["observer"], c["observed"]) for c in cycles] == [
        ("mentor", "protege"),
        ("protege", "mentor"),
    ]
    members = content["pairs"]["members"]
    assert {(m["name"], m["role"], m["exporter"]) for m in members} == {
        ("Mentor Mo", "mentor", True),
        ("Protege Pat", "protege", False),
    }


def test_no_email_or_password_hash_of_anyone_is_in_the_file(rich):
    body = text(export_of(rich))
    for person in (rich.mentor, rich.protege):
        assert person.email not in body
        assert person.password_hash not in body


def test_sentinel_the_partners_private_content_appears_in_no_export(rich):
    """The protégé's private goal, note and feedback: only in the protégé's own file."""
    mentors = text(export_of(rich, "mentor"))
    proteges = text(export_of(rich, "protege"))
    for sentinel in SENTINELS:
        assert sentinel not in mentors
        assert sentinel in proteges
    assert "The mentor's private note" in mentors
    assert "The mentor's private note" not in proteges
    assert "My own reminder" not in proteges


def without_partner(data, role):
    """An export as an import keeps it: people in other roles than the importer's are not
    carried (their accounts stay on the old server), and the export's own time differs."""
    data = json.loads(json.dumps(data))
    data.pop("exported_at")
    content = data["content"]
    content["pairs"]["members"] = [m for m in content["pairs"]["members"] if m["exporter"]]
    people = ("author", "observer", "observed", "for", "done_by")
    for feature in content.values():
        for rows in feature.values():
            for row in rows if isinstance(rows, list) else ():
                for key in people:
                    if key in row and row[key] != role:
                        row[key] = None
    return data


def test_round_trip_export_import_export_gives_the_same_content(rich, make_user, login):
    first = export_of(rich).get_json()
    newcomer = make_user("Mentor Mo", email="mo@elsewhere.org")
    session = login(newcomer)
    response = upload(session, first)
    assert response.status_code == 303, plain(response)
    pair = Pair.select().order_by(Pair.id.desc()).first()
    assert pair.id != rich.pair.id
    assert response.headers["Location"] == f"/pairs/{pair.id}/members"
    member = Membership.get(Membership.pair == pair.id)
    assert (member.user_id, member.role) == (newcomer.id, "mentor")
    second = session.get(f"/pairs/{pair.id}/export.json").get_json()
    assert without_partner(second, "mentor") == without_partner(first, "mentor")
    # The pair's own history says it came from a file, once.
    events = Revision.select().where((Revision.pair == pair.id) & (Revision.feature == "export"))
    assert [e.action for e in events] == ["import"]
    page = session.get(f"/pairs/{pair.id}/history")
    assert "imported this pair from a file" in plain(page)


def test_imported_private_items_stay_private_to_the_importer(rich, make_user, login):
    first = export_of(rich, "protege").get_json()
    newcomer = make_user("Pat Again", email="pat@elsewhere.org")
    session = login(newcomer)
    assert upload(session, first).status_code == 303
    pair = Pair.select().order_by(Pair.id.desc()).first()
    plan = plain(session.get(f"/pairs/{pair.id}/plan"))
    assert SENTINELS[1] in plan
    partner = make_user("Someone Else", email="else@elsewhere.org")
    Membership.create(pair=pair, user=partner, role="mentor")
    seen = plain(login(partner).get(f"/pairs/{pair.id}/plan"))
    assert SENTINELS[1] not in seen and SENTINELS[0] not in seen
    exported = text(login(partner).get(f"/pairs/{pair.id}/export.json"))
    for sentinel in SENTINELS:
        assert sentinel not in exported


def test_the_export_page_says_what_the_file_holds(rich):
    response = rich.as_("mentor").get(rich.url("/export"))
    assert response.status_code == 200
    body = plain(response)
    assert "Your partner's private items are never in it." in body
    assert f'href="/pairs/{rich.pair.id}/export.json"' in text(response)
    assert "/pairs/import" in text(response)


def test_strangers_get_404_and_gets_change_nothing(rich, db_dump):
    stranger = rich.as_("stranger")
    before = db_dump()
    for path in ("/export", "/export.json"):
        assert stranger.get(rich.url(path)).status_code == 404
        assert rich.as_("mentor").get(rich.url(path)).status_code == 200
    assert rich.as_("mentor").get("/pairs/import").status_code == 200
    assert db_dump() == before


def test_logged_out_people_are_sent_to_log_in(client):
    for path in ("/pairs/1/export", "/pairs/1/export.json", "/pairs/import", "/account/data.json"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]


def test_links_to_export_and_import(rich):
    mentor = rich.as_("mentor")
    assert f'href="/pairs/{rich.pair.id}/export"' in text(mentor.get(rich.url("/members")))
    dashboard = plain(mentor.get("/"))
    assert "Import a pair from a file" in dashboard
    assert csrf_from(text(mentor.get("/pairs/import")))


DOCS = SCHEMA_PATH.parents[2] / "docs"


def test_the_schema_is_documented_and_names_every_exporting_feature(app):
    assert json.loads((DOCS / "export.schema.json").read_text(encoding="utf-8")) == SCHEMA
    parts = SCHEMA["properties"]["content"]
    with app.app_context():
        names = [feature.name for feature in exporting_features()]
    assert parts["required"] == names
    doc = (DOCS / "export.md").read_text(encoding="utf-8")
    for name in names:
        assert f"## `content.{name}`" in doc
        for key, value in parts["properties"][name]["properties"].items():
            assert f"`{key}`" in doc, f"content.{name}.{key} is not in docs/export.md"
            for field in value.get("items", {}).get("properties", {}):
                assert f"`{field}`" in doc, f"{name}.{key}.{field} is not in docs/export.md"


def test_a_pair_with_no_plan_yet_round_trips(make_plan_world, make_user, login):
    world = make_plan_world(template=None)
    first = export_of(world).get_json()
    assert first["content"]["plan"]["template"] is None
    session = login(make_user("Mentor Mo", email="mo@elsewhere.org"))
    assert upload(session, first).status_code == 303
    pair = Pair.select().order_by(Pair.id.desc()).first()
    second = session.get(f"/pairs/{pair.id}/export.json").get_json()
    assert without_partner(second, "mentor") == without_partner(first, "mentor")
    assert session.get(f"/pairs/{pair.id}/plan").status_code == 200
