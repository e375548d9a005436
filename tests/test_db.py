"""Prepared selects: the same rows as the query they were built from, SQL built once."""

import datetime

from pairapp.core.models import User
from pairapp.db import Param, Prepared, db
from pairapp.plan.models import Milestone, Signature


def rows(query):
    return [unit.__data__ for unit in query]


def test_a_prepared_select_returns_what_its_query_returns(plan_world):
    world = plan_world
    mentor, protege = world.mentor.id, world.protege.id
    Milestone.create(
        pair=world.pair.id, title="Mine", date=datetime.date(2027, 1, 2), private_to=mentor
    )
    mine = (Milestone.pair == Param("pair")) & (
        Milestone.private_to.is_null() | (Milestone.private_to == Param("user"))
    )
    prepared = Prepared(Milestone.select().where(mine).order_by(Milestone.position))
    with world.app.app_context():
        db.connect(reuse_if_open=True)
        for user in (mentor, protege):
            plain = Milestone.select().where(
                (Milestone.pair == world.pair.id)
                & (Milestone.private_to.is_null() | (Milestone.private_to == user))
            )
            expected = rows(plain.order_by(Milestone.position))
            found = list(prepared(pair=world.pair.id, user=user))
            assert [unit.__data__ for unit in found] == expected
            # Stored values come back as Python values, as from a plain query.
            assert all(isinstance(unit.date, datetime.date) for unit in found)
        assert "Mine" in [u.title for u in prepared(pair=world.pair.id, user=mentor)]
        assert "Mine" not in [u.title for u in prepared(pair=world.pair.id, user=protege)]
        assert list(prepared(pair=world.pair.id + 1000, user=mentor)) == []
        assert len(prepared.compiled) == 1  # built once, for this kind of database
        db.close()


def test_a_prepared_join_brings_the_joined_rows_without_more_queries(plan_world):
    world = plan_world
    world.as_("mentor").post(world.url("/plan/sign"), {"name": "Mo"})
    prepared = Prepared(
        Signature.select(Signature, User).join(User).where(Signature.pair == Param("pair"))
    )
    with world.app.app_context():
        db.connect(reuse_if_open=True)
        (signature,) = list(prepared(pair=world.pair.id))
        executed = []
        original = db.obj.execute_sql
        db.obj.execute_sql = lambda *args, **kwargs: executed.append(args) or original(*args)
        try:
            assert signature.user.display_name == "Mentor Mo" and signature.name == "Mo"
        finally:
            db.obj.execute_sql = original
        assert executed == []
        db.close()
