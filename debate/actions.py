"""Every change of the debate floor, by the rules: check, write, journal, broadcast after commit.

Same path as committee/actions.py: lock the committee row, check against fresh state, write, bump the
version and journal (committee.actions.record), broadcast on commit. Refusals raise ActionError with
a sentence for the person who tried.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from committee.access import Actor
from committee.actions import (
    ActionError,
    delegation_of,
    lock_committee,
    record,
    require_board,
    require_open_sitting,
)
from committee.models import Attendance, Committee, Delegation
from committee.rules import RulesProfile
from debate import rules
from debate.models import Ballot, Floor, Motion, Point, ProceduralVote, SpeakerEntry, Speech, Timer
from debate.rules import FORMAL, MODERATED, SUSPENDED, UNMODERATED, VOTING, debate_rules, in_precedence

MAX_EXTENSION = 600


# ---- helpers ------------------------------------------------------------------------------------


def _floor(committee: Committee) -> Floor:
    floor, _ = Floor.objects.get_or_create(committee=committee)
    return floor


def _speaker(committee: Committee, actor: Actor, params: dict) -> Delegation:
    """The delegation an action is for: a phone acts for its own; the chair names one."""
    if actor.delegation is not None:
        return actor.delegation
    require_board(actor)
    return delegation_of(committee, params.get("delegation"))


def _present(committee: Committee, sitting, delegation: Delegation) -> bool:
    return (
        Attendance.objects.filter(sitting=sitting, delegation=delegation)
        .exclude(status=Attendance.Status.ABSENT)
        .exists()
    )


def _seconds(value: Any, what: str, low: int = 1, high: int = 3 * 3600) -> int:
    try:
        seconds = rules.parse_seconds(value)
    except ValueError as error:
        raise ActionError(f"{what}: {error}.") from error
    if not low <= seconds <= high:
        raise ActionError(f"{what} must be between {rules.format_seconds(low)} and {rules.format_seconds(high)}.")
    return seconds


def _require_phase(floor: Floor, *phases: str, doing: str) -> None:
    if floor.phase not in phases:
        allowed = " or ".join(rules.PHASES[p].lower() for p in phases)
        raise ActionError(
            f"You can {doing} only in {allowed}; the committee is in {floor.get_phase_display().lower()}."
        )


def _require_speakers_list(committee: Committee) -> None:
    if not debate_rules(committee.rules).has_speakers_list:
        raise ActionError(f"These rules ({committee.rules.name}) have no speakers' list.")


def _list_for(floor: Floor) -> str:
    return SpeakerEntry.List.CAUCUS if floor.phase == MODERATED else SpeakerEntry.List.GSL


def _end_speech(floor: Floor, now) -> Speech | None:
    speech = floor.speech
    if speech is None:
        return None
    speech.timer.pause(now)
    speech.timer.save()
    speech.ended_at = now
    speech.save(update_fields=["ended_at"])
    floor.speech = None
    return speech


def _record(committee, actor, kind, changes, *, delegation_ids=(), data=None, sitting=None):
    if "phase" in changes:
        # A new phase changes what every phone offers (ask to speak, raise a motion, vote).
        delegation_ids = committee.delegations.values_list("pk", flat=True)
    return record(
        committee,
        actor,
        kind,
        changes=changes,
        delegation_ids=delegation_ids,
        data=data or {},
        sitting=sitting if sitting is not None else committee.open_sitting(),
    )


# ---- speakers' lists ----------------------------------------------------------------------------


def ask_to_speak(committee: Committee, actor: Actor) -> SpeakerEntry:
    """A delegate asks from the phone to be added to the General Speakers' List."""
    if actor.delegation is None:
        raise ActionError("Only a delegation can ask to speak.")
    with transaction.atomic():
        committee = lock_committee(committee)
        sitting = require_open_sitting(committee)
        floor = _floor(committee)
        _require_phase(floor, FORMAL, doing="ask to be added to the speakers' list")
        _require_speakers_list(committee)
        if not floor.gsl_open:
            raise ActionError("The speakers' list is closed.")
        if not floor.requests_open:
            raise ActionError("The chair takes no requests from phones right now: raise your placard.")
        if not _present(committee, sitting, actor.delegation):
            raise ActionError("You are not marked present. Tell the chair you have arrived first.")
        existing = SpeakerEntry.objects.filter(
            committee=committee, list="gsl", delegation=actor.delegation, status__in=["requested", "waiting"]
        ).first()
        if existing is not None:
            return existing  # asked twice (or already on the list): nothing changes
        entry = SpeakerEntry.objects.create(
            committee=committee, list="gsl", delegation=actor.delegation, status="requested"
        )
        _record(
            committee,
            actor,
            "speakers.requested",
            {"speakers"},
            delegation_ids=[actor.delegation.pk],
            data={"delegation": actor.delegation.name},
        )
        return entry


