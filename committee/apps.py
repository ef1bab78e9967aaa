from django.apps import AppConfig
from django.core import checks


class CommitteeConfig(AppConfig):
    name = "committee"
    verbose_name = "Committees, delegations and roll call"

    def ready(self) -> None:
        from committee import revocation
        from committee.contract import PARTS
        from committee.part import PART

        PARTS.register(PART)
        checks.register(check_floor_parts)
        revocation.connect()


def check_floor_parts(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Every part's declarations fit together (run by `migrate`, `check` and at the server's start)."""
    from django.core.exceptions import ImproperlyConfigured

    from committee.contract import PARTS

    try:
        PARTS.seal()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="committee.E001")]
    return []
