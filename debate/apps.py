from django.apps import AppConfig


class DebateConfig(AppConfig):
    """Speakers lists, speeches, yields, points and motions (built on `committee`)."""

    name = "debate"
    verbose_name = "Debate"

    def ready(self) -> None:
        from committee.contract import PARTS
        from debate.part import PART

        PARTS.register(PART)
