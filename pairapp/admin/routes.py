"""The admin pages: overview and sign-up mode, accounts and links, pairs, audit log."""

from functools import wraps

from flask import Blueprint, abort, flash, render_template, session, url_for
from flask_login import current_user, login_required

from ..core.htmx import done, is_partial, render
from ..core.models import User, utcnow
from ..core.once import create_once, no_change
from ..core.site_settings import SIGNUP_MODES, signup_mode
from . import data
from .forms import ButtonForm, SignupLinkForm, SignupModeForm

bp = Blueprint("admin", __name__)


def admin_required(view):
    """Logged-in admins only: anyone else gets 403."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def overview_context(form=None):
    """What the overview page shows."""
    return {
        "signup_form": form or SignupModeForm(formdata=None, mode=signup_mode()),
        "account_count": User.select().count(),
        "link_count": len(data.open_links()),
    }


@bp.route("/admin")
@admin_required
def overview():
    """The admin's start page: sign-up mode, counts, where to go next."""
    return render_template("admin/overview.html", **overview_context())


@bp.route("/admin/signup", methods=["POST"])
@admin_required
def set_signup():
    """Open sign-up, or make it invite-only."""
    form = SignupModeForm()
    if not form.validate_on_submit():
        return render("admin/overview.html", "admin/_signup.html", 422, **overview_context(form))
    if form.mode.data != signup_mode():
        data.set_signup_mode(current_user, form.mode.data, SIGNUP_MODES[form.mode.data])
    notice = f"Sign-up is saved. {SIGNUP_MODES[form.mode.data]}"
    if not is_partial():
        flash(notice)
    context = overview_context(SignupModeForm(formdata=None, mode=form.mode.data))
    return done(url_for("admin.overview"), "admin/_signup.html", notice=notice, **context)


def accounts_context(link_form=None, new_link=None, problem=None):
    """What the accounts page shows."""
    return {
        "accounts": data.accounts(),
        "links": data.open_links(),
        "link_form": link_form or SignupLinkForm(formdata=None),
        "new_link": new_link,
        "problem": problem,
        "link_target": data.link_target,
        "now": utcnow(),
    }


def accounts_done(notice=None, **context):
    """After a change on the accounts page: the fresh section, or 303 back to the page."""
    if not is_partial():
        if notice:
            flash(notice)
        if context.get("new_link"):
            # Without htmx the link survives the redirect in the session, shown once.
            session["new_account_link"] = context["new_link"]
    context = accounts_context(**context)
    return done(url_for("admin.accounts"), "admin/_accounts.html", notice=notice, **context)


@bp.context_processor
def pop_new_link():
    """Hand a just-created account link to the page once."""
    return {"pop_new_account_link": lambda: session.pop("new_account_link", None)}


@bp.route("/admin/accounts")
@admin_required
def accounts():
    """Every account, with its actions, and the open links."""
    return render_template("admin/accounts.html", **accounts_context())


@bp.route("/admin/accounts/signup-links", methods=["POST"])
@admin_required
def create_signup_link():
    """A one-time link for a new person to create their account."""
    form = SignupLinkForm()
    if not form.validate_on_submit():
        context = accounts_context(link_form=form)
        return render("admin/accounts.html", "admin/_accounts.html", 422, **context)
    token, _first = create_once(
        lambda: data.create_link(current_user, "signup", email=form.email.data)
    )
    if token is None:
        # A repeat (a double click): the first answer shows the link (shown once).
        return no_change(url_for("admin.accounts"))
    link = url_for("admin.welcome", token=token, _external=True)
    what = {"text": f"Send this link to {form.email.data.strip()}", "url": link}
    return accounts_done(new_link=what)


def account_or_404(user_id):
    """The account with this id, or 404."""
    user = User.get_or_none(User.id == user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/admin/accounts/<int:user_id>/reset-link", methods=["POST"])
@admin_required
def create_reset_link(user_id):
    """A one-time link for this person to set a new password."""
    user = account_or_404(user_id)
    ButtonForm().validate_on_submit()
    if user.disabled_at:
        problem = f"{user.display_name}’s account is disabled. Enable it first."
        context = accounts_context(problem=problem)
        return render("admin/accounts.html", "admin/_accounts.html", 422, **context)
    token, _first = create_once(lambda: data.create_link(current_user, "reset", user=user))
    if token is None:
        return no_change(url_for("admin.accounts"))
    link = url_for("admin.reset", token=token, _external=True)
    what = {"text": f"Send this link to {user.display_name} ({user.email})", "url": link}
    return accounts_done(new_link=what)


@bp.route("/admin/accounts/<int:user_id>/disable", methods=["POST"])
@admin_required
def disable(user_id):
    """Disable an account: it is logged out everywhere and cannot log in."""
    user = account_or_404(user_id)
    ButtonForm().validate_on_submit()
    if user.id == current_user.id:
        problem = "You cannot disable your own account while you use it."
        context = accounts_context(problem=problem)
        return render("admin/accounts.html", "admin/_accounts.html", 422, **context)
    data.set_disabled(current_user, user, disabled=True)
    return accounts_done(f"{user.display_name}’s account is disabled and logged out everywhere.")


@bp.route("/admin/accounts/<int:user_id>/enable", methods=["POST"])
@admin_required
def enable(user_id):
    """Let a disabled account log in again."""
    user = account_or_404(user_id)
    ButtonForm().validate_on_submit()
    data.set_disabled(current_user, user, disabled=False)
    return accounts_done(f"{user.display_name} can log in again.")


@bp.route("/admin/links/<int:link_id>/revoke", methods=["POST"])
@admin_required
def revoke_link(link_id):
    """Revoke an open sign-up or reset link."""
    ButtonForm().validate_on_submit()
    if data.revoke_link(current_user, link_id):
        return accounts_done("The link is revoked: it no longer works.")
    return accounts_done()


@bp.route("/admin/pairs")
@admin_required
def pairs():
    """Every pair: title, members, last activity. Never what they wrote."""
    return render_template("admin/pairs.html", pairs=data.pairs_overview())


@bp.route("/admin/audit")
@admin_required
def audit():
    """What admins did, newest first."""
    return render_template("admin/audit.html", entries=data.audit_entries())
