"""Static files have versioned URLs (a hash of their content) that browsers keep for a year."""

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from conftest import tags, text

IMMUTABLE = "public, max-age=31536000, immutable"
STATIC = Path(__file__).resolve().parents[2] / "static"


def static_urls(html):
    found = [t.get("href") for t in tags(html, "link", rel="stylesheet")]
    found += [t.get("src") for t in tags(html, "script") if t.get("src")]
    found += [t["data-local"] for t in tags(html, "script") if t.get("data-local")]
    return [url for url in found if url.startswith("/static/")]


@pytest.mark.parametrize("htmx", ["local", "cdn"])
def test_every_static_url_carries_the_hash_of_its_file(app, client, htmx):
    app.config["HTMX_SOURCE"] = htmx
    urls = static_urls(text(client.get("/login")))
    assert len(urls) >= 4  # Pico, app.css, app.js and htmx (or its fallback and data-local)
    for url in urls:
        path, version = re.fullmatch(r"/static/([^?]+)\?v=([0-9a-f]{12})", url).groups()
        digest = hashlib.sha256((STATIC / path).read_bytes()).hexdigest()
        assert version == digest[:12], url


def test_a_versioned_file_is_cached_for_a_year_and_the_rest_revalidate(client):
    (url,) = [u for u in static_urls(text(client.get("/login"))) if "app.css" in u]
    current = client.get(url)
    assert current.status_code == 200 and current.headers["Cache-Control"] == IMMUTABLE
    for other in ("/static/app.css", "/static/app.css?v=0123456789ab"):
        response = client.get(other)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-cache"  # revalidated by its ETag
        response.close()
    current.close()
    # Pages still say no-store: they hold people's plans.
    assert client.get("/login").headers["Cache-Control"] == "no-store"


def test_a_changed_file_gets_a_new_url(app, client, tmp_path):
    folder = tmp_path / "static"
    shutil.copytree(STATIC, folder)
    app.static_folder = str(folder)
    (before,) = [u for u in static_urls(text(client.get("/login"))) if "app.js" in u]
    with (folder / "app.js").open("a") as handle:
        handle.write("\n// changed\n")
    (after,) = [u for u in static_urls(text(client.get("/login"))) if "app.js" in u]
    assert before != after
    old = client.get(before)
    assert old.headers["Cache-Control"] == "no-cache"  # an old version is never pinned
    assert old.get_data().endswith(b"// changed\n")
    old.close()
    new = client.get(after)
    assert new.headers["Cache-Control"] == IMMUTABLE
    new.close()


def test_every_block_of_app_css_is_closed():
    """An unclosed `@media print {` once turned every later rule into a print-only one."""
    css = re.sub(r"/\*.*?\*/", "", (STATIC / "app.css").read_text(), flags=re.S)
    depth = 0
    for char in css:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0
