"""The floor-part contract: how an app joins the committee's room without the room naming it.

A part declares its changes, regions, sections, commands and journal kinds; declarations that do not
fit together stop the start, change names belong to their part, and a broadcast loads only the parts
whose regions it renders.
"""

from __future__ import annotations

import dataclasses

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from committee import actions
from committee.access import CHAIR, PROJECTOR
from committee.apps import check_floor_parts
from committee.contract import PARTS, Change, CommandSet, FloorPart, Parts, Region
from committee.fields import Text
from committee.journal import JournalKind
from committee.live import render
from committee.state import ballot_card, load_floor
from debate.motion_set import MotionsAdded
from debate.rules import Condition, MotionRule


def room_with(*extra: FloorPart) -> Parts:
    """The installed parts (committee, debate) and some more, in a registry of their own."""
    parts = Parts()
    for name in PARTS.names:
        parts.register(PARTS[name])
    for part in extra:
        parts.register(part)
    return parts


def drafts_part(**changes) -> FloorPart:
    """A part such as resolutions would declare: it has a change of its own called "vote"."""
    base = dict(
        name="drafts",
        changes=(Change("vote", "a draft was voted"),),
        regions={CHAIR: (Region("committee/chair.html#rules", on=("drafts.vote",)),)},
    )
    return FloorPart(**{**base, **changes})


def test_the_installed_parts_fit_together_and_the_start_check_says_so():
    assert PARTS.names == ["committee", "debate", "resolutions", "record"]
    assert check_floor_parts() == []


def test_a_region_listening_to_a_change_nobody_declares_stops_the_start():
    stray = drafts_part(regions={CHAIR: (Region("committee/chair.html#rules", on=("drafts.voted",)),)})
    with pytest.raises(ImproperlyConfigured, match="listens to 'drafts.voted', a change no part declares"):
        room_with(stray).seal()


def test_two_commands_of_one_name_stop_the_start():
    commands = CommandSet()

    @commands.add("vote.cast", {CHAIR}, "vote twice", text=Text("Text"))
    def _again(committee, actor, text):  # never runs: the start is refused
        return None

    with pytest.raises(ImproperlyConfigured, match="Two commands are named 'vote.cast'"):
        room_with(drafts_part(commands=commands)).seal()


def test_two_parts_may_not_declare_one_journal_kind_or_share_a_name():
    with pytest.raises(ImproperlyConfigured, match="journal kind 'vote.closed'"):
        room_with(drafts_part(journal=(JournalKind("vote.closed", "again"),))).seal()
    with pytest.raises(ImproperlyConfigured, match="Two floor parts are named 'debate'"):
        room_with(drafts_part(name="debate"))


def test_a_phone_region_rendered_once_for_many_phones_must_read_them_only_through_its_view():
    """A region shown alike on several phones is rendered once for them all: its partial reading the
    phone's delegation any other way (here the card of its name) would show one phone's delegation
    on another's, so it stops the start. The ballot card, which reads it only as its card, passes."""
    on = ("committee.vote",)
    leaky = drafts_part(own=(Region("committee/delegate.html#you", on=on, shown_by=ballot_card),))
    with pytest.raises(ImproperlyConfigured, match=r"reads the phone's row beside ballot_card: \{you\.status\}"):
        room_with(leaky).seal()
    room_with(drafts_part(own=(Region("committee/vote.html#ballot", on=on, shown_by=ballot_card),))).seal()


