"""The monthly checklist: organisation guides, and each pair's own adapted copy."""

from peewee import *


def up(migrator, db):
    class Pair(Model):
        class Meta:
            database = db
            table_name = "pair"

    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Checklist(Model):
        pair = ForeignKeyField(Pair, unique=True, on_delete="CASCADE")
        guide_name = CharField()
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "checklist"

    db.create_tables([Checklist])

    class ChecklistItem(Model):
        pair = ForeignKeyField(Pair, field=Pair.id, on_delete="CASCADE")
        version = IntegerField(default=1)
        position = IntegerField(default=0)
        created_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        updated_at = DateTimeField()
        deleted_at = DateTimeField(null=True)
        private_to = ForeignKeyField(User, field=User.id, null=True, on_delete="CASCADE")
        month = IntegerField()
        title = CharField(max_length=200)
        detail = TextField(default="")
        lead = CharField(default="both")
        done = BooleanField(default=False)
        done_at = DateField(null=True)
        done_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        struck = BooleanField(default=False)
        highlighted = BooleanField(default=False)
        margin_date = DateField(null=True)
        margin_time = CharField(default="")
        margin_place = CharField(default="")
        margin_note = TextField(default="")
        own = BooleanField(default=True)

        class Meta:
            database = db
            table_name = "checklist_item"
            indexes = ((("pair", "month", "position"), False),)

    db.create_tables([ChecklistItem])

    class Guide(Model):
        name = CharField(unique=True)
        source = CharField(default="")
        is_default = BooleanField(default=False)
        imported_at = DateTimeField()

        class Meta:
            database = db
            table_name = "guide"

    db.create_tables([Guide])

    class GuideItem(Model):
        guide = ForeignKeyField(Guide, on_delete="CASCADE")
        month = IntegerField()
        position = IntegerField()
        title = CharField(max_length=200)
        detail = TextField(default="")
        lead = CharField(default="both")

        class Meta:
            database = db
            table_name = "guide_item"

    db.create_tables([GuideItem])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("guide_item"))
    migrator.migrate(migrator.drop_table("guide"))
    migrator.migrate(migrator.drop_table("checklist_item"))
    migrator.migrate(migrator.drop_table("checklist"))
