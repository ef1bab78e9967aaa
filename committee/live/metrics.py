"""What the live path of this process has done, counted in one place (tests pin counts, the benchmark
and the secretariat's /live/metrics/ page, committee/views.py, read them)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class Metrics:
    region_renders: int = 0  # regions rendered for broadcasts
    regions_unchanged: int = 0  # shared regions not sent again: rendered the same as the version before
    merged_renders: int = 0  # broadcasts that rendered a burst of merged changes (ballots) at once
    snapshot_renders: int = 0  # whole screens rendered for (re)connecting sockets
    console_renders: int = 0  # committees' cards rendered for the secretariat's consoles
    doors_reads: int = 0  # reads of the committees' doors (what a connecting socket is checked against)
    frames_direct: int = 0  # updates written straight to daphne's sockets (committee/live/daphne_adapter.py)
    frames_buffered: int = 0  # the same, behind what Twisted still buffered for the socket
    frames_public: int = 0  # updates sent as ASGI messages (daphne's public path)
    screens_resynced: int = 0  # screens sent their whole state again after missing an update
    layer_overflows: int = 0  # embedded layer queues that overflowed (their reader resyncs)
    sockets_flooding: int = 0  # sockets closed for sending far more messages than a page does
    gc_collections: int = 0  # full collections run at quiet moments (committee/live/heap.py)
    gc_whole_heap: int = 0  # of which walked the whole heap, frozen objects included
    last_delivery: float = 0.0  # time.monotonic() when the relay last began writing an update

    def as_dict(self) -> dict:
        return asdict(self)

    def reset(self) -> None:
        for name, value in asdict(Metrics()).items():
            setattr(self, name, value)


METRICS = Metrics()
