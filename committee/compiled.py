"""Queries read on every change of the floor, compiled to SQL by Django once per process.

After each press the floor is read again for the screens (committee/state.py and the parts' loaders).
Django builds and compiles a queryset's SQL each time it runs, and for these small queries that is
most of their cost (docs/performance.md). A `Compiled` query is a function of whole-number ids (a
committee, a sitting, a vote) or slugs that returns a queryset of model instances. Its SQL is learnt, per
database, without trusting anyone to name what it depends on:

- it is compiled with two sets of stand-in ids: the SQL must be the same, and the parameters must
  differ exactly where each id's stand-in is (those places are where the ids go);
- the first run with each set of real ids (each committee, each sitting, each vote) is also
  compiled by Django, and the two must agree: the same SQL, the same parameters.

A query that fails either check is logged as an error and run by Django from then on (a slower
read, never another query's rows). Later runs are `Model.objects.raw(sql, params)`: Django's own
model instances, each field converted as usual. Plain querysets of model rows only: joins
(`select_related`) and `values()` are refused; prefetching is not done (the tests' query counts
would show it).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models, router

log = logging.getLogger(__name__)

# Stand-ins for the ids while the SQL is learnt: far above any row's id (or no slug), each distinct.
_FIRST, _SECOND = 7_100_000_000_001, 8_300_000_000_003


def _stand_in(kind: type, base: int, i: int) -> int | str:
    return base + 2 * i if kind is int else f"\x1fstand-in-{base + 2 * i}"


@dataclass
class _Learnt:
    sql: str
    params: tuple  # each an id's name (str, where that id goes) or a constant (in a 1-tuple)
    checked: set[tuple]  # the sets of ids whose first run agreed with Django's


class Compiled:
    """A queryset `build(**ids)`, its SQL compiled once per database and run with each call's ids."""

    def __init__(self, name: str, model: type[models.Model], build: Callable[..., models.QuerySet]):
        self.name = name  # what it reads, for the log
        self.model = model
        self.build = build
        self._learnt: dict[str, _Learnt | None] = {}  # by database alias; None: run by Django
        self._lock = threading.Lock()

    def __call__(self, **ids: int | str) -> list[Any]:
        for name, value in ids.items():
            if type(value) not in (int, str):
                raise TypeError(f"{self.name}: {name} must be a whole number or a slug, not {value!r}")
        alias = router.db_for_read(self.model)
        learnt = self._learnt.get(alias, False)
        if learnt is False:
            with self._lock:
                learnt = self._learnt.get(alias, False)
                if learnt is False:
                    kinds = {name: type(value) for name, value in ids.items()}
                    learnt = self._learnt[alias] = self._learn(alias, kinds)
        if learnt is None:
            return list(self.build(**ids))
        params = [ids[p] if isinstance(p, str) else p[0] for p in learnt.params]
        if tuple(sorted(ids.items())) not in learnt.checked:
            return self._first_run(alias, learnt, ids, params)
        return self._run(alias, learnt.sql, params)

    def first(self, **ids: int | str) -> Any | None:
        """Its first row, or None (like `QuerySet.first()`, in the order its queryset gives)."""
        rows = self(**ids)
        return rows[0] if rows else None

    def compiled_on(self, alias: str = "default") -> bool:
        """Whether its runs on that database use the SQL learnt (False: not learnt yet, or refused)."""
        return bool(self._learnt.get(alias))

    def _learn(self, alias: str, kinds: dict[str, type]) -> _Learnt | None:
        first = {name: _stand_in(kinds[name], _FIRST, i) for i, name in enumerate(sorted(kinds))}
        second = {name: _stand_in(kinds[name], _SECOND, i) for i, name in enumerate(sorted(kinds))}
        sql, params = self._compile(alias, first)
        sql_again, params_again = self._compile(alias, second)
        by_first = {value: name for name, value in first.items()}
        learnt = []
        for one, other in zip(params, params_again, strict=False):
            name = by_first.get(one)
            if name is not None and other == second[name]:
                learnt.append(name)
            elif one == other and one not in by_first:
                learnt.append((one,))
            else:
                learnt = None
                break
        if sql != sql_again or len(params) != len(params_again) or learnt is None or " JOIN " in sql:
            log.error("%s: its SQL depends on more than its ids, or joins: Django runs it each time", self.name)
            return None
        return _Learnt(sql, tuple(learnt), checked=set())

    def _run(self, alias: str, sql: str, params: list) -> list:
        return list(self.model.objects.using(alias).raw(sql, params))

    def _first_run(self, alias: str, learnt: _Learnt, ids: dict, params: list) -> list:
        """The first run with these ids is compiled by Django too (not run twice): the SQL and its
        parameters must be the same, or the query is run by Django from then on."""
        sql, django_params = self._compile(alias, ids)
        rows = None
        if sql == learnt.sql and list(django_params) == params:
            try:
                rows = self._run(alias, sql, params)
            except FieldDoesNotExist:  # not a model's rows (values())
                pass
        if rows is None:
            log.error("%s: its compiled run differs from Django's: Django runs it each time", self.name)
            self._learnt[alias] = None
            return list(self.build(**ids))
        learnt.checked.add(tuple(sorted(ids.items())))
        return rows

    def _compile(self, alias: str, ids: dict) -> tuple[str, tuple]:
        sql, params = self.build(**ids).query.get_compiler(using=alias).as_sql()
        return sql, tuple(params)
