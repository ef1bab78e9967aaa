"""What a process keeps once per event loop (asyncio clients and relays belong to the loop they were
made on; tests run loops of their own beside the server's)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

Kept = TypeVar("Kept")


def for_this_loop(kept: dict[asyncio.AbstractEventLoop, Kept], make: Callable[[], Kept]) -> Kept:
    """The running loop's entry of `kept`, made on first use; entries of closed loops are let go."""
    loop = asyncio.get_running_loop()
    found = kept.get(loop)
    if found is None:
        for old in [known for known in kept if known.is_closed()]:
            del kept[old]
        found = kept[loop] = make()
    return found
