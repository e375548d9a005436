"""Accounts, pairs, memberships and invite links."""

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
)

# Defaults such as created_at=utcnow live in the application models, not in the schema.


def up(migrator, db):
    class Pair(Model):
        title = CharField()
        start_date = DateField()
        created_at = DateTimeField()
        change_counter = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "pair"

    db.create_tables([Pair])

    class User(Model):
        email = CharField(unique=True)
        display_name = CharField()
        password_hash = CharField()
        is_admin = BooleanField(default=False)
        timezone = CharField(default="")
        session_version = IntegerField(default=1)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "user"

    db.create_tables([User])

    class Invite(Model):
        pair = ForeignKeyField(Pair, on_delete="CASCADE")
        role = CharField()
        token_hash = CharField(unique=True)
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        expires_at = DateTimeField()
        used_at = DateTimeField(null=True)
        used_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        revoked_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "invite"

    db.create_tables([Invite])

    class Membership(Model):
        pair = ForeignKeyField(Pair, on_delete="CASCADE")
        user = ForeignKeyField(User, on_delete="CASCADE")
        role = CharField()
        joined_at = DateTimeField()

        class Meta:
            database = db
            table_name = "membership"
            indexes = ((("pair", "user"), True),)

    db.create_tables([Membership])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("membership"))
    migrator.migrate(migrator.drop_table("invite"))
    migrator.migrate(migrator.drop_table("user"))
    migrator.migrate(migrator.drop_table("pair"))
