"""Check-ins, feedback, self-assessments, rubric rows, reviews, dismissed nudges; a closed cycle."""

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

    class Assessment(Model):
        pair = ForeignKeyField(Pair, field=Pair.id, on_delete="CASCADE")
        version = IntegerField(default=1)
        position = IntegerField(default=0)
        created_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        updated_at = DateTimeField()
        deleted_at = DateTimeField(null=True)
        private_to = ForeignKeyField(User, field=User.id, null=True, on_delete="CASCADE")
        row = CharField(default="goals")
        date = DateField()
        score = IntegerField(default=1)
        comment = TextField(default="")

        class Meta:
            database = db
            table_name = "assessment"

    db.create_tables([Assessment])

    class CheckIn(Model):
        pair = ForeignKeyField(Pair, field=Pair.id, on_delete="CASCADE")
        version = IntegerField(default=1)
        position = IntegerField(default=0)
        created_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        updated_at = DateTimeField()
        deleted_at = DateTimeField(null=True)
        private_to = ForeignKeyField(User, field=User.id, null=True, on_delete="CASCADE")
        date = DateField()
        format = CharField(default="in_person")
        progress_review = TextField(default="")
        challenges = TextField(default="")
        plan_adjustment = TextField(default="")
        own_items = TextField(default="")
        notes = TextField(default="")
        decisions = TextField(default="")
        next_date = DateField(null=True)

        class Meta:
            database = db
            table_name = "check_in"

    db.create_tables([CheckIn])

    class Dismissal(Model):
        pair = ForeignKeyField(Pair, on_delete="CASCADE")
        user = ForeignKeyField(User, on_delete="CASCADE")
        key = CharField()
        dismissed_at = DateTimeField()

        class Meta:
            database = db
            table_name = "dismissal"
            indexes = ((("pair", "user", "key"), True),)

    db.create_tables([Dismissal])

    class Feedback(Model):
        pair = ForeignKeyField(Pair, field=Pair.id, on_delete="CASCADE")
        version = IntegerField(default=1)
        position = IntegerField(default=0)
        created_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        updated_at = DateTimeField()
        deleted_at = DateTimeField(null=True)
        private_to = ForeignKeyField(User, field=User.id, null=True, on_delete="CASCADE")
        about = CharField(default="partner")
        helped = TextField(default="")
        to_change = TextField(default="")
        request = TextField(default="")

        class Meta:
            database = db
            table_name = "feedback"

    db.create_tables([Feedback])

    class Review(Model):
        pair = ForeignKeyField(Pair, field=Pair.id, on_delete="CASCADE")
        version = IntegerField(default=1)
        position = IntegerField(default=0)
        created_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        updated_at = DateTimeField()
        deleted_at = DateTimeField(null=True)
        private_to = ForeignKeyField(User, field=User.id, null=True, on_delete="CASCADE")
        kind = CharField(default="pilot")
        date = DateField()
        achieved = TextField(default="")
        carries_on = TextField(default="")

        class Meta:
            database = db
            table_name = "review"

    db.create_tables([Review])

    class RubricRow(Model):
        pair = ForeignKeyField(Pair, field=Pair.id, on_delete="CASCADE")
        version = IntegerField(default=1)
        position = IntegerField(default=0)
        created_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        updated_at = DateTimeField()
        deleted_at = DateTimeField(null=True)
        private_to = ForeignKeyField(User, field=User.id, null=True, on_delete="CASCADE")
        title = CharField()

        class Meta:
            database = db
            table_name = "rubric_row"

    db.create_tables([RubricRow])

    migrator.migrate(migrator.add_column("pair", "archived_at", DateTimeField(null=True)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("pair", "archived_at"))
    migrator.migrate(migrator.drop_table("rubric_row"))
    migrator.migrate(migrator.drop_table("review"))
    migrator.migrate(migrator.drop_table("feedback"))
    migrator.migrate(migrator.drop_table("dismissal"))
    migrator.migrate(migrator.drop_table("check_in"))
    migrator.migrate(migrator.drop_table("assessment"))
