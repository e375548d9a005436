"""Identity (issue 11 line 8): the logo and favicon, the icon sprite, the web app manifest."""

import json
import re
from pathlib import Path

from conftest import tags, text

from pairapp import paths

ICON_CALL = re.compile(r"icon\(\s*'([\w-]+)'\s*\)")


def fetch(client, url):
    """(status, mimetype, body) of a static file, its file closed."""
    with client.get(url) as response:
        return response.status_code, response.mimetype, response.get_data()


def linked(page, rel):
    """The href of the page's <link rel=…>."""
    (link,) = tags(page, "link", rel=rel)
    return link["href"]


def test_every_page_links_the_favicon_manifest_and_shows_the_logo(client):
    page = text(client.get("/login"))
    assert re.fullmatch(r"/static/favicon\.svg\?v=[0-9a-f]{12}", linked(page, "icon"))
    assert re.fullmatch(r"/static/manifest\.webmanifest\?v=[0-9a-f]{12}", linked(page, "manifest"))
    (logo,) = [img for img in tags(page, "img") if "logo.svg" in img["src"]]
    assert logo["alt"] == ""  # the link's text says "pairapp"


def test_the_manifest_is_served_as_a_manifest_and_its_icons_exist(client):
    status, mimetype, body = fetch(client, "/static/manifest.webmanifest")
    assert status == 200
    assert mimetype == "application/manifest+json"
    manifest = json.loads(body)
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    assert manifest["name"] and manifest["short_name"] and manifest["theme_color"]
    purposes = set()
    for entry in manifest["icons"]:
        status, mimetype, png = fetch(client, f"/static/{entry['src']}")
        assert status == 200, entry
        assert mimetype == entry["type"], entry
        purposes.add(entry["purpose"])
        if entry["type"] == "image/png":
            width, height = entry["sizes"].split("x")
            assert png[:8] == b"\x89PNG\r\n\x1a\n"
            assert int.from_bytes(png[16:20]) == int(width)
            assert int.from_bytes(png[20:24]) == int(height)
    assert {"any", "maskable"} <= purposes


def test_the_favicon_and_logo_are_svg(client):
    for name in ("favicon.svg", "logo.svg", "icons.svg"):
        status, mimetype, _body = fetch(client, f"/static/{name}")
        assert (status, mimetype) == (200, "image/svg+xml")


def test_every_icon_a_template_draws_is_in_the_sprite():
    sprite = (paths.STATIC / "icons.svg").read_text()
    symbols = set(re.findall(r'<symbol id="([\w-]+)"', sprite))
    assert len(symbols) >= 10
    used = set()
    for template in Path(paths.TEMPLATES).rglob("*.html"):
        used |= set(ICON_CALL.findall(template.read_text()))
    assert used, "no template draws an icon"
    assert used <= symbols, used - symbols


def test_icons_are_hidden_from_screen_readers_and_sit_beside_words(make_user, login):
    page = text(login(make_user()).get("/"))
    icons = re.findall(r"<svg class=\"icon\"[^>]*>.*?</svg>(.{0,40})", page, re.S)
    assert icons
    assert all(
        'aria-hidden="true"' in svg for svg in re.findall(r"<svg class=\"icon\"[^>]*>", page)
    )
    assert all(after.strip(" <span>") for after in icons)  # words follow each icon
