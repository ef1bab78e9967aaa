"""The secretariat's admin: setup data (committees, delegations, documents, the board) is edited
between sittings, and each change is journalled and pushed like any other; the live state (sittings,
the roll call, votes, the journal) is read-only, since it changes only through the chair's actions."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.db import router
from django.utils.translation import gettext as _

from committee import actions
from committee.access import board_actor
from committee.contract import PARTS
from committee.errors import ActionError
from committee.journal import entry_sentence
from committee.models import (
    Attendance,
    Ballot,
    Committee,
    Conference,
    Delegation,
    Document,
    ExecutiveRole,
    JournalEntry,
    SignInLink,
    Sitting,
    Team,
    Vote,
    current_sitting,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Live state: shown to the secretariat, changed only through the actions."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def in_session(committee: Committee | None) -> bool:
    return committee is not None and committee.pk is not None and current_sitting(committee) is not None


def has_record(delegation: Delegation) -> bool:
    """Whether deleting it would take part of the record with it (a roll-call answer, a speech, a
    ballot, a journal entry naming it)."""
    collector = NestedObjects(using=router.db_for_write(Delegation))
    collector.collect([delegation])
    others = [obj for obj in collector.nested() if obj is not delegation]
    return bool(others) or JournalEntry.objects.filter(delegation=delegation).exists()


class SetupForm(forms.ModelForm):
    """Refuses a change to a committee in session, saying what to do instead."""

    def committee_of(self) -> Committee | None:
        if isinstance(self.instance, Committee):
            return self.instance
        return self.cleaned_data.get("committee") or getattr(self.instance, "committee", None)

    def clean(self):
        cleaned = super().clean()
        try:
            if in_session(self.committee_of()):
                actions.refuse_during_sitting(self.committee_of())
        except ActionError as error:
            raise ValidationError(str(error)) from error
        return cleaned


class SetupAdmin(admin.ModelAdmin):
    """Setup data of one committee: editable between sittings, each change journalled and pushed."""

    form = SetupForm

    def committee_of(self, obj) -> Committee | None:
        return obj if isinstance(obj, Committee) else getattr(obj, "committee", None)

    def has_change_permission(self, request, obj=None):
        if obj is not None and in_session(self.committee_of(obj)):
            return False  # shown read-only while the committee sits
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and in_session(self.committee_of(obj)):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # Deleting many at once would skip the checks of each (a record, a sitting): one at a time.
        found = super().get_actions(request)
        found.pop("delete_selected", None)
        return found

    def journal(self, request, obj, changed: list[str]) -> None:
        committee = self.committee_of(obj)
        actor = board_actor(request.user, committee)
        if committee is not None and actor is not None:
            actions.journal_setup_change(committee, actor, changed)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        changed = list(form.changed_data) + [
            str(f.model._meta.verbose_name_plural) for f in formsets if f.has_changed()
        ]
        self.journal(request, form.instance, changed)

    def delete_model(self, request, obj):
        committee = self.committee_of(obj)
        super().delete_model(request, obj)
        if committee is not None and not isinstance(obj, Committee):
            self.journal(request, committee, [f"{obj._meta.verbose_name} {obj} deleted"])


class DelegationFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk and has_record(form.instance):
                raise ValidationError(
                    _(
                        "%(instance)s has a record in this committee (a roll-call answer, a speech, a vote): it "
                        "cannot be deleted."
                    )
                    % {"instance": form.instance}
                )


class DelegationInline(admin.TabularInline):
    model = Delegation
    formset = DelegationFormSet
    fields = ["name", "kind", "team", "permanent"]
    extra = 0


class BoardInline(admin.TabularInline):
    model = ExecutiveRole
    extra = 0
    autocomplete_fields = ["user"]


class DocumentInline(admin.StackedInline):
    model = Document
    extra = 0
    prepopulated_fields = {"slug": ["title"]}


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ["name", "venue", "starts_on", "ends_on", "time_zone", "edition"]
    inlines = [TeamInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "conference"]
    list_filter = ["conference"]
    search_fields = ["name"]


@admin.register(Committee)
class CommitteeAdmin(SetupAdmin):
    list_display = ["abbreviation", "name", "conference", "rules_profile", "version"]
    prepopulated_fields = {"slug": ["abbreviation"]}
    readonly_fields = ["version", "projector_token"]
    inlines = [BoardInline, DelegationInline, DocumentInline]

    def has_delete_permission(self, request, obj=None):
        # A committee that has met keeps its record: its journal is the minutes' source.
        if obj is not None and obj.journal.exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Delegation)
class DelegationAdmin(SetupAdmin):
    list_display = ["name", "committee", "kind", "team", "permanent", "token_issued_at"]
    list_filter = ["committee", "kind", "team"]
    search_fields = ["name"]
    readonly_fields = ["join_token", "token_issued_at"]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and has_record(obj):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Document)
class DocumentAdmin(SetupAdmin):
    list_display = ["title", "committee", "position"]
    list_filter = ["committee"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(ExecutiveRole)
class ExecutiveRoleAdmin(SetupAdmin):
    list_display = ["user", "role", "committee"]
    list_filter = ["committee", "role"]
    autocomplete_fields = ["user"]


@admin.register(Sitting)
class SittingAdmin(ReadOnlyAdmin):
    list_display = ["committee", "title", "opened_at", "roll_call_closed_at", "closed_at"]
    list_filter = ["committee"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    list_display = ["sitting", "delegation", "status", "arrived_late_at"]
    list_filter = ["sitting__committee", "status"]


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ["title", "committee", "question", "method", "yes", "no", "abstain", "passed", "closed_at"]
    list_filter = ["committee", "question", "method"]


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    list_display = ["vote", "delegation", "choice", "with_rights", "by_chair", "cast_at"]


@admin.register(JournalEntry)
class JournalEntryAdmin(ReadOnlyAdmin):
    """The journal in plain sentences, filterable by committee, sitting, delegation and kind."""

    list_display = ["committee", "version", "at", "what_happened", "subject", "kind"]
    list_filter = ["committee", "sitting", "subject", "kind"]
    list_select_related = ["committee", "subject"]
    search_fields = ["actor", "subject__name", "kind"]

    def changelist_view(self, request, extra_context=None):
        self._names: dict[int, dict[int, str]] = {}  # delegation names by committee, read once per page
        return super().changelist_view(request, extra_context)

    @admin.display(description="what happened")
    def what_happened(self, entry: JournalEntry) -> str:
        names = getattr(self, "_names", {})
        if entry.committee_id not in names:
            names[entry.committee_id] = dict(
                Delegation.objects.filter(committee_id=entry.committee_id).values_list("pk", "name")
            )
        return entry_sentence(entry, PARTS.journal_kinds, names[entry.committee_id])


admin.site.register(SignInLink)
