"""The pair's checklist pages and item actions, through the test client."""

import datetime

import pytest
from conftest import plain, text

from pairapp.checklist.models import Checklist, ChecklistItem
from pairapp.core.models import Pair, Revision

from .conftest import HTMX


def test_the_current_month_opens_first_with_its_calendar_month(world, monkeypatch):
    response = world.as_("mentor").get(world.url("/checklist"))
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    page = plain(response)
    assert "Month" in page and "This month" in page


def test_a_month_shows_its_label_items_counts_and_neighbours(world):
    page = plain(world.as_("protege").get(world.url("/checklist/month/3")))
    assert "Month 3 · November 2026" in page
    assert "Debrief each observation" in page
    assert "0 done · 0 struck · 0 highlighted · 7 open" in page
    assert world.url("/checklist/month/2") in page and world.url("/checklist/month/4") in page
    assert world.url("/checklist/year") in page


@pytest.mark.parametrize(
    "path", ["/checklist", "/checklist/month/2", "/checklist/year", "/checklist/print"]
)
def test_a_non_member_gets_404(world, path):
    assert world.as_("stranger").get(world.url(path)).status_code == 404


@pytest.mark.parametrize(
    "path", ["/checklist/month/0", "/checklist/month/13", "/checklist/print?month=x"]
)
def test_months_outside_the_year_are_404(world, path):
    assert world.as_("mentor").get(world.url(path)).status_code == 404


def test_an_existing_pair_gets_its_copy_on_first_open_with_one_tap(
    app, login, make_user, make_pair
):
    user = make_user("Old Member")
    pair = make_pair(mentor=user)
    session = login(user)
    for path in ("", "/month/2", "/year", "/print"):
        page = session.get(f"/pairs/{pair.id}/checklist{path}")
        assert page.status_code == 200 and "Start our checklist" in text(page)
    assert not Checklist.select().where(Checklist.pair == pair.id).exists()  # GET changes nothing
    assert session.post(f"/pairs/{pair.id}/checklist/start").status_code == 303
    assert session.post(f"/pairs/{pair.id}/checklist/start").status_code == 303
    assert ChecklistItem.select().where(ChecklistItem.pair == pair.id).count() > 70
    assert Checklist.select().where(Checklist.pair == pair.id).count() == 1
    assert (
        login(make_user("Stranger Sue")).post(f"/pairs/{pair.id}/checklist/start").status_code
        == 404
    )


@pytest.mark.parametrize(
    "action,field", [("strike", "struck"), ("highlight", "highlighted"), ("done", "done")]
)
def test_a_set_action_with_htmx_answers_the_item_alone_small(world, action, field):
    item = world.item(2, 1)
    response = world.set("mentor", item, action, htmx=True)
    assert response.status_code == 200
    body = text(response)
    assert body.lstrip().startswith(f'<div id="u-item-{item.id}"')
    assert len(response.get_data()) < 2048
    assert getattr(world.fresh(item), field) is True


def test_set_actions_are_idempotent_never_409_and_recorded(world):
    item = world.item(1, 0)
    first = world.set("mentor", item, "strike", htmx=True)
    again = world.set("protege", item, "strike", htmx=True)
    assert first.status_code == again.status_code == 200
    rows = Revision.select().where((Revision.kind == "item") & (Revision.object_id == item.id))
    assert [(r.action, r.field, r.new_value) for r in rows] == [("set", "struck", "yes")]
    restored = world.set("protege", item, "strike", value="no")
    assert restored.status_code == 303
    assert world.fresh(item).struck is False


def test_done_keeps_the_date_and_who(world):
    item = world.item(1, 2)
    world.set("protege", item, "done")
    saved = world.fresh(item)
    assert saved.done and saved.done_by_id == world.people["protege"].id
    assert saved.done_at is not None
    page = plain(world.as_("mentor").get(world.url("/checklist/month/1")))
    assert "by Protege Pat" in page
    world.set("mentor", item, "done", value="no")
    saved = world.fresh(item)
    assert (saved.done, saved.done_at, saved.done_by_id) == (False, None, None)


def test_without_javascript_a_set_action_answers_303_to_its_month(world):
    item = world.item(4, 0)
    response = world.set("mentor", item, "highlight")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/checklist/month/4#u-item-{item.id}")


