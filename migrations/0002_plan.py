"""The plan: parts, fields, lists, revisions, signatures."""

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

    class Goal(Model):
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
        measure = TextField(default="")
        target_date = DateField(null=True)
        owner = CharField(default="protege")
        goal_kind = CharField(default="protege_improvement")
        horizon = CharField(default="short")
        status = CharField(default="not_started")
        progress = IntegerField(default=0)
        evidence = TextField(default="")

        class Meta:
            database = db
            table_name = "goal"

    db.create_tables([Goal])

    class ActionStep(Model):
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
        description = TextField(default="")
        responsible = CharField(default="protege")
        deadline = DateField(null=True)
        status = CharField(default="not_started")
        goal = ForeignKeyField(Goal, null=True, on_delete="SET NULL")

        class Meta:
            database = db
            table_name = "action_step"

    db.create_tables([ActionStep])

    class GlossaryTerm(Model):
        pair = ForeignKeyField(Pair, field=Pair.id, on_delete="CASCADE")
        version = IntegerField(default=1)
        position = IntegerField(default=0)
        created_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        updated_at = DateTimeField()
        deleted_at = DateTimeField(null=True)
        private_to = ForeignKeyField(User, field=User.id, null=True, on_delete="CASCADE")
        term = CharField()
        definition = TextField(default="")

        class Meta:
            database = db
            table_name = "glossary_term"

    db.create_tables([GlossaryTerm])

    class Milestone(Model):
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
        date = DateField(null=True)
        done = BooleanField(default=False)

        class Meta:
            database = db
            table_name = "milestone"

    db.create_tables([Milestone])

    class Note(Model):
        pair = ForeignKeyField(Pair, field=Pair.id, on_delete="CASCADE")
        version = IntegerField(default=1)
        position = IntegerField(default=0)
        created_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        updated_at = DateTimeField()
        deleted_at = DateTimeField(null=True)
        private_to = ForeignKeyField(User, field=User.id, null=True, on_delete="CASCADE")
        text = TextField()

        class Meta:
            database = db
            table_name = "note"

    db.create_tables([Note])

    class Plan(Model):
        pair = ForeignKeyField(Pair, unique=True, on_delete="CASCADE")
        template = CharField()
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "plan"

    db.create_tables([Plan])

    class PlanField(Model):
        pair = ForeignKeyField(Pair, field=Pair.id, on_delete="CASCADE")
        version = IntegerField(default=1)
        position = IntegerField(default=0)
        created_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        updated_at = DateTimeField()
        deleted_at = DateTimeField(null=True)
        private_to = ForeignKeyField(User, field=User.id, null=True, on_delete="CASCADE")
        part = CharField()
        key = CharField()
        value = TextField(default="")

        class Meta:
            database = db
            table_name = "plan_field"
            indexes = ((("pair", "part", "key"), True),)

    db.create_tables([PlanField])

    class PlanPart(Model):
        pair = ForeignKeyField(Pair, field=Pair.id, on_delete="CASCADE")
        version = IntegerField(default=1)
        position = IntegerField(default=0)
        created_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_by = ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        updated_at = DateTimeField()
        deleted_at = DateTimeField(null=True)
        private_to = ForeignKeyField(User, field=User.id, null=True, on_delete="CASCADE")
        key = CharField()
        hidden = BooleanField(default=False)

        class Meta:
            database = db
            table_name = "plan_part"
            indexes = ((("pair", "key"), True),)

    db.create_tables([PlanPart])

    class Revision(Model):
        pair = ForeignKeyField(Pair, on_delete="CASCADE")
        user = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        part = CharField()
        kind = CharField()
        object_id = IntegerField()
        field = CharField(default="")
        action = CharField(default="edit")
        seq = IntegerField(default=0)
        old_value = TextField(null=True)
        new_value = TextField(null=True)
        reason = TextField(default="")
        private_to = ForeignKeyField(User, null=True, on_delete="CASCADE")

        class Meta:
            database = db
            table_name = "revision"
            indexes = ((("pair", "kind", "object_id"), False), (("pair", "seq"), False))

    db.create_tables([Revision])

    class Signature(Model):
        pair = ForeignKeyField(Pair, on_delete="CASCADE")
        user = ForeignKeyField(User, on_delete="CASCADE")
        name = CharField()
        signed_at = DateTimeField()
        revision_id = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "signature"

    db.create_tables([Signature])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("signature"))
    migrator.migrate(migrator.drop_table("revision"))
    migrator.migrate(migrator.drop_table("plan_part"))
    migrator.migrate(migrator.drop_table("plan_field"))
    migrator.migrate(migrator.drop_table("plan"))
    migrator.migrate(migrator.drop_table("note"))
    migrator.migrate(migrator.drop_table("milestone"))
    migrator.migrate(migrator.drop_table("glossary_term"))
    migrator.migrate(migrator.drop_table("action_step"))
    migrator.migrate(migrator.drop_table("goal"))
