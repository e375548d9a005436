"""Shared fixtures: an app on a temporary SQLite file, clients, users and pairs."""

import datetime
import functools
import html
import os
import re
import shutil
import sqlite3
import sys
from html.parser import HTMLParser

import engine
import pytest
from jinja2 import BytecodeCache
from werkzeug.security import generate_password_hash

from pairapp import create_app
from pairapp.core.access import new_token
from pairapp.core.models import Membership, Pair, User, utcnow
from pairapp.db import close_all
from pairapp.pairs.models import Invite

PASSWORD = "correct horse battery"


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates shared by every test's app (keyed by the template's source)."""

    def __init__(self):
        self.store = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _MemoryBytecodeCache()


engine.check_settings()


def pytest_report_header(config):
    if engine.ON_POSTGRES:
        return "database engine: PostgreSQL (PAIRAPP_TEST_ENGINE=postgres)"
    return "database engine: SQLite"


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory):
    """A database with every migration applied, copied for each test (faster than migrating).

    On PostgreSQL: a migrated throwaway schema (an engine.Schema), emptied for each test.
    """
    if engine.ON_POSTGRES:
        schema = engine.Schema()
        close_all(create_app(app_config(schema)).extensions["database"])
        yield schema
        schema.drop()
        return
    path = tmp_path_factory.mktemp("migrated") / "pairapp.sqlite3"
    create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE": str(path), "DATABASE_URL": None})
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    yield path


def app_config(database):
    """The settings every test app runs with, on its own SQLite file (or PostgreSQL schema)."""
    on_postgres = isinstance(database, engine.Schema)
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE": "" if on_postgres else str(database),
        "DATABASE_URL": database.url if on_postgres else None,
        "HTMX_SOURCE": "local",
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_SECURE": False,
        "RATELIMIT_ENABLED": True,
        "SIGNUP": "open",
    }


def text(response):
    """A response's body as text."""
    return response.get_data(as_text=True)


def plain(response):
    """A response's HTML with entities decoded, for looking up typed text."""
    return html.unescape(text(response))


@pytest.fixture
def app(tmp_path, migrated_database):
    """A fresh app on its own SQLite file (never :memory:: connections close per request)."""
    if engine.ON_POSTGRES:
        migrated_database.empty()
        database = migrated_database
    else:
        database = tmp_path / "test.sqlite3"
        shutil.copyfile(migrated_database, database)
    app = create_app(app_config(database))
    # Speed only: each app would otherwise compile every template again.
    app.jinja_env.bytecode_cache = _COMPILED_TEMPLATES
    yield app
    # A connection the test itself opened (outside any request) is closed, not leaked.
    close_all(app.extensions["database"])


@pytest.fixture
def client(app):
    """A test client with CSRF switched on, as in production."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """The app's CLI runner."""
    return app.test_cli_runner()


def csrf_from(html):
    """The CSRF token a page carries."""
    # Forms may carry a prefix ("goal-5-csrf_token") when several are open on one page.
    match = re.search(r'name="(?:[\w-]+-)?csrf_token"(?: type="hidden")? value="([^"]+)"', html)
    assert match, "page has no CSRF field"
    return match.group(1)


class Browserish:
    """A test client that remembers the page's CSRF token and posts with it."""

    def __init__(self, client):
        self.client = client
        self.token = None

    def get(self, url, **kwargs):
        response = self.client.get(url, **kwargs)
        if not response.mimetype.startswith("text/"):
            return response  # a file (the printout's PDF) has no form to take a token from
        text = response.get_data(as_text=True)
        if "csrf_token" in text:
            self.token = csrf_from(text)
        return response

    def post(self, url, data=None, csrf=True, htmx=False, **kwargs):
        data = dict(data or {})
        if csrf:
            if self.token is None:
                self.get("/login")
            data.setdefault("csrf_token", self.token)
        headers = kwargs.pop("headers", {})
        if htmx:
            headers.update({"HX-Request": "true", "HX-Request-Type": "partial"})
        return self.client.post(url, data=data, headers=headers, **kwargs)


@pytest.fixture
def make_user(app):
    """Create a user directly in the database."""

    def make(name="Mentor Mo", email=None, password=PASSWORD, **fields):
        email = email or f"{name.split()[0].lower()}@example.org"
        user = User(email=email, display_name=name, **fields)
        user.set_password(password)
        user.save()
        return user

    return make


@pytest.fixture
def login(app):
    """Log a user in on a fresh client; returns a Browserish session."""

    def do(user, password=PASSWORD):
        session = Browserish(app.test_client())
        session.get("/login")
        response = session.post("/login", {"email": user.email, "password": password})
        assert response.status_code == 303, response.get_data(as_text=True)
        return session

    return do


