"""Issue 2 in a real browser: accounts, pairs and invite links, with two people at once.

Every page shown is checked by Person.visit/follow/check (no sideways scroll at 360 px,
axe-core, Nu HTML Checker); the new_person fixture fails a test that skips a check.
"""

import re

from playwright.sync_api import expect

PASSWORD = "a quiet walk by the river"
TITLE = "Sam and Alex"


def sign_up(person, name, email, password=PASSWORD):
    """Fill the sign-up form shown now and send it; checks the page it leads to."""
    page = person.page
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    person.follow(person.main().get_by_role("button", name="Sign up"))


def log_in(person, email, password=PASSWORD):
    """Fill the log-in form shown now and send it; checks the page it leads to."""
    page = person.page
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    person.follow(person.main().get_by_role("button", name="Log in"))


def to_members(person):
    """From the pair's home, on to its members and invite links."""
    person.follow(person.page.get_by_role("link", name="Members and links"))
    assert re.fullmatch(r"/pairs/\d+/members", person.path()), person.page.url


def start_pair(person, title=TITLE):
    """From the dashboard, start a pair as mentor; returns the members page's path."""
    # A link styled as a button (role="button"): the role is what assistive technology sees.
    person.follow(person.page.get_by_role("link", name="Start a new pair"))
    expect(person.page.get_by_role("heading", level=1)).to_have_text("Start a mentoring pair")
    person.page.get_by_label("Title").fill(title)
    person.page.get_by_label("My role").select_option("mentor")
    person.page.get_by_label("Start date").fill("2026-09-01")
    person.follow(person.page.get_by_role("button", name="Create the pair"))
    assert re.fullmatch(r"/pairs/\d+", person.path()), person.page.url
    expect(person.page.get_by_role("heading", level=1)).to_have_text(title)
    to_members(person)
    return person.path()


def members(person):
    return person.page.get_by_role("region", name="Members")


def invites(person):
    return person.page.get_by_role("region", name="Invite links")


def protege_joins(protege, link, title=TITLE):
    """A logged-out person opens the link, signs up, comes back and joins as protégé."""
    protege.visit(link)
    heading = protege.page.get_by_role("heading", level=1)
    expect(heading).to_have_text(f"Join “{title}” as protégé")
    protege.follow(protege.main().get_by_role("link", name="Sign up"))
    # The session keeps the invite: no link needs to carry its token.
    assert protege.path() == "/signup", protege.page.url
    sign_up(protege, "Alex Protégé", "alex@example.org")
    # Back on the invite's confirm page: joining is a POST, never the GET that opened it.
    assert protege.page.url == link
    expect(heading).to_have_text(f"Join “{title}” as protégé")
    protege.follow(protege.page.get_by_role("button", name=f"Join {title} as protégé"))
    assert re.fullmatch(r"/pairs/\d+", protege.path()), protege.page.url
    expect(protege.page.get_by_role("status")).to_contain_text(f"You joined “{title}”")
    to_members(protege)


