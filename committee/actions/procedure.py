"""The rules of procedure: the chair picks a profile and changes any threshold or default, between
sittings (a rule changed in the middle of a sitting would change the meaning of what was decided)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy, gettext_noop

from committee.access import Actor
from committee.actions.base import floor_step
from committee.errors import ActionError, LazyMessage
from committee.models import Committee
from committee.rules import PROFILES, RULE_FIELDS, build_profile, overrides_between


def set_rules(committee: Committee, actor: Actor, profile_key: str, values: Mapping[str, Any]) -> Committee:
    """`values` by rule name (shares and warnings as text, flags as booleans, whole seconds); a rule
    that is absent or None keeps the profile's. Only what differs from the profile is kept."""
    if profile_key not in PROFILES:
        raise ActionError(gettext_lazy("Choose one of the rules profiles."))
    changes = {name: values[name] for name in RULE_FIELDS if values.get(name) is not None}
    try:
        profile = build_profile(profile_key, changes)
    except ValidationError as error:
        raise ActionError(" ".join(error.messages)) from error
    kept = overrides_between(PROFILES[profile_key], profile)
    with floor_step(committee, actor, board=True, sitting=False) as step:
        if step.sitting is not None:
            raise ActionError(
                LazyMessage(
                    gettext_noop("Change the rules between sittings: close %(sitting)s first."),
                    {"sitting": step.sitting.title},
                )
            )
        step.committee.rules_profile = profile_key
        step.committee.rules_overrides = kept
        step.committee.save(update_fields=["rules_profile", "rules_overrides"])
        step.record("rules.set", changes={"committee.rules"}, data={"profile": profile_key, "overrides": kept})
        return step.committee
