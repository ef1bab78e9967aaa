"""The secretariat's admin for the Board's marking set-up: the criteria of each committee (name,
weight, scale) and the awards of each conference (how many, their points). Marks, notes and awards are
the Board's own, given on their pages; the admin shows who holds which paper, without its content."""

from django.contrib import admin

from record.models import Award, AwardKind, Criterion, PositionPaper


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "committee", "weight", "out_of", "position"]
    list_filter = ["committee"]
    list_editable = ["weight", "out_of", "position"]


@admin.register(AwardKind)
class AwardKindAdmin(admin.ModelAdmin):
    list_display = ["name", "conference", "per_committee", "points", "position"]
    list_filter = ["conference"]
    list_editable = ["per_committee", "points", "position"]


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["kind", "delegation", "committee", "confirmed_by", "confirmed_at"]
    list_filter = ["committee", "kind"]

    def has_add_permission(self, request, obj=None):
        return False  # the Board confirms awards on its awards page

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PositionPaper)
class PositionPaperAdmin(admin.ModelAdmin):
    list_display = ["delegation", "filename", "kind", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["kind", "delegation__committee"]
    exclude = ["content"]

    def has_add_permission(self, request, obj=None):
        return False  # uploaded on the delegation's page or the Board's, where the content is checked

    def has_change_permission(self, request, obj=None):
        return False
