from django.urls import path

from committee import views

urlpatterns = [
    path("", views.home, name="home"),
    path("signin/<slug:token>/", views.sign_in, name="sign-in"),
    path("signout/", views.sign_out, name="sign-out"),
    path("join/<slug:token>/", views.join, name="join"),
    path("c/<slug:slug>/chair/", views.chair, name="chair"),
    path("c/<slug:slug>/chair/qr/<int:delegation_id>.svg", views.join_qr, name="join-qr"),
    path("c/<slug:slug>/chair/join-codes/", views.join_codes, name="join-codes"),
    path("c/<slug:slug>/delegate/", views.delegate, name="delegate"),
    path("c/<slug:slug>/projector/<slug:token>/", views.projector, name="projector"),
    path("c/<slug:slug>/docs/<slug:doc>/", views.document, name="document"),
    path("c/<slug:slug>/do/<str:name>/", views.command, name="command"),
    path("live/metrics/", views.live_metrics, name="live-metrics"),
    path("console/", views.console, name="console"),
]