def test_mentor_invites_protege_and_both_see_each_other(new_person, page_checker, live_server):
    mentor = new_person("mentor", "laptop")
    protege = new_person("protégé", "phone")

    mentor.visit("/signup")
    sign_up(mentor, "Mo Mentor", "mo@example.org")
    assert mentor.path() == "/"
    expect(mentor.page.get_by_role("status")).to_contain_text("Welcome, Mo Mentor")

    # htmx comes from the vendored copy (PAIRAPP_HTMX=local) and runs.
    assert mentor.page.evaluate("typeof window.htmx") == "object"
    scripts = mentor.page.eval_on_selector_all("script[src]", "els => els.map(e => e.src)")
    # Static URLs carry the file's version (?v=<hash>).
    assert f"{live_server}/static/vendor/htmx-4.0.1.min.js" in [s.split("?v=")[0] for s in scripts]
    assert not [src for src in scripts if not src.startswith(live_server)]

    pair_path = start_pair(mentor)
    expect(members(mentor)).to_contain_text("Mo Mentor")

    # Creating an invite with htmx swaps the invites section in place: no page load.
    mentor.page.evaluate("window.pairappSamePage = true")
    mentor.page.get_by_label("Invite someone as").select_option("protege")
    with mentor.page.expect_response(
        lambda r: r.url.endswith("/invites") and r.request.method == "POST"
    ) as answer:
        invites(mentor).get_by_role("button", name="Create invite link").click()
    response = answer.value
    assert response.status == 200
    assert response.request.headers.get("hx-request") == "true"
    # The CSRF header comes from hx-headers:inherited on <body>, not only from the form field.
    assert response.request.headers.get("x-csrftoken"), response.request.headers
    fragment = response.text()
    assert fragment.lstrip().startswith('<section id="invites"'), fragment[:200]
    page_checker.check_fragment(fragment, f"the htmx answer of POST {response.url}")
    link_box = mentor.page.get_by_label("Invite link", exact=True)
    expect(link_box).to_be_visible()
    assert mentor.page.evaluate("window.pairappSamePage") is True, "the page was reloaded"
    assert mentor.path() == pair_path
    link = link_box.input_value()
    assert re.fullmatch(re.escape(live_server) + r"/join/[A-Za-z0-9_-]{40,}", link), link
    expect(invites(mentor).get_by_role("listitem")).to_have_count(1)
    expect(invites(mentor).get_by_role("listitem")).to_contain_text("open")
    mentor.check()

    # "Copy link" puts the link on the clipboard.
    mentor.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    mentor.page.get_by_role("button", name="Copy link").click()
    expect(mentor.page.get_by_role("button", name="Copied")).to_be_visible()
    assert mentor.page.evaluate("navigator.clipboard.readText()") == link

    # Meanwhile, on a phone, the protégé joins.
    protege_joins(protege, link)
    expect(members(protege)).to_contain_text("Mo Mentor")
    expect(members(protege)).to_contain_text("Alex Protégé")
    assert protege.path() == pair_path

    mentor.visit(pair_path)
    expect(members(mentor)).to_contain_text("Alex Protégé")
    expect(members(mentor).get_by_role("listitem")).to_have_count(2)
    expect(invites(mentor).get_by_role("listitem")).to_contain_text("used")
    # Only the colleague place is left to invite.
    expect(mentor.page.get_by_label("Invite someone as").locator("option")).to_have_text(
        ["Colleague"]
    )

    # Both see the pair on their dashboards, with each other.
    mentor.follow(mentor.page.get_by_role("link", name="My pairs"))
    expect(mentor.main()).to_contain_text("With Alex Protégé (protégé)")
    protege.follow(protege.page.get_by_role("link", name="My pairs"))
    expect(protege.main()).to_contain_text("You are the protégé")
    expect(protege.main()).to_contain_text("With Mo Mentor (mentor)")

    # The used link: a member is sent to the pair; anyone else gets a clear page.
    protege.visit(link)
    assert protege.path() == pair_path.removesuffix("/members")  # the pair's home
    expect(protege.page.get_by_role("status")).to_contain_text("You are already in")
    stranger = new_person("stranger", "phone")
    stranger.visit(link, status=410)
    expect(stranger.page.get_by_role("heading", level=1)).to_have_text(
        "This invite link has been used"
    )
    stranger.visit("/join/not-a-real-token", status=404)
    expect(stranger.page.get_by_role("heading", level=1)).to_have_text(
        "This invite link does not work"
    )
    stranger.visit(pair_path)  # not logged in: to the login page
    assert stranger.path().startswith("/login?next=")
    expect(stranger.page.get_by_role("heading", level=1)).to_have_text("Log in")


