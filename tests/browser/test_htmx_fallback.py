"""htmx from the pinned CDN, and the vendored copy when the CDN does not answer."""

import re
import shutil

import pytest
from conftest import app_config

from pairapp import create_app

CDN_URL = "https://cdn.jsdelivr.net/npm/htmx.org@4.0.1/dist/htmx.min.js"


@pytest.fixture
def app(tmp_path, migrated_database):
    """The app as installed by default: htmx from the CDN, with the local fallback."""
    database = tmp_path / "test.sqlite3"
    shutil.copyfile(migrated_database, database)
    return create_app({**app_config(database), "HTMX_SOURCE": "cdn"})


def test_unreachable_cdn_falls_back_to_the_vendored_htmx(live_server, browser):
    context = browser.new_context()
    page = context.new_page()
    blocked = []

    def unreachable(route):
        blocked.append(route.request.url)
        route.abort("internetdisconnected")

    page.route(re.compile(r"^https://cdn\.jsdelivr\.net/"), unreachable)
    page.goto(f"{live_server}/login")
    page.wait_for_load_state("networkidle")
    assert blocked == [CDN_URL]
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("window.htmx.version") == "4.0.1"
    scripts = page.evaluate("[...document.scripts].map((s) => s.src)")
    # The fallback loads the vendored file from its versioned URL (data-local).
    assert f"{live_server}/static/vendor/htmx-4.0.1.min.js" in [s.split("?v=")[0] for s in scripts]
    context.close()
