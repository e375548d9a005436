"""Security baseline: membership, CSRF, logged-out htmx, headers, htmx loading, safe GETs."""

import base64
import datetime
import hashlib
import json
import re
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import Browserish, csrf_from, tags
from werkzeug.routing import IntegerConverter

from pairapp.core.access import new_token
from pairapp.sharing.models import ShareLink

pytestmark = pytest.mark.usefixtures("fast_hashing")

ROOT = Path(__file__).resolve().parent.parent
HTMX_CDN = "https://cdn.jsdelivr.net/npm/htmx.org@4.0.1/dist/htmx.min.js"
HTMX_SRI = "sha384-Qp9rdC8H7EqOoX+nR0P3RPG2Noji+qdwJlGpfzwQJsfOpp3sGwIdSP9xO3+UlEhn"
HTMX_LOCAL = "/static/vendor/htmx-4.0.1.min.js"
HTMX = {"HX-Request": "true", "HX-Request-Type": "partial"}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
CSRF_PAGE = "This form has expired"

# The pair-scoped routes of the foundation (other features' routes are found in the URL map).
PAIR_ROUTES = [
    ("GET", "/pairs/{pair}"),
    ("POST", "/pairs/{pair}/invites"),
    ("POST", "/pairs/{pair}/invites/{invite}/revoke"),
    ("POST", "/pairs/{pair}/leave"),
]
FORM_DATA = {"/pairs/{pair}/invites": {"role": "colleague"}}

# Every unsafe route of the foundation, with data that would succeed with the token.
UNSAFE_ROUTES = {
    "/signup": {
        "display_name": "New Person",
        "email": "new@example.org",
        "password": "a long enough one",
    },
    "/login": {"email": "mentor@example.org", "password": "correct horse battery"},
    "/logout": {},
    "/account": {"display_name": "Renamed", "email": "mentor@example.org", "timezone": ""},
    "/account/password": {
        "current_password": "correct horse battery",
        "new_password": "another long password",
    },
    "/account/delete": {"confirm_password": "correct horse battery"},
    "/pairs/new": {"title": "New pair", "role": "mentor", "start_date": "2026-09-01"},
    "/pairs/{pair}/invites": {"role": "colleague"},
    "/pairs/{pair}/invites/{invite}/revoke": {},
    "/pairs/{pair}/leave": {},
    "/join/{token}": {},
}


@pytest.fixture
def world(app, make_user, make_pair, make_invite, login):
    """A pair of mentor and protégé with an open invite, and a stranger in a pair of their own."""
    mentor = make_user("Mentor Mo")
    protege = make_user("Protege Pat")
    stranger = make_user("Stranger Stan")
    pair = make_pair("Mo and Pat", mentor=mentor, protege=protege)
    make_pair("Stan's own", mentor=stranger)
    invite, token = make_invite(pair, "colleague", by=mentor)

    class World:
        pass

    w = World()
    w.app, w.pair, w.invite, w.token = app, pair, invite, token
    w.mentor, w.protege, w.stranger = mentor, protege, stranger
    w.login = login
    w.values = {"pair": pair.id, "invite": invite.id, "token": token}
    return w


def fill(template, world):
    return template.format(**world.values)


def send(browser, method, url, data=None, htmx=False, headers=None):
    headers = {**(headers or {}), **(HTMX if htmx else {})}
    if method == "GET":
        return browser.get(url, headers=headers)
    return browser.post(url, data or {}, headers=headers)


def anonymous(app):
    browser = Browserish(app.test_client())
    browser.get("/login")
    return browser


def rule_urls(app, world, methods, only=lambda rule: True, any_int=1):
    """(method, url) for every route in the URL map, filled with this world's ids."""
    adapter = app.url_map.bind("localhost")
    values = {"pair_id": world.pair.id, "invite_id": world.invite.id, "token": world.token}
    if any_int != 1:
        values = {"token": world.token}
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or not only(rule):
            continue
        args = {}
        for name in rule.arguments:
            numeric = isinstance(rule._converters[name], IntegerConverter)
            args[name] = values.get(name, any_int if numeric else "x")
        for method in sorted(rule.methods & (methods)):
            found.append((method, adapter.build(rule.endpoint, args, method=method)))
    return found


def pair_scoped(rule):
    return "pair_id" in rule.arguments