def test_invite_revoke_account_and_login_pages(new_person, page_checker, live_server):
    mentor = new_person("mentor", "phone")
    mentor.visit("/signup")
    sign_up(mentor, "Mo Mentor", "mo@example.org")
    pair_path = start_pair(mentor)

    # A colleague link made and revoked with htmx; the link then gets a clear page.
    mentor.page.get_by_label("Invite someone as").select_option("colleague")
    with mentor.page.expect_response(lambda r: r.url.endswith("/invites")):
        invites(mentor).get_by_role("button", name="Create invite link").click()
    link = mentor.page.get_by_label("Invite link", exact=True).input_value()
    mentor.check()
    with mentor.page.expect_response(lambda r: r.url.endswith("/revoke")) as answer:
        invites(mentor).get_by_role("button", name="Revoke the colleague link").click()
    page_checker.check_fragment(answer.value.text(), f"the htmx answer of {answer.value.url}")
    expect(invites(mentor).get_by_role("listitem")).to_contain_text("revoked")
    mentor.check()
    assert mentor.path() == pair_path
    visitor = new_person("visitor", "laptop")
    visitor.visit(link, status=410)
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text(
        "This invite link was withdrawn"
    )

    # Someone else's pair, and a page that does not exist: 404 pages.
    visitor.visit("/signup")
    sign_up(visitor, "Val Visitor", "val@example.org")
    visitor.visit(pair_path, status=404)
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text("Page not found")
    visitor.visit("/no-such-page", status=404)

    # The account page, and a password change with a wrong current password (422).
    mentor.follow(mentor.page.get_by_role("link", name="Account"))
    expect(mentor.page.get_by_label("Your name")).to_have_value("Mo Mentor")
    mentor.page.get_by_label("Current password").fill("not my password at all")
    mentor.page.get_by_label("New password").fill("another long password")
    mentor.follow(mentor.page.get_by_role("button", name="Change password"))
    expect(mentor.page.get_by_label("Current password")).to_be_focused()
    expect(mentor.page.get_by_text("That is not your current password.")).to_be_visible()

    # Log out, a failed log-in (422), then a good one.
    mentor.follow(mentor.page.get_by_role("button", name="Log out"))
    assert mentor.path() == "/login"
    expect(mentor.page.get_by_role("status")).to_contain_text("You are logged out.")
    log_in(mentor, "mo@example.org", password="wrong password here")
    expect(mentor.page.get_by_text("Email or password is wrong.")).to_be_visible()
    log_in(mentor, "mo@example.org")
    assert mentor.path() == "/"
    expect(mentor.main()).to_contain_text(TITLE)


def test_signup_with_bad_input_keeps_it_and_points_at_the_error(new_person):
    person = new_person("newcomer", "phone")
    person.visit("/signup")
    person.page.get_by_label("Your name").fill("Nia Newcomer")
    person.page.get_by_label("Email").fill("nia@example.org")
    person.page.get_by_label("Password").fill("short")
    person.follow(person.main().get_by_role("button", name="Sign up"))
    password = person.page.get_by_label("Password")
    expect(password).to_be_focused()
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(person.page.get_by_label("Your name")).to_have_value("Nia Newcomer")
    expect(person.page.get_by_role("alert")).to_contain_text("Please check")


def test_join_flow_without_javascript(new_person, live_server):
    mentor = new_person("mentor", "laptop", javascript=False)
    protege = new_person("protégé", "phone", javascript=False)

    mentor.visit("/signup")
    sign_up(mentor, "Mo Mentor", "mo@example.org")
    pair_path = start_pair(mentor)

    # Without htmx the form posts and redirects back; the link is shown once.
    mentor.page.get_by_label("Invite someone as").select_option("protege")
    mentor.follow(invites(mentor).get_by_role("button", name="Create invite link"))
    assert mentor.path() == pair_path
    link = mentor.page.get_by_label("Invite link", exact=True).input_value()
    assert link.startswith(f"{live_server}/join/"), link

    protege_joins(protege, link)
    expect(members(protege)).to_contain_text("Mo Mentor")
    expect(members(protege)).to_contain_text("Alex Protégé")

    mentor.visit(pair_path)
    expect(members(mentor)).to_contain_text("Alex Protégé")
    expect(mentor.page.get_by_label("Invite link", exact=True)).to_have_count(0)