def test_set_actions_refuse_other_values_missing_csrf_and_strangers(world):
    item = world.item(1, 0)
    assert world.set("mentor", item, "strike", value="maybe").status_code == 400
    no_csrf = world.as_("mentor").post(world.set_url(item, "strike"), {"value": "yes"}, csrf=False)
    assert no_csrf.status_code == 400
    assert world.set("stranger", item, "strike").status_code == 404
    assert world.set("mentor", item, "explode").status_code == 404
    assert world.fresh(item).struck is False


def margin(world, who, item, version=None, htmx=False, **values):
    data = {f"item-{item.id}-{name}": value for name, value in values.items()}
    data[f"item-{item.id}-version"] = str(item.version if version is None else version)
    return world.as_(who).post(world.url(f"/item/{item.id}"), data, htmx=htmx)


def test_margin_notes_save_and_show_beside_the_item(world):
    item = world.item(1, 0)
    response = margin(
        world,
        "mentor",
        item,
        htmx=True,
        margin_date="2026-09-08",
        margin_time="16:30",
        margin_place="Room 4",
        margin_note="Bring the program handbook.",
    )
    assert response.status_code == 200, text(response)
    assert "Room 4" in plain(response) and "Bring the program handbook." in plain(response)
    saved = world.fresh(item)
    assert (saved.margin_date, saved.margin_time) == (datetime.date(2026, 9, 8), "16:30")


def test_a_bad_margin_time_is_422_with_the_text_kept(world):
    item = world.item(1, 0)
    response = margin(world, "mentor", item, margin_time="25:99", margin_note="Keep me")
    assert response.status_code == 422
    assert "Keep me" in plain(response) and "for example 14:30" in plain(response)


def test_a_stale_margin_note_is_409_with_both_texts(world):
    item = world.item(1, 0)
    assert margin(world, "mentor", item, margin_note="Mentor's note").status_code == 303
    stale = margin(world, "protege", item, margin_note="Protégé's note")
    assert stale.status_code == 409
    page = plain(stale)
    assert "Mentor's note" in page and "Protégé's note" in page


def test_a_set_action_between_opening_and_saving_a_note_is_no_conflict(world):
    item = world.item(1, 0)
    world.set("protege", item, "highlight")
    assert margin(world, "mentor", item, margin_note="After the highlight").status_code == 303


def test_the_words_of_a_guide_item_are_not_the_pairs_to_change(world):
    item = world.item(1, 0)
    edit = plain(world.as_("mentor").get(world.url(f"/item/{item.id}/edit")))
    assert f'name="item-{item.id}-margin_note"' in edit
    assert f'name="item-{item.id}-title"' not in edit
    # A hand-made post with a title changes nothing of the guide's words.
    forged = world.as_("mentor").post(
        world.url(f"/item/{item.id}"),
        {f"item-{item.id}-version": item.version, f"item-{item.id}-title": "Mine now"},
    )
    assert forged.status_code == 303
    assert world.fresh(item).title == item.title


def add(world, who, month, title, lead="both", htmx=False):
    data = {"new-item-title": title, "new-item-lead": lead, "new-item-month": str(month)}
    return world.as_(who).post(world.url("/item/new"), data, htmx=htmx)


def test_adding_an_own_item_to_a_month(world):
    response = add(world, "protege", 5, "Visit the regional office", htmx=True)
    assert response.status_code == 200
    assert 'id="part-month-5"' in text(response)
    item = ChecklistItem.get(ChecklistItem.title == "Visit the regional office")
    assert (item.month, item.own, item.created_by_id) == (5, True, world.people["protege"].id)
    assert item.position == max(i.position for i in world.pair_items(5))
    no_js = add(world, "mentor", 7, "Second own item")
    assert no_js.status_code == 303 and "/checklist/month/7" in no_js.headers["Location"]


def test_adding_without_a_title_is_422_keeping_the_month_and_choice(world):
    response = add(world, "mentor", 9, "   ", lead="mentor")
    assert response.status_code == 422
    page = plain(response)
    assert "Month 9 · May 2027" in page
    assert "Write what the item is." in page
    assert '<option selected value="mentor">' in page


def test_own_items_are_edited_removed_and_moved_within_their_month(world):
    add(world, "mentor", 2, "Our own item")
    own = ChecklistItem.get(ChecklistItem.title == "Our own item")
    edit = plain(world.as_("protege").get(world.url(f"/item/{own.id}/edit")))
    assert f'name="item-{own.id}-title"' in edit
    saved = margin(world, "protege", own, title="Our own item, renamed", lead="protege")
    assert saved.status_code == 303
    assert world.fresh(own).title == "Our own item, renamed"
    before = [i.id for i in world.pair_items(2)]
    moved = world.as_("mentor").post(world.url(f"/item/{own.id}/move"), {"direction": "up"})
    assert moved.status_code == 303
    after = [i.id for i in world.pair_items(2)]
    assert after.index(own.id) == before.index(own.id) - 1
    assert {i.month for i in world.pair_items(2)} == {2}
    removed = world.as_("mentor").post(world.url(f"/item/{own.id}/delete"), {}, htmx=True)
    assert removed.status_code == 200 and "Undo" in text(removed)
    assert world.fresh(own).deleted_at is not None


