from django.apps import AppConfig


class RecordConfig(AppConfig):
    """The record: minutes, speaking statistics and exports, read from every app's journal alone.

    It sits above every other app: nobody imports it."""

    name = "record"
    label = "record"
    verbose_name = "Record (minutes and statistics)"

    def ready(self) -> None:
        from committee.contract import PARTS
        from record.part import PART

        PARTS.register(PART)