# --- membership --------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "route"), PAIR_ROUTES)
def test_non_member_gets_404(world, db_dump, method, route):
    url = fill(route, world)
    data = FORM_DATA.get(route)
    stranger = world.login(world.stranger)
    before = db_dump()
    assert send(stranger, method, url, data).status_code == 404
    assert send(stranger, method, url, data, htmx=method == "POST").status_code == 404
    assert db_dump() == before
    # The same request works for a member: the 404 is about membership.
    assert send(world.login(world.protege), method, url, data).status_code in (200, 303)


def test_every_pair_route_is_404_for_non_members(world, db_dump):
    urls = rule_urls(world.app, world, {"GET"} | UNSAFE, pair_scoped)
    assert {(m, fill(r, world)) for m, r in PAIR_ROUTES} <= set(urls)
    stranger = world.login(world.stranger)
    before = db_dump()
    wrong = {(m, u): s for m, u in urls if (s := send(stranger, m, u).status_code) != 404}
    assert wrong == {}
    assert db_dump() == before


@pytest.mark.parametrize("big", [2**31, 2**63, 10**30])
def test_ids_no_row_can_have_are_404_not_500(world, big):
    browser = world.login(world.mentor)
    urls = rule_urls(world.app, world, {"GET"} | UNSAFE, lambda rule: "int" in str(rule), big)
    assert ("GET", f"/pairs/{big}") in urls
    wrong = {}
    for method, url in urls:
        try:
            status = send(browser, method, url).status_code
        except Exception as error:  # list every broken route, not only the first
            status = repr(error)
        if status not in (404, 405):  # 405: the path matched a rule of another method
            wrong[(method, url)] = status
    assert wrong == {}


# --- CSRF --------------------------------------------------------------------------------


def session_for(world, route):
    """Who would succeed at this route: nobody for sign-up and log-in, else a member."""
    if route in ("/signup", "/login"):
        return anonymous(world.app)
    if route == "/join/{token}":
        return world.login(world.stranger)
    browser = world.login(world.mentor)
    browser.get("/account")
    return browser


@pytest.mark.parametrize("token", ["missing", "wrong", "other-session"])
@pytest.mark.parametrize("route", UNSAFE_ROUTES)
def test_unsafe_requests_need_the_csrf_token(world, db_dump, route, token):
    browser = session_for(world, route)
    data = dict(UNSAFE_ROUTES[route])
    if token == "wrong":
        data["csrf_token"] = "not-the-token"
    elif token == "other-session":
        data["csrf_token"] = anonymous(world.app).token
    before = db_dump()
    response = browser.post(fill(route, world), data, csrf=False)
    assert response.status_code == 400
    assert CSRF_PAGE in response.get_data(as_text=True)
    assert db_dump() == before


def test_every_unsafe_route_needs_the_csrf_token(world, db_dump):
    urls = rule_urls(world.app, world, UNSAFE)
    assert {fill(r, world) for r in UNSAFE_ROUTES} <= {u for _m, u in urls}
    browser = world.login(world.mentor)
    before = db_dump()
    wrong = {}
    for method, url in urls:
        response = browser.client.open(url, method=method, headers=HTMX)
        if response.status_code != 400:
            wrong[(method, url)] = response.status_code
    assert wrong == {}
    assert db_dump() == before


def test_htmx_sends_the_token_in_a_header(world):
    browser = world.login(world.mentor)
    page = browser.get(f"/pairs/{world.pair.id}").get_data(as_text=True)
    (body,) = tags(page, "body")
    header = json.loads(body["data-hx-headers_inherited"])
    assert header["X-CSRFToken"] == csrf_from(page)
    response = browser.client.post(
        f"/pairs/{world.pair.id}/invites", data={"role": "colleague"}, headers={**HTMX, **header}
    )
    assert response.status_code == 200
    assert 'id="invites"' in response.get_data(as_text=True)


# --- logged out --------------------------------------------------------------------------


def next_of(url):
    """The path of a login URL and its `next` targets."""
    parts = urlsplit(url)
    return parts.path, parse_qs(parts.query).get("next", [])


