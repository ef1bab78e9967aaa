"""The debate's records, for the secretariat to read. Changes go through the chair's dashboard, so
they are journalled and reach every screen; the admin shows them read-only."""

from django.contrib import admin

from committee.admin import ReadOnlyAdmin
from debate.models import Floor, Motion, Point, SpeakerEntry, Speech


@admin.register(Floor)
class FloorAdmin(ReadOnlyAdmin):
    list_display = ["committee", "phase", "speaking_time", "gsl_open", "caucus_topic"]


@admin.register(SpeakerEntry)
class SpeakerEntryAdmin(ReadOnlyAdmin):
    list_display = ["committee", "list", "delegation", "status", "position", "created_at"]
    list_filter = ["committee", "list", "status"]


@admin.register(Speech)
class SpeechAdmin(ReadOnlyAdmin):
    list_display = ["committee", "delegation", "list", "yield_kind", "started_at", "ended_at"]
    list_filter = ["committee", "list"]


@admin.register(Point)
class PointAdmin(ReadOnlyAdmin):
    list_display = ["committee", "kind", "delegation", "status", "raised_at"]
    list_filter = ["committee", "kind", "status"]


@admin.register(Motion)
class MotionAdmin(ReadOnlyAdmin):
    list_display = ["committee", "kind", "delegation", "status", "raised_at", "decided_at"]
    list_filter = ["committee", "kind", "status"]
