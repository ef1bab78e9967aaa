"""What each rules profile says of working papers, drafts and amendments (procedure.md), as data.

UNA-USA (default): a paper needs sponsors and signatories making 20% of the delegations present, and
is introduced by a motion the chair grants; amendments of the first degree only, an unfriendly one
needs 10% as its own signatories; a draft adopted sets the others of its agenda item aside.
UNGA-faithful: any member's paper is introduced by the chair; amendments need no signatories;
every draft is voted. Security Council: as UNGA-faithful, drafts numbered "S/DR 1".
THIMUN: a main submitter and five co-submitters; the main submitter reads the
operative clauses; debate time for, then against; amendments of the second degree, in open debate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from committee.rules import RulesProfile


@dataclass(frozen=True)
class Support:
    """How many delegations a paper or an amendment needs behind it: a share of those present, or a count."""

    share: Fraction | None = None
    count: int = 0

    def needed(self, present: int) -> int:
        if self.share is not None:
            return max(1, math.ceil(self.share * present))
        return self.count

    def label(self) -> str:
        if self.share is not None:
            return f"{self.share.numerator * 100 // self.share.denominator}% of the delegations present"
        return f"{self.count} delegation{'s' if self.count != 1 else ''}"


@dataclass(frozen=True)
class ResolutionRules:
    key: str
    paper_support: Support  # sponsors and signatories together
    introduce_by_motion: bool  # False: the chair introduces a paper that has its support
    amendment_degrees: int
    amendment_support: Support  # signatories an unfriendly amendment needs
    one_per_agenda_item: bool  # a draft adopted sets the others of its agenda item aside
    draft_threshold: str  # "simple" or "two_thirds"
    thimun_debate: bool = False  # main submitter reads; time for, then against; amendments in open debate
    debate_time: int = 600  # seconds for, and again against (THIMUN)
    max_depth: int = 3  # operative clauses, lettered sub-clauses, and romanised sub-sub-clauses
    explanation_time: int = 45  # seconds for each explanation of a vote cast with rights (30 to 60)
    # The chair may mark a draft an important question (UN Charter, Article 18): two thirds to adopt.
    important_questions: bool = False
    # How drafts are numbered: "DR 1/2" (agenda item 1, second draft), or a series of its own ("S/DR 2").
    draft_series: str = ""


PROFILES = {
    "una-usa": ResolutionRules(
        key="una-usa",
        paper_support=Support(share=Fraction(1, 5)),
        introduce_by_motion=True,
        amendment_degrees=1,
        amendment_support=Support(share=Fraction(1, 10)),
        one_per_agenda_item=True,
        draft_threshold="simple",
    ),
    "unga": ResolutionRules(
        key="unga",
        paper_support=Support(count=1),
        introduce_by_motion=False,
        amendment_degrees=1,
        amendment_support=Support(count=0),
        one_per_agenda_item=False,
        draft_threshold="simple",
        important_questions=True,
    ),
    # The Security Council: any member's draft is put before it by the president; amendments need no
    # signatories; drafts numbered in the Council's own series.
    "security-council": ResolutionRules(
        key="security-council",
        paper_support=Support(count=1),
        introduce_by_motion=False,
        amendment_degrees=1,
        amendment_support=Support(count=0),
        one_per_agenda_item=False,
        draft_threshold="simple",
        draft_series="S/DR",
    ),
    "thimun": ResolutionRules(
        key="thimun",
        paper_support=Support(count=6),
        introduce_by_motion=False,
        amendment_degrees=2,
        amendment_support=Support(count=0),
        one_per_agenda_item=False,
        draft_threshold="simple",
        thimun_debate=True,
    ),
}


def resolution_rules(profile: RulesProfile) -> ResolutionRules:
    return PROFILES.get(profile.key, PROFILES["una-usa"])


# The usual opening phrases (UN style guides and MUN handbooks). An unusual one gets a warning, not a
# refusal: committees write their own.
PREAMBULATORY_PHRASES = """
Acknowledging; Affirming; Alarmed; Alarmed by; Appreciating; Approving; Aware of; Bearing in mind;
Believing; Cognizant of; Concerned; Confident; Conscious of; Considering; Contemplating; Convinced;
Declaring; Deeply concerned; Deeply conscious; Deeply convinced; Deeply disturbed; Deeply regretting;
Desiring; Determined; Emphasizing; Emphasising; Encouraged; Expecting; Expressing its appreciation;
Expressing its satisfaction; Fulfilling; Fully alarmed; Fully aware; Fully believing; Further deploring;
Further recalling; Guided by; Having adopted; Having considered; Having examined; Having heard;
Having received; Having studied; Keeping in mind; Mindful of; Noting; Noting further;
Noting with approval; Noting with concern; Noting with deep concern; Noting with regret;
Noting with satisfaction; Observing; Reaffirming; Realizing; Realising; Recalling; Recalling also;
Recognizing; Recognising; Referring; Regretting; Reiterating; Seeking; Stressing; Taking into account;
Taking into consideration; Taking note; Underlining; Viewing with appreciation; Welcoming
"""
OPERATIVE_PHRASES = """
Accepts; Acknowledges; Adopts; Affirms; Approves; Asks; Authorizes; Authorises; Calls; Calls for;
Calls upon; Commends; Condemns; Confirms; Congratulates; Considers; Decides; Declares accordingly;
Demands; Deplores; Designates; Directs; Draws the attention; Emphasizes; Emphasises; Encourages;
Endorses; Expresses; Expresses its appreciation; Expresses its hope; Further invites;
Further proclaims; Further recommends; Further reminds; Further requests; Further resolves;
Has resolved; Highlights; Insists; Instructs; Invites; Notes; Proclaims; Reaffirms; Recognizes;
Recognises; Recommends; Regrets; Reiterates; Reminds; Requests; Resolves; Solemnly affirms;
Stresses; Strongly condemns; Strongly encourages; Strongly urges; Suggests; Supports; Takes note of;
Transmits; Trusts; Underlines; Urges; Welcomes
"""
_KNOWN = {
    "preamble": {p.strip().casefold() for p in PREAMBULATORY_PHRASES.split(";")},
    "operative": {p.strip().casefold() for p in OPERATIVE_PHRASES.split(";")},
}


def phrase_warning(kind: str, phrase: str) -> str:
    """A warning when an opening phrase is not one of the usual ones (an empty string when it is)."""
    if phrase.strip().casefold() in _KNOWN.get(kind, set()):
        return ""
    if kind == "preamble":
        return (
            f"“{phrase}” is not a usual opening phrase: a preambulatory clause usually begins with a "
            "participle such as “Recalling” or “Noting with concern”."
        )
    return (
        f"“{phrase}” is not a usual opening phrase: an operative clause usually begins with an active "
        "verb such as “Urges” or “Calls upon”."
    )


def phrases(kind: str) -> list[str]:
    source = PREAMBULATORY_PHRASES if kind == "preamble" else OPERATIVE_PHRASES
    return [p.strip() for p in source.split(";")]
