"""What the debate screens show, read in a constant number of queries and added to the floor state."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.db.models import Max, Q
from django.utils import timezone

from committee.compiled import Compiled
from committee.fields import Field
from committee.state import A_VOTE, FloorState, RollCallRow, attach, since_opened
from debate import rules
from debate.models import Chit, Floor, Motion, Point, SpeakerEntry, Speech, Timer
from debate.motion_set import DebateRules, debate_rules, in_precedence, unmet_condition
from debate.rules import MotionRule

POINT_ORDER = [k for k, _ in Point.Kind.choices]  # highest precedence first


@dataclass
class PendingMotion:
    motion: Motion
    rule: MotionRule

    @property
    def speeches(self) -> int | None:
        values = self.motion.values
        if "total" in values and "speaking_time" in values:
            return rules.speakers(values["total"], values["speaking_time"])
        return None

    @property
    def being_voted(self) -> bool:
        return self.motion.status == Motion.Status.VOTING


@dataclass(frozen=True)
class Statement:
    """A statement as the Board's note form shows it."""

    pk: int
    delegation_name: str
    note: str


@dataclass(frozen=True)
class MyFloor:
    """What a phone's own floor card shows of its delegation, and nothing else of it: phones whose
    cards are equal are sent the same HTML, rendered once (the Region's `shown_by`). Most phones'
    cards are alike (present, not on the list, nothing raised), so a new phase is a few renderings."""

    present: bool = False
    ruled_out: bool = False  # the chair has just ruled its motion out of order
    has_floor: bool = False
    requested: bool = False  # asked to speak, waiting for the chair
    place: int | None = None  # its place on the speakers' list
    motions: tuple[Motion, ...] = ()  # its motions pending
    points: tuple[Point, ...] = ()  # its points raised


def my_floor(state: FloorState, row: RollCallRow | None) -> MyFloor:
    """The floor card of this delegation's phones (an empty card: absent, or no sitting)."""
    debate = state.parts.get("debate")
    if debate is None or row is None or not row.present:
        return MyFloor()
    pk, decided = row.delegation.pk, debate.last_decided
    return MyFloor(
        present=True,
        ruled_out=bool(decided and decided.delegation_id == pk and decided.status == "out_of_order"),
        has_floor=bool(debate.speech and debate.speech.delegation_id == pk),
        requested=debate.requested(pk),
        place=debate.position_of(pk),
        motions=tuple(
            p.motion for p in debate.motions if p.motion.delegation_id == pk and p.motion.status == "pending"
        ),
        points=tuple(point for point in debate.points if point.delegation_id == pk),
    )


