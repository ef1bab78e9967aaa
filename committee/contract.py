"""Floor parts: how an app joins the committee's room, in one declaration.

The committee, the debate and the resolutions each declare one `FloorPart`: the state their screens
read (a loader), the changes their actions name, the regions each change re-renders on each screen, the
sections they add to each page, a phone's own regions, their commands, their journal kinds and the
votes whose subject they own. The committee's pages, its broadcast, its command table and its votes
loop over the declared parts, so a higher app joins without a lower one naming it.

Change names belong to the part that declares them: the committee's "roll" is "committee.roll", and
a "vote" of another part could never re-render the committee's regions by accident. A region that
listens to a change nobody declared, two commands of one name, or two parts of one name stop the start.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.translation import gettext_lazy, gettext_noop

from committee.access import AUDIENCES, Actor
from committee.errors import ActionError, LazyMessage
from committee.fields import Field, parse_fields
from committee.journal import JournalKind
from committee.partials import reads_beside
from committee.presses import press_id, request_id

if TYPE_CHECKING:
    from committee.models import Committee


@dataclass(frozen=True)
class Region:
    """A partial of a screen with an id of its own, swapped in whole when one of its changes happens."""

    template: str  # "committee/chair.html#row": <app>/<screen>.html#<partial>
    on: tuple[str, ...]  # the changes that re-render it: "committee.sitting", "<part>.<change>"
    each: bool = False  # one per changed delegation (a roll-call row), not one for the screen
    snapshot: bool = True  # part of what a (re)connecting screen receives
    # A phone's own region may say what it shows of its delegation: shown_by(state, row), equal for
    # phones that are sent the same HTML, which is then rendered once for them all. Its partial reads
    # the row only as `state|<shown_by's name>:you`, which the start checks (committee/partials.py).
    shown_by: Callable[[Any, Any], Hashable] | None = None


@dataclass(frozen=True)
class Change:
    name: str  # local to its part: "roll" is declared by the committee as "committee.roll"
    doc: str
    every_phone: bool = False  # every phone's own regions depend on it (a phase, a vote opened)
    # Frequent and small (a ballot: forty phones press at once): its broadcast is merged with those of
    # the same kind that follow before it is rendered, and its sender is answered without regions.
    merged: bool = False


@dataclass(frozen=True)
class Command:
    name: str
    audiences: frozenset[str]
    label: str  # "open a vote": said when someone may not
    fields: Mapping[str, Field]
    run: Callable[..., Any]  # run(committee, actor, **typed fields)
    # Said to the sender, by its audience, when its change's broadcast is merged (it brings no regions).
    done: Mapping[str, str] = field(default_factory=dict)


class CommandSet:
    """The commands of one part, declared with their fields next to the action each one calls."""

    def __init__(self) -> None:
        self.commands: list[Command] = []

    def add(self, name: str, audiences: Iterable[str], label: str, **fields: Field):
        """A command whose typed fields need adapting before its action (a decorator)."""

        def decorator(function: Callable[..., Any]) -> Callable[..., Any]:
            self.expose(name, audiences, label, function, **fields)
            return function

        return decorator

    def expose(
        self,
        name: str,
        audiences: Iterable[str],
        label: str,
        action: Callable[..., Any],
        /,
        done: Mapping[str, str] | None = None,
        **fields: Field,
    ):
        """A command that calls `action(committee, actor, **typed fields)`: each field is named for the
        action's argument (`key` gives the form's name where it differs)."""
        self.commands.append(Command(name, frozenset(audiences), label, fields, action, done or {}))

    def expose_fields(
        self, name: str, audiences: Iterable[str], label: str, action: Callable[..., Any], fields: Mapping[str, Field]
    ):
        """As expose, with fields that are read when a command arrives (a mapping that follows what
        higher apps registered since: the motions' fields)."""
        self.commands.append(Command(name, frozenset(audiences), label, fields, action))

    def __iter__(self) -> Iterator[Command]:
        return iter(self.commands)


@dataclass(frozen=True)
class Extension:
    """What a part lets higher parts add to it (a list of motions, say): under `name`, the part's own
    value and `merge(own, [(part's name, what it adds), ...])`, which returns the sealed value or
    raises ImproperlyConfigured for an addition that does not fit. Merged once, when the room is
    sealed; nothing is added after."""

    name: str
    own: Any
    merge: Callable[[Any, list[tuple[str, Any]]], Any]


@dataclass(frozen=True)
class FloorPart:
    name: str
    changes: tuple[Change, ...] = ()
    load: Callable[[Any], Any] | None = None  # load(state) -> what its templates read as state.parts.<name>
    needs: tuple[str, ...] = ()  # lower parts whose state its templates read too
    regions: Mapping[str, tuple[Region, ...]] = field(default_factory=dict)  # by audience
    own: tuple[Region, ...] = ()  # a phone's own regions, sent only to that delegation's phones
    sections: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)  # audience -> slot
    commands: Iterable[Command] = ()
    journal: tuple[JournalKind, ...] = ()
    # Votes whose question this part owns: "motion" -> decide(step, vote) -> Decision.
    vote_subjects: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    # The chair's undo (committee/actions/undo.py). `undo`: journal kinds the chair may take back while
    # theirs is the last entry, kind -> take_back(step, entry) -> the changes it made. `undo_decisions`:
    # for a vote reopened, subject -> take_back(step, vote, decision facts) -> the changes. Each raises
    # ActionError, in words, where something already depends on what it would take back.
    undo: Mapping[str, Callable[..., Iterable[str]]] = field(default_factory=dict)
    undo_decisions: Mapping[str, Callable[..., Iterable[str]]] = field(default_factory=dict)
    # What the part tidies away when a sitting closes (a speech, a caucus, pending motions), within the
    # closing action's step; it returns the changes it made.
    on_sitting_closed: Callable[[Any], Iterable[str]] | None = None
    # Why the roll call may not change now (the doors are closed in voting procedure), or None.
    roll_call_refusal: Callable[[Any], str | None] | None = None
    # What higher parts may add to this one, and what this one adds to lower ones' ("<part>.<name>").
    extensions: tuple[Extension, ...] = ()
    adds: Mapping[str, Any] = field(default_factory=dict)

    def change(self, name: str) -> str:
        return f"{self.name}.{name}"


