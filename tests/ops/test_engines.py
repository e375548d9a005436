"""What must hold on both engines (SQLite and PostgreSQL): no lost update, live updates
across server processes. `make test` runs this file on each."""

import os
import subprocess
import sys
import textwrap
import threading

import engine
from conftest import HTMX_PARTIAL, PASSWORD, plain

from pairapp.models import PlanField, Revision

SAVERS = 6


def test_concurrent_saves_of_one_version_keep_the_200_409_rule(plan_world):
    world = plan_world
    field = world.field("roles")
    # Each saver in their own browser session, all holding the same version of the field.
    sessions = [world.new_session("mentor" if i % 2 else "protege") for i in range(SAVERS)]
    start = threading.Barrier(SAVERS)
    statuses = [None] * SAVERS

    def saver(index):
        data = world.edit_data(field, "field", value=f"Text from saver {index}")
        start.wait()
        response = sessions[index].post(world.unit_url("field", field.id), data, htmx=True)
        statuses[index] = response.status_code

    threads = [threading.Thread(target=saver, args=(i,)) for i in range(SAVERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [200] + [409] * (SAVERS - 1), statuses
    winner = statuses.index(200)
    saved = PlanField.get_by_id(field.id)
    assert saved.value == f"Text from saver {winner}"
    assert saved.version == field.version + 1
    edits = Revision.select().where(
        (Revision.kind == "field") & (Revision.object_id == field.id) & (Revision.action == "edit")
    )
    # No lost update: the one recorded change is the one that was saved.
    assert [r.new_value for r in edits] == [f"Text from saver {winner}"]


# A second server process on the same database: the protégé logs in there and polls.
OTHER_PROCESS = textwrap.dedent(
    """
    import re, sys
    from pairapp import create_app

    app = create_app({"TESTING": True})
    client = app.test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                      client.get("/login").get_data(as_text=True)).group(1)
    login = client.post("/login", data={"email": sys.argv[1], "password": sys.argv[2],
                                        "csrf_token": token})
    print("@@", "logged-in", login.status_code, flush=True)
    for line in sys.stdin:
        response = client.get(line.strip(), headers={"HX-Request": "true",
                                                     "HX-Request-Type": "partial"})
        body = response.get_data(as_text=True)
        print("@@", response.status_code,
              "partner-text" if "Pat and Mo, live" in body else "-", flush=True)
    """
)


def other_process_environment(app):
    """The environment of a second server process on the test app's database."""
    environment = {
        **os.environ,
        "PAIRAPP_SECRET_KEY": "another-process",
        "PAIRAPP_HTMX": "local",
        "PAIRAPP_SECURE_COOKIES": "0",
    }
    if engine.ON_POSTGRES:
        environment["DATABASE_URL"] = app.config["DATABASE_URL"]
    else:
        environment.pop("DATABASE_URL", None)
        environment["PAIRAPP_DATABASE"] = app.config["DATABASE"]
    return environment


def test_a_second_server_process_sees_a_partners_live_update(plan_world, app):
    world = plan_world
    since = world.pair.change_counter
    poll = world.url(f"/plan/changes?since={since}")
    with subprocess.Popen(
        [sys.executable, "-c", OTHER_PROCESS, world.protege.email, PASSWORD],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=other_process_environment(app),
    ) as other:

        def answer():
            # Its log lines go to stdout too: the answers are the lines marked @@.
            while not (line := other.stdout.readline()).startswith("@@"):
                assert line, "the other process ended"
            return line.split()[1:]

        def other_polls():
            other.stdin.write(poll + "\n")
            other.stdin.flush()
            return answer()

        assert answer() == ["logged-in", "303"]
        assert other_polls() == ["204", "-"]

        # The mentor saves through this process's app.
        field = world.field("roles")
        assert world.save("mentor", "field", field, value="Pat and Mo, live").status_code == 303

        assert other_polls() == ["200", "partner-text"]
        # And this process's app shows it to the protégé too.
        here = world.as_("protege").get(poll, headers=HTMX_PARTIAL)
        assert here.status_code == 200 and "Pat and Mo, live" in plain(here)
        other.stdin.close()