@dataclass
class DebateState:
    floor: Floor
    rules: DebateRules
    now: datetime
    speech: Speech | None
    gsl: list[SpeakerEntry]
    requests: list[SpeakerEntry]
    caucus_list: list[SpeakerEntry]
    motions: list[PendingMotion]
    points: list[Point] = field(default_factory=list)
    last_decided: Motion | None = None
    spoken_ids: frozenset[int] = frozenset()  # the delegations heard in this sitting
    quorum: bool = True  # the quorum to open debate is present
    sitting_id: int | None = None
    last_heard: Statement | None = None  # this sitting's last statement
    # Every part loaded for the same screens (higher parts' conditions read their own state here).
    parts: dict = field(default_factory=dict)

    @property
    def phase(self) -> str:
        return self.floor.phase

    @property
    def noted_speech(self) -> Statement | None:
        """The statement the Board's note is for: the one on the floor, else this sitting's last."""
        if self.speech is not None:
            return Statement(self.speech.pk, self.speech.delegation.name, self.speech.note)
        return self.last_heard

    @cached_property
    def chits(self) -> list[Chit]:
        """This sitting's chits, read once where a screen shows them (the Board's queue, a phone's own)."""
        if self.sitting_id is None:
            return []
        return list(Chit.objects.filter(sitting_id=self.sitting_id).select_related("sender"))

    @property
    def chits_closed(self) -> str | None:
        return self.floor.chits_closed

    @property
    def chits_passed(self) -> list[Chit]:
        """The chits the Board has decided, newest first (the last ten: to mark them)."""
        passed = [c for c in self.chits if c.status not in ("waiting", "held")]
        return sorted(passed, key=lambda c: c.decided_at, reverse=True)[:10]

    @property
    def chit_queue(self) -> list[Chit]:
        """What waits for the Board: new chits first in the order sent, then those it holds."""
        return [c for c in self.chits if c.status == "waiting"] + [c for c in self.chits if c.status == "held"]

    @property
    def phase_label(self) -> str:
        return rules.PHASES[self.floor.phase]

    @property
    def floor_open(self) -> bool:
        """Between speeches, in a phase where delegates may rise to motions."""
        speaking = self.speech is not None and self.speech.timer.running
        return self.floor.phase in rules.FLOOR_OPEN and not speaking

    @property
    def current_list(self) -> list[SpeakerEntry]:
        return self.caucus_list if self.floor.phase == rules.MODERATED else self.gsl

    @property
    def caucus_timer(self) -> Timer | None:
        return self.floor.caucus_timer

    def position_of(self, delegation_id: int) -> int | None:
        for index, entry in enumerate(self.current_list, start=1):
            if entry.delegation_id == delegation_id:
                return index
        return None

    def requested(self, delegation_id: int) -> bool:
        return any(e.delegation_id == delegation_id for e in self.requests)

    @property
    def speaking_time(self) -> int:
        return self.floor.speaking_time or self.rules.profile.default_speaking_time

    @property
    def caucus_speeches_allowed(self) -> int:
        timer = self.floor.caucus_timer
        if timer is None or not self.floor.caucus_speaking_time:
            return 0
        return rules.speakers(timer.duration, self.floor.caucus_speaking_time)

    @property
    def urgent_points(self) -> list[Point]:
        """Points of personal privilege and of order: the chair deals with them before anything else."""
        return [p for p in self.points if p.kind in (Point.Kind.PERSONAL_PRIVILEGE, Point.Kind.ORDER)]

    @property
    def point_kinds(self) -> list[tuple[str, str]]:
        return list(Point.Kind.choices)

    @property
    def points_in_order(self) -> list[str]:
        """The points a delegation may raise now (the phones' buttons follow)."""
        return rules.points_in_order(self.floor.phase, Point.Kind.values)

    @property
    def active(self) -> bool:
        """The debate has begun: the projector shows the floor rather than the roll call."""
        return bool(self.speech or self.voting or self.floor.phase != rules.FORMAL or self.spoken or self.last_decided)

    @property
    def spoken(self) -> bool:
        """A speech was given in this sitting."""
        return bool(self.spoken_ids)

    @property
    def voting(self) -> PendingMotion | None:
        """The motion being voted on, if the open vote is on a motion."""
        return next((m for m in self.motions if m.being_voted), None)

    @property
    def waiting(self) -> list[PendingMotion]:
        """The motions on the floor, not yet put to the vote."""
        return [m for m in self.motions if not m.being_voted]

    @property
    def committee(self):
        return self.floor.committee

    @cached_property
    def motions_in_order(self) -> list[str]:
        """The motions a delegation may raise now (the menus offer only these)."""
        speaking = self.speech is not None and self.speech.timer.running
        if speaking:
            return []
        return [
            rule.kind
            for rule in self.motion_rules()
            if self.floor.phase in rule.phases
            and unmet_condition(rule, self) is None
            and (self.quorum or rule.below_quorum)
        ]

    @property
    def motion_fields(self) -> list[tuple[str, Field]]:
        """Every field any of these motions has, once, in the order a form shows them: (name, field)."""
        found: dict[str, Field] = {}
        for rule in self.motion_rules():
            for name, spec in rule.fields.items():
                found.setdefault(name, spec)
        return list(found.items())

    def motion_rules(self) -> list[MotionRule]:
        return sorted(self.rules.motions.values(), key=lambda r: (r.precedence, r.name))