@pytest.fixture
def make_pair(app):
    """Create a pair with the given members: make_pair(mentor=u1, protege=u2)."""

    def make(title="Sam and Alex", start=None, **members):
        pair = Pair.create(title=title, start_date=start or datetime.date(2026, 9, 1))
        for role, user in members.items():
            Membership.create(pair=pair, user=user, role=role)
        return pair

    return make


@pytest.fixture
def fast_hashing(monkeypatch):
    """Cheap password hashes, so tests that make many accounts stay quick."""
    cheap = functools.partial(generate_password_hash, method="pbkdf2:sha256:1000")
    monkeypatch.setattr(sys.modules[User.__module__], "generate_password_hash", cheap)


@pytest.fixture
def make_invite(app):
    """Create an invite directly: make_invite(pair, "protege", used_by=u) -> (invite, token)."""

    def make(pair, role="protege", by=None, expires_in=None, used_by=None, revoked=False):
        token, token_hash = new_token()
        now = utcnow()
        invite = Invite.create(
            pair=pair,
            role=role,
            token_hash=token_hash,
            created_by=by,
            expires_at=now + (expires_in or datetime.timedelta(days=7)),
            used_at=now if used_by else None,
            used_by=used_by,
            revoked_at=now if revoked else None,
        )
        return invite, token

    return make


@pytest.fixture
def db_dump(app, migrated_database):
    """The whole database as SQL text, to prove a request changed nothing (or hid a secret)."""

    def dump():
        if engine.ON_POSTGRES:
            return migrated_database.dump()
        connection = sqlite3.connect(app.config["DATABASE"])
        try:
            return "\n".join(connection.iterdump())
        finally:
            connection.close()

    return dump


class _StartTags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def tags(html, tag=None, **attrs):
    """The attributes of each start tag `tag` whose attributes include `attrs`."""
    parser = _StartTags()
    parser.feed(html)
    return [
        found
        for name, found in parser.found
        if (tag is None or name == tag) and all(found.get(k) == v for k, v in attrs.items())
    ]


def by_id(html, element_id):
    """The attributes of the one element with this id."""
    (found,) = tags(html, id=element_id)
    return found


# --- the shared plan (issue 3) -----------------------------------------------------------

HTMX_PARTIAL = {"HX-Request": "true", "HX-Request-Type": "partial"}


class PlanWorld:
    """A pair (mentor and protégé, plus a stranger in no pair) whose plan has started."""

    def __init__(self, app, login, pair, **people):
        self.app, self.login, self.pair = app, login, pair
        self.people = people
        for role, user in people.items():
            setattr(self, role, user)
        self._sessions = {}

    def url(self, path=""):
        """A URL of this pair."""
        return f"/pairs/{self.pair.id}{path}"

    def unit_url(self, type_name, unit_id, action=""):
        return self.url(f"/{type_name}/{unit_id}{action}")

    def as_(self, who):
        """A logged-in session of "mentor", "protege" or "stranger" (one per person)."""
        if who not in self._sessions:
            self._sessions[who] = self.login(self.people[who])
        return self._sessions[who]

    def new_session(self, who):
        """A second, separate session for the same person (another browser)."""
        return self.login(self.people[who])

    def field(self, key):
        """One PlanField of the pair, fresh from the database."""
        from pairapp.models import PlanField

        return PlanField.get((PlanField.pair == self.pair.id) & (PlanField.key == key))

    def add(self, who, type_name, htmx=False, private=False, **values):
        """Add a list item through the add form; returns the response."""
        data = {f"new-{type_name}-{name}": value for name, value in values.items()}
        if private:
            data["private"] = "yes"
        return self.as_(who).post(self.url(f"/{type_name}/new"), data, htmx=htmx)

    def edit_data(self, unit, type_name, version=None, **values):
        """The edit form's fields, as the edit form would send them, with some values changed."""
        from pairapp.core.versioning import current_value, to_text

        unit_type = self.app.extensions["pairapp.registry"].unit_types[type_name]
        prefix = f"{type_name}-{unit.id}-"
        data = {}
        for name in unit_type.fields:
            value = to_text(current_value(unit, name))
            if name == "done":
                if value == "yes":
                    data[prefix + name] = "y"
                continue
            data[prefix + name] = value
        for name, value in values.items():
            if value is None:
                data.pop(prefix + name, None)
            else:
                data[prefix + name] = value
        data[prefix + "version"] = str(unit.version if version is None else version)
        return data

    def save(self, who, type_name, unit, htmx=False, version=None, extra=None, **values):
        """Save a unit through its edit form; returns the response."""
        data = self.edit_data(unit, type_name, version, **values)
        data.update(extra or {})
        return self.as_(who).post(self.unit_url(type_name, unit.id), data, htmx=htmx)


@pytest.fixture(scope="session")
def _shared_app(tmp_path_factory, migrated_database):
    if engine.ON_POSTGRES:
        database = migrated_database
    else:
        database = tmp_path_factory.mktemp("shared") / "test.sqlite3"
        shutil.copyfile(migrated_database, database)
    app = create_app(app_config(database))
    app.jinja_env.bytecode_cache = _COMPILED_TEMPLATES
    yield app
    close_all(app.extensions["database"])


