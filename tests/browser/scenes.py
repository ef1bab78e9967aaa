"""States of the demo committee that a browser test starts from, written through the actions (as the
screens would), run in the test server's database before its pages open:

    room.manage("shell", "-c", "from tests.browser.scenes import drafting; drafting()")
"""

from __future__ import annotations

from committee import actions
from committee.access import board_actor
from committee.models import Committee, ExecutiveRole
from tests.conftest import FULL_HOUSE_EXTRA, PRESENT_AT_START
from tests.papers import sign, write_paper


def _room():
    committee = Committee.objects.get(slug="unodc")
    chair = ExecutiveRole.objects.filter(committee=committee, role="chair").first().user
    return committee, board_actor(chair, committee)


def voting_house() -> None:
    """Session I open, 23 present (21 members: a majority, so drafts may be voted), roll call closed."""
    committee, chair = _room()
    actions.open_sitting(committee, chair)
    for name in PRESENT_AT_START + FULL_HOUSE_EXTRA:
        actions.mark_attendance(committee, chair, committee.delegations.get(name=name).pk, "present")
    actions.close_roll_call(committee, chair)


def drafting() -> None:
    """The voting house, and Canada's working paper with Finland as co-sponsor (2 of the 5 needed)."""
    voting_house()
    committee, _ = _room()
    from committee.access import Actor
    from resolutions.actions import papers

    paper = write_paper(committee, "Canada")
    canada = committee.delegations.get(name="Canada")
    papers.add_sponsor(
        committee,
        Actor("delegate", canada.name, delegation=canada),
        paper.pk,
        committee.delegations.get(name="Finland").pk,
    )


def signed() -> None:
    """Drafting, and three more signatures: Canada's paper is ready to be introduced."""
    drafting()
    committee, _ = _room()
    sign(committee, committee.papers.get(), "Brazil", "Mexico", "Colombia")


def on_the_floor() -> None:
    """Signed, and introduced as DR 1/1 on every screen; Argentina's amendment waits for the sponsors'
    consent; Egypt's unfriendly amendment (striking clause 3) is on the floor."""
    signed()
    committee, chair = _room()
    from resolutions.actions import amendments, drafts
    from tests.conftest import actor_for
    from tests.papers import grant

    paper = committee.papers.get()
    grant(committee, chair, "Canada", "introduce_draft", {"paper": paper.pk})
    amendments.propose_amendment(
        committee,
        actor_for(committee, "Argentina"),
        paper.pk,
        "change",
        paper.clauses.get(phrase="Calls upon").pk,
        "Calls upon",
        "Member States to designate, within one year, a central authority for mutual legal assistance",
    )
    strike = amendments.propose_amendment(
        committee, actor_for(committee, "Egypt"), paper.pk, "strike", paper.clauses.get(phrase="Requests").pk
    )
    for name in ("India", "Kenya"):
        amendments.sign_amendment(committee, actor_for(committee, name), strike.pk)
    grant(committee, chair, "Egypt", "introduce_amendment", {"amendment": strike.pk})
    drafts.show_draft(committee, chair, paper.pk, True)


LONG_OPERATIVE = [
    (
        "Encourages",
        "Member States to set up joint investigation teams for cases that cross their borders, "
        "with the consent of every State whose jurisdiction the investigation reaches",
    ),
    (
        "Calls upon",
        "Member States to designate a central authority for mutual legal assistance, able to "
        "receive, execute and transmit requests within thirty days",
    ),
    (
        "Requests",
        "the United Nations Office on Drugs and Crime to train investigators in financial inquiries "
        "and asset recovery, giving priority to the States that ask for it",
    ),
    (
        "Invites",
        "regional organizations to share their experience of joint teams and of the agreements that "
        "set them up, so that others may adapt them",
    ),
]
SUB_CLAUSES = [
    "the offences the team investigates and the period for which it is set up",
    "the leader of the team, and the law of the State where it operates",
    "how evidence gathered by the team may be used in each State's courts",
    "the sharing of the costs of the team among the States that set it up",
]


