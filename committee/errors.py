"""The one exception a person may see: a refused action, with a sentence that says why."""


class ActionError(Exception):
    """A refused action; the message says why, in words for the person who tried it."""
