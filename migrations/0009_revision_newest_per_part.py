"""An index for each part's newest change (the last-change lines and the agreement of a page).

Covers the columns those queries read, so a long history is read from the index alone.
"""

from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_index("revision", ("pair_id", "feature", "part", "private_to_id", "id"), False)
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index("revision", "revision_pair_id_feature_part_private_to_id_id")
    )
