"""The papers in the minutes: each working paper followed from its first sponsor to its fate (its
symbol, signatories, amendments, divided parts and recorded vote), read from the drafts' journal."""

from __future__ import annotations

from dataclasses import dataclass, field

from record.words import in_text, listed, representative


@dataclass
class Amendment:
    mover: str
    action: str
    clause: str
    fate: str = "proposed"
    signatories: list[str] = field(default_factory=list)


@dataclass
class Paper:
    title: str
    symbol: str = ""
    sponsors: list[str] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    amendments: dict[int, Amendment] = field(default_factory=dict)
    parts: list[str] = field(default_factory=list)
    outcome: str = "working paper"
    names: list[tuple[str, list[str]]] = field(default_factory=list)
    resolution: str = ""  # its number once adopted, by the conference's scheme ("1/3")

    @property
    def heading(self) -> str:
        return f"{self.symbol}: {self.title}" if self.symbol else f"Working paper: {self.title}"


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
            paper.outcome = "introduced"
        elif kind == "introduce_amendment" and facts.get("amendment") in paper.amendments:
            paper.amendments[facts["amendment"]].fate = "introduced (unfriendly)"
        elif kind == "divide_question":
            paper.parts.append("The question was divided: " + ", ".join(facts.get("parts", [])) + ".")
        elif kind == "reconsider":
            paper.outcome = "reconsidered: put to the vote again"

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
        self._paper(data).outcome = "withdrawn by its sponsors"

    def on_draft_introduced(self, entry, data, sitting):
        paper = self._paper(data)
        paper.outcome = "introduced"
        sponsored = f", sponsored by {listed([in_text(n) for n in paper.sponsors])}," if paper.sponsors else ""
        self._paragraph(sitting, entry, f"draft resolution {paper.symbol} ({paper.title}){sponsored} was introduced")

    def on_draft_adopted_without_vote(self, entry, data, sitting):
        paper = self._paper(data)
        paper.outcome = "adopted without a vote"
        number = self._number(paper, entry)
        self._paragraph(
            sitting, entry, f"draft resolution {paper.symbol} was adopted without a vote as resolution {number}"
        )

    def on_amendment_proposed(self, entry, data, sitting):
        name = self._name(entry)
        # The record says "operative paragraph 3" where the screens say "clause" (as MUN does).
        amendment = Amendment(name, data.get("action", ""), data.get("clause", "").replace("clause", "paragraph"))
        if data.get("friendly"):
            amendment.fate = "incorporated (friendly: every sponsor consented)"
        paper = self._paper(data)
        paper.amendments[data.get("amendment")] = amendment
        self.figures[name].amendments += 1
        kind = "a friendly amendment" if data.get("friendly") else "an amendment"
        where = f"{amendment.clause} of {paper.symbol or paper.title}"
        self._paragraph(sitting, entry, f"{representative(name)} proposed {kind} to {where}")

    def on_amendment_signed(self, entry, data, sitting):
        amendment = self._paper(data).amendments.get(data.get("amendment"))
        name = self._name(entry)
        if amendment is not None and name not in amendment.signatories:
            amendment.signatories.append(name)

    def on_amendment_consented(self, entry, data, sitting):
        amendment = self._paper(data).amendments.get(data.get("amendment"))
        if amendment is not None and data.get("incorporated"):
            amendment.fate = "incorporated (friendly: every sponsor consented)"

    def on_amendment_withdrawn(self, entry, data, sitting):
        amendment = self._paper(data).amendments.get(data.get("amendment"))
        if amendment is not None:
            amendment.fate = "withdrawn"
