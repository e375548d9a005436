"""Accounts: sign up, log in and out, account settings, deletion."""

from urllib.parse import urlsplit
from zoneinfo import available_timezones

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from peewee import IntegrityError

from ..core.htmx import is_htmx
from ..core.logs import auth_event
from ..core.models import User, normalise_email
from ..core.once import create_once, first_result
from ..core.site_settings import signup_mode
from ..core.unit_types import registry
from ..db import write_transaction
from ..extensions import limiter
from ..pairs import leave_all_pairs, pending_invite, pending_join_url
from .forms import (
    EMAIL_EXISTS,
    EMAIL_TAKEN,
    DeleteAccountForm,
    LoginForm,
    PasswordForm,
    ProfileForm,
    SignupForm,
    timezone_choices,
)

bp = Blueprint("accounts", __name__)

LIMIT = "10 per 15 minutes"

DISABLED = "This account is disabled. Ask the person who runs pairapp to enable it again."


def safe_next(default=None):
    """The `next` target if it stays on this site, else the default URL, else My pairs."""
    target = request.values.get("next", "")
    parts = urlsplit(target)
    # Only a local path: no scheme, no host, and not the protocol-relative "//host".
    local = target.startswith("/") and not target.startswith("//") and "\\" not in target
    # Browsers drop tabs and newlines ("/\t/evil" is "//evil"); a newline also breaks the header.
    plain = not any(ord(char) < 32 or ord(char) == 127 for char in target)
    if local and plain and not parts.netloc and not parts.scheme:
        return target
    return default or url_for("pairs.dashboard")


def after_entry():
    """Where signing up or logging in leads: `next`, else the invite this browser opened."""
    return safe_next(pending_join_url())


def return_path():
    """Where to come back to after logging in: a page, never a form target or a fragment."""
    if is_htmx():
        # The fragment's URL is no page to land on: use the page htmx was on.
        page = urlsplit(request.headers.get("HX-Current-URL", ""))
        if page.netloc and page.netloc != request.host:
            return None
        return page.path + (f"?{page.query}" if page.query else "") or None
    if request.method == "GET":
        return request.full_path.rstrip("?")
    return None  # a GET of a form's target would only answer 405


def signup_open():
    """Sign-up is open, or this visitor holds a usable invite, or no account exists yet."""
    if signup_mode() == "open" or pending_invite() is not None:
        return True
    return not User.select().exists()


def client_address():
    """The address the rate limits count per."""
    return request.remote_addr or "unknown"


def login_account_key():
    """The rate-limit key for the account a login names."""
    return "account:" + normalise_email(request.form.get("email"))


def failed(response):
    """Only refused attempts count against the failure limits."""
    return response.status_code == 422


def signup_limit():
    """How many sign-ups one address may make per window (PAIRAPP_SIGNUP_LIMIT)."""
    return current_app.config["SIGNUP_LIMIT"]


def created_key():
    """The rate-limit key for accounts created from this address."""
    return "created:" + client_address()


def refused_key():
    """The rate-limit key for refused sign-ups from this address."""
    return "refused:" + client_address()


def account_created(_response):
    """Only a sign-up that made an account counts against the accounts-created limit."""
    return g.get("account_created", False)


def new_account(form):
    """The account the form describes, not saved yet, its password hashed."""
    user = User(
        email=normalise_email(form.email.data),
        display_name=form.display_name.data.strip(),
        timezone=form.timezone.data if form.timezone.data in available_timezones() else "",
    )
    # Hashing is slow: done before the write lock is taken.
    user.set_password(form.password.data)
    return user


def create_account(user):
    """Save the new account (the very first one is admin), or None if its email was just taken."""
    try:
        with write_transaction():
            user.is_admin = not User.select().exists()
            user.save()
    except IntegrityError:
        # Someone signed up with this email between the form check and the save.
        return None
    return user


def account_made_by_this_form():
    """The account a first send of this very form made (a double click), if the password
    sent again is its password: the repeat then logs in as the first did, no new account."""
    first = first_result()
    user = User.get_or_none(User.id == int(first)) if first and first.isdigit() else None
    if user and user.check_password(request.form.get("password", "")):
        return user
    return None


