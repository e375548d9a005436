"""Security and caching headers every response carries (design §4)."""

from flask import current_app, request

from .static_files import IMMUTABLE, is_current_version

HTMX_CDN_ORIGIN = "https://cdn.jsdelivr.net"


def content_security_policy():
    """The CSP: no inline script or style; scripts from us and the one htmx CDN."""
    script_src = "'self'"
    if current_app.config["HTMX_SOURCE"] != "local":
        script_src += " " + HTMX_CDN_ORIGIN
    return (
        f"default-src 'self'; script-src {script_src}; style-src 'self'; "
        "img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; "
        "form-action 'self'; object-src 'none'"
    )


def set_security_headers(response):
    """Headers every response carries (design §4)."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy())
    headers.setdefault("X-Content-Type-Options", "nosniff")
    # same-origin, not no-referrer: Flask-WTF checks the Referer on HTTPS.
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if request.endpoint != "static":
        # Pages hold people's plans: no shared or browser cache keeps a copy.
        headers.setdefault("Cache-Control", "no-store")
    elif response.status_code in (200, 304) and is_current_version():
        # A versioned URL names one content for good: a new file gets a new URL.
        headers["Cache-Control"] = IMMUTABLE
    # Other static requests (no version, or an old one) keep Flask's revalidate-by-ETag.
    return response
