"""The print view of the whole pair and its PDF through the test client."""

import io
import re

import pytest
from conftest import tags, text
from pypdf import PdfReader
from weasyprint import CSS
from whole_pair import SENTINEL, fill_pair

from pairapp.printout.pdf import file_name, laid_out

HEADINGS = (
    "Mentoring Action Plan",
    "Adapted monthly checklist",
    "Coaching summary",
    "Check-ins and reviews",
)
LONG_WORD = "Unbroken" + "x" * 292  # 300 characters, no place to break
STEPS = [f"Listed step number {n:02d}" for n in range(1, 41)]
BASE_URL = "http://localhost/"
PAPER = {"A4": (210, 297), "Letter": (215.9, 279.4)}  # millimetres
MM = 96 / 25.4  # CSS pixels per millimetre


@pytest.fixture
def app(reused_app):
    """One app for the module's tests, each on a fresh database (see conftest)."""
    return reused_app


@pytest.fixture
def world(plan_world):
    fill_pair(plan_world)
    return plan_world


def pdf_text(data):
    """The PDF's pages and its text with whitespace removed (a wrapped word joins again)."""
    reader = PdfReader(io.BytesIO(data))
    whole = "".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), "".join(whole.split())


def squeeze(words):
    return "".join(words.split())


def get_pdf(session, world):
    response = session.client.get(world.url("/printout.pdf"))
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="mo-and-pat.pdf"'
    return response.data


# --- the print view -----------------------------------------------------------------------


def test_the_print_view_shows_the_whole_pair_read_only(world):
    html = text(world.as_("mentor").get(world.url("/printout")))
    assert "<h1>Mo and Pat</h1>" in html
    for heading in HEADINGS:
        assert heading in html
    for shown in (
        "Shared goal to run a meeting",
        "Shared step: book the room",
        "Shared decision: meet fortnightly",
        "Shared review: the pilot went well",
        "Shared coaching: observe questioning",
        "Mentor Mo observes Protege Pat",
    ):
        assert shown in html
    # Read-only: no form, no edit link, inside the document.
    document = html[html.index('<div class="pair-document">') :]
    assert not tags(document, "form") and "/edit" not in document
    assert tags(html, "a", href=world.url("/printout.pdf"))


def test_my_own_private_items_may_appear_in_my_print_view(world):
    html = text(world.as_("protege").get(world.url("/printout")))
    assert f"{SENTINEL} goal" in html and f"{SENTINEL} note" in html
    assert "Private to you" in html


def test_the_partners_private_items_never_appear_in_my_print_view_or_pdf(world):
    mentor = world.as_("mentor")
    html = text(mentor.get(world.url("/printout")))
    assert "Shared goal to run a meeting" in html
    assert SENTINEL not in html
    _pages, words = pdf_text(get_pdf(mentor, world))
    assert squeeze("Shared goal to run a meeting") in words
    assert SENTINEL not in words
    # The same PDF for its owner does hold them: the check above can fail.
    _pages, own = pdf_text(get_pdf(world.as_("protege"), world))
    assert SENTINEL in own


def test_strangers_get_404_and_nobody_logged_out_sees_it(world, db_dump):
    stranger = world.as_("stranger")
    before = db_dump()
    for path in ("/printout", "/printout.pdf"):
        assert stranger.client.get(world.url(path)).status_code == 404
        response = world.app.test_client().get(world.url(path))
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert db_dump() == before


def test_printing_changes_nothing(world, db_dump):
    mentor = world.as_("mentor")
    before = db_dump()
    assert mentor.get(world.url("/printout")).status_code == 200
    get_pdf(mentor, world)
    assert db_dump() == before


def test_a_pair_with_nothing_yet_still_prints(make_plan_world):
    world = make_plan_world(template=None)
    html = text(world.as_("mentor").get(world.url("/printout")))
    assert "<h1>Mo and Pat</h1>" in html and "Mentoring Action Plan" not in html
    pages, words = pdf_text(get_pdf(world.as_("mentor"), world))
    assert pages >= 1 and "MoandPat" in words


# --- the PDF ------------------------------------------------------------------------------


@pytest.fixture
def long_world(world):
    """The pair with a 300-character word (in a note and a check-in; a goal's title holds 250,
    as much as its column takes on PostgreSQL) and a long list."""
    assert world.add("mentor", "goal", title=LONG_WORD[:250]).status_code == 303
    assert world.add("mentor", "note", text=f"A note with {LONG_WORD} inside").status_code == 303
    checkin = {
        "new-checkin-date": "2026-11-03",
        "new-checkin-format": "online",
        "new-checkin-decisions": LONG_WORD,
    }
    assert world.as_("mentor").post(world.url("/checkin/new"), checkin).status_code == 303
    for title in STEPS:
        assert world.add("mentor", "step", title=title).status_code == 303
    return world


def test_the_pdf_has_pages_the_title_and_all_the_long_content(long_world):
    world = long_world
    pages, words = pdf_text(get_pdf(world.as_("mentor"), world))
    assert pages >= 2
    assert "MoandPat" in words
    assert words.count(LONG_WORD) == 2  # the note and the check-in, wholly there
    assert words.count(LONG_WORD[:250]) == 3  # and the goal's title
    for title in STEPS:
        assert squeeze(title) in words


@pytest.mark.parametrize("paper", PAPER)
def test_no_box_runs_off_the_page(long_world, paper):
    world = long_world
    html = text(world.as_("mentor").get(world.url("/printout")))
    width, height = PAPER[paper]
    size = CSS(string=f"@page {{ size: {width}mm {height}mm !important; }}")
    document = laid_out(html, BASE_URL, [size])
    assert len(document.pages) >= 2
    seen = set()
    for page in document.pages:
        box = page._page_box
        assert abs(box.margin_width() - width * MM) < 1
        right = box.content_box_x() + box.width
        for child in box.descendants():
            if not hasattr(child, "border_width"):
                continue
            edge = child.border_box_x() + child.border_width()
            assert edge <= right + 0.5, (paper, type(child).__name__, edge, right)
            if hasattr(child, "text"):
                seen.add(child.text)
    assert any(LONG_WORD[:40] in piece for piece in seen)


def test_the_download_is_named_after_the_pair():
    assert file_name("Sam & Alex: 2026/27") == "sam-alex-2026-27.pdf"
    assert file_name("¡¿!") == "pair.pdf"
    assert re.fullmatch(r"[a-z0-9-]+\.pdf", file_name("x" * 500))


def test_a_person_gets_a_few_pdfs_a_minute_and_the_partner_still_gets_theirs(
    make_plan_world, monkeypatch
):
    """Laying out a large pair takes seconds: one person cannot tie up the server's threads."""
    world = make_plan_world()
    # The layout itself is not what is tested here: a tiny stand-in keeps the test quick.
    monkeypatch.setattr("pairapp.printout.routes.pdf_response", lambda *_args: ("%PDF", 200))
    mentor = world.as_("mentor").client
    answers = [mentor.get(world.url("/printout.pdf")).status_code for _ in range(7)]
    assert answers == [200] * 6 + [429]
    assert world.as_("protege").client.get(world.url("/printout.pdf")).status_code == 200