def long_draft() -> None:
    """The voting house, and Canada's draft of four long operative clauses (the first with four
    sub-clauses), introduced as DR 1/1 and shown on the projector: longer than any projector's screen."""
    voting_house()
    committee, chair = _room()
    from resolutions.actions import drafts, papers
    from tests.conftest import actor_for
    from tests.papers import grant

    paper = write_paper(committee, "Canada", operative=LONG_OPERATIVE)
    canada = actor_for(committee, "Canada")
    first = paper.clauses.get(phrase="Encourages")
    for text in SUB_CLAUSES:
        papers.add_clause(committee, canada, paper.pk, "operative", "agreeing on", text, first.pk)
    sign(committee, paper, "Finland", "Brazil", "Mexico", "Colombia")
    grant(committee, chair, "Canada", "introduce_draft", {"paper": paper.pk})
    drafts.show_draft(committee, chair, paper.pk, True)


def voting_procedure() -> None:
    """On the floor, then debate closed: the committee is in voting procedure on DR 1/1."""
    on_the_floor()
    committee, chair = _room()
    from tests.papers import carry_motion

    carry_motion(committee, chair, "Mexico", "close_debate")


def hostile() -> None:
    """Every text field a delegation or the chair types into, filled from the XSS corpus: papers'
    titles, clauses' phrases and texts, amendments, a caucus topic, a point's note, a ruling's reason.
    One paper is introduced (its text on the projector), one stays a working paper."""
    from committee.models import Committee
    from debate import actions as debate_actions
    from resolutions.actions import amendments, drafts, papers
    from tests.conftest import actor_for
    from tests.papers import grant
    from tests.xss import PAYLOADS, SHORT

    voting_house()
    committee, chair = _room()
    committee = Committee.objects.get(pk=committee.pk)
    canada = actor_for(committee, "Canada")
    introduced = papers.create_paper(committee, canada, SHORT[0])
    working = papers.create_paper(committee, canada, SHORT[1])
    for paper in (introduced, working):
        for n, payload in enumerate(PAYLOADS):
            kind = "preamble" if n < 3 else "operative"
            papers.add_clause(committee, canada, paper.pk, kind, SHORT[n], f"{payload} against crime")
        first = paper.clauses.filter(kind="operative").first()
        papers.add_clause(committee, canada, paper.pk, "operative", SHORT[2], f"{PAYLOADS[4]} crime", first.pk)
    sign(committee, introduced, "Brazil", "Mexico", "Colombia", "India")
    grant(committee, chair, "Canada", "introduce_draft", {"paper": introduced.pk})
    target = introduced.clauses.filter(kind="operative").last()
    amendments.propose_amendment(
        committee, actor_for(committee, "Egypt"), introduced.pk, "change", target.pk, SHORT[5], f"{PAYLOADS[6]} x"
    )
    amendments.propose_amendment(
        committee, actor_for(committee, "Kenya"), introduced.pk, "add", target.pk, SHORT[9], f"{PAYLOADS[1]} x"
    )
    drafts.show_draft(committee, chair, introduced.pk, True)
    debate_actions.raise_motion(
        committee,
        actor_for(committee, "Brazil"),
        "moderated_caucus",
        {"topic": PAYLOADS[1][:200], "total": 600, "speaking_time": 60},
    )
    debate_actions.raise_point(committee, actor_for(committee, "India"), "right_of_reply", PAYLOADS[12][:300])
    ruled = debate_actions.raise_motion(
        committee, actor_for(committee, "Mexico"), "unmoderated_caucus", {"topic": PAYLOADS[7][:200], "duration": 300}
    )
    debate_actions.rule_out_of_order(committee, chair, ruled.pk, PAYLOADS[0])


def scripted_session() -> None:
    """Session I of the minutes' tests, opened and closed (tests/papers.py, script_session_i)."""
    from tests.papers import script_session_i

    committee, chair = _room()
    script_session_i(committee, chair)


def council_in_voting_procedure() -> None:
    """The Security Council: its 15 members present, Panama's draft S/DR 1 before it, debate closed."""
    from resolutions.actions import drafts
    from tests.papers import carry_motion

    committee = Committee.objects.get(slug="sc")
    president = board_actor(ExecutiveRole.objects.get(committee=committee, role="chair").user, committee)
    actions.open_sitting(committee, president)
    for delegation in committee.delegations.all():
        actions.mark_attendance(committee, president, delegation.pk, "present")
    actions.close_roll_call(committee, president)
    drafts.introduce_paper(committee, president, write_paper(committee, "Panama").pk)
    carry_motion(committee, president, "Denmark", "close_debate")
