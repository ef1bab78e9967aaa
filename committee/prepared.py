"""The floor's frequent queries with their SQL compiled once, not on every broadcast.

Every change of the floor reloads what its screens show (committee/state.py and each floor part's
loader) and the action before it reads the committee's rows: some twenty queries, the same ones each
time. Django compiles a queryset's SQL anew whenever it runs, and for these that was 40% of
the reload (the debate's floor with its speech and timers, joined: 1.2 ms to compile, 0.1 ms to run),
all of it before the first phone is sent the change. Here a query is built and compiled the first
time its key is seen on a database connection; later it runs that SQL with Django's own iteration
(model instances, select_related, values lists), a fresh result each time.

The key must name everything the SQL depends on besides the query's shape (the committee, the
sitting's opening time...): two calls with one key run the same SQL. Tests compile every query anew
as well and fail where the SQL differs from the one kept (`CHECK`): a key that forgot a value.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from django.db import connections
from django.db.models import QuerySet

CHECK = False  # tests set it: every run also compiles the query anew and compares
MOST = 1024  # compiled queries kept per connection, the least recently run dropped first

compiled = 0  # how many queries were compiled here (tests read it)


class KeyForgotAValue(AssertionError):
    """Two queries with one key compiled to different SQL."""


def fetch(key: Hashable, build: Callable[[], QuerySet]) -> list[Any]:
    """The rows of the queryset `build()` makes (model instances, or what its values_list gives),
    with the SQL compiled the first time `key` is seen on this thread's database connection."""
    global compiled
    kept = _queries()
    template = kept.get(key)
    if template is None:
        queryset = build()
        compiler = queryset.query.get_compiler(queryset.db)
        frozen = _sql(compiler)
        compiler.as_sql = lambda *args, **kwargs: frozen
        # Clones of this query (the runs below) share the compiled compiler; nothing else sees it.
        queryset.query.get_compiler = lambda using=None, connection=None, elide_empty=True: compiler
        if len(kept) >= MOST:
            kept.popitem(last=False)
        template = kept[key] = queryset
        compiled += 1
    else:
        kept.move_to_end(key)
        if CHECK:
            fresh = build()
            meant, ran = _sql(fresh.query.get_compiler(fresh.db)), template.query.get_compiler().as_sql()
            if meant != ran:
                raise KeyForgotAValue(f"{key!r} ran {ran} where it meant {meant}")
    return list(template._chain())


def _sql(compiler) -> tuple[str, tuple]:
    sql, params = compiler.as_sql()
    return sql, tuple(params)


def _queries() -> OrderedDict:
    """This thread's connection's kept queries (least recently run first), gone with the connection."""
    return connections["default"].__dict__.setdefault("prepared_queries", OrderedDict())


def attach(rows: list, name: str, value: Any) -> list:
    """Give each row its related object `name` (the committee it belongs to), as a related manager
    would have: reading it then costs no query."""
    for row in rows:
        setattr(row, name, value)
    return rows