def withdraw_request(committee: Committee, actor: Actor) -> None:
    if actor.delegation is None:
        raise ActionError("Only a delegation can withdraw its own request.")
    with transaction.atomic():
        committee = lock_committee(committee)
        entry = SpeakerEntry.objects.filter(
            committee=committee, delegation=actor.delegation, status__in=["requested", "waiting"], list="gsl"
        ).first()
        if entry is None:
            return
        entry.status = SpeakerEntry.Status.REMOVED
        entry.save(update_fields=["status"])
        _record(
            committee,
            actor,
            "speakers.withdrawn",
            {"speakers"},
            delegation_ids=[actor.delegation.pk],
            data={"delegation": actor.delegation.name},
        )


def add_speaker(committee: Committee, actor: Actor, delegation_id: Any) -> SpeakerEntry:
    """The chair adds a delegation to the current list (GSL, or the moderated caucus's list), or
    accepts its request."""
    require_board(actor)
    with transaction.atomic():
        committee = lock_committee(committee)
        sitting = require_open_sitting(committee)
        floor = _floor(committee)
        _require_phase(floor, FORMAL, MODERATED, doing="add speakers")
        _require_speakers_list(committee)
        delegation = delegation_of(committee, delegation_id)
        which = _list_for(floor)
        if which == "gsl" and not floor.gsl_open:
            raise ActionError("The speakers' list is closed (a motion can open it).")
        if not _present(committee, sitting, delegation):
            raise ActionError(f"{delegation.name} is not marked present.")
        entry = SpeakerEntry.objects.filter(
            committee=committee, list=which, delegation=delegation, status__in=["requested", "waiting"]
        ).first()
        if entry is not None and entry.status == "waiting":
            raise ActionError(f"{delegation.name} is already on the list.")
        last = SpeakerEntry.objects.filter(committee=committee, list=which, status="waiting").aggregate(
            m=Max("position")
        )["m"]
        if entry is None:
            entry = SpeakerEntry(committee=committee, list=which, delegation=delegation)
        entry.status = SpeakerEntry.Status.WAITING
        entry.position = (last or 0) + 1
        entry.save()
        _record(
            committee,
            actor,
            "speakers.added",
            {"speakers"},
            delegation_ids=[delegation.pk],
            data={"delegation": delegation.name, "list": which},
        )
        return entry


def remove_speaker(committee: Committee, actor: Actor, delegation_id: Any) -> None:
    """The chair removes a delegation from the current list, or declines its request."""
    require_board(actor)
    with transaction.atomic():
        committee = lock_committee(committee)
        floor = _floor(committee)
        delegation = delegation_of(committee, delegation_id)
        entry = SpeakerEntry.objects.filter(
            committee=committee,
            list=_list_for(floor),
            delegation=delegation,
            status__in=["requested", "waiting"],
        ).first()
        if entry is None:
            raise ActionError(f"{delegation.name} is not on the list.")
        entry.status = SpeakerEntry.Status.REMOVED
        entry.save(update_fields=["status"])
        _record(
            committee,
            actor,
            "speakers.removed",
            {"speakers"},
            delegation_ids=[delegation.pk],
            data={"delegation": delegation.name},
        )


