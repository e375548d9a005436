"""Answers are gzipped when the browser accepts it (and only then), whatever made them."""

import gzip

import pytest
from conftest import HTMX_PARTIAL, text
from flask import Response

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.fixture
def routes(app):
    """A few answers of kinds the app's pages do not make (yet)."""
    app.add_url_rule("/t/big", "big", lambda: "word " * 2000)
    app.add_url_rule("/t/small", "small", lambda: "word " * 10)
    app.add_url_rule(
        "/t/binary", "binary", lambda: Response(b"\0" * 5000, mimetype="application/octet-stream")
    )
    app.add_url_rule(
        "/t/encoded",
        "encoded",
        lambda: Response(gzip.compress(b"a" * 5000), headers={"Content-Encoding": "gzip"}),
    )
    app.add_url_rule(
        "/t/stream",
        "stream",
        lambda: Response((b"line\n" for _ in range(1000)), mimetype="text/plain"),
    )
    return app


def vary(response):
    return {part.strip() for part in response.headers.get("Vary", "").split(",")}


@pytest.mark.parametrize(
    "accept", ["gzip", "gzip, deflate, br, zstd", "br;q=1.0, gzip;q=0.8", "*"], ids=str
)
def test_a_page_is_gzipped_when_the_browser_accepts_it(client, routes, accept):
    response = client.get("/t/big", headers={"Accept-Encoding": accept})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in vary(response)
    body = response.get_data()
    assert int(response.headers["Content-Length"]) == len(body) < 1000
    assert gzip.decompress(body).decode() == "word " * 2000


@pytest.mark.parametrize("accept", [None, "identity", "br", "gzip;q=0", "deflate"], ids=str)
def test_not_gzipped_unless_accepted(client, routes, accept):
    headers = {"Accept-Encoding": accept} if accept else {}
    response = client.get("/t/big", headers=headers)
    assert "Content-Encoding" not in response.headers
    assert text(response) == "word " * 2000
    # A cache must still tell the two apart.
    assert "Accept-Encoding" in vary(response)


def test_small_binary_encoded_and_streamed_answers_are_left_alone(client, routes):
    small = client.get("/t/small", headers=GZIP)
    assert "Content-Encoding" not in small.headers and text(small) == "word " * 10
    binary = client.get("/t/binary", headers=GZIP)
    assert "Content-Encoding" not in binary.headers and binary.get_data() == b"\0" * 5000
    encoded = client.get("/t/encoded", headers=GZIP)
    assert gzip.decompress(encoded.get_data()) == b"a" * 5000  # compressed once, not twice
    stream = client.get("/t/stream", headers=GZIP)
    assert "Content-Encoding" not in stream.headers and stream.get_data() == b"line\n" * 1000


def test_htmx_fragments_and_empty_answers(plan_world):
    world = plan_world
    browser = world.as_("mentor")
    client = browser.client  # the raw client: Browserish reads pages as text
    field = world.field("roles")
    fragment = client.get(
        world.unit_url("field", field.id, "/edit"), headers={**HTMX_PARTIAL, **GZIP}
    )
    assert fragment.status_code == 200 and fragment.headers["Content-Encoding"] == "gzip"
    assert b'<div id="u-field-' in gzip.decompress(fragment.get_data())
    page = browser.get(world.url("/plan"))
    since = page.get_data(as_text=True).split("/plan/changes?since=", 1)[1].split('"', 1)[0]
    poll = client.get(world.url(f"/plan/changes?since={since}"), headers={**HTMX_PARTIAL, **GZIP})
    assert poll.status_code == 204 and poll.get_data() == b""
    assert "Content-Encoding" not in poll.headers


def test_static_files_are_gzipped_once_and_still_revalidate(client):
    url = "/static/vendor/htmx-4.0.1.min.js"
    plain = client.get(url)
    original = plain.get_data()
    plain.close()
    first = client.get(url, headers=GZIP)
    second = client.get(url, headers=GZIP)
    assert first.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(first.get_data()) == original
    assert second.get_data() == first.get_data()  # kept, not compressed again
    assert int(second.headers["Content-Length"]) == len(second.get_data())
    # A compressed copy is another representation: weak ETag, no byte ranges of it.
    etag = first.headers["ETag"]
    assert etag.startswith('W/"') and "Accept-Ranges" not in first.headers
    again = client.get(url, headers={**GZIP, "If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    for response in (first, second, again):
        response.close()
