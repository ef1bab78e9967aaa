from django.urls import path

from record import views

urlpatterns = [
    path("c/<slug:slug>/minutes/", views.minutes_page, name="minutes"),
    path("c/<slug:slug>/minutes.docx", views.minutes_download, name="minutes-docx"),
    path("c/<slug:slug>/minutes-<str:table>.csv", views.minutes_csv, name="minutes-csv"),
    path("c/<slug:slug>/statistics/", views.statistics_page, name="statistics"),
]