@dataclass(frozen=True)
class Placed:
    part: str
    region: Region


class Parts:
    """Every declared part, in the order the apps are installed (lower apps first)."""

    def __init__(self) -> None:
        self._parts: dict[str, FloorPart] = {}
        self._sealed = False

    # ---- declaring --------------------------------------------------------------------------------

    def register(self, part: FloorPart) -> None:
        if self._sealed:
            raise ImproperlyConfigured(f"Floor part {part.name!r} registered after the room was sealed.")
        if part.name in self._parts:
            raise ImproperlyConfigured(f"Two floor parts are named {part.name!r}.")
        self._parts[part.name] = part

    def seal(self) -> None:
        """Check the declarations against each other and index them; called once, at start-up."""
        if self._sealed:
            return
        changes: dict[str, Change] = {}
        commands: dict[str, Command] = {}
        kinds: dict[str, JournalKind] = {}
        subjects: dict[str, Callable[..., Any]] = {}
        undo: dict[str, Callable[..., Iterable[str]]] = {}
        undo_decisions: dict[str, Callable[..., Iterable[str]]] = {}
        regions: dict[str, list[Placed]] = {audience: [] for audience in AUDIENCES}
        own: list[Placed] = []
        seen: list[str] = []
        extensions: dict[str, Extension] = {}
        additions: dict[str, list[tuple[str, Any]]] = {}
        for part in self._parts.values():
            for name in part.needs:
                if name not in seen:
                    raise ImproperlyConfigured(f"Part {part.name!r} needs {name!r}, which is not a lower part.")
            for key, added in part.adds.items():
                if key not in extensions:
                    raise ImproperlyConfigured(f"Part {part.name!r} adds to {key!r}: no lower part offers it.")
                additions[key].append((part.name, added))
            for extension in part.extensions:
                extensions[part.change(extension.name)] = extension
                additions[part.change(extension.name)] = []
            seen.append(part.name)
            for change in part.changes:
                changes[part.change(change.name)] = change
            for command in part.commands:
                if command.name in commands:
                    raise ImproperlyConfigured(f"Two commands are named {command.name!r}.")
                commands[command.name] = command
            for kind in part.journal:
                if kind.kind in kinds:
                    raise ImproperlyConfigured(f"Two parts declare the journal kind {kind.kind!r}.")
                for problem in kind.problems():
                    raise ImproperlyConfigured(f"Journal kind declared wrongly: {problem}.")
                kinds[kind.kind] = kind
            for subject, decide in part.vote_subjects.items():
                subjects[part.change(subject)] = decide
            for subject, take_back in part.undo_decisions.items():
                undo_decisions[part.change(subject)] = take_back
            for kind, take_back in part.undo.items():
                if kind not in kinds:
                    raise ImproperlyConfigured(
                        f"Part {part.name!r} undoes {kind!r}: no part declares that journal kind."
                    )
                undo[kind] = take_back
            for audience, declared in part.regions.items():
                if audience not in regions:
                    raise ImproperlyConfigured(f"Part {part.name!r}: {audience!r} is not a screen.")
                regions[audience] += [Placed(part.name, region) for region in declared]
            own += [Placed(part.name, region) for region in part.own]
        for placed in own:
            if placed.region.shown_by is not None:
                for problem in reads_beside(placed.region.template, placed.region.shown_by.__name__):
                    raise ImproperlyConfigured(f"Region {placed.region.template} of {placed.part!r}: {problem}")
        for placed in [p for listed in regions.values() for p in listed] + own:
            for name in placed.region.on:
                if name not in changes:
                    raise ImproperlyConfigured(
                        f"Region {placed.region.template} of {placed.part!r} listens to {name!r}, "
                        "a change no part declares."
                    )
        self._changes, self._commands, self._kinds, self._subjects = changes, commands, kinds, subjects
        self._undo, self._undo_decisions = undo, undo_decisions
        self._regions, self._own = regions, own
        self._sections: dict[str, dict[str, list[str]]] = {}
        for part in self._parts.values():
            for audience, slots in part.sections.items():
                for slot, templates in slots.items():
                    self._sections.setdefault(audience, {}).setdefault(slot, []).extend(templates)
        self._extended = {key: ext.merge(ext.own, additions[key]) for key, ext in extensions.items()}
        self._sealed = True

    def _ready(self) -> Parts:
        self.seal()
        return self

    # ---- reading ----------------------------------------------------------------------------------

    @property
    def names(self) -> list[str]:
        return list(self._parts)

    def __getitem__(self, name: str) -> FloorPart:
        return self._parts[name]

    def check_changes(self, names: Iterable[str]) -> set[str]:
        known = self._ready()._changes
        unknown = [name for name in names if name not in known]
        if unknown:
            raise ImproperlyConfigured(f"Unknown change(s) {', '.join(sorted(unknown))}: declare them in a part.")
        return set(names)

    def every_phone(self, changes: Iterable[str]) -> bool:
        return any(self._ready()._changes[name].every_phone for name in changes)

    def merged(self, changes: Iterable[str]) -> bool:
        """Whether these changes' broadcast may wait to be merged with the next ones (all are merged
        kinds, apart from the header that goes with every change)."""
        own = [name for name in changes if name != "committee.status"]
        return bool(own) and all(self._ready()._changes[name].merged for name in own)

    def regions(self, audience: str, changes: set[str]) -> tuple[list[Placed], list[Placed]]:
        """The regions these changes re-render on one screen: (once for the screen, once per delegation)."""
        touched = [p for p in self._ready()._regions[audience] if changes.intersection(p.region.on)]
        return [p for p in touched if not p.region.each], [p for p in touched if p.region.each]

    def own_regions(self, changes: set[str] | None = None) -> list[Placed]:
        own = self._ready()._own
        return own if changes is None else [p for p in own if changes.intersection(p.region.on)]

    def snapshot(self, audience: str) -> list[Placed]:
        return [p for p in self._ready()._regions[audience] if p.region.snapshot and not p.region.each]

    def loads_for(self, placed: Iterable[Placed]) -> list[str]:
        """The parts whose state these regions read: their own parts and what those need, lower first."""
        wanted: set[str] = set()
        for name in {p.part for p in placed}:
            wanted.add(name)
            wanted.update(self._parts[name].needs)
        return [name for name in self._parts if name in wanted]

    def sections(self, audience: str) -> Mapping[str, list[str]]:
        """The templates each part adds to a screen's page, slot by slot, lower parts first (indexed
        at the seal: every rendering asks)."""
        return self._ready()._sections.get(audience, {})

    def command(self, name: str) -> Command | None:
        return self._ready()._commands.get(name)

    @property
    def commands(self) -> dict[str, Command]:
        return dict(self._ready()._commands)

    def journal_kind(self, kind: str) -> JournalKind | None:
        return self._ready()._kinds.get(kind)

    @property
    def journal_kinds(self) -> dict[str, JournalKind]:
        return dict(self._ready()._kinds)

    def sitting_closed(self, step: Any) -> set[str]:
        """Every part tidies its floor away as the sitting closes; the changes they made."""
        changes: set[str] = set()
        for part in self._ready()._parts.values():
            if part.on_sitting_closed is not None:
                changes.update(part.on_sitting_closed(step))
        return changes

    def roll_call_refusal(self, step: Any) -> str | None:
        for part in self._ready()._parts.values():
            refusal = part.roll_call_refusal(step) if part.roll_call_refusal is not None else None
            if refusal:
                return refusal
        return None

    def extended(self, key: str) -> Any:
        """A part's extension ("<part>.<name>") with what higher parts added, as sealed."""
        return self._ready()._extended[key]

    def undoer(self, kind: str) -> Callable[..., Iterable[str]] | None:
        """How the chair takes back an entry of this kind, or None where it cannot be undone."""
        return self._ready()._undo.get(kind)

    def decision_undoer(self, subject: str) -> Callable[..., Iterable[str]] | None:
        return self._ready()._undo_decisions.get(subject)

    def vote_subject(self, subject: str) -> Callable[..., Any]:
        decide = self._ready()._subjects.get(subject)
        if decide is None:
            raise ImproperlyConfigured(f"No part decides votes on {subject!r}.")
        return decide


