"""Browser tests: Debian's Chromium drives the app served live from a thread.

Every page a test shows is checked (see pagecheck.py): no sideways scroll at 360 px, axe-core
zero WCAG 2 A/AA violations, Nu HTML Checker zero errors. A test that lets a page go by
unchecked fails. Without Chromium, Java or vnu.jar the tests skip with one line saying how to
enable them, except with CI=true, where they fail: CI must never pass on skipped browser tests.

Run only these: `.venv/bin/pytest tests/browser`; everything else: `pytest -m "not browser"`.
"""

import os
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.serving import WSGIRequestHandler, make_server

from .pagecheck import LAPTOP, PHONE, HtmlChecker, PageChecker

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Pages answer in milliseconds, but a busy machine (a full test run) can be slow to paint.
expect.set_options(timeout=10_000)

SKIP_REASON = "browser tests need"
ENABLE_HINT = (
    "run `make test` as root, or apt-get install chromium default-jre-headless "
    "(and npm, then `make browser-deps`, for the Nu HTML Checker)"
)


def vnu_jar():
    """Where the Nu HTML Checker's jar is: $PAIRAPP_VNU_JAR, else what `make` installs."""
    configured = os.environ.get("PAIRAPP_VNU_JAR")
    if configured:
        return Path(configured)
    return ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def missing_tools():
    """The tools the browser tests need that this machine lacks."""
    missing = []
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(CHROMIUM)
    if not shutil.which("java"):
        missing.append("java")
    if not vnu_jar().is_file():
        missing.append(f"vnu.jar ({vnu_jar()})")
    return missing


def on_ci():
    """Whether this run is CI, where browser tests must run."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: drives Chromium against a live server (tests/browser)"
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so teardown knows whether the test passed.

    A skip for missing tools is reported from this file, so `-ra` folds every browser test's
    skip into one summary line instead of one per test.
    """
    report = yield
    setattr(item, f"report_{report.when}", report)
    longrepr = report.longrepr
    if report.skipped and isinstance(longrepr, tuple) and SKIP_REASON in str(longrepr[2]):
        report.longrepr = (str(Path(__file__)), TOOLS_LINE, longrepr[2])
    return report


def require_tools():
    """Skip (or on CI fail) every browser test, with one reason, when a tool is missing."""
    missing = missing_tools()
    if missing:
        message = f"{SKIP_REASON} {', '.join(missing)}: {ENABLE_HINT}"
        if on_ci():
            pytest.fail(f"CI=true and {message}", pytrace=False)
        pytest.skip(message)


TOOLS_LINE = require_tools.__code__.co_firstlineno


@pytest.fixture(scope="session", autouse=True)
def browser_tools():
    """Chromium, Java and the Nu HTML Checker, or a skip (on CI a failure)."""
    require_tools()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium: `playwright install` cannot download a browser here."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url():
    """Replaces pytest-playwright's own, a method fixture that pytest 9 warns about (an error
    here). Each person's context gets the live server's URL instead (see new_person)."""
    return None


class QuietHandler(WSGIRequestHandler):
    """No access log line per request; errors are still logged."""

    def log_request(self, *args, **kwargs):
        pass


@pytest.fixture
def live_server(app):
    """The test app (temporary SQLite file, local htmx) served on a free port; its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="session", autouse=True)
def html_checker(browser_tools, tmp_path_factory):
    """The Nu HTML Checker as a local service, started once at the start: Java takes seconds."""
    checker = HtmlChecker(vnu_jar(), tmp_path_factory.mktemp("vnu") / "vnu.log")
    yield checker
    checker.close()


@pytest.fixture(scope="session")
def page_checker(html_checker):
    """Checks pages: see pagecheck.PageChecker."""
    return PageChecker(html_checker)


@pytest.fixture
def check_page(page_checker):
    """check_page(page): no sideways scroll, zero axe violations, valid HTML."""
    return page_checker.check_page


class Person:
    """Someone using the app in their own browser context (own cookies), with one tab."""

    def __init__(self, name, context, base_url, checker, device, javascript):
        self.name = name
        self.context = context
        self.base_url = base_url
        self.checker = checker
        self.device = device
        self.javascript = javascript
        self.page = context.new_page()
        # Pages here answer in milliseconds: fail sooner than Playwright's 30 seconds.
        self.page.set_default_timeout(15_000)
        self.foreign_requests = []
        checker.track(
            self.page,
            javascript=javascript,
            is_mobile=device == "phone",
            has_touch=device == "phone",
        )
        context.on("request", self._note_request)

    def __repr__(self):
        return f"<Person {self.name} ({self.device}, javascript={self.javascript})>"

    def _note_request(self, request):
        if not request.url.startswith((self.base_url + "/", "data:", "about:")):
            self.foreign_requests.append(request.url)

    def url(self, path_or_url):
        """An absolute URL on the live server."""
        if path_or_url.startswith("http"):
            return path_or_url
        return self.base_url + path_or_url

    def path(self):
        """The path of the page shown now."""
        return self.page.url.removeprefix(self.base_url)

    def check(self):
        """Check the page shown now against every bar."""
        self.checker.check_page(self.page)

    def visit(self, path_or_url, status=200):
        """Open a URL, assert its status, check the page; returns the response."""
        response = self.page.goto(self.url(path_or_url))
        assert response is not None and response.status == status, (
            f"{self.name}: GET {path_or_url} answered "
            f"{response.status if response else None}, expected {status}"
        )
        self.check()
        return response

    def follow(self, locator):
        """Click something that loads a new page, wait for it, check it."""
        with self.page.expect_navigation():
            locator.click()
        self.check()

    def main(self):
        """The page's main region."""
        return self.page.get_by_role("main")


@pytest.fixture
def new_person(live_server, page_checker, new_context, request):
    """new_person(name, device="laptop"|"phone", javascript=True): a person in a new context.

    Several people can use the app at once, each in their own context. After a test that
    passed, every page each person saw must have been checked, and (with PAIRAPP_HTMX=local)
    no request may have left the live server.
    """
    people = []

    def make(name, device="laptop", javascript=True):
        if device == "phone":
            options = {"viewport": PHONE, "is_mobile": True, "has_touch": True}
        elif device == "laptop":
            options = {"viewport": LAPTOP}
        else:
            raise ValueError(f"unknown device {device!r}")
        context = new_context(base_url=live_server, java_script_enabled=javascript, **options)
        person = Person(name, context, live_server, page_checker, device, javascript)
        people.append(person)
        return person

    yield make

    page_checker.close_inspectors()
    report = getattr(request.node, "report_call", None)
    if report is None or not report.passed:
        return
    unchecked = page_checker.unchecked([person.page for person in people])
    assert not unchecked, "pages shown but never checked with check_page:\n  " + "\n  ".join(
        unchecked
    )
    foreign = [f"{p.name}: {url}" for p in people for url in p.foreign_requests]
    assert not foreign, "requests that left the live server:\n  " + "\n  ".join(foreign)


@pytest.fixture
def laptop_person(new_person):
    """A person at a laptop (1280x800) with JavaScript on."""
    return new_person("laptop person", "laptop")


@pytest.fixture
def phone_person(new_person):
    """A second, independent person on a phone (360x740, touch) with JavaScript on."""
    return new_person("phone person", "phone")
