"""The bars every page meets, checked on every page a browser test visits.

`PageChecker.check_page(page)` asserts, for the page the browser shows now:
  - no error in the browser console (a CSP refusal, a script error, a missing file);
  - no horizontal scrolling at the page's viewport and at 360 px wide;
  - axe-core finds zero violations of the WCAG 2.0/2.1 A and AA rules;
  - the raw HTML the server sent is valid for the Nu HTML Checker (zero errors).
All are checked and reported together, so one run shows every problem.
"""

import json
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
import weakref
from pathlib import Path

VENDOR = Path(__file__).resolve().parent.parent / "vendor"
AXE_PATH = VENDOR / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}

# What Chromium logs for any response with an error status, pages included.
DOCUMENT_STATUS_MESSAGE = "Failed to load resource: the server responded with a status of"

# Wraps an htmx fragment so the checker judges it as the body of a page.
FRAGMENT_PAGE = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>fragment</title>'
    "</head><body>\n{}\n</body></html>"
)

# Elements that stick out past the right edge: a hint for where sideways scrolling comes from.
WIDE_ELEMENTS_JS = """() => {
  const width = document.documentElement.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + [...el.classList].map((c) => '.' + c).join('');
  const wide = [...document.body.querySelectorAll('*')].filter(
    (el) => el.getBoundingClientRect().right > width + 0.5);
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    wide: wide.slice(-5).map((el) => name(el) + ' (right edge '
      + Math.round(el.getBoundingClientRect().right) + 'px)'),
  };
}"""

AXE_RUN_JS = """(tags) => axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then((r) => r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target.join(' '), summary: n.failureSummary})),
  })))"""


CSRF_TOKEN = re.compile(r'name="csrf_token"[^>]*? value="([^"]+)"|"X-CSRFToken": "([^"]+)"')


def without_csrf_tokens(html):
    """The page with its CSRF tokens (new on every page) replaced by one fixed word.

    The token never changes whether a page is valid, so pages that differ only in it are
    checked once.
    """
    for match in set(CSRF_TOKEN.findall(html)):
        for token in match:
            if token:
                html = html.replace(token, "csrf-token")
    return html


def free_port():
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class HtmlChecker:
    """The Nu HTML Checker (vnu.jar) as a local HTTP service, started once per session."""

    def __init__(self, jar, log_path, java="java"):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log_path = Path(log_path)
        self.cache = {}
        self.ready = False
        with self.log_path.open("wb") as log:
            # The child keeps its own copy of the log file descriptor.
            self.process = subprocess.Popen(
                [
                    java,
                    # A deep stack: the schema loader overflows small ones. C1 only: it starts
                    # sooner, and a test session is too short for the optimising compiler.
                    "-Xss8m",
                    "-XX:TieredStopAtLevel=1",
                    "-Dnu.validator.servlet.bind-address=127.0.0.1",
                    "-cp",
                    str(jar),
                    "nu.validator.servlet.Main",
                    str(self.port),
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self, timeout=60):
        """Block until the service answers (Java needs a few seconds to start)."""
        if self.ready:
            return
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the Nu HTML Checker exited with code {self.process.returncode}:\n"
                    + self.log_path.read_text(errors="replace")[-2000:]
                )
            try:
                with urllib.request.urlopen(self.base, timeout=2) as response:
                    response.read()
                self.ready = True
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"the Nu HTML Checker did not start within {timeout}s"
                    ) from None
                time.sleep(0.1)

    def errors(self, html):
        """The checker's error messages for this document (cached per distinct text)."""
        html = without_csrf_tokens(html)
        if html not in self.cache:
            self.wait_ready()
            request = urllib.request.Request(
                self.base + "?out=json",
                data=html.encode("utf-8"),
                headers={"Content-Type": "text/html; charset=utf-8"},
                method="POST",
            )
            with urllib.request.urlopen(request, timeout=60) as response:
                messages = json.load(response)["messages"]
            self.cache[html] = [
                m for m in messages if m.get("type") in ("error", "non-document-error")
            ]
        return self.cache[html]

    def close(self):
        """Stop the service."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def describe_html_errors(errors, html, where):
    """The checker's errors, one per line with the offending source line."""
    lines = html.splitlines()
    out = [f"Nu HTML Checker: {len(errors)} error(s) in {where}"]
    for error in errors:
        line = error.get("lastLine") or error.get("firstLine")
        out.append(f"  line {line}, column {error.get('firstColumn', '?')}: {error['message']}")
        if line and 0 < line <= len(lines):
            out.append(f"      {lines[line - 1].strip()[:160]}")
    return "\n".join(out)


