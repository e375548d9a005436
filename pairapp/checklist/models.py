"""The organisation's checklist guides and each pair's own adapted copy."""

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from ..core.models import BaseModel, Pair, User, Versioned, utcnow

LEADS = (("mentor", "Mentor"), ("protege", "Protégé"), ("both", "Both"))
MONTHS = 12


class Guide(BaseModel):
    """A month-by-month guide an organisation loaded; new pairs copy the default one."""

    name = CharField(unique=True)
    source = CharField(default="")  # the file it was imported from, for `guide list`
    is_default = BooleanField(default=False)
    imported_at = DateTimeField(default=utcnow)


class GuideItem(BaseModel):
    """One task of a guide, in one month."""

    guide = ForeignKeyField(Guide, backref="items", on_delete="CASCADE")
    month = IntegerField()
    position = IntegerField()
    title = CharField(max_length=200)
    detail = TextField(default="")
    lead = CharField(default="both")


class Checklist(BaseModel):
    """Marks that a pair has its copy; unique per pair so two first opens copy once."""

    pair = ForeignKeyField(Pair, unique=True, on_delete="CASCADE", backref="+")
    # The guide's name when copied; the copy never follows later changes to the guide.
    guide_name = CharField()
    created_at = DateTimeField(default=utcnow)


class ChecklistItem(Versioned):
    """One item of a pair's own checklist, as the pair adapted it."""

    month = IntegerField()  # 1 = the pair's start month
    title = CharField(max_length=200)
    detail = TextField(default="")
    lead = CharField(default="both")
    done = BooleanField(default=False)
    done_at = DateField(null=True)
    done_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    struck = BooleanField(default=False)
    highlighted = BooleanField(default=False)
    margin_date = DateField(null=True)
    margin_time = CharField(default="")  # "HH:MM" as typed: a time of day, no timezone
    margin_place = CharField(default="")
    margin_note = TextField(default="")
    own = BooleanField(default=True)  # added by the pair; copies of a guide's items are False

    class Meta:
        indexes = ((("pair", "month", "position"), False),)


CHECKLIST_MODELS = [Guide, GuideItem, Checklist, ChecklistItem]