@bp.route("/signup", methods=["GET", "POST"])
# Generous and counted apart: an office signing up from one address must get through, while
# a flood of refused attempts (probing which emails have accounts) is stopped as soon.
@limiter.limit(signup_limit, key_func=created_key, methods=["POST"], deduct_when=account_created)
@limiter.limit(signup_limit, key_func=refused_key, methods=["POST"], deduct_when=failed)
def signup():
    """Create an account; the very first one becomes admin."""
    if current_user.is_authenticated:
        return redirect(after_entry())
    if not signup_open():
        return render_template("accounts/signup_closed.html"), 403
    form = SignupForm()
    repeated = account_made_by_this_form() if form.is_submitted() else None
    if repeated:
        login_user(repeated)
        return redirect(after_entry(), code=303)
    if form.validate_on_submit():
        unsaved = new_account(form)
        user, _first = create_once(
            lambda: create_account(unsaved), lambda made: str(made.id) if made else ""
        )
        # A twin send that waited for the first: the account the first made.
        user = user or account_made_by_this_form()
        if user:
            g.account_created = True
            login_user(user)
            flash(f"Welcome, {user.display_name}. Your account is ready.")
            return redirect(after_entry(), code=303)
        form.email.errors.append(EMAIL_EXISTS)
    status = 422 if form.is_submitted() else 200
    return render_template("accounts/signup.html", form=form, invite=pending_invite()), status


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(LIMIT, key_func=client_address, methods=["POST"], deduct_when=failed)
@limiter.limit(LIMIT, key_func=login_account_key, methods=["POST"], deduct_when=failed)
def login():
    """Log in with email and password."""
    if current_user.is_authenticated:
        return redirect(after_entry())
    form = LoginForm()
    if form.validate_on_submit():
        user = User.by_email(form.email.data)
        if user and user.check_password(form.password.data):
            if user.disabled_at:
                auth_event("login-refused", reason="disabled", account=user.id)
                form.email.errors.append(DISABLED)
                return login_page(form, 422)
            login_user(user, remember=form.remember.data)
            auth_event("login", account=user.id)
            return redirect(after_entry(), code=303)
        # The account's id, never what was typed: people type passwords into the email field.
        auth_event("login-failed", account=user.id if user else "unknown", address=client_address())
        form.password.errors.append("Email or password is wrong.")
    return login_page(form, 422 if form.is_submitted() else 200)


def login_page(form, status):
    """The log-in page, telling who invited this visitor when they came from an invite."""
    return render_template("accounts/login.html", form=form, invite=pending_invite()), status


def forget_this_browser():
    """Empty the session and delete the remember cookie of this browser."""
    session.clear()
    # After clear(): logout_user() leaves the note that makes Flask-Login delete the cookie.
    logout_user()


def end_all_sessions(user):
    """Invalidate every session and remember cookie of this user."""
    User.update(session_version=User.session_version + 1).where(User.id == user.id).execute()


@bp.route("/logout", methods=["POST"])
def logout():
    """Log out everywhere this cookie was copied to."""
    if current_user.is_authenticated:
        end_all_sessions(current_user)
    forget_this_browser()
    flash("You are logged out.")
    return redirect(url_for("accounts.login"), code=303)


def account_forms(**forms):
    """The three account forms, with any given ones (holding errors) in place."""
    profile = forms.get("profile") or ProfileForm(obj=current_user)
    profile.timezone.choices = timezone_choices()
    return {
        "profile": profile,
        "password_form": forms.get("password_form") or PasswordForm(formdata=None),
        "delete_form": forms.get("delete_form") or DeleteAccountForm(formdata=None),
    }


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """Show and change name, email and timezone."""
    if request.method == "GET":
        return render_template("accounts/account.html", **account_forms())
    profile = ProfileForm()
    profile.timezone.choices = timezone_choices()
    if profile.validate_on_submit():
        try:
            User.update(
                display_name=profile.display_name.data.strip(),
                email=normalise_email(profile.email.data),
                timezone=profile.timezone.data,
            ).where(User.id == current_user.id).execute()
        except IntegrityError:
            # Another account took this email between the form check and the save.
            profile.email.errors.append(EMAIL_TAKEN)
        else:
            flash("Your account is saved.")
            return redirect(url_for("accounts.account"), code=303)
    return render_template("accounts/account.html", **account_forms(profile=profile)), 422


@bp.route("/account/password", methods=["POST"])
@login_required
def change_password():
    """Change the password and end every other session."""
    form = PasswordForm()
    if not form.validate_on_submit():
        return render_template("accounts/account.html", **account_forms(password_form=form)), 422
    user = User.get_by_id(current_user.id)
    user.set_password(form.new_password.data)
    user.session_version += 1
    user.save()
    # This browser stays logged in with the new session version, and stays remembered if it was.
    remembered = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
    login_user(user, remember=remembered)
    flash("Your password is changed. Other devices have been logged out.")
    return redirect(url_for("accounts.account"), code=303)


@bp.route("/account/delete", methods=["POST"])
@login_required
def delete_account():
    """Delete the account and the person's data; shared content stays with the partners (by
    "a former member"), and a pair nobody belongs to any more goes."""
    form = DeleteAccountForm()
    if not form.validate_on_submit():
        return render_template("accounts/account.html", **account_forms(delete_form=form)), 422
    with write_transaction():
        # Its invite links die and each pair is told; a pair nobody belongs to any more goes.
        leave_all_pairs(current_user.id)
        for feature in registry().features.values():
            if feature.forget_person is not None:
                feature.forget_person(current_user)
        # The row's deletion takes the rest: private items and their history, sign-offs,
        # reminders put away, links the person made (ON DELETE CASCADE); what they shared
        # stays, with no one's name on it (SET NULL): "a former member".
        User.delete().where(User.id == current_user.id).execute()
    auth_event("account-deleted", account=current_user.id)
    forget_this_browser()
    flash("Your account is deleted.")
    return redirect(url_for("accounts.login"), code=303)