@pytest.mark.parametrize(("method", "route"), [*PAIR_ROUTES, ("GET", "/"), ("GET", "/account")])
def test_logged_out_htmx_gets_401_and_a_way_to_log_in(world, db_dump, method, route):
    browser = anonymous(world.app)
    url = fill(route, world)
    page = f"/pairs/{world.pair.id}?tab=members"
    before = db_dump()
    data = FORM_DATA.get(route)
    response = send(
        browser, method, url, data, headers={"HX-Current-URL": "http://localhost" + page}, htmx=True
    )
    assert response.status_code == 401
    # Back to the page htmx was on, not to the fragment's URL.
    assert next_of(response.headers["HX-Redirect"]) == ("/login", [page])
    foreign = {"HX-Current-URL": "https://evil.example/x"}
    response = send(browser, method, url, data, headers=foreign, htmx=True)
    assert next_of(response.headers["HX-Redirect"]) == ("/login", [])

    plain = send(browser, method, url, data)
    assert plain.status_code == 302
    # A GET comes back to the page; a form's target (POST only) would answer 405, so no next.
    assert next_of(plain.headers["Location"]) == ("/login", [url] if method == "GET" else [])
    assert db_dump() == before


def test_every_pair_route_sends_logged_out_htmx_to_login(world):
    browser = anonymous(world.app)
    urls = rule_urls(world.app, world, {"GET"} | UNSAFE, pair_scoped)
    wrong = {}
    for method, url in urls:
        response = send(browser, method, url, headers=dict(HTMX))
        if response.status_code != 401 or "HX-Redirect" not in response.headers:
            wrong[(method, url)] = response.status_code
    assert wrong == {}


# --- headers -----------------------------------------------------------------------------

PAGES = ["/login", "/signup", "/", "/pairs/{pair}", "/account", "/join/{token}", "/nowhere"]


