"""Revisions carry their feature, so one feature's changes never wake or mark another's."""

from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("revision", "feature", CharField(default="plan")),
        migrator.add_index("revision", ("pair_id", "feature", "seq"), False),
    )
    # Every change recorded before features existed was a change to the plan.
    db.execute_sql("UPDATE revision SET feature = 'plan'")


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index("revision", "revision_pair_id_feature_seq"),
        migrator.drop_column("revision", "feature"),
    )
