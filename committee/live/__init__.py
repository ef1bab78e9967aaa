"""The live transport: how each change reaches every screen, kept apart from the domain.

    action ──on commit──▶ broadcast ──channel layer──▶ relay ──▶ consumer (one per screen) ──▶ socket
                            │  render                    (one channel per group and process)
                            │  merged (ballots of a burst)                    daphne_adapter
                            ▼
                     memory: what this process keeps per committee (doors, snapshots, versions,
                     regions last sent, merged changes waiting, ballot box, press counts)

render.py: the regions of the screens; broadcast.py: what a change touches, rendered once per audience
and sent; merged.py: a burst of ballots rendered together; memory.py: the process's one object per
committee; relay.py: one channel per group and process, the frame written to each screen;
consumer.py: one screen's socket (messages.py: what it reads and says); doors.py and snapshots.py:
what a (re)connecting screen is checked against and sent; versions.py: the one way a missed update is
noticed; ballot_box.py: the ballots of a burst written together; daphne_adapter.py: the only module
that reaches inside daphne, autobahn and Twisted; layer.py: the embedded channel layer; heap.py:
garbage collections at quiet moments; metrics.py: the counts; origin.py and routing.py: the sockets'
way in.
"""