def move_speaker(committee: Committee, actor: Actor, delegation_id: Any, direction: str) -> None:
    """Move a waiting speaker one place up or down."""
    require_board(actor)
    if direction not in {"up", "down"}:
        raise ActionError("Move a speaker up or down.")
    with transaction.atomic():
        committee = lock_committee(committee)
        floor = _floor(committee)
        entries = list(SpeakerEntry.objects.filter(committee=committee, list=_list_for(floor), status="waiting"))
        index = next((i for i, e in enumerate(entries) if str(e.delegation_id) == str(delegation_id)), None)
        if index is None:
            raise ActionError("That delegation is not on the list.")
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(entries):
            return  # already first (or last): nothing to do
        entries[index], entries[other] = entries[other], entries[index]
        for position, entry in enumerate(entries, start=1):
            if entry.position != position:
                entry.position = position
                entry.save(update_fields=["position"])
        _record(
            committee,
            actor,
            "speakers.moved",
            {"speakers"},
            data={"delegation": entries[other].delegation_id, "direction": direction},
        )


def next_speaker(committee: Committee, actor: Actor, current: Any = None) -> Speech | None:
    """End the current speech and call the first speaker of the current list (timer not yet running).

    `current` is the speech the chair's screen showed when the key was pressed ("" for none): if the
    floor has moved on since (a double press), nothing happens a second time."""
    require_board(actor)
    with transaction.atomic():
        committee = lock_committee(committee)
        require_open_sitting(committee)
        floor = _floor(committee)
        _require_phase(floor, FORMAL, MODERATED, doing="call the next speaker")
        if current is not None and str(current) != str(floor.speech_id or ""):
            return floor.speech  # pressed twice: the first press already called the next speaker
        allowed = None
        if floor.phase == MODERATED and floor.caucus_speaking_time and floor.caucus_timer:
            allowed = rules.speakers(floor.caucus_timer.duration, floor.caucus_speaking_time)
        caucus_full = allowed is not None and floor.caucus_speeches >= allowed
        if caucus_full and floor.speech is None:
            raise ActionError(
                f"All {allowed} speeches of this caucus have been given: end the caucus, or a motion can extend it."
            )
        which = _list_for(floor)
        entry = None
        if not caucus_full:  # after the last speech of a caucus, nobody else is called
            entry = (
                SpeakerEntry.objects.filter(committee=committee, list=which, status="waiting")
                .select_related("delegation")
                .first()
            )
        if entry is None and floor.speech is None:
            raise ActionError("Nobody is on the list.")
        now = timezone.now()
        ended = _end_speech(floor, now)
        speech = None
        if entry is not None:
            entry.status = SpeakerEntry.Status.DONE
            entry.save(update_fields=["status"])
            general = floor.speaking_time or committee.rules.default_speaking_time
            seconds = floor.caucus_speaking_time if which == "caucus" else general
            timer = Timer.objects.create(committee=committee, duration=seconds or general)
            speech = Speech.objects.create(committee=committee, delegation=entry.delegation, list=which, timer=timer)
            floor.speech = speech
            if which == "caucus":
                floor.caucus_speeches += 1
        floor.caucus_ended = False
        floor.save()
        touched = [d for d in (ended.delegation_id if ended else None, entry.delegation_id if entry else None) if d]
        _record(
            committee,
            actor,
            "speech.next",
            {"speech", "speakers"},
            delegation_ids=touched,
            data={
                "ended": ended.delegation.name if ended else None,
                "next": entry.delegation.name if entry else None,
            },
        )
        return speech


# ---- timers ---------------------------------------------------------------------------------------


def _timer_target(floor: Floor, which: str) -> Timer:
    if which == "speech":
        if floor.speech is None:
            raise ActionError("Nobody has the floor: call the next speaker first.")
        return floor.speech.timer
    if which == "caucus":
        if floor.caucus_timer is None or floor.phase not in (MODERATED, UNMODERATED):
            raise ActionError("No caucus is running.")
        return floor.caucus_timer
    if which == "suspension":
        if floor.suspension_timer is None or floor.phase != SUSPENDED:
            raise ActionError("The meeting is not suspended.")
        return floor.suspension_timer
    raise ActionError("Which timer? The speech, the caucus or the suspension.")


