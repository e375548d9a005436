"""pairapp: a mentor and a protégé build and run their Mentoring Action Plan together."""

from pathlib import Path

from dotenv import load_dotenv
from flask import Flask, jsonify, redirect, render_template, url_for
from flask_wtf.csrf import CSRFError

from . import config as settings
from . import db as database
from .extensions import csrf, limiter, login_manager
from .htmx import add_vary, is_htmx
from .models import User
from .security import IdConverter, set_security_headers

ROOT = Path(__file__).resolve().parent.parent


def create_app(config=None):
    """Build the Flask app: settings, database, login, CSRF, blueprints, headers."""
    load_dotenv()
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
        instance_relative_config=True,
    )
    app.config.update(settings.FIXED)
    app.config.update(settings.from_environment(app.instance_path))
    app.config.update(config or {})
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = settings.secret_key(app.instance_path)

    database.init_app(app)
    if app.config.get("AUTO_UPGRADE", True):
        database.upgrade()

    csrf.init_app(app)
    limiter.init_app(app)
    init_login(app)
    register_blueprints(app)
    register_errors(app)
    app.after_request(set_security_headers)
    app.after_request(add_vary)
    app.add_url_rule("/healthz", "healthz", healthz)

    from .cli import register_commands

    register_commands(app)
    return app


def init_login(app):
    """Flask-Login: ids carry the session version so old cookies die."""
    from .auth import return_path

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to see that page."
    # basic, not strong: phones change IP address all the time.
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(login_id):
        return User.from_login_id(login_id)

    @login_manager.unauthorized_handler
    def unauthorized():
        login_url = url_for("auth.login", next=return_path())
        if is_htmx():
            # htmx cannot follow a redirect into a fragment: send the whole page there.
            return "", 401, {"HX-Redirect": login_url}
        return redirect(login_url)


def register_blueprints(app):
    """One blueprint per feature."""
    from . import auth, display, history, pairs, plan, units

    # Before any rule is added: <int:...> ids beyond what the database holds are a 404.
    app.url_map.converters["int"] = IdConverter
    app.register_blueprint(auth.bp)
    app.register_blueprint(pairs.bp)
    app.register_blueprint(plan.bp)
    app.register_blueprint(units.bp)
    app.register_blueprint(history.bp)
    display.init_app(app)

    @app.context_processor
    def htmx_settings():
        return {"htmx_source": app.config["HTMX_SOURCE"]}


def register_errors(app):
    """Friendly pages for the errors people can meet."""

    def error_page(status, title, message):
        return render_template("error.html", title=title, message=message), status

    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return error_page(
            400,
            "This form has expired",
            "Go back, reload the page and try again. Nothing was changed.",
        )

    @app.errorhandler(404)
    def not_found(_error):
        return error_page(404, "Page not found", "There is nothing here, or it is not yours.")

    @app.errorhandler(405)
    def not_allowed(_error):
        return error_page(405, "Not allowed", "That page cannot be used this way.")

    @app.errorhandler(429)
    def too_many(_error):
        return error_page(
            429,
            "Too many attempts",
            "For your safety, please wait 15 minutes before trying again.",
        )


def healthz():
    """Liveness and database check for monitors."""
    try:
        database.db.execute_sql("SELECT 1")
        return jsonify(status="ok", db="ok")
    except Exception:  # any database failure means "not healthy"
        return jsonify(status="error", db="error"), 503
