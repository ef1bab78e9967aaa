"""How the server starts (`manage.py serve`, as `make run`, the browser tests and the benchmarks start
it): before the first request, every template of the project is compiled and the heap start-up made
is frozen, out of the garbage collector's full collections (which had paused a burst of ballots for
54-99 ms). Counts only; the times are in docs/performance.md.
"""

from __future__ import annotations

import gc
from pathlib import Path
from unittest import mock

from django.template import engines
from django.template.base import Template

from committee.live.heap import settle

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def test_the_first_phone_after_start_finds_every_template_compiled_and_the_start_up_heap_frozen():
    engine = engines["django"]
    for loader in engine.engine.template_loaders:
        if hasattr(loader, "reset"):
            loader.reset()  # as in a process that has served nothing yet
    names = sorted(path.relative_to(TEMPLATES).as_posix() for path in TEMPLATES.rglob("*.html"))
    assert len(names) > 20
    gc.unfreeze()
    try:
        assert settle() == len(names)
        assert gc.get_freeze_count() > 10_000  # the modules, the URL patterns, the compiled templates
        with mock.patch.object(Template, "compile_nodelist", side_effect=AssertionError("compiled on use")):
            for name in names:
                engine.get_template(name)  # served from what start-up compiled
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0