@pytest.fixture
def reused_app(_shared_app, migrated_database):
    """Like `app`, but one app for the session on a fresh database (speed: building an app
    costs more than most tests). A test module opts in by overriding `app` with it."""
    from pairapp.db import db
    from pairapp.extensions import limiter

    app = _shared_app
    database = app.extensions["database"]
    if not database.is_closed():
        database.close()
    if engine.ON_POSTGRES:
        migrated_database.empty()
    else:
        _replace_database(app.config["DATABASE"], migrated_database)
    db.initialize(database)  # another test's app may have taken the shared proxy
    limiter.reset()
    return app


def _replace_database(target, source):
    """Put a copy of the source database file in place of the target (closed) one."""
    for suffix in ("-wal", "-shm"):
        if os.path.exists(target + suffix):
            os.remove(target + suffix)
    shutil.copyfile(source, target)


@pytest.fixture
def no_fsync(app):
    """Speed only: commits skip the fsync (these tests are not about surviving a power cut)."""
    database = app.extensions["database"]
    if engine.ON_POSTGRES:
        return
    pragmas = [(k, v) for k, v in database._pragmas if k != "synchronous"]
    database._pragmas = [*pragmas, ("synchronous", "off")]
    if not database.is_closed():
        database.close()


def _seed_plan_world(template):
    """The people and pairs of a PlanWorld, in the current app's database."""
    from pairapp.plan.data import start_plan

    people = {}
    for role, name in (
        ("mentor", "Mentor Mo"),
        ("protege", "Protege Pat"),
        ("stranger", "Stranger Stan"),
    ):
        user = User(email=f"{role}@example.org", display_name=name)
        user.password_hash = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
        user.save()
        people[role] = user
    pair = Pair.create(title="Mo and Pat", start_date=datetime.date(2026, 9, 1))
    Membership.create(pair=pair, user=people["mentor"], role="mentor")
    Membership.create(pair=pair, user=people["protege"], role="protege")
    own = Pair.create(title="Stan's own", start_date=datetime.date(2026, 9, 1))
    Membership.create(pair=own, user=people["stranger"], role="mentor")
    if template:
        start_plan(pair, template, people["mentor"].id)
    return pair.id, {role: user.id for role, user in people.items()}


@pytest.fixture(scope="session")
def full_plan_database(migrated_database, tmp_path_factory):
    """A database with a pair whose full plan has started, copied for each test (faster).

    On PostgreSQL: None; each test seeds its own.
    """
    if engine.ON_POSTGRES:
        return None
    path = tmp_path_factory.mktemp("full_plan") / "pairapp.sqlite3"
    shutil.copyfile(migrated_database, path)
    create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE": str(path), "DATABASE_URL": None})
    ids = _seed_plan_world("full")
    from pairapp.db import db

    db.close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return path, ids


@pytest.fixture
def make_plan_world(app, login, no_fsync, full_plan_database):
    """make_plan_world(template="full") -> a PlanWorld; template=None leaves the plan unstarted."""

    def make(template="full"):
        if template == "full" and full_plan_database:
            seeded, (pair_id, ids) = full_plan_database
            database = app.extensions["database"]
            if not database.is_closed():
                database.close()
            _replace_database(app.config["DATABASE"], seeded)
        else:
            pair_id, ids = _seed_plan_world(template)
        people = {role: User.get_by_id(user_id) for role, user_id in ids.items()}
        return PlanWorld(app, login, Pair.get_by_id(pair_id), **people)

    return make


@pytest.fixture
def plan_world(make_plan_world):
    """A pair whose plan started from the full template."""
    return make_plan_world()


@pytest.fixture
def queries(app, monkeypatch):
    """queries(fetch) -> (response, the SQL statements the request ran)."""
    from pairapp.db import db

    database = db.obj
    executed = []
    original = database.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        executed.append(sql)
        return original(sql, params, *args, **kwargs)

    monkeypatch.setattr(database, "execute_sql", counting)

    def run(fetch):
        executed.clear()
        response = fetch()
        return response, list(executed)

    return run


# --- administration (issue 10) ------------------------------------------------------------


@pytest.fixture
def admin_user(make_user, fast_hashing):
    """An admin who is in no pair."""
    return make_user("Ada Admin", email="ada@example.org", is_admin=True)


@pytest.fixture
def person(make_user, fast_hashing):
    """Someone with an account who is not an admin."""
    return make_user("Pat Person", email="pat@example.org")


@pytest.fixture
def as_admin(login, admin_user):
    """The admin's logged-in session."""
    return login(admin_user)


@pytest.fixture
def as_person(login, person):
    """The non-admin's logged-in session."""
    return login(person)
