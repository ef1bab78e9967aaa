from django.contrib import admin

from committee.models import (
    Attendance,
    Committee,
    Delegation,
    Document,
    ExecutiveRole,
    JournalEntry,
    SignInLink,
    Sitting,
)


class DelegationInline(admin.TabularInline):
    model = Delegation
    fields = ["name", "kind"]
    extra = 0


class BoardInline(admin.TabularInline):
    model = ExecutiveRole
    extra = 0
    autocomplete_fields = ["user"]


class DocumentInline(admin.StackedInline):
    model = Document
    extra = 0
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["abbreviation", "name", "rules_profile", "version"]
    prepopulated_fields = {"slug": ["abbreviation"]}
    readonly_fields = ["version", "projector_token"]
    inlines = [BoardInline, DelegationInline, DocumentInline]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["name", "committee", "kind", "token_issued_at"]
    list_filter = ["committee", "kind"]
    search_fields = ["name"]
    readonly_fields = ["join_token", "token_issued_at"]


@admin.register(Sitting)
class SittingAdmin(admin.ModelAdmin):
    list_display = ["committee", "title", "opened_at", "roll_call_closed_at", "closed_at"]
    list_filter = ["committee"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["sitting", "delegation", "status", "arrived_late_at"]
    list_filter = ["sitting__committee", "status"]

    def has_change_permission(self, request, obj=None):
        return False  # changes go through the chair's dashboard, so they are journalled and broadcast


@admin.register(JournalEntry)
class JournalEntryAdmin(admin.ModelAdmin):
    list_display = ["committee", "version", "at", "kind", "actor"]
    list_filter = ["committee", "kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(ExecutiveRole)
admin.site.register(Document)
admin.site.register(SignInLink)
