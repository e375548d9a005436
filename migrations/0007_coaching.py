"""Reciprocal coaching: cycles, agreement goals and texts, notes, tallies, next steps; an
action step remembers the feature that made it."""

from peewee import *


def up(migrator, db):
    class Goal(Model):
        class Meta:
            database = db
            table_name = "goal"

    class Pair(Model):
        class Meta:
            database = db
            table_name = "pair"

    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class CoachingGoal(Model):
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
        plan_goal = ForeignKeyField(Goal, null=True, on_delete="SET NULL")

        class Meta:
            database = db
            table_name = "coaching_goal"

    db.create_tables([CoachingGoal])

    class Cycle(Model):
        pair = ForeignKeyField(Pair, field=Pair.id, on_delete="CASCADE")
        version = IntegerField(default=1)
        position = IntegerField(default=0)
        created_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        updated_at = DateTimeField()
        deleted_at = DateTimeField(null=True)
        private_to = ForeignKeyField(User, field=User.id, null=True, on_delete="CASCADE")
        observer = ForeignKeyField(User, on_delete="CASCADE")
        observed = ForeignKeyField(User, on_delete="CASCADE")
        stage = CharField(default="planned")

        class Meta:
            database = db
            table_name = "cycle"

    db.create_tables([Cycle])

    class CoachingText(Model):
        pair = ForeignKeyField(Pair, field=Pair.id, on_delete="CASCADE")
        version = IntegerField(default=1)
        position = IntegerField(default=0)
        created_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        updated_at = DateTimeField()
        deleted_at = DateTimeField(null=True)
        private_to = ForeignKeyField(User, field=User.id, null=True, on_delete="CASCADE")
        cycle = ForeignKeyField(Cycle, null=True, on_delete="CASCADE")
        key = CharField()
        value = TextField(default="")

        class Meta:
            database = db
            table_name = "coaching_text"
            indexes = ((("pair", "cycle", "key"), False),)

    db.create_tables([CoachingText])

    class NextStep(Model):
        pair = ForeignKeyField(Pair, field=Pair.id, on_delete="CASCADE")
        version = IntegerField(default=1)
        position = IntegerField(default=0)
        created_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        updated_at = DateTimeField()
        deleted_at = DateTimeField(null=True)
        private_to = ForeignKeyField(User, field=User.id, null=True, on_delete="CASCADE")
        cycle = ForeignKeyField(Cycle, on_delete="CASCADE")
        for_user = ForeignKeyField(User, null=True, on_delete="SET NULL")
        text = TextField()

        class Meta:
            database = db
            table_name = "next_step"

    db.create_tables([NextStep])

    class ObservationNote(Model):
        pair = ForeignKeyField(Pair, field=Pair.id, on_delete="CASCADE")
        version = IntegerField(default=1)
        position = IntegerField(default=0)
        created_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        updated_at = DateTimeField()
        deleted_at = DateTimeField(null=True)
        private_to = ForeignKeyField(User, field=User.id, null=True, on_delete="CASCADE")
        cycle = ForeignKeyField(Cycle, on_delete="CASCADE")
        at = CharField(default="")
        text = TextField()

        class Meta:
            database = db
            table_name = "observation_note"

    db.create_tables([ObservationNote])

    class Tally(Model):
        pair = ForeignKeyField(Pair, field=Pair.id, on_delete="CASCADE")
        version = IntegerField(default=1)
        position = IntegerField(default=0)
        created_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        updated_at = DateTimeField()
        deleted_at = DateTimeField(null=True)
        private_to = ForeignKeyField(User, field=User.id, null=True, on_delete="CASCADE")
        cycle = ForeignKeyField(Cycle, on_delete="CASCADE")
        name = CharField()
        count = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "tally"

    db.create_tables([Tally])

    migrator.migrate(
        migrator.add_column("action_step", "source_key", CharField(index=True, default=""))
    )
    migrator.migrate(migrator.add_column("action_step", "source_label", CharField(default="")))
    migrator.migrate(migrator.add_column("action_step", "source_url", CharField(default="")))


def down(migrator, db):
    migrator.migrate(migrator.drop_index("action_step", "action_step_source_key"))
    migrator.migrate(migrator.drop_column("action_step", "source_url"))
    migrator.migrate(migrator.drop_column("action_step", "source_label"))
    migrator.migrate(migrator.drop_column("action_step", "source_key"))
    migrator.migrate(migrator.drop_table("tally"))
    migrator.migrate(migrator.drop_table("observation_note"))
    migrator.migrate(migrator.drop_table("next_step"))
    migrator.migrate(migrator.drop_table("coaching_text"))
    migrator.migrate(migrator.drop_table("cycle"))
    migrator.migrate(migrator.drop_table("coaching_goal"))
