"""The pair's export file: assembled from each feature's part, checked, and imported whole."""

import datetime
import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from peewee import DataError, IntegrityError

from ..core.history import changes_by
from ..core.models import Membership, Pair, User, utcnow
from ..core.portable import BadFile, ExportContext, ImportContext
from ..core.unit_types import registry
from ..core.versioning import record_event
from ..db import write_transaction

FORMAT = "pairapp-export"
VERSION = 1
# A rich pair's file is well under 1 MB; anything much larger is not one of ours.
MAX_BYTES = 5 * 1024 * 1024
SCHEMA_PATH = Path(__file__).with_name("schema.json")
NOTHING = "Nothing was imported."


@cache
def validator():
    """The export format's JSON Schema validator (draft 2020-12)."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def exporting_features():
    """The registered features that put a part into the file, in registration order."""
    return [feature for feature in registry().features.values() if feature.export]


def export_pair(pair, viewer_id):
    """The pair's file as this member may see it: shared content and their own private items."""
    roles = {
        member.user_id: member.role
        for member in Membership.select().where(Membership.pair == pair.id)
    }
    context = ExportContext(pair, viewer_id, roles)
    content = {feature.name: feature.export(context) for feature in exporting_features()}
    context.finish()
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": utcnow().isoformat(timespec="seconds") + "Z",
        "content": content,
    }


def as_bytes(data):
    """The file's text: UTF-8 JSON, readable by a person."""
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def size_words(size):
    """A number of bytes as people read it, e.g. "5 MB"."""
    if size >= 1024 * 1024:
        return f"{size // (1024 * 1024)} MB"
    return f"{size // 1024} kB"


def read_file(raw):
    """The file's data if it is an export this server can import; else BadFile with why."""
    if len(raw) > MAX_BYTES:
        raise BadFile(
            f"The file is larger than {size_words(MAX_BYTES)}, so it is not a pairapp export. "
            f"{NOTHING}"
        )
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BadFile(
            f"This file is not a pairapp export: it is not JSON text. Choose the .json file "
            f"that “Download the pair's file” gave you. {NOTHING}"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadFile(f"This file is JSON, but not a pairapp export of a pair. {NOTHING}")
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise BadFile(
            f"This file comes from a newer pairapp (format version {version}); this server "
            f"reads version {VERSION}. Upgrade this server, then import the file again. {NOTHING}"
        )
    error = next(iter(sorted(validator().iter_errors(data), key=lambda e: e.path)), None)
    if error is not None:
        where = "/".join(str(step) for step in error.absolute_path) or "the top level"
        raise BadFile(
            f"This pairapp export is damaged or was edited: at {where}, {error.message}. {NOTHING}"
        )
    return data


def import_pair(data, user_id):
    """A new pair holding the file's content, with the importer as its only member; the pair
    and the importer's role in it.

    All or nothing: one transaction, and any problem (BadFile) rolls every row back.
    """
    content = data["content"]
    try:
        with write_transaction():
            pair = Pair.create(title=content["pairs"]["title"], start_date=datetime.date.today())
            record_event(pair.id, user_id, "export", "import")
            context = ImportContext(pair, user_id, role=None)
            for feature in registry().features.values():
                if feature.import_ is not None:
                    feature.import_(context, content[feature.name])
            context.finish()
    except (IntegrityError, DataError):
        # A unit twice, a missing link, a value the database refuses: the file was edited.
        raise BadFile(
            f"The parts of this file do not fit together, so it was edited or damaged. {NOTHING}"
        ) from None
    return context.pair, context.role


def personal_data(user):
    """Everything pairapp keeps about this person, for "Download my data"."""
    account = User.get_by_id(user.id)
    data = {
        "format": "pairapp-personal-data",
        "version": 1,
        "exported_at": utcnow().isoformat(timespec="seconds") + "Z",
        # Everything but the password's hash and the session counter.
        "account": {
            "email": account.email,
            "display_name": account.display_name,
            "timezone": account.timezone,
            "is_admin": account.is_admin,
            "created_at": account.created_at.isoformat(timespec="seconds") + "Z",
        },
    }
    for feature in registry().features.values():
        if feature.personal_data is not None:
            data.update(feature.personal_data(account))
    # What they changed, when, from what to what: shared content and their own private items.
    data["history"] = changes_by(account.id)
    return data