def control_timer(committee: Committee, actor: Actor, which: str, operation: str, seconds: Any = None) -> Timer:
    """start, pause, toggle, or extend (by `seconds`) the speech, caucus or suspension timer."""
    require_board(actor)
    if operation not in {"start", "pause", "toggle", "extend"}:
        raise ActionError("A timer can be started, paused or extended.")
    with transaction.atomic():
        committee = lock_committee(committee)
        floor = _floor(committee)
        timer = _timer_target(floor, which)
        now = timezone.now()
        if operation == "toggle":
            operation = "pause" if timer.running else "start"
        if operation == "start":
            if timer.running:
                return timer  # a double press: already running
            if timer.remaining_at(now) <= 0:
                raise ActionError("Time is up: add time or move on.")
            timer.start(now)
        elif operation == "pause":
            if not timer.running:
                return timer
            timer.pause(now)
        else:
            extra = _seconds(seconds, "Extra time", 1, MAX_EXTENSION)
            timer.duration += extra
        timer.save()
        change = "speech"  # every timer shows where the speech does: chair, phones, projector
        _record(
            committee,
            actor,
            f"timer.{operation}",
            {change},
            data={"timer": which, "seconds": timer.duration, "remaining": round(timer.remaining_at(now), 1)},
        )
        return timer


# ---- yields ---------------------------------------------------------------------------------------


def yield_speech(committee: Committee, actor: Actor, kind: str, to_delegation: Any = None) -> Speech | None:
    """The speaker yields: to the chair (time ends), to another delegation (who speaks for the time
    left and may not yield again), or to questions (points of information; the chair runs the timer
    only while the speaker answers)."""
    require_board(actor)
    with transaction.atomic():
        committee = lock_committee(committee)
        floor = _floor(committee)
        speech = floor.speech
        if speech is None:
            raise ActionError("Nobody has the floor, so nobody can yield.")
        if speech.yield_kind:
            raise ActionError(f"{speech.delegation.name} has already yielded {speech.get_yield_kind_display()}.")
        now = timezone.now()
        if kind == Speech.Yield.CHAIR:
            speech.yield_kind = kind
            speech.save(update_fields=["yield_kind"])
            _end_speech(floor, now)
            floor.save()
            _record(
                committee,
                actor,
                "speech.yield",
                {"speech"},
                delegation_ids=[speech.delegation_id],
                data={"delegation": speech.delegation.name, "to": "chair"},
            )
            return None
        if kind == Speech.Yield.QUESTIONS:
            if floor.phase != FORMAL:
                raise ActionError("Yields to questions are for the General Speakers' List.")
            speech.timer.pause(now)
            speech.timer.save()
            speech.yield_kind = kind
            speech.save(update_fields=["yield_kind"])
            floor.save()
            _record(
                committee,
                actor,
                "speech.yield",
                {"speech", "points"},
                data={"delegation": speech.delegation.name, "to": "questions"},
            )
            return speech
        if kind == Speech.Yield.DELEGATION:
            if floor.phase != FORMAL:
                raise ActionError("Yields to another delegation are for the General Speakers' List.")
            if not speech.may_yield_to_delegation:
                raise ActionError(
                    f"{speech.delegation.name} was yielded the floor and may not yield it again, except to the chair."
                )
            target = delegation_of(committee, to_delegation)
            if target.pk == speech.delegation_id:
                raise ActionError("A delegation cannot yield to itself.")
            if not _present(committee, require_open_sitting(committee), target):
                raise ActionError(f"{target.name} is not marked present.")
            left = int(speech.timer.remaining_at(now))
            if left < 1:
                raise ActionError("No time is left to yield.")
            speech.yield_kind = kind
            speech.yielded_to = target
            speech.save(update_fields=["yield_kind", "yielded_to"])
            _end_speech(floor, now)
            timer = Timer.objects.create(committee=committee, duration=left)
            new = Speech.objects.create(
                committee=committee, delegation=target, list=speech.list, timer=timer, yielded_from=speech
            )
            floor.speech = new
            floor.save()
            _record(
                committee,
                actor,
                "speech.yield",
                {"speech"},
                delegation_ids=[speech.delegation_id, target.pk],
                data={"delegation": speech.delegation.name, "to": target.name, "seconds": left},
            )
            return new
        raise ActionError("Yield to the chair, to another delegation, or to questions.")


# ---- points ---------------------------------------------------------------------------------------


