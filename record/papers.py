"""The papers in the minutes: each working paper followed from its first sponsor to its fate (its
symbol, signatories, amendments, divided parts and recorded vote), read from the drafts' journal."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from record.words import clause_words, in_text, listed, representative


@dataclass
class Amendment:
    mover: str
    action: str
    clause: str
    fate: str = ""  # "" while proposed
    signatories: list[str] = field(default_factory=list)

    @property
    def fate_words(self) -> str:
        return self.fate or _("proposed")


@dataclass
class Paper:
    title: str
    symbol: str = ""
    sponsors: list[str] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    amendments: dict[int, Amendment] = field(default_factory=dict)
    parts: list[str] = field(default_factory=list)
    outcome: str = ""  # "" while a working paper
    names: list[tuple[str, list[str]]] = field(default_factory=list)
    resolution: str = ""  # its number once adopted, by the conference's scheme ("1/3")

    @property
    def heading(self) -> str:
        if self.symbol:
            return f"{self.symbol}: {self.title}"
        return _("Working paper: %(title)s") % {"title": self.title}

    @property
    def fate_words(self) -> str:
        return self.outcome or _("working paper")


class PaperReader:
    """The handlers of the drafts' journal kinds (mixed into the minutes' reader)."""

    papers: dict
    figures: dict

    # ---- papers ------------------------------------------------------------------------------

    def _paper(self, data) -> Paper:
        key = data.get("paper")
        if key not in self.papers:
            self.papers[key] = Paper(data.get("title", ""))
        paper = self.papers[key]
        paper.title = data.get("title") or paper.title
        paper.symbol = data.get("symbol") or paper.symbol
        return paper

    def _effect(self, kind: str | None, facts: dict, mover: str) -> None:
        """What a motion on a draft did once carried (the facts its effect gave the journal)."""
        if not facts.get("paper"):
            return
        paper = self._paper(facts)
        if kind == "introduce_draft":
            paper.outcome = _("introduced")
        elif kind == "introduce_amendment" and facts.get("amendment") in paper.amendments:
            paper.amendments[facts["amendment"]].fate = _("introduced (unfriendly)")
        elif kind == "divide_question":
            parts = ", ".join(clause_words(part) for part in facts.get("parts", []))
            paper.parts.append(_("The question was divided: %(parts)s.") % {"parts": parts})
        elif kind == "reconsider":
            paper.outcome = _("reconsidered: put to the vote again")

    def on_paper_created(self, entry, data, sitting):
        name = self._name(entry)
        self._paper(data).sponsors.append(name)
        self.figures[name].sponsored += 1

    def on_paper_sponsor_added(self, entry, data, sitting):
        name, paper = self._name(entry), self._paper(data)
        if name in paper.signatories:
            paper.signatories.remove(name)
        if name not in paper.sponsors:
            paper.sponsors.append(name)
            self.figures[name].sponsored += 1

    def on_paper_signed(self, entry, data, sitting):
        name = self._name(entry)
        self._paper(data).signatories.append(name)
        self.figures[name].signed += 1

    def on_paper_unsigned(self, entry, data, sitting):
        name, paper = self._name(entry), self._paper(data)
        if name in paper.signatories:
            paper.signatories.remove(name)
            self.figures[name].signed -= 1

    def on_paper_withdrawn(self, entry, data, sitting):
        self._paper(data).outcome = _("withdrawn by its sponsors")

    def on_draft_introduced(self, entry, data, sitting):
        paper = self._paper(data)
        paper.outcome = _("introduced")
        words = {"symbol": paper.symbol, "title": paper.title, "sponsors": listed([in_text(n) for n in paper.sponsors])}
        if paper.sponsors:
            said = _("draft resolution %(symbol)s (%(title)s), sponsored by %(sponsors)s, was introduced") % words
        else:
            said = _("draft resolution %(symbol)s (%(title)s) was introduced") % words
        self._paragraph(sitting, entry, said)

    def on_draft_adopted_without_vote(self, entry, data, sitting):
        paper = self._paper(data)
        paper.outcome = _("adopted without a vote")
        number = self._number(paper, entry)
        said = _("draft resolution %(symbol)s was adopted without a vote as resolution %(number)s")
        self._paragraph(sitting, entry, said % {"symbol": paper.symbol, "number": number})

    def on_amendment_proposed(self, entry, data, sitting):
        name = self._name(entry)
        # The record says "operative paragraph 3" where the screens say "clause" (as MUN does).
        action = data.get("action", "")
        amendment = Amendment(
            name, str(_(action[:1].upper() + action[1:])).lower(), clause_words(data.get("clause", ""))
        )
        if data.get("friendly"):
            amendment.fate = _("incorporated (friendly: every sponsor consented)")
        paper = self._paper(data)
        paper.amendments[data.get("amendment")] = amendment
        self.figures[name].amendments += 1
        words = {"who": representative(name), "clause": amendment.clause, "paper": paper.symbol or paper.title}
        if data.get("friendly"):
            said = _("%(who)s proposed a friendly amendment to %(clause)s of %(paper)s")
        else:
            said = _("%(who)s proposed an amendment to %(clause)s of %(paper)s")
        self._paragraph(sitting, entry, said % words)

    def on_amendment_signed(self, entry, data, sitting):
        amendment = self._paper(data).amendments.get(data.get("amendment"))
        name = self._name(entry)
        if amendment is not None and name not in amendment.signatories:
            amendment.signatories.append(name)

    def on_amendment_consented(self, entry, data, sitting):
        amendment = self._paper(data).amendments.get(data.get("amendment"))
        if amendment is not None and data.get("incorporated"):
            amendment.fate = _("incorporated (friendly: every sponsor consented)")

    def on_amendment_withdrawn(self, entry, data, sitting):
        amendment = self._paper(data).amendments.get(data.get("amendment"))
        if amendment is not None:
            amendment.fate = _("withdrawn")