def csp_of(response):
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("route", PAGES)
def test_security_headers(world, route):
    browser = world.login(world.stranger if "token" in route else world.mentor)
    if route in ("/login", "/signup"):
        browser = anonymous(world.app)
    response = browser.get(fill(route, world))
    assert response.status_code in (200, 404)
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    csp = csp_of(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]  # tests run with the local htmx
    assert csp["style-src"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert {"HX-Request", "HX-Request-Type"} <= set(response.vary)
    assert "Strict-Transport-Security" not in response.headers


@pytest.mark.parametrize("route", ["/", "/pairs/{pair}", "/join/{token}"])
def test_pages_with_pair_content_are_not_cached(world, route):
    browser = world.login(world.stranger if "token" in route else world.mentor)
    response = browser.get(fill(route, world))
    assert "no-store" in response.headers["Cache-Control"]


def test_fragments_are_not_cached_and_vary(world):
    browser = world.login(world.mentor)
    browser.get("/")
    response = browser.post(f"/pairs/{world.pair.id}/invites", {"role": "colleague"}, htmx=True)
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert {"HX-Request", "HX-Request-Type"} <= set(response.vary)


def test_hsts_over_https(world):
    response = world.app.test_client().get("/login", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_cookies_are_http_only_and_same_site(world):
    browser = anonymous(world.app)
    response = browser.post(
        "/login",
        {"email": "mentor@example.org", "password": "correct horse battery", "remember": "y"},
    )
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    for name in ("session", "remember_token"):
        assert "HttpOnly" in cookies[name] and "SameSite=Lax" in cookies[name]
    assert "Secure" not in cookies["session"]  # the test app runs without HTTPS...
    expires = re.search(r"Expires=([^;]+)", cookies["remember_token"]).group(1)
    lasts = parsedate_to_datetime(expires) - datetime.datetime.now(datetime.UTC)
    assert datetime.timedelta(days=29) < lasts <= datetime.timedelta(days=30)


def test_cookies_are_secure_by_default(monkeypatch, tmp_path):
    from pairapp import config

    monkeypatch.delenv("PAIRAPP_SECURE_COOKIES", raising=False)
    settings = {**config.FIXED, **config.from_environment(str(tmp_path))}
    assert settings["SESSION_COOKIE_SECURE"] and settings["REMEMBER_COOKIE_SECURE"]
    assert settings["SESSION_COOKIE_HTTPONLY"] and settings["REMEMBER_COOKIE_HTTPONLY"]
    assert settings["WTF_CSRF_TIME_LIMIT"] is None


# --- htmx loading and configuration -----------------------------------------------------


def scripts(html):
    return [t.get("src") for t in tags(html, "script")]


def unversioned(url):
    """A static URL without its version, which every static URL carries."""
    path, _, query = url.partition("?")
    if path.startswith("/static/"):
        assert re.fullmatch(r"v=[0-9a-f]{12}", query), url
    return path


def test_htmx_from_the_pinned_cdn_with_a_local_fallback(app, client):
    app.config["HTMX_SOURCE"] = "cdn"
    response = client.get("/login")
    html = response.get_data(as_text=True)
    found = tags(html, "script")
    srcs = [unversioned(t.get("src")) for t in found]
    cdn = srcs.index(HTMX_CDN)
    assert found[cdn]["integrity"] == HTMX_SRI
    assert found[cdn]["crossorigin"] == "anonymous"
    fallback = found[cdn + 1]
    assert unversioned(fallback["src"]) == "/static/htmx-fallback.js"
    assert unversioned(fallback["data-local"]) == HTMX_LOCAL
    assert HTMX_LOCAL not in srcs  # loaded only when the CDN copy did not arrive
    assert csp_of(response)["script-src"] == ["'self'", "https://cdn.jsdelivr.net"]
    script = client.get(fallback["src"])
    assert script.status_code == 200 and b"window.htmx" in script.data
    script.close()


def test_htmx_local_only(client):
    html = client.get("/login").get_data(as_text=True)
    srcs = [unversioned(src) for src in scripts(html)]
    assert HTMX_LOCAL in srcs
    assert not any("htmx" in (s or "") and s != HTMX_LOCAL for s in srcs)
    assert "cdn.jsdelivr.net" not in html


def test_vendored_htmx_is_the_pinned_file(client):
    """The fallback serves byte for byte what the CDN tag's integrity hash pins."""
    response = client.get(HTMX_LOCAL)
    assert response.status_code == 200
    digest = base64.b64encode(hashlib.sha384(response.data).digest()).decode()
    response.close()
    assert f"sha384-{digest}" == HTMX_SRI


def test_htmx_config_meta(client):
    html = client.get("/login").get_data(as_text=True)
    (meta,) = tags(html, "meta", name="htmx-config")
    config = json.loads(meta["content"])
    assert config["selfRequestsOnly"] is True
    assert config["allowScriptTags"] is False
    assert config["allowEval"] is False
    assert config["historyCacheSize"] == 0
    assert config["history"] is False


@pytest.mark.parametrize("route", PAGES)
def test_page_markup_basics(world, route):
    browser = world.login(world.stranger if "token" in route else world.mentor)
    html = browser.get(fill(route, world)).get_data(as_text=True)
    assert all(t.get("src") for t in tags(html, "script"))
    assert not tags(html, "style")
    assert not [t for t in tags(html) if "style" in t or any(k.startswith("on") for k in t)]
    assert '="None"' not in html
    ids = [t["id"] for t in tags(html) if "id" in t]
    assert sorted({i for i in ids if ids.count(i) > 1}) == []


# --- GET never changes anything ----------------------------------------------------------


@pytest.mark.parametrize("who", ["mentor", "stranger", "nobody"])
def test_no_get_changes_anything(world, db_dump, who):
    browser = anonymous(world.app) if who == "nobody" else world.login(getattr(world, who))
    urls = rule_urls(world.app, world, {"GET"})
    assert f"/join/{world.token}" in {u for _m, u in urls}
    share_token, share_hash = new_token()
    ShareLink.create(
        pair=world.pair, created_by=world.mentor, label="Sup", parts="plan", token_hash=share_hash
    )
    urls.append(("GET", f"/shared/{share_token}"))  # an open share link, not only a wrong one
    before = db_dump()
    broken = {}
    for _method, url in urls:
        for headers in ({}, HTMX):
            try:
                status = browser.get(url, headers=headers).status_code
            except Exception as error:  # list every broken page, not only the first
                status = repr(error)
            if not isinstance(status, int) or status >= 500:
                broken[url] = status
    assert broken == {}
    # The one exemption: opening a share link notes when (at most once a minute), for the
    # members' list of links. An access record, not pair content; everything else is equal.
    assert ShareLink.get().last_opened_at is not None
    ShareLink.update(last_opened_at=None).execute()
    assert db_dump() == before
