from django.apps import AppConfig


class RecordConfig(AppConfig):
    """The record: minutes, speaking statistics and exports, read from every app's journal alone.

    It sits above every other app (nobody imports it). It lives under resolutions/ only because the
    project's top-level layout is fixed; it is an app of its own, with the label "record"."""

    name = "resolutions.record"
    label = "record"
    verbose_name = "Record (minutes and statistics)"

    def ready(self) -> None:
        from committee.parts import PARTS
        from resolutions.record.part import PART

        PARTS.register(PART)
