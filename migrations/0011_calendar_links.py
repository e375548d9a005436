"""Calendar subscription links: one member's feed of one pair, stored hashed, revocable."""

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

    class Membership(Model):
        class Meta:
            database = db
            table_name = "membership"

    class CalendarLink(Model):
        pair = ForeignKeyField(Pair, field=Pair.id, on_delete="CASCADE")
        created_by = ForeignKeyField(User, field=User.id, on_delete="CASCADE")
        membership = ForeignKeyField(Membership, field=Membership.id, on_delete="CASCADE")
        token_hash = CharField(unique=True)
        created_at = DateTimeField()
        expires_at = DateTimeField(null=True)
        revoked_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "calendar_link"

    db.create_tables([CalendarLink])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("calendar_link"))