def test_only_own_items_offer_remove(world):
    add(world, "mentor", 1, "Removable")
    page = text(world.as_("mentor").get(world.url("/checklist/month/1")))
    own = ChecklistItem.get(ChecklistItem.title == "Removable")
    guide = world.item(1, 0)
    assert f"/item/{own.id}/delete" in page
    assert f"/item/{guide.id}/delete" not in page
    # A hand-made request cannot remove a guide's item either: it is struck, never removed.
    for htmx in (False, True):
        response = world.as_("mentor").post(world.url(f"/item/{guide.id}/delete"), {}, htmx=htmx)
        assert response.status_code == 403
    assert world.fresh(guide).deleted_at is None


@pytest.mark.parametrize("show", ["all", "highlighted", "open", "done", "struck"])
def test_filters_mark_the_month_and_keep_every_item_for_live_updates(world, show):
    page = text(world.as_("mentor").get(world.url(f"/checklist/month/1?show={show}")))
    assert f'class="month show-{show}"' in page
    assert 'aria-current="true">' + show.capitalize() in page


def test_the_year_shows_every_month_with_its_counts(world):
    world.set("mentor", world.item(6, 0), "done")
    world.set("mentor", world.item(6, 1), "strike")
    page = plain(world.as_("protege").get(world.url("/checklist/year")))
    for number in range(1, 13):
        assert f"Month {number} · " in page
    assert "1 done · 1 struck · 0 highlighted · 5 open" in page


def test_the_print_view_marks_struck_highlighted_and_margin_without_buttons(world):
    world.set("mentor", world.item(1, 0), "strike")
    world.set("mentor", world.item(1, 1), "highlight")
    margin(world, "mentor", world.item(1, 2), margin_place="Library")
    response = world.as_("protege").get(world.url("/checklist/print?month=1"))
    assert "<s>Hold your kickoff meeting</s>" in text(response)  # markup, not escaped text
    page = plain(response)
    assert "Mentor Mo and Protege Pat" in page
    assert "Month 1 · September 2026" in page and "Month 2 ·" not in page
    assert "<s>Hold your kickoff meeting</s>" in page
    assert "★" in page and "Library" in page
    assert "/set/" not in page and "Add our own item" not in page
    year = plain(world.as_("protege").get(world.url("/checklist/print")))
    assert "Month 12 · August 2027" in year


def test_history_tells_who_struck_highlighted_ticked_and_annotated(world):
    item = world.item(1, 0)
    world.set("mentor", item, "strike")
    world.set("protege", item, "highlight")
    world.set("protege", item, "done")
    margin(world, "mentor", item, margin_note="First note")
    page = plain(world.as_("protege").get(world.url("/history")))
    for words in ("struck", "highlighted", "ticked", "changed the margin note of"):
        assert words in page
    own = plain(world.as_("protege").get(world.url(f"/item/{item.id}/history")))
    assert "First note" in own


def test_a_margin_note_can_be_restored(world):
    item = world.item(1, 0)
    margin(world, "mentor", item, margin_note="First")
    margin(world, "mentor", world.fresh(item), margin_note="Second")
    revision = (
        Revision.select()
        .where((Revision.object_id == item.id) & (Revision.new_value == "Second"))
        .get()
    )
    session = world.as_("protege")
    session.get(world.url(f"/item/{item.id}/history"))
    response = session.post(
        world.url(f"/history/{revision.id}/restore"), {"version": world.fresh(item).version}
    )
    assert response.status_code == 303
    assert world.fresh(item).margin_note == "First"


def test_the_partner_sees_a_change_through_the_live_poll(world):
    since = Pair.get_by_id(world.pair.id).change_counter
    poll = world.url(f"/checklist/changes?since={since}")
    assert world.as_("protege").get(poll, headers=HTMX).status_code == 204
    world.set("mentor", world.item(3, 0), "strike", htmx=True)
    response = world.as_("protege").get(poll, headers=HTMX)
    assert response.status_code == 200
    assert 'id="part-month-3"' in text(response) and "<s>" in text(response)
