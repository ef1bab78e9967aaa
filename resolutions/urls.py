from django.urls import path

from resolutions import views

urlpatterns = [
    path("c/<slug:slug>/papers/<int:paper_id>/", views.paper_page, name="paper"),
    path("c/<slug:slug>/papers/<int:paper_id>/edit/", views.paper_edit, name="paper-edit"),
    path("c/<slug:slug>/papers/<int:paper_id>/paste/", views.paper_paste, name="paper-paste"),
    path("c/<slug:slug>/papers/<int:paper_id>/amend/", views.paper_amend, name="paper-amend"),
    path("c/<slug:slug>/papers/<int:paper_id>/docx/", views.paper_docx, name="paper-docx"),
]
