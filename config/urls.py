from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "MUN committee — secretariat"
admin.site.site_title = "MUN secretariat"

urlpatterns = [
    path("admin/", admin.site.urls),
    # The language switch on every screen (Django's set_language: a POST, the choice kept in a cookie).
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("committee.urls")),
    path("", include("debate.urls")),
    path("", include("resolutions.urls")),
    path("", include("record.urls")),
]
