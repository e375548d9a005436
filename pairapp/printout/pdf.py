"""The print view as a PDF, by WeasyPrint: our own HTML and print CSS, so both match."""

import logging
import re
from urllib.parse import urlsplit

from flask import Response

from ..core.htmx import error_page
from ..paths import STATIC

try:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse
except OSError:  # Debian's Pango is missing (`make run` installs it): no PDF, the rest works
    HTML = None
    URLFetcher = object
    URLFetcherResponse = None

# WeasyPrint warns about every CSS property it does not draw (Pico's screen-only ones):
# nothing anyone can act on, so only its errors reach the log.
logging.getLogger("weasyprint").setLevel(logging.ERROR)

TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}


class StaticFilesOnly(URLFetcher):
    """Loads our own static files from disk and nothing else: no network, no other file."""

    def fetch(self, url, headers=None):
        """A static file the page links to; anything else is refused (WeasyPrint skips it)."""
        path = urlsplit(url).path
        if not path.startswith("/static/"):
            raise ValueError(f"only static files are loaded, not {url[:60]}")
        root = STATIC.resolve()
        file = (root / path.removeprefix("/static/")).resolve()
        if not file.is_relative_to(root) or not file.is_file():
            raise ValueError(f"no static file {path[:60]}")
        content_type = TYPES.get(file.suffix, "application/octet-stream")
        return URLFetcherResponse(
            url, body=file.read_bytes(), headers={"Content-Type": content_type}
        )


def laid_out(html, base_url, stylesheets=()):
    """The page laid out in pages (base_url resolves the page's /static/ links)."""
    page = HTML(string=html, base_url=base_url, url_fetcher=StaticFilesOnly())
    return page.render(stylesheets=list(stylesheets))


def render_pdf(html, base_url):
    """The page as PDF bytes."""
    return laid_out(html, base_url).write_pdf()


def file_name(title):
    """A safe download name from the pair's title, e.g. 'sam-and-alex.pdf'."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
    return f"{slug or 'pair'}.pdf"


def pdf_response(html, base_url, title):
    """The PDF as a download (503 on a server without Pango)."""
    if HTML is None:
        return error_page(
            503,
            "PDF files are not available here",
            "This server cannot make PDF files yet. Use your browser's Print command instead.",
        )
    return Response(
        render_pdf(html, base_url),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{file_name(title)}"'},
    )
