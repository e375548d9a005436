"""One-time keys: a create sent twice (a double click, a resent form) makes one item.

Every form that creates something carries a hidden random key, made when the form is
rendered (a GET writes nothing: the key is only random text in the page). The create and the
record of its key are written in one transaction; a repeat finds the record and is answered
with the first result instead of making a second item.

The record is keyed by the form's key AND what the form said: a stale key (a form the Back
button showed again, or one an update kept on the page) sent with new text is a new item,
not a repeat of the old one.
"""

import datetime
import hashlib
import json
import secrets

from flask import abort, redirect, request
from flask_login import current_user
from markupsafe import Markup
from peewee import CharField, DateTimeField, ForeignKeyField, TextField

from ..db import write_transaction
from .htmx import is_htmx
from .models import BaseModel, User, utcnow

FIELD = "once"
KEEP_FOR = datetime.timedelta(days=1)  # a repeat comes within seconds; a day is generous
# Not part of what the form "said": the CSRF token, and passwords (never hashed here).
UNSAID = {"csrf_token", FIELD}


class OnceKey(BaseModel):
    """A create already made from a form's key: what it answered."""

    digest = CharField(unique=True)  # SHA-256 of the key and the form's values
    user = ForeignKeyField(User, null=True, on_delete="CASCADE")
    created_at = DateTimeField(default=utcnow, index=True)
    result = TextField(default="")  # what the route needs to answer again (an id, a URL)


def new_key():
    """A fresh random key for a form."""
    return secrets.token_urlsafe(24)


def once_field():
    """The hidden field every create form carries."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(FIELD, new_key())


def digest():
    """This request's key and form values as one digest, or None when it sent no key."""
    key = request.form.get(FIELD, "")
    if not key:
        return None
    if len(key) > 100:
        abort(400)
    said = sorted(
        (name, value)
        for name, values in request.form.lists()
        if name not in UNSAID and "password" not in name
        for value in values
    )
    text = json.dumps([key, request.path, said], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def create_once(create, remember=None):
    """Run create() unless this form already did: (created, None) or (None, first result).

    remember(created) gives the text kept to answer a repeat with (by default none: never a
    secret such as a link's token, which is stored only hashed). A
    request without a key is simply run: forms always send one, and a hand-made request
    (a script, an old page) still works.
    """
    key = digest()
    if key is None:
        return create(), None
    user_id = current_user.id if current_user.is_authenticated else None
    with write_transaction():
        # The write lock is held: a twin request waits here and then finds this record.
        first = OnceKey.get_or_none(OnceKey.digest == key)
        if first is not None:
            if first.user_id != user_id and first.user_id is not None:
                abort(400)
            return None, first.result
        created = create()
        OnceKey.create(digest=key, user=user_id, result=remember(created) if remember else "")
        OnceKey.delete().where(OnceKey.created_at < utcnow() - KEEP_FOR).execute()
    return created, None


def no_change(url):
    """A repeat whose first answer cannot be sent again (a link shown once): htmx keeps the
    page as the first answer left it (204 swaps nothing); a plain form goes back to url."""
    if is_htmx():
        return "", 204
    return redirect(url, code=303)


def first_result():
    """What this form's key already made (the first result), or None: for the few creates
    whose checks a repeat would fail (an account whose email is now taken)."""
    key = digest()
    if key is None:
        return None
    first = OnceKey.get_or_none(OnceKey.digest == key)
    return None if first is None else first.result


def init_app(app):
    """Offer once_field() to every template."""
    app.add_template_global(once_field)