PARTS = Parts()


def run_command(committee: Committee, actor: Actor, name: Any, params: Mapping[str, Any], request: Any = None) -> Any:
    """Every command of every screen, by form or by socket: who may send it, its typed fields, its action.

    `request` is the page's id for this press (a header of the form's POST, a field of a socket's
    message): the same press sent again is answered "done already", never done twice. An id that is
    not one is ignored (the press is then done as any other)."""
    command = PARTS.command(name) if isinstance(name, str) else None
    if command is None:
        raise ActionError(LazyMessage(gettext_noop("Unknown command %(repr)s."), {"repr": repr(str(name)[:40])}))
    if actor.audience not in command.audiences:
        who = gettext_lazy("the Executive Board") if "chair" in command.audiences else gettext_lazy("a delegation")
        raise ActionError(
            LazyMessage(gettext_noop("You may not %(label)s: only %(who)s can."), {"label": command.label, "who": who})
        )
    fields = parse_fields(command.fields, params)
    token = request_id.set(press_id(request))
    try:
        # The action runs in the default language, whoever pressed: what it writes in the journal
        # (a motion's words, a vote's title) is the same for every screen. Its refusals are worded
        # when shown (LazyMessage), in the language of the screen that pressed.
        with translation.override(settings.LANGUAGE_CODE):
            return command.run(committee, actor, **fields)
    finally:
        request_id.reset(token)