# What every reload reads, by id (committee/compiled.py).
FLOOR = Compiled("the floor", Floor, lambda committee: Floor.objects.filter(committee_id=committee)[:1])
SPEECH = Compiled("a speech", Speech, lambda speech: Speech.objects.filter(pk=speech))
TIMER = Compiled("a timer", Timer, lambda timer: Timer.objects.filter(pk=timer))
LISTS = Compiled(
    "the speakers' lists",
    SpeakerEntry,
    lambda committee: SpeakerEntry.objects.filter(committee_id=committee, status__in=["requested", "waiting"]),
)
MOTIONS = Compiled(
    "the motions on the floor",
    Motion,
    lambda committee: Motion.objects.filter(committee_id=committee, status__in=["pending", "voting"]),
)
POINTS = Compiled(
    "the points raised", Point, lambda committee: Point.objects.filter(committee_id=committee, status="raised")
)
LAST_DECIDED = Compiled(
    "the motion this sitting decided last",
    Motion,
    lambda committee, sitting: Motion.objects.filter(
        committee_id=committee, status__in=["passed", "failed", "out_of_order"], decided_at__gte=since_opened(sitting)
    ).order_by("-decided_at")[:1],
)
# Heard: its clock ran (a call that never began is no speech). Each delegation's last speech only,
# in the order they were called (a speech is written when it is called): at most one row a
# delegation, however long the day, not one a speech.
HEARD = Compiled(
    "each delegation's last speech heard this sitting",
    Speech,
    lambda committee, sitting: Speech.objects.filter(
        pk__in=Speech.objects.filter(
            committee_id=committee,
            started_at__gte=since_opened(sitting),
            timer_id__in=Timer.objects.filter(committee_id=committee)
            .filter(Q(elapsed__gt=0) | Q(running_since__isnull=False))
            .values("pk"),
        )
        .values("delegation_id")
        .annotate(last=Max("pk"))
        .values("last")
    ).order_by("pk"),
)


def _timer(timer_id: int | None) -> Timer | None:
    return TIMER.first(timer=timer_id) if timer_id else None


def _speech(state: FloorState, speech_id: int | None) -> Speech | None:
    """A speech with its timer; its delegations come from the roll call's rows (no join)."""
    found = state.attach_delegations(SPEECH(speech=speech_id), "delegation") if speech_id else []
    if not found:
        return None
    speech = state.attach_delegations(found, "yielded_to")[0]
    speech.timer = _timer(speech.timer_id)
    return speech


def _floor(state: FloorState) -> Floor:
    """The committee's floor with its speech (and the speech it was yielded from) and its timers,
    each read by its id."""
    found = attach(FLOOR(committee=state.committee.pk), "committee", state.committee)
    if not found:
        return Floor(committee=state.committee)
    floor = found[0]
    floor.speech = _speech(state, floor.speech_id)
    if floor.speech is not None:
        floor.speech.yielded_from = _speech(state, floor.speech.yielded_from_id)
    floor.caucus_timer = _timer(floor.caucus_timer_id)
    floor.suspension_timer = _timer(floor.suspension_timer_id)
    return floor


def load_debate(state: FloorState) -> DebateState:
    committee = state.committee
    pk = committee.pk
    floor = _floor(state)
    speech = floor.speech
    # Delegations come from the roll call's rows, already loaded: no join for them.
    entries = state.attach_delegations(LISTS(committee=pk))
    debate = debate_rules(state.rules)
    motions = state.attach_delegations(MOTIONS(committee=pk))
    pending = [PendingMotion(m, debate.motion(m.kind)) for m in in_precedence(motions, debate)]
    points = state.attach_delegations(POINTS(committee=pk))
    points.sort(key=lambda p: (POINT_ORDER.index(p.kind), p.raised_at))
    # What this sitting decided and heard: the next sitting opens on a clear floor.
    last = None
    last_heard = None
    spoken_ids = frozenset()
    if state.sitting:
        decided = state.attach_delegations(LAST_DECIDED(committee=pk, sitting=state.sitting.pk))
        last = decided[0] if decided else None
        if last and last.vote_id:
            # Usually the vote the committee closed last, already read.
            closed = state.last_vote
            last.vote = closed if closed and closed.pk == last.vote_id else A_VOTE.first(vote=last.vote_id)
        # The last one heard is the statement the Board's note is for when nobody has the floor.
        heard = HEARD(committee=pk, sitting=state.sitting.pk)
        spoken_ids = frozenset(speech.delegation_id for speech in heard)
        if heard:
            row = state.row_for(heard[-1].delegation_id)
            last_heard = Statement(heard[-1].pk, row.delegation.name if row else "", heard[-1].note)
    listed = SpeakerEntry.List.CAUCUS if floor.phase == rules.MODERATED else SpeakerEntry.List.GSL
    return DebateState(
        floor=floor,
        rules=debate,
        now=timezone.now(),
        speech=speech,
        gsl=[e for e in entries if e.list == "gsl" and e.status == "waiting"],
        requests=[e for e in entries if e.status == "requested" and e.list == listed],
        caucus_list=[e for e in entries if e.list == "caucus" and e.status == "waiting"],
        motions=pending,
        points=points,
        last_decided=last,
        spoken_ids=spoken_ids,
        quorum=state.counts.quorum,
        sitting_id=state.sitting.pk if state.sitting else None,
        last_heard=last_heard,
        parts=state.parts,
    )
