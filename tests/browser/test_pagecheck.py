"""The page checker itself: it must catch each kind of problem, with and without JavaScript."""

import pytest

# No lang, an input without a label, a box wider than a phone, misnested tags, a missing image.
BROKEN = """<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Broken</title></head>
<body>
<main>
<p>This page breaks every rule.</p>
<div style="width: 900px">Too wide</div>
<input type="text" name="nameless">
<p><div>Misnested</p></div>
<img src="/no-such-image.png" alt="">
</main>
</body>
</html>
"""


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_checker_reports_scroll_axe_and_html_problems(new_person, live_server, javascript):
    person = new_person("tester", "laptop", javascript=javascript)
    person.context.route(
        f"{live_server}/broken",
        lambda route: route.fulfill(content_type="text/html; charset=utf-8", body=BROKEN),
    )
    person.page.goto(f"{live_server}/broken")
    with pytest.raises(AssertionError) as failure:
        person.check()
    report = str(failure.value)
    assert "console error: Failed to load resource" in report
    assert "horizontal scroll at 360 px" in report
    assert "div (right edge" in report
    assert "axe-core:" in report
    assert "html-has-lang" in report
    assert "label" in report
    assert "Nu HTML Checker:" in report
    assert "No “p” element in scope but a “p” end tag seen." in report
    # At laptop width the box fits: only the 360 px check complains.
    assert "horizontal scroll at 1280 px" not in report


def test_htmx_attributes_must_be_written_data_hx(page_checker):
    """Templates write data-hx-* with "_" for htmx's ":" (metaCharacter); bare hx-* is invalid."""
    page_checker.check_fragment(
        '<form data-hx-post="/x" data-hx-target="#y"></form><div data-hx-get_inherited="/z"></div>'
    )
    with pytest.raises(AssertionError, match="Attribute “hx-post” not allowed"):
        page_checker.check_fragment('<form hx-post="/x"></form>')
    with pytest.raises(AssertionError, match="Attribute “colour” not allowed"):
        page_checker.check_fragment('<p colour="red">Red</p>')
