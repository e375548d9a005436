"""Settings from the environment, with defaults for an embedded SQLite file."""

import os
import secrets
from pathlib import Path

from limits import parse as parse_limit


def _flag(name, default):
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def instance_path():
    """The instance folder (SQLite file, secret key): $PAIRAPP_INSTANCE, else ./instance.

    Relative to the working directory, never to the code: an installed copy lives in
    site-packages, which is no place for data.
    """
    return os.path.abspath(os.path.expanduser(os.environ.get("PAIRAPP_INSTANCE") or "instance"))


def secret_key(instance_path):
    """The secret key: from the environment, else generated once into the instance folder."""
    from_env = os.environ.get("PAIRAPP_SECRET_KEY") or os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written once with owner-only permissions so sessions survive restarts.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def signup_limit():
    """Sign-ups one address may make per window, e.g. "40 per hour" (checked at start-up)."""
    value = os.environ.get("PAIRAPP_SIGNUP_LIMIT", "40 per hour")
    # A typo fails here, at start-up, not as a 500 on the first sign-up.
    parse_limit(value)
    return value


def from_environment(instance_path):
    """Build the Flask config mapping from environment variables."""
    secure = _flag("PAIRAPP_SECURE_COOKIES", True)
    return {
        "DATABASE": os.environ.get(
            "PAIRAPP_DATABASE", str(Path(instance_path) / "pairapp.sqlite3")
        ),
        "DATABASE_URL": os.environ.get("DATABASE_URL"),
        "SIGNUP": os.environ.get("PAIRAPP_SIGNUP", "open"),
        "HTMX_SOURCE": os.environ.get("PAIRAPP_HTMX", "cdn"),
        "DEFAULT_TIMEZONE": os.environ.get("PAIRAPP_TIMEZONE", "UTC"),
        "INVITE_DAYS": int(os.environ.get("PAIRAPP_INVITE_DAYS", "7")),
        "RATELIMIT_ENABLED": _flag("PAIRAPP_RATELIMIT", True),
        "SIGNUP_LIMIT": signup_limit(),
        "PROXY_HOPS": int(os.environ.get("PAIRAPP_PROXY_HOPS", "0")),
        "AUTO_MIGRATE": _flag("PAIRAPP_AUTO_MIGRATE", True),
        "BASE_URL": os.environ.get("PAIRAPP_BASE_URL", "http://127.0.0.1:5000"),
        "WORKERS": int(os.environ.get("PAIRAPP_WORKERS", "1")),
        "THREADS": int(os.environ.get("PAIRAPP_THREADS", "16")),
        "SESSION_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_SECURE": secure,
    }


# Fixed settings: not meant to be changed per install.
FIXED = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_DURATION": 30 * 24 * 3600,
    # Pages stay open for hours; the token is tied to the session instead.
    "WTF_CSRF_TIME_LIMIT": None,
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": False,
}