def raise_point(committee: Committee, actor: Actor, kind: str, text: str = "", params: dict | None = None) -> Point:
    """A digital placard: a point raised from a phone, or entered by the chair for a delegation."""
    if kind not in Point.Kind.values:
        raise ActionError(
            "Raise a point of personal privilege, order, parliamentary inquiry, information, "
            "or ask for a right of reply."
        )
    text = (text or "").strip()
    if len(text) > 300:
        raise ActionError("Keep it short: 300 characters at most.")
    with transaction.atomic():
        committee = lock_committee(committee)
        sitting = require_open_sitting(committee)
        floor = _floor(committee)
        delegation = _speaker(committee, actor, params or {})
        if not _present(committee, sitting, delegation):
            raise ActionError(f"{delegation.name} is not marked present.")
        speaking = floor.speech is not None and floor.speech.timer.running
        if floor.phase in (rules.ADJOURNED,):
            raise ActionError("The committee is adjourned.")
        if kind == Point.Kind.INFORMATION:
            speech = floor.speech
            if speech is None or speech.yield_kind != Speech.Yield.QUESTIONS:
                raise ActionError("Points of information are in order only when the speaker has yielded to questions.")
            if speech.delegation_id == delegation.pk:
                raise ActionError("The speaker cannot ask itself a question.")
        elif kind == Point.Kind.PARLIAMENTARY_INQUIRY and speaking:
            raise ActionError(
                "A point of parliamentary inquiry may not interrupt a speaker: wait until the floor is open."
            )
        elif kind == Point.Kind.ORDER and speaking:
            raise ActionError("A point of order may not interrupt a speaker: raise it when the speech ends.")
        elif kind == Point.Kind.RIGHT_OF_REPLY and not text:
            raise ActionError(
                "A right of reply is asked in writing: say which remark impugned your national integrity."
            )
        existing = Point.objects.filter(committee=committee, kind=kind, delegation=delegation, status="raised").first()
        if existing is not None:
            return existing  # the same placard twice: nothing changes
        point = Point.objects.create(committee=committee, kind=kind, delegation=delegation, text=text)
        _record(
            committee,
            actor,
            "point.raised",
            {"points"},
            delegation_ids=[delegation.pk],
            data={"delegation": delegation.name, "kind": kind, "text": text},
        )
        return point


def resolve_point(committee: Committee, actor: Actor, point_id: Any, outcome: str) -> Point:
    """The chair answers a point (or grants it), or rules it out of order; it leaves the floor."""
    require_board(actor)
    statuses = {"answered": Point.Status.ANSWERED, "ruled": Point.Status.RULED}
    if outcome not in statuses:
        raise ActionError("Answer the point or rule it out of order.")
    with transaction.atomic():
        committee = lock_committee(committee)
        try:
            point = Point.objects.select_related("delegation").get(pk=int(point_id), committee=committee)
        except (TypeError, ValueError, Point.DoesNotExist) as error:
            raise ActionError("There is no such point.") from error
        if point.status != Point.Status.RAISED:
            raise ActionError("That point has already left the floor.")
        point.status = statuses[outcome]
        point.resolved_at = timezone.now()
        point.save(update_fields=["status", "resolved_at"])
        _record(
            committee,
            actor,
            f"point.{outcome}",
            {"points"},
            delegation_ids=[point.delegation_id],
            data={"delegation": point.delegation.name, "kind": point.kind},
        )
        return point


# ---- motions --------------------------------------------------------------------------------------


def _in_order(rule, floor: Floor) -> None:
    if floor.phase not in rule.phases:
        raise ActionError(
            f"A motion to {rule.name[0].lower() + rule.name[1:]} is not in order during "
            f"{floor.get_phase_display().lower()}."
        )
    if floor.speech is not None and floor.speech.timer.running:
        raise ActionError("A motion may not interrupt a speaker: wait until the floor is open.")
    if rule.requires == "caucus_ended" and not floor.caucus_ended:
        raise ActionError("Only a caucus that has just ended can be extended.")
    if rule.requires == "draft":
        raise ActionError("No draft resolution is on the floor.")
    if rule.kind == "open_speakers_list" and floor.gsl_open:
        raise ActionError("The speakers' list is already open.")
    if rule.kind == "close_speakers_list" and not floor.gsl_open:
        raise ActionError("The speakers' list is already closed.")


