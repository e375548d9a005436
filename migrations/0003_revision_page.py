"""Revisions remember the page that made them, so live updates do not echo a page's own changes."""

from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.add_column("revision", "page", CharField(default="")))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("revision", "page"))
