"""Each member can put away the pair home's first-steps guide, for themselves only."""

from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("membership", "first_steps_dismissed_at", DateTimeField(null=True))
    )


def down(migrator, db):
    migrator.migrate(migrator.drop_column("membership", "first_steps_dismissed_at"))
