from django.urls import path

from debate import views

urlpatterns = [
    path("c/<slug:slug>/chits/addressees/", views.chit_addressees, name="chit-addressees"),
]
