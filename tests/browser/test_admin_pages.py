"""Issue 10 in a real browser: the admin pages on a phone, and the links they hand out.

Every page shown is checked by Person.visit/follow/check (no sideways scroll at 360 px,
axe-core, Nu HTML Checker); the new_person fixture fails a test that skips a check.
"""

from playwright.sync_api import expect

PASSWORD = "a quiet walk by the river"


def sign_up(person, name, email):
    page = person.page
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    person.follow(person.main().get_by_role("button", name="Sign up"))


def accounts(person):
    return person.page.locator("#admin-accounts")


def test_admin_adds_a_person_resets_disables_and_reads_the_log(new_person, page_checker):
    admin = new_person("admin", "phone")
    admin.visit("/signup")
    sign_up(admin, "Ada Admin", "ada@example.org")

    # The first account is the admin: the menu leads to the overview.
    admin.follow(admin.page.get_by_role("link", name="Admin"))
    expect(admin.page.get_by_role("heading", level=1)).to_have_text("Administration")
    expect(admin.main()).to_contain_text("pairapp guide")

    # Invite-only, with htmx: the section answers in place.
    admin.page.get_by_label("Invite-only").check()
    with admin.page.expect_response(lambda r: r.url.endswith("/admin/signup")) as answer:
        admin.page.get_by_role("button", name="Save who can sign up").click()
    page_checker.check_fragment(answer.value.text(), "the htmx answer of POST /admin/signup")
    expect(admin.page.get_by_role("status").last).to_contain_text("Sign-up is saved")
    admin.check()

    # A sign-up link for a new person, made with htmx on the accounts page.
    admin.follow(admin.page.get_by_role("link", name="Accounts", exact=True))
    admin.page.get_by_label("Email of the new person").fill("nell@example.org")
    with admin.page.expect_response(lambda r: r.url.endswith("/signup-links")) as answer:
        admin.page.get_by_role("button", name="Make a sign-up link").click()
    page_checker.check_fragment(answer.value.text(), "the htmx answer of POST signup-links")
    link = admin.page.get_by_label("Link", exact=True).input_value()
    expect(accounts(admin)).to_contain_text("A sign-up link for nell@example.org")
    admin.check()

    # A bad email: 422, the text kept, the message next to the field.
    admin.page.get_by_label("Email of the new person").fill("not an email")
    # Chromium logs the 422 answer as a console error: this one is expected.
    message = "Failed to load resource: the server responded with a status of 422"
    with admin.page.expect_console_message(lambda m: m.text.startswith(message)):
        admin.page.get_by_role("button", name="Make a sign-up link").click()
    page_checker.forgive_console_error(admin.page, message)
    expect(admin.page.get_by_label("Email of the new person")).to_have_value("not an email")
    expect(accounts(admin)).to_contain_text("Enter an email address like name@example.org.")
    admin.check()

    # The new person, on a phone, creates the account with the link.
    nell = new_person("nell", "phone")
    nell.visit(link)
    expect(nell.main()).to_contain_text("nell@example.org")
    nell.page.get_by_label("Your name").fill("Nell New")
    nell.page.get_by_label("Password").fill(PASSWORD)
    nell.follow(nell.page.get_by_role("button", name="Create my account"))
    expect(nell.page.get_by_role("status")).to_contain_text("Welcome, Nell New")
    nell.visit(link, status=404)  # used: it works once
    expect(nell.page.get_by_role("heading", level=1)).to_have_text("This link cannot be used")
    nell.visit("/admin", status=403)

    # A password reset link, then disabling Nell: her session ends at once.
    admin.visit("/admin/accounts")
    with admin.page.expect_response(lambda r: r.url.endswith("/reset-link")):
        accounts(admin).get_by_role(
            "button", name="Make a password reset link for Nell New"
        ).click()
    reset = admin.page.get_by_label("Link", exact=True).input_value()
    admin.check()
    with admin.page.expect_response(lambda r: r.url.endswith("/disable")):
        accounts(admin).get_by_role("button", name="Disable Nell New").click()
    expect(accounts(admin)).to_contain_text("disabled and logged out everywhere")
    admin.check()
    nell.visit("/")
    assert nell.path().startswith("/login"), nell.page.url
    stranger = new_person("stranger", "laptop")
    stranger.visit(reset, status=404)
    expect(stranger.page.get_by_role("heading", level=1)).to_have_text("This link cannot be used")

    with admin.page.expect_response(lambda r: r.url.endswith("/enable")):
        accounts(admin).get_by_role("button", name="Enable Nell New").click()
    admin.check()

    # Pairs and the audit log.
    admin.follow(admin.page.get_by_role("link", name="Pairs", exact=True))
    expect(admin.main()).to_contain_text("Nobody has started a pair yet.")
    admin.follow(admin.page.get_by_role("link", name="Audit log", exact=True))
    expect(admin.main()).to_contain_text("Disabled the account nell@example.org.")
    expect(admin.main()).to_contain_text("Signed up as nell@example.org")


def test_admin_pages_work_without_javascript(new_person):
    admin = new_person("admin", "phone", javascript=False)
    admin.visit("/signup")
    sign_up(admin, "Ada Admin", "ada@example.org")
    admin.visit("/admin/accounts")
    admin.page.get_by_label("Email of the new person").fill("nell@example.org")
    admin.follow(admin.page.get_by_role("button", name="Make a sign-up link"))
    assert admin.path() == "/admin/accounts"
    link = admin.page.get_by_label("Link", exact=True).input_value()
    assert "/welcome/" in link
    nell = new_person("nell", "phone", javascript=False)
    nell.visit(link)
    nell.page.get_by_label("Your name").fill("Nell New")
    nell.page.get_by_label("Password").fill("short")
    nell.follow(nell.page.get_by_role("button", name="Create my account"))
    expect(nell.main()).to_contain_text("Use at least 10 characters")
    expect(nell.page.get_by_label("Your name")).to_have_value("Nell New")
    nell.page.get_by_label("Password").fill(PASSWORD)
    nell.follow(nell.page.get_by_role("button", name="Create my account"))
    expect(nell.page.get_by_role("status")).to_contain_text("Welcome, Nell New")

    admin.visit("/admin")
    admin.page.get_by_label("Invite-only").check()
    admin.follow(admin.page.get_by_role("button", name="Save who can sign up"))
    assert admin.path() == "/admin"
    expect(admin.page.get_by_role("status").first).to_contain_text("Sign-up is saved")
    admin.visit("/admin/pairs")
    admin.visit("/admin/audit")
    expect(admin.main()).to_contain_text("Set sign-up to: Invite-only")
