"""Read-only share links: a hashed token, a label, the parts shown, expiry, revocation, last opened."""

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

    class ShareLink(Model):
        pair = ForeignKeyField(Pair, field=Pair.id, on_delete="CASCADE")
        created_by = ForeignKeyField(User, field=User.id, on_delete="CASCADE")
        label = CharField()
        parts = CharField()
        token_hash = CharField(unique=True)
        created_at = DateTimeField()
        expires_at = DateTimeField(null=True)
        revoked_at = DateTimeField(null=True)
        last_opened_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "share_link"

    db.create_tables([ShareLink])


def down(migrator, db):
    migrator.drop_table("share_link")
