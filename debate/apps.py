from django.apps import AppConfig


class DebateConfig(AppConfig):
    """Speakers lists, speeches, yields, points, motions and procedural votes (built on `committee`)."""

    name = "debate"
    verbose_name = "Debate"
