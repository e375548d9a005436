"""pairapp: a mentor and a protégé build and run their Mentoring Action Plan together."""

from dotenv import find_dotenv, load_dotenv
from flask import Flask, jsonify, redirect, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.middleware.proxy_fix import ProxyFix

from . import (
    accounts,
    admin,
    calendar,
    checkins,
    checklist,
    coaching,
    core,
    export,
    pairs,
    paths,
    plan,
    printout,
    sharing,
)
from . import config as settings
from . import db as database
from .cli import register_commands
from .core import limited, logs
from .core.htmx import error_page, is_htmx
from .core.models import User
from .extensions import csrf, limiter, login_manager

# Each feature registers its routes, units and events; core first, as features build on it.
FEATURES = (
    accounts,
    pairs,
    plan,
    checklist,
    coaching,
    checkins,
    admin,
    calendar,
    printout,
    sharing,
    export,
)


def create_app(config=None):
    """Build the Flask app: settings, database, login, CSRF, blueprints, headers."""
    # .env of the working directory (not of the code: an installed copy is in site-packages).
    load_dotenv(find_dotenv(usecwd=True))
    app = Flask(
        __name__,
        template_folder=str(paths.TEMPLATES),
        static_folder=str(paths.STATIC),
        instance_path=settings.instance_path(),
        instance_relative_config=True,
    )
    app.config.update(settings.FIXED)
    app.config.update(settings.from_environment(app.instance_path))
    app.config.update(config or {})
    if app.config.get("PROXY_HOPS"):
        # Behind a reverse proxy: trust its X-Forwarded-* headers, so rate limits count
        # per visitor and HTTPS is recognised.
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = settings.secret_key(app.instance_path)

    logs.init_app(app)
    database.init_app(app)
    # Remembered so `pairapp migrate` can report what this start applied.
    app.extensions["migrated_at_start"] = (
        database.upgrade() if app.config.get("AUTO_MIGRATE", True) else []
    )

    csrf.init_app(app)
    limiter.init_app(app)
    init_login(app)
    core.init_app(app)
    for feature in FEATURES:
        feature.init_app(app)
    register_errors(app)
    app.add_url_rule("/healthz", "healthz", healthz)

    @app.context_processor
    def htmx_settings():
        return {"htmx_source": app.config["HTMX_SOURCE"]}

    register_commands(app)
    return app


def init_login(app):
    """Flask-Login: ids carry the session version so old cookies die."""
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = "Please log in to see that page."
    # basic, not strong: phones change IP address all the time.
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(login_id):
        return User.from_login_id(login_id)

    @login_manager.unauthorized_handler
    def unauthorized():
        login_url = url_for("accounts.login", next=accounts.return_path())
        if is_htmx():
            # htmx cannot follow a redirect into a fragment: send the whole page there.
            return "", 401, {"HX-Redirect": login_url}
        return redirect(login_url)


SERVER_ERROR_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Something went wrong · pairapp</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Something went wrong</h1>
<p>The server could not finish this request. Nothing you saved before is lost.
Go back and try again in a moment.</p><p><a href="/">Go to My pairs</a></p></main></body></html>
"""


def register_errors(app):
    """Friendly answers for the errors people can meet, as a page or (htmx) a notice."""

    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return error_page(
            400,
            "This form has expired",
            "Reload the page and try again. Nothing was changed.",
        )

    @app.errorhandler(400)
    def bad_request(_error):
        return error_page(400, "That did not work", "The request was incomplete. Reload the page.")

    @app.errorhandler(404)
    def not_found(_error):
        return error_page(404, "Page not found", "There is nothing here, or it is not yours.")

    @app.errorhandler(403)
    def forbidden(_error):
        return error_page(403, "Not for your account", "This page is for the server's admins.")

    @app.errorhandler(405)
    def not_allowed(_error):
        return error_page(405, "Not allowed", "That page cannot be used this way.")

    @app.errorhandler(429)
    def too_many(_error):
        return limited.too_many()

    @app.errorhandler(500)
    def server_error(_error):
        # Plain HTML: the database, and so the login state, may be what failed.
        headers = {"HX-Retarget": "body", "HX-Reswap": "none"} if is_htmx() else {}
        return SERVER_ERROR_PAGE, 500, headers


def healthz():
    """Liveness and database check for monitors."""
    try:
        database.db.execute_sql("SELECT 1")
        return jsonify(status="ok", db="ok")
    except Exception:  # any database failure means "not healthy"
        return jsonify(status="error", db="error"), 503
