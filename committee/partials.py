"""What a region's partial reads of the phone it is rendered for.

A phone's own region that declares `shown_by` (committee/contract.py) is rendered once for every phone
whose `shown_by(state, row)` is equal, and that HTML is sent to them all. That is right only if the
partial reads the row through that function and nothing else: a `you.delegation.name` beside it would
show one delegation's name on another's phone. The start checks it here, on the partial's source: in
its tags and variables (not its words), and in the templates it includes, `you` and `row` appear only
as `state|<name>:you`.
"""

from __future__ import annotations

import re

from django.template.base import Lexer, TokenType
from django.template.loader import get_template

QUOTED = re.compile(r'"[^"]*"|\'[^\']*\'')
ROW = re.compile(r"\b(?:you|row)\b")
INCLUDE = re.compile(r"""include\s+["']([^"']+)["']""")


def partial_source(template: str) -> str | None:
    """The source of "<app>/<screen>.html#<partial>" between its partialdef and endpartialdef."""
    name, _, partial = template.partition("#")
    source = get_template(name).template.source
    found = re.search(r"{%\s*partialdef\s+" + re.escape(partial) + r"\b[^%]*%}(.*?){%\s*endpartialdef", source, re.S)
    return found.group(1) if found else None


def reads_beside(template: str, through: str) -> list[str]:
    """How the partial reads the phone's row other than as `state|<through>:you` (none: it is safe to
    render once for every phone with the same view)."""
    source = partial_source(template)
    if source is None:
        return [f"no partial {template!r}"]
    return _reads(source, re.compile(r"\bstate\|" + re.escape(through) + r":you\b"), through)


def _reads(source: str, allowed: re.Pattern, through: str) -> list[str]:
    """The reads of the row in a template's tags and variables, and in the templates it includes (they
    see the same context), other than `allowed`."""
    problems = []
    for token in Lexer(source).tokenize():
        if token.token_type not in (TokenType.VAR, TokenType.BLOCK):
            continue
        code = allowed.sub("", QUOTED.sub("", token.contents))
        if ROW.search(code):
            problems.append(f"it reads the phone's row beside {through}: {{{token.contents.strip()[:60]}}}")
        contents = token.contents.strip()
        if contents.startswith("include "):
            included = INCLUDE.match(contents)
            if included is None:
                problems.append(
                    f"it includes a template named by a variable, which the start cannot read: {{{contents[:60]}}}"
                )
            else:
                problems += _reads(get_template(included.group(1)).template.source, allowed, through)
    return problems