def raise_motion(committee: Committee, actor: Actor, kind: str, values: dict, params: dict | None = None) -> Motion:
    """A delegation moves a motion (from its phone, or the chair enters it for them)."""
    debate = debate_rules(committee.rules)
    rule = debate.motion(kind) if isinstance(kind, str) else None
    if rule is None:
        raise ActionError("That motion is not in these rules of procedure.")
    try:
        cleaned = rules.validate_fields(rule, values)
    except ValueError as error:
        raise ActionError(str(error)) from error
    with transaction.atomic():
        committee = lock_committee(committee)
        sitting = require_open_sitting(committee)
        floor = _floor(committee)
        delegation = _speaker(committee, actor, params or {})
        if not _present(committee, sitting, delegation):
            raise ActionError(f"{delegation.name} is not marked present.")
        _in_order(rule, floor)
        if Motion.objects.filter(committee=committee, status="voting").exists():
            raise ActionError("A vote is under way: motions wait until it ends.")
        existing = Motion.objects.filter(
            committee=committee, kind=kind, delegation=delegation, status__in=["pending", "voting"]
        ).first()
        if existing is not None:
            if existing.values == cleaned:
                return existing  # sent twice: nothing changes
            raise ActionError(f"{delegation.name} already has a motion to {rule.name.lower()} on the floor.")
        motion = Motion.objects.create(committee=committee, kind=kind, delegation=delegation, values=cleaned)
        _record(
            committee,
            actor,
            "motion.raised",
            {"motions"},
            delegation_ids=[delegation.pk],
            data={"delegation": delegation.name, "kind": kind, "values": cleaned},
        )
        return motion


def _motion(committee: Committee, motion_id: Any, *statuses: str) -> Motion:
    try:
        motion = Motion.objects.select_related("delegation").get(pk=int(motion_id), committee=committee)
    except (TypeError, ValueError, Motion.DoesNotExist) as error:
        raise ActionError("There is no such motion.") from error
    if statuses and motion.status not in statuses:
        raise ActionError(f"That motion is no longer on the floor ({motion.get_status_display().lower()}).")
    return motion


def withdraw_motion(committee: Committee, actor: Actor, motion_id: Any) -> Motion:
    with transaction.atomic():
        committee = lock_committee(committee)
        motion = _motion(committee, motion_id, "pending")
        if actor.delegation is not None and actor.delegation.pk != motion.delegation_id:
            raise ActionError("Only the delegation that moved it can withdraw a motion.")
        if actor.delegation is None:
            require_board(actor)
        motion.status = Motion.Status.WITHDRAWN
        motion.decided_at = timezone.now()
        motion.save(update_fields=["status", "decided_at"])
        _record(
            committee,
            actor,
            "motion.withdrawn",
            {"motions"},
            delegation_ids=[motion.delegation_id],
            data={"delegation": motion.delegation.name, "kind": motion.kind},
        )
        return motion


