"""Shared fixtures: an app on a temporary SQLite file, clients, users and pairs."""

import datetime
import re

import pytest

from pairapp import create_app
from pairapp.models import Membership, Pair, User

PASSWORD = "correct horse battery"


@pytest.fixture
def app(tmp_path):
    """A fresh app on its own SQLite file (never :memory:: connections close per request)."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE": str(tmp_path / "test.sqlite3"),
            "DATABASE_URL": None,
            "HTMX_SOURCE": "local",
            "SESSION_COOKIE_SECURE": False,
            "REMEMBER_COOKIE_SECURE": False,
            "RATELIMIT_ENABLED": True,
            "SIGNUP": "open",
        }
    )
    yield app


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
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, "page has no CSRF field"
    return match.group(1)


class Browserish:
    """A test client that remembers the page's CSRF token and posts with it."""

    def __init__(self, client):
        self.client = client
        self.token = None

    def get(self, url, **kwargs):
        response = self.client.get(url, **kwargs)
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
