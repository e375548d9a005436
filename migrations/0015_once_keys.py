"""One-time keys of create forms: a create sent twice answers the first result."""

from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class OnceKey(Model):
        digest = CharField(unique=True)
        user = ForeignKeyField(User, null=True, on_delete="CASCADE")
        created_at = DateTimeField(index=True)
        result = TextField(default="")

        class Meta:
            database = db
            table_name = "once_key"

    db.create_tables([OnceKey])


def down(migrator, db):
    db.execute_sql("DROP TABLE once_key")