def test_a_template_included_by_such_a_region_is_read_too(settings, tmp_path):
    """An included template sees the same context: its reading the phone's row stops the start as well,
    and so does an include the start cannot read (its name in a variable)."""
    cards = {"leaky": '"drafts/_name.html"', "clean": '"drafts/_vote.html"', "unread": "which"}
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "phone.html").write_text(
        "{% load committee_tags partials %}"
        + "".join(
            f"{{% partialdef {name} %}}{{% with card=state|ballot_card:you %}}{{% include {included} %}}"
            "{% endwith %}{% endpartialdef %}"
            for name, included in cards.items()
        )
    )
    (tmp_path / "drafts" / "_name.html").write_text("{{ you.delegation.name }}")
    (tmp_path / "drafts" / "_vote.html").write_text("{{ card.may_vote }}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]

    def room(name: str) -> Parts:
        region = Region(f"drafts/phone.html#{name}", on=("committee.vote",), shown_by=ballot_card)
        return room_with(drafts_part(own=(region,)))

    with pytest.raises(ImproperlyConfigured, match=r"beside ballot_card: \{you\.delegation\.name\}"):
        room("leaky").seal()
    with pytest.raises(ImproperlyConfigured, match="includes a template named by a variable"):
        room("unread").seal()
    room("clean").seal()


def test_a_part_may_need_only_a_lower_part():
    with pytest.raises(ImproperlyConfigured, match="needs 'ledger', which is not a lower part"):
        room_with(drafts_part(needs=("ledger",))).seal()


# ---- what a higher part adds to a lower one's: the drafts' motions, sealed with the room -----------------


def test_the_drafts_motions_are_the_debates_once_the_room_is_sealed():
    sealed = PARTS.extended("debate.motions")
    assert "introduce_draft" in sealed.profiles["una-usa"]  # moved by a sponsor, granted by the chair
    assert "introduce_draft" not in sealed.profiles["unga"]  # the chair introduces a paper with support
    assert "divide_question" in sealed.profiles["thimun"] and "divide_question" in sealed.effects
    assert sealed.conditions["draft_on_floor"].holds is not None  # the debate's open question, answered
    assert sealed.speakers_list == {"una-usa": True, "unga": True, "thimun": False, "security-council": True}


def extra_motion(**changes) -> MotionRule:
    return dataclasses.replace(MotionRule("table_topic", "Table the topic", 3, effect="adjourn"), **changes)


@pytest.mark.parametrize(
    ("adds", "refusal"),
    [
        ({"debate.amendments": MotionsAdded()}, "adds to 'debate.amendments': no lower part offers it"),
        ({"debate.motions": MotionsAdded(motions=(extra_motion(kind="suspend_meeting"),))}, "exists already"),
        ({"debate.motions": MotionsAdded(effects={"suspend": print})}, "the effect 'suspend', which exists"),
        (
            {"debate.motions": MotionsAdded(conditions={"draft_on_floor": Condition(bool, "again")})},
            "answers the condition 'draft_on_floor', answered already",
        ),
        (
            {"debate.motions": MotionsAdded(conditions={"list_open": Condition(bool, "mine")})},
            "answers the condition 'list_open', answered already",
        ),
        ({"debate.motions": MotionsAdded(motions=(extra_motion(effect="vanish"),))}, "effect 'vanish': none declared"),
        (
            {"debate.motions": MotionsAdded(motions=(extra_motion(requires=("moon_is_full",)),))},
            "needs 'moon_is_full': no condition of that name",
        ),
        (
            {"debate.motions": MotionsAdded(motions=(extra_motion(),), per_profile={"rotary": {}})},
            "'rotary', which is no profile",
        ),
    ],
    ids=[
        "no such extension",
        "motion taken",
        "effect taken",
        "answered twice",
        "the debate's own",
        "no effect",
        "no condition",
        "no profile",
    ],
)
def test_an_addition_that_does_not_fit_stops_the_start(adds, refusal):
    with pytest.raises(ImproperlyConfigured, match=refusal):
        room_with(FloorPart(name="drafts", adds=adds)).seal()


def test_a_part_adds_to_lower_parts_only_and_nothing_is_added_after_the_seal():
    lower = FloorPart(name="ledger", adds={"debate.motions": MotionsAdded()})
    parts = Parts()
    parts.register(lower)  # before the debate: it cannot add to what is not below it
    for name in PARTS.names:
        parts.register(PARTS[name])
    with pytest.raises(ImproperlyConfigured, match="no lower part offers it"):
        parts.seal()
    with pytest.raises(ImproperlyConfigured, match="registered after the room was sealed"):
        PARTS.register(FloorPart(name="late", adds={"debate.motions": MotionsAdded(motions=(extra_motion(),))}))
    assert "table_topic" not in PARTS.extended("debate.motions").catalogue


def test_a_change_belongs_to_its_part_a_drafts_vote_leaves_the_committees_vote_regions_alone():
    parts = room_with(drafts_part())
    parts.seal()
    shared, each = parts.regions(CHAIR, {"drafts.vote"})
    assert [p.part for p in shared] == ["drafts"] and each == []
    committee_vote = [p.region.template for p in parts.regions(CHAIR, {"committee.vote"})[0]]
    assert "committee/chair.html#rules" not in committee_vote
    assert "committee/vote.html#chair" in committee_vote


def test_an_action_naming_an_undeclared_change_or_journal_kind_is_a_programming_error(unodc, alice_actor):
    with pytest.raises(ImproperlyConfigured, match="Unknown change"):
        with actions.floor_step(unodc, alice_actor, sitting=False) as step:
            step.record("rules.set", changes={"committee.nothing"})
    with pytest.raises(ImproperlyConfigured, match="not declared"):
        with actions.floor_step(unodc, alice_actor, sitting=False) as step:
            step.record("rules.rewritten", changes={"committee.rules"})
    assert unodc.journal.count() == 0


def test_a_change_loads_only_the_parts_it_touches(unodc, alice_actor, monkeypatch, django_capture_on_commit_callbacks):
    loaded = []
    debate = PARTS["debate"]
    spy = dataclasses.replace(debate, load=lambda state: loaded.append(state.version) or debate.load(state))
    monkeypatch.setitem(PARTS._parts, "debate", spy)
    with django_capture_on_commit_callbacks(execute=True):
        actions.reissue_join_link(unodc, alice_actor, unodc.delegations.get(name="Canada").pk)
    assert loaded == []  # a replaced link re-renders the committee's regions only
    with django_capture_on_commit_callbacks(execute=True):
        actions.open_sitting(unodc, alice_actor)
    assert len(loaded) == 1  # a sitting opened: the debate's regions show it, loaded once for all screens


def test_the_pages_lay_out_every_parts_sections(in_session, alice_client, canada_phone):
    chair = alice_client.get("/c/unodc/chair/").content.decode()
    for region in ('id="phase"', 'id="now"', 'id="speakers"', 'id="motions"', 'id="vote"', 'id="rollcall"'):
        assert region in chair
    phone = canada_phone.get("/c/unodc/delegate/").content.decode()
    for region in ('id="you"', 'id="ballot"', 'id="floor"', 'id="mine"'):
        assert region in phone
    projector = Client().get(f"/c/unodc/projector/{in_session.projector_token}/").content.decode()
    for region in ('id="phase"', 'id="stage"', 'id="vote-stage"', 'id="rollcall"', 'id="counts"'):
        assert region in projector
    assert [p for p in PARTS.sections(PROJECTOR)] == ["header", "stage", "result", "scripts"]
    # A part's own script comes to the screen that needs it: the draft's pages to the projector alone.
    assert "resolutions/draft_pages." in projector and "resolutions/draft_pages." not in phone


def test_a_snapshot_holds_every_region_a_phone_shows(in_session, canada):
    state = load_floor(in_session.pk)
    phone = render.whole_screen(state, "delegate", canada.pk)
    for region in ('id="status"', 'id="floor"', 'id="phone-motions"', 'id="you"', 'id="ballot"', 'id="mine"'):
        assert region in phone
