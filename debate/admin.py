"""The debate's records, for the secretariat to read. Changes go through the chair's dashboard, so
they are journalled and reach every screen; the admin shows them read-only."""

from django.contrib import admin

from debate.models import Ballot, Floor, Motion, Point, ProceduralVote, SpeakerEntry, Speech


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Floor)
class FloorAdmin(ReadOnly):
    list_display = ["committee", "phase", "speaking_time", "gsl_open", "caucus_topic"]


@admin.register(SpeakerEntry)
class SpeakerEntryAdmin(ReadOnly):
    list_display = ["committee", "list", "delegation", "status", "position", "created_at"]
    list_filter = ["committee", "list", "status"]


@admin.register(Speech)
class SpeechAdmin(ReadOnly):
    list_display = ["committee", "delegation", "list", "yield_kind", "started_at", "ended_at"]
    list_filter = ["committee", "list"]


@admin.register(Point)
class PointAdmin(ReadOnly):
    list_display = ["committee", "kind", "delegation", "status", "raised_at"]
    list_filter = ["committee", "kind", "status"]


@admin.register(Motion)
class MotionAdmin(ReadOnly):
    list_display = ["committee", "kind", "delegation", "status", "raised_at", "decided_at"]
    list_filter = ["committee", "kind", "status"]


@admin.register(ProceduralVote)
class ProceduralVoteAdmin(ReadOnly):
    list_display = ["motion", "method", "base", "needed", "yes", "no", "closed_at"]


@admin.register(Ballot)
class BallotAdmin(ReadOnly):
    list_display = ["vote", "delegation", "choice", "cast_at"]
