from django.apps import AppConfig


class DebateConfig(AppConfig):
    """Speakers lists, speeches, yields, points, motions and procedural votes (built on `committee`)."""

    name = "debate"
    verbose_name = "Debate"

    def ready(self) -> None:
        from importlib import import_module

        from committee import live
        from committee.access import CHAIR, DELEGATE, PROJECTOR
        from committee.state import PART_LOADERS
        from debate.state import load_debate

        import_module("debate.commands")  # registers the debate's commands in the committee's table

        PART_LOADERS["debate"] = load_debate
        chair, phone, projector = "debate/chair.html#", "debate/delegate.html#", "debate/projector.html#"
        everything = (chair + "now", chair + "speakers", chair + "motions", chair + "points")
        live.extend_plan(
            plan={
                CHAIR: {
                    "speech": ((chair + "now",), ()),
                    "speakers": ((chair + "speakers",), ()),
                    "motions": ((chair + "motions",), ()),
                    "vote": ((chair + "motions",), ()),
                    "points": ((chair + "points", chair + "now"), ()),
                    "phase": (everything, ()),
                    "sitting": (everything, ()),
                },
                DELEGATE: {
                    "speech": ((phone + "floor",), ()),
                    "speakers": ((phone + "floor",), ()),
                    "phase": ((phone + "floor", phone + "motions"), ()),
                    "sitting": ((phone + "floor", phone + "motions"), ()),
                    "motions": ((phone + "motions",), ()),
                    "vote": ((phone + "motions",), ()),
                },
                PROJECTOR: {
                    change: ((projector + "stage",), ())
                    for change in ("speech", "speakers", "phase", "sitting", "motions", "vote", "roll")
                },
            },
            snapshot={
                CHAIR: everything,
                DELEGATE: (phone + "floor", phone + "motions"),
                PROJECTOR: (projector + "stage",),
            },
            own={
                change: (phone + "mine",)
                for change in ("speakers", "vote", "points", "motions", "speech", "phase", "sitting", "roll")
            },
            snapshot_own=(phone + "mine",),
        )
