"""The one exception a person may see: a refused action, with a sentence that says why (in the
language of the screen that shows it: a message given lazily is worded when it is shown)."""

from django.utils.translation import gettext, gettext_lazy


class ActionError(Exception):
    """A refused action; the message says why, in words for the person who tried it. `field` names
    the form field at fault, when one is (the page shows the message next to it)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class LinkReplaced(ActionError):
    """A phone's join link was replaced (a lost phone) since the phone joined: it speaks for nobody."""

    def __init__(self) -> None:
        super().__init__(gettext_lazy("This phone's join link was replaced. Ask the chair for the new one."))


class AlreadyDone(ActionError):
    """A press sent again (its answer was lost: the Wi-Fi, a server restarted between the change and
    its answer): what it asked for was done the first time and is not done twice."""

    def __init__(self, at) -> None:
        super().__init__(
            gettext(
                "Done already: this was made at %(time)s, before the connection dropped. It was not done a second time."
            )
            % {"time": f"{at:%H:%M:%S}"}
        )
        self.at = at


class LazyMessage:
    """A message worded when it is shown, not when it is made: an action runs in the committee's default
    language (what it writes in the journal must not depend on who pressed), and the person it refuses
    reads why in their own. `words` is marked for the catalogues with gettext_noop."""

    def __init__(self, words: str, values: dict) -> None:
        self.words = words
        self.values = values

    def __str__(self) -> str:
        return gettext(self.words) % {key: str(value) for key, value in self.values.items()}

    def __repr__(self) -> str:
        return f"LazyMessage({self.words!r})"


class MidSentence:
    """A label ("Moderated caucus") said inside a sentence ("a motion to moderated caucus…"): its first
    letter made small when it is shown, after it is worded in the reader's language."""

    def __init__(self, label) -> None:
        self.label = label

    def __str__(self) -> str:
        text = str(self.label)
        return text[:1].lower() + text[1:]
