from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "MUN committee — secretariat"
admin.site.site_title = "MUN secretariat"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("committee.urls")),
    path("", include("resolutions.urls")),
    path("", include("record.urls")),
]
