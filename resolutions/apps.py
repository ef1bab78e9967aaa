from django.apps import AppConfig


class ResolutionsConfig(AppConfig):
    """Working papers, draft resolutions, amendments and their votes (built on `debate` and `committee`)."""

    name = "resolutions"
    verbose_name = "Resolutions"

    def ready(self) -> None:
        from committee.contract import PARTS
        from resolutions.part import PART

        PARTS.register(PART)
