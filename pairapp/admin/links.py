"""The links an admin hands out: a new person signs up, or someone sets a new password."""

from zoneinfo import available_timezones

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user

from ..accounts import LIMIT, account_made_by_this_form, client_address
from ..core.limited import refused
from ..core.models import User
from ..core.once import create_once
from ..extensions import limiter
from . import data
from .forms import LinkSignupForm, NewPasswordForm
from .routes import bp


def link_problem():
    """The page for a link that is unknown, used, revoked or expired."""
    return render_template("admin/link_problem.html"), 404


def logged_in_elsewhere():
    """Someone already logged in opened a link meant for another account."""
    return render_template("admin/link_logged_in.html"), 409


@bp.route("/welcome/<token>", methods=["GET", "POST"])
# Refusals only: colleagues signing up with their links from one office are not stopped.
@limiter.limit(LIMIT, key_func=client_address, methods=["POST"], deduct_when=refused)
def welcome(token):
    """Create the account an admin's sign-up link is for."""
    repeated = account_made_by_this_form() if request.method == "POST" else None
    if repeated:
        # A double click: the first send made the account (and used the link); log in.
        login_user(repeated)
        return redirect(url_for("pairs.dashboard"), code=303)
    link = data.usable_link("signup", token)
    if link is None:
        return link_problem()
    if current_user.is_authenticated:
        return logged_in_elsewhere()
    form = LinkSignupForm(link.email)
    if form.validate_on_submit():
        user = User(
            display_name=form.display_name.data.strip(),
            timezone=form.timezone.data if form.timezone.data in available_timezones() else "",
        )
        # Hashing is slow: done before the write lock is taken.
        user.set_password(form.password.data)
        made, _first = create_once(
            lambda: data.sign_up_with(link, user), lambda made: str(made.id) if made else ""
        )
        # A twin send that waited for the first: the account the first made.
        user = made or account_made_by_this_form()
        if user is None:
            return link_problem()
        login_user(user)
        flash(f"Welcome, {user.display_name}. Your account is ready.")
        return redirect(url_for("pairs.dashboard"), code=303)
    status = 422 if form.is_submitted() else 200
    return render_template("admin/welcome.html", form=form, email=link.email), status


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit(LIMIT, key_func=client_address, methods=["POST"])
def reset(token):
    """Set a new password with an admin's reset link; every other session ends."""
    link = data.usable_link("reset", token)
    if link is None:
        return link_problem()
    if current_user.is_authenticated and current_user.id != link.user_id:
        return logged_in_elsewhere()
    form = NewPasswordForm()
    if form.validate_on_submit():
        # Hashed by the model (slow), before the write lock is taken.
        holder = User()
        holder.set_password(form.new_password.data)
        user = data.reset_with(link, holder.password_hash)
        if user is None:
            return link_problem()
        login_user(user)
        flash("Your new password is set. Any other device was logged out.")
        return redirect(url_for("pairs.dashboard"), code=303)
    status = 422 if form.is_submitted() else 200
    account = User.get_by_id(link.user_id)
    return render_template("admin/reset.html", form=form, account=account), status
