"""The one exception a person may see: a refused action, with a sentence that says why."""


class ActionError(Exception):
    """A refused action; the message says why, in words for the person who tried it. `field` names
    the form field at fault, when one is (the page shows the message next to it)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
