from django.urls import path

from record import marking_views, position_papers, views

urlpatterns = [
    path("c/<slug:slug>/minutes/", views.minutes_page, name="minutes"),
    path("c/<slug:slug>/minutes.docx", views.minutes_download, name="minutes-docx"),
    path("c/<slug:slug>/minutes-<str:table>.csv", views.minutes_csv, name="minutes-csv"),
    path("c/<slug:slug>/statistics/", views.statistics_page, name="statistics"),
    path("c/<slug:slug>/marks/", marking_views.marks_page, name="marks"),
    path("c/<slug:slug>/awards/", marking_views.awards_page, name="awards"),
    path("c/<slug:slug>/awards.csv", marking_views.awards_download, name="awards-csv"),
    path("conference/<int:pk>/awards/", marking_views.ceremony_page, name="ceremony"),
    path("conference/<int:pk>/awards.csv", marking_views.ceremony_download, name="ceremony-csv"),
    path("console/everything.zip", views.everything_download, name="everything-zip"),
    path("c/<slug:slug>/position-paper/", position_papers.own_paper, name="position-paper"),
    path("c/<slug:slug>/position-papers/<int:delegation_id>/", position_papers.paper_of, name="position-paper-of"),
]
