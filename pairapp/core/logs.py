"""Logs to stdout: one line per request, errors with their traceback, authentication events.

No line holds a password, a token or a query string: paths that carry a link token are
logged with the token replaced, and events name accounts by id or email only.
"""

import logging
import sys
import time

from flask import g, request

REQUESTS = logging.getLogger("pairapp.requests")
AUTH = logging.getLogger("pairapp.auth")

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class StdoutHandler(logging.StreamHandler):
    """Writes to whatever sys.stdout is at the time (servers and test runners swap it)."""

    @property
    def stream(self):
        return sys.stdout

    @stream.setter
    def stream(self, _value):
        pass


def configure_logging():
    """Send the app's log lines to stdout (once per process)."""
    logger = logging.getLogger("pairapp")
    if any(isinstance(handler, StdoutHandler) for handler in logger.handlers):
        return
    handler = StdoutHandler()
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def auth_event(event, **details):
    """Log an authentication event; details must never hold a secret."""
    AUTH.info(" ".join([event, *(f"{key}={value}" for key, value in details.items())]))


def logged_path():
    """The request path without its query string, and with any link token hidden."""
    path = request.path
    token = (request.view_args or {}).get("token")
    if token:
        path = path.replace(str(token), "[token]")
    return path


def start_timer():
    """Note when the request started."""
    g.request_started = time.perf_counter()


def log_request(response):
    """One line: method, path, status, milliseconds."""
    started = g.pop("request_started", None)
    elapsed = (time.perf_counter() - started) * 1000 if started else 0.0
    REQUESTS.info("%s %s %s %.1fms", request.method, logged_path(), response.status_code, elapsed)
    return response


def init_app(app):
    """Log every request and route errors (with traceback) to stdout."""
    configure_logging()
    app.before_request(start_timer)
    app.after_request(log_request)
