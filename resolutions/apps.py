from django.apps import AppConfig


class ResolutionsConfig(AppConfig):
    """Working papers, draft resolutions, amendments and substantive votes (built on `committee`)."""

    name = "resolutions"
    verbose_name = "Resolutions"
