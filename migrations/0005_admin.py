"""Administration: disabled accounts, one-time account links, the audit log, site settings."""

from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.add_column("user", "disabled_at", DateTimeField(null=True)))

    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class AccountLink(Model):
        kind = CharField()
        token_hash = CharField(unique=True)
        email = CharField(default="")
        user = ForeignKeyField(User, null=True, on_delete="CASCADE")
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        expires_at = DateTimeField()
        used_at = DateTimeField(null=True)
        revoked_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "account_link"

    class AuditEntry(Model):
        created_at = DateTimeField(index=True)
        actor = ForeignKeyField(User, null=True, on_delete="SET NULL")
        actor_name = CharField()
        action = CharField()
        detail = TextField(default="")

        class Meta:
            database = db
            table_name = "audit_entry"

    class SiteSetting(Model):
        key = CharField(unique=True)
        value = TextField()
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = "site_setting"

    db.create_tables([AccountLink, AuditEntry, SiteSetting])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("site_setting"))
    migrator.migrate(migrator.drop_table("audit_entry"))
    migrator.migrate(migrator.drop_table("account_link"))
    migrator.migrate(migrator.drop_column("user", "disabled_at"))