def rule_out_of_order(committee: Committee, actor: Actor, motion_id: Any, reason: str) -> Motion:
    require_board(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ActionError("Say why the motion is out of order (the delegates and the minutes need the reason).")
    with transaction.atomic():
        committee = lock_committee(committee)
        motion = _motion(committee, motion_id, "pending")
        motion.status = Motion.Status.OUT_OF_ORDER
        motion.reason = reason[:300]
        motion.decided_at = timezone.now()
        motion.save(update_fields=["status", "reason", "decided_at"])
        _record(
            committee,
            actor,
            "motion.out_of_order",
            {"motions"},
            delegation_ids=[motion.delegation_id],
            data={"delegation": motion.delegation.name, "kind": motion.kind, "reason": motion.reason},
        )
        return motion


def _voters_present(committee: Committee, sitting, profile: RulesProfile) -> list[int]:
    rows = (
        Attendance.objects.filter(sitting=sitting)
        .exclude(status=Attendance.Status.ABSENT)
        .values_list("delegation_id", "delegation__kind")
    )
    return [d for d, kind in rows if profile.may_vote_procedural(kind)]


def open_vote(committee: Committee, actor: Actor, method: str) -> ProceduralVote:
    """Put the first motion in precedence order to a procedural vote (yes or no, no abstentions)."""
    require_board(actor)
    if method not in ProceduralVote.Method.values:
        raise ActionError("Vote by phones or by placards.")
    with transaction.atomic():
        committee = lock_committee(committee)
        sitting = require_open_sitting(committee)
        if Motion.objects.filter(committee=committee, status="voting").exists():
            raise ActionError("A vote is already open.")
        debate = debate_rules(committee.rules)
        pending = in_precedence(Motion.objects.filter(committee=committee, status="pending"), debate)
        if not pending:
            raise ActionError("No motion is on the floor.")
        motion = pending[0]
        rule = debate.motion(motion.kind)
        if rule.threshold is None:
            raise ActionError("That motion takes no vote: the chair decides.")
        profile = committee.rules
        base = len(_voters_present(committee, sitting, profile))
        if base == 0:
            raise ActionError("Nobody present may vote: take the roll call first.")
        threshold = profile.two_thirds if rule.threshold == "two_thirds" else profile.simple_majority
        vote = ProceduralVote.objects.create(motion=motion, method=method, base=base, needed=threshold.needed(base))
        motion.status = Motion.Status.VOTING
        motion.save(update_fields=["status"])
        everyone = committee.delegations.values_list("pk", flat=True)
        _record(
            committee,
            actor,
            "vote.opened",
            {"motions", "vote"},
            delegation_ids=everyone,
            data={"kind": motion.kind, "method": method, "base": base, "needed": vote.needed},
        )
        return vote


def _open_vote(committee: Committee) -> ProceduralVote:
    vote = (
        ProceduralVote.objects.select_related("motion")
        .filter(motion__committee=committee, motion__status="voting")
        .first()
    )
    if vote is None:
        raise ActionError("No vote is open.")
    return vote


def cast_ballot(committee: Committee, actor: Actor, choice: str, params: dict | None = None) -> Ballot:
    """One ballot per delegation, yes or no; a delegate votes on the phone, or the chair for them."""
    if choice not in Ballot.Choice.values:
        raise ActionError("Vote yes or no: procedural votes take no abstentions.")
    with transaction.atomic():
        committee = lock_committee(committee)
        sitting = require_open_sitting(committee)
        delegation = _speaker(committee, actor, params or {})
        vote = _open_vote(committee)
        if vote.method != ProceduralVote.Method.PHONES:
            raise ActionError("This vote is by placards: raise yours; the chair counts.")
        if delegation.pk not in _voters_present(committee, sitting, committee.rules):
            raise ActionError(f"{delegation.name} may not vote on this (not present, or not a voting delegation).")
        if Ballot.objects.filter(vote=vote, delegation=delegation).exists():
            raise ActionError(f"{delegation.name} has already voted.")
        ballot = Ballot.objects.create(vote=vote, delegation=delegation, choice=choice)
        _record(
            committee,
            actor,
            "vote.ballot",
            {"vote"},
            delegation_ids=[delegation.pk],
            data={"delegation": delegation.name, "choice": choice},
        )
        return ballot


def close_vote(committee: Committee, actor: Actor, yes: Any = None, no: Any = None) -> Motion:
    """Count the vote (phones: the ballots; placards: the counts the chair typed) and decide. A passed
    motion takes effect and the motions below it fall; a failed one leaves the rest on the floor."""
    require_board(actor)
    with transaction.atomic():
        committee = lock_committee(committee)
        vote = _open_vote(committee)
        if vote.method == ProceduralVote.Method.PLACARD:
            try:
                vote.yes, vote.no = int(yes), int(no)
            except (TypeError, ValueError) as error:
                raise ActionError("Type the number of placards for and against.") from error
            if vote.yes < 0 or vote.no < 0:
                raise ActionError("Counts cannot be negative.")
            if vote.yes + vote.no > vote.base:
                raise ActionError(f"{vote.yes + vote.no} votes, but only {vote.base} delegations may vote.")
        else:
            ballots = list(vote.ballots.values_list("choice", flat=True))
            vote.yes, vote.no = ballots.count("yes"), ballots.count("no")
        now = timezone.now()
        vote.closed_at = now
        vote.save()
        motion = vote.motion
        passed = vote.yes >= vote.needed
        motion.status = Motion.Status.PASSED if passed else Motion.Status.FAILED
        motion.decided_at = now
        motion.save(update_fields=["status", "decided_at"])
        changes = {"motions", "vote"}
        if passed:
            fallen = Motion.objects.filter(committee=committee, status="pending")
            fallen.update(status=Motion.Status.FALLEN, decided_at=now)
            changes |= _carry_out(committee, motion, now)
        everyone = committee.delegations.values_list("pk", flat=True)
        _record(
            committee,
            actor,
            "vote.closed",
            changes,
            delegation_ids=everyone,
            data={
                "kind": motion.kind,
                "yes": vote.yes,
                "no": vote.no,
                "needed": vote.needed,
                "base": vote.base,
                "passed": passed,
                "delegation": motion.delegation.name,
            },
        )
        return motion


def _carry_out(committee: Committee, motion: Motion, now) -> set[str]:
    """What a passed motion does to the floor."""
    floor = _floor(committee)
    values = motion.values
    _end_speech(floor, now)
    kind = motion.kind
    if kind in ("moderated_caucus", "unmoderated_caucus", "extend_caucus"):
        if kind == "extend_caucus":
            phase = MODERATED if floor.caucus_kind == MODERATED else UNMODERATED
            seconds = values["duration"]
        else:
            phase = MODERATED if kind == "moderated_caucus" else UNMODERATED
            seconds = values["total"] if phase == MODERATED else values["duration"]
            floor.caucus_topic = values["topic"]
            floor.caucus_speaking_time = values.get("speaking_time")
            floor.caucus_speeches = 0
            SpeakerEntry.objects.filter(committee=committee, list="caucus", status="waiting").update(status="removed")
        timer = Timer.objects.create(committee=committee, duration=seconds)
        timer.start(now)
        timer.save()
        floor.caucus_timer = timer
        floor.caucus_kind = phase
        floor.phase = phase
        floor.caucus_ended = False
    elif kind == "suspend_meeting":
        timer = Timer.objects.create(committee=committee, duration=values["duration"])
        timer.start(now)
        timer.save()
        floor.suspension_timer = timer
        floor.phase = SUSPENDED
    elif kind in ("adjourn_meeting", "adjourn_debate"):
        floor.phase = rules.ADJOURNED
    elif kind == "close_debate":
        floor.phase = VOTING
    elif kind == "set_speaking_time":
        floor.speaking_time = values["speaking_time"]
    elif kind == "open_speakers_list":
        floor.gsl_open = True
    elif kind == "close_speakers_list":
        floor.gsl_open = False
    floor.save()
    return {"phase", "speech", "speakers"}


# ---- phases the chair ends --------------------------------------------------------------------


def end_caucus(committee: Committee, actor: Actor) -> Floor:
    """Back to formal debate when a caucus ends (its time is up, or the chair ends it early)."""
    require_board(actor)
    with transaction.atomic():
        committee = lock_committee(committee)
        floor = _floor(committee)
        _require_phase(floor, MODERATED, UNMODERATED, doing="end a caucus")
        now = timezone.now()
        _end_speech(floor, now)
        if floor.caucus_timer is not None:
            floor.caucus_timer.pause(now)
            floor.caucus_timer.save()
        SpeakerEntry.objects.filter(committee=committee, list="caucus", status="waiting").update(status="removed")
        floor.phase = FORMAL
        floor.caucus_ended = True
        floor.save()
        _record(
            committee,
            actor,
            "caucus.ended",
            {"phase", "speech", "speakers"},
            data={"topic": floor.caucus_topic},
        )
        return floor


def resume(committee: Committee, actor: Actor) -> Floor:
    """Resume formal debate after a suspension (or an adjournment, at the next meeting)."""
    require_board(actor)
    with transaction.atomic():
        committee = lock_committee(committee)
        floor = _floor(committee)
        _require_phase(floor, SUSPENDED, rules.ADJOURNED, VOTING, doing="resume debate")
        if floor.suspension_timer is not None:
            floor.suspension_timer.pause(timezone.now())
            floor.suspension_timer.save()
        floor.phase = FORMAL
        floor.save()
        _record(committee, actor, "floor.resumed", {"phase"})
        return floor


def set_requests(committee: Committee, actor: Actor, allowed: Any) -> Floor:
    """Let delegates ask to speak from their phones, or not (placards only)."""
    require_board(actor)
    with transaction.atomic():
        committee = lock_committee(committee)
        floor = _floor(committee)
        floor.requests_open = str(allowed).lower() in {"1", "true", "yes", "on"}
        floor.save(update_fields=["requests_open"])
        _record(committee, actor, "speakers.requests", {"speakers", "phase"}, data={"open": floor.requests_open})
        return floor
