"""Each person's folded (or kept open) parts of the plan: their own view, not shared content."""

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

    class PartFold(Model):
        pair = ForeignKeyField(Pair, on_delete="CASCADE")
        user = ForeignKeyField(User, on_delete="CASCADE")
        key = CharField()
        folded = BooleanField()

        class Meta:
            database = db
            table_name = "part_fold"
            indexes = ((("pair", "user", "key"), True),)

    db.create_tables([PartFold])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("part_fold"))