def describe_violations(violations, where):
    """axe-core violations, readable: rule, impact, help link and each failing element."""
    out = [f"axe-core: {len(violations)} violation(s) on {where}"]
    for violation in violations:
        out.append(
            f"  [{violation['impact']}] {violation['id']}: {violation['help']}"
            f" ({violation['helpUrl']})"
        )
        for node in violation["nodes"][:5]:
            summary = " ".join((node["summary"] or "").split())
            out.append(f"      {node['target']}: {summary[:300]}")
    return "\n".join(out)


class PageChecker:
    """Checks pages and remembers which documents each tracked page has shown."""

    def __init__(self, html_checker, axe_source=None):
        self.html_checker = html_checker
        self.axe_source = axe_source or AXE_PATH.read_text(encoding="utf-8")
        self.pages = weakref.WeakKeyDictionary()
        self.inspectors = {}
        self.axe_cache = {}
        self.serving = None

    # -- tracking --------------------------------------------------------------------------

    def track(self, page, javascript=True, is_mobile=False, has_touch=False):
        """Record every document this page loads, so each one can be checked."""
        state = {
            "javascript": javascript,
            "is_mobile": is_mobile,
            "has_touch": has_touch,
            "last": None,
            "text": None,
            "documents": [],
        }
        self.pages[page] = state

        def on_response(response):
            request = response.request
            if request.resource_type != "document" or response.frame != page.main_frame:
                return
            if 300 <= response.status < 400:
                return  # a redirect: the page is the response it leads to
            state["documents"].append([response, False])
            state["last"] = response

        page.on("response", on_response)
        state["console"] = []

        def on_console(message):
            if message.type != "error":
                return
            if message.text.startswith(DOCUMENT_STATUS_MESSAGE) and any(
                message.location.get("url") == response.url for response, _ in state["documents"]
            ):
                return  # the browser's note that a page answered 404, 410 or 422: expected
            state["console"].append(f"console error: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: state["console"].append(f"page error: {error}"))

    def forgive_console_error(self, page, text):
        """Take one expected console error (e.g. an htmx 409 answer) off the page's record."""
        record = self.pages[page]["console"]
        del record[next(i for i, line in enumerate(record) if text in line)]

    def unchecked(self, pages):
        """Documents these pages showed that nobody checked."""
        return [
            f"{response.request.method} {response.url} ({response.status})"
            for state in (self.pages[page] for page in pages)
            for response, checked in state["documents"]
            if not checked
        ]

    def raw_html(self, page):
        """The HTML the server sent for the document the page shows now."""
        state = self.pages[page]
        response = state["last"]
        if response is None:
            raise AssertionError(f"no document was loaded in this page ({page.url})")
        if state["text"] is None or state["text"][0] is not response:
            state["text"] = (response, response.text())
        return state["text"][1], response

    # -- the checks ------------------------------------------------------------------------

    def check_page(self, page):
        """Assert the page meets every bar; every problem found is reported at once."""
        if page not in self.pages:
            raise AssertionError("check_page: the page is not tracked (use the person fixtures)")
        state = self.pages[page]
        page.wait_for_load_state("load")
        html, response = self.raw_html(page)
        where = f"{response.request.method} {response.url} ({response.status})"
        for document in state["documents"]:
            if document[0] is response:
                document[1] = True
        problems = []
        if state["console"]:
            problems.append(
                f"{len(state['console'])} error(s) in the browser console up to {where}:\n  "
                + "\n  ".join(state["console"])
            )
            state["console"] = []
        problems += self.scroll_problems(page)
        problems += self.axe_problems(page, html, response, where)
        errors = self.html_checker.errors(html)
        if errors:
            problems.append(describe_html_errors(errors, html, where))
        if problems:
            raise AssertionError("\n\n".join(problems))

    def check_fragment(self, html, where="htmx fragment"):
        """Assert an htmx fragment is valid HTML as the body of a page."""
        page_html = FRAGMENT_PAGE.format(html)
        errors = self.html_checker.errors(page_html)
        if errors:
            raise AssertionError(describe_html_errors(errors, page_html, where))

    def scroll_problems(self, page):
        """Sideways scrolling at the page's own width, and at 360 px if it is wider."""
        problems = []
        original = page.viewport_size
        sizes = [original]
        if original and original["width"] > PHONE["width"]:
            sizes.append(PHONE)
        try:
            for size in sizes:
                if size is not original:
                    page.set_viewport_size(size)
                info = page.evaluate(WIDE_ELEMENTS_JS)
                if info["scrollWidth"] > info["innerWidth"]:
                    problems.append(
                        f"horizontal scroll at {info['innerWidth']} px on {page.url}: "
                        f"scrollWidth {info['scrollWidth']}; wide elements: "
                        + (", ".join(info["wide"]) or "none found")
                    )
        finally:
            if page.viewport_size != original:
                page.set_viewport_size(original)
        return problems

    def axe_problems(self, page, html, response, where):
        """axe-core's violations for the page as the person sees it."""
        if self.pages[page]["javascript"]:
            violations = self.run_axe(page)
        else:
            violations = self.run_axe_without_page_scripts(page, html, response)
        size = page.viewport_size or {}
        place = f"{where} at {size.get('width')}x{size.get('height')}"
        return [describe_violations(violations, place)] if violations else []

    def run_axe(self, page):
        """Inject axe by evaluation (not subject to the CSP) and run the WCAG A/AA rules."""
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(self.axe_source)
        return page.evaluate(AXE_RUN_JS, AXE_TAGS)

    def run_axe_without_page_scripts(self, page, html, response):
        """axe needs timers, which a context without JavaScript never runs.

        The same server HTML is shown in another context of the same size with JavaScript on
        for evaluation but every page script blocked, so it renders as without JavaScript.
        Its DOM is then exactly the server's HTML, so results are kept per distinct text.
        """
        state = self.pages[page]
        size = page.viewport_size
        key = (size["width"], size["height"], state["is_mobile"], without_csrf_tokens(html))
        if key not in self.axe_cache:
            inspector = self.inspector(page.context.browser, size, state)
            headers = {
                "content-type": response.headers.get("content-type", "text/html; charset=utf-8")
            }
            if "content-security-policy" in response.headers:
                headers["content-security-policy"] = response.headers["content-security-policy"]
            self.serving = {"status": response.status, "headers": headers, "body": html}
            inspector.goto(response.url)
            self.axe_cache[key] = self.run_axe(inspector)
        return self.axe_cache[key]

    def inspector(self, browser, size, state):
        """A page (one per size) that shows `self.serving` for any document, without scripts."""
        key = (size["width"], size["height"], state["is_mobile"])
        if key not in self.inspectors:
            context = browser.new_context(
                viewport=size, is_mobile=state["is_mobile"], has_touch=state["has_touch"]
            )

            def serve(route):
                kind = route.request.resource_type
                if kind == "script":
                    route.abort()
                elif kind == "document":
                    route.fulfill(**self.serving)
                else:
                    route.continue_()

            context.route("**/*", serve)
            self.inspectors[key] = context.new_page()
        return self.inspectors[key]

    def close_inspectors(self):
        """Close the contexts opened for pages without JavaScript (they use the test's server)."""
        for inspector in self.inspectors.values():
            inspector.context.close()
        self.inspectors = {}
        self.axe_cache = {}
