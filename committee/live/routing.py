"""The screens' sockets. Each reads its cookies (channels' CookieMiddleware, which leaves the ASGI
`send` as daphne gave it); only the chair's then reads its session and user, at each check (a few
laptops, signed in). A phone's is checked by its signed cookie and the projector's by its link, so
that a thousand phones reconnecting at once cost no database round trip each
(committee/live/consumer.py)."""

from channels.sessions import CookieMiddleware
from django.urls import path

from committee.live.console import ConsoleConsumer
from committee.live.consumer import FloorConsumer

screen = CookieMiddleware(FloorConsumer.as_asgi())
console = CookieMiddleware(ConsoleConsumer.as_asgi())

websocket_urlpatterns = [
    path("ws/c/<slug:slug>/chair/", screen, {"audience": "chair"}, name="socket-chair"),
    path("ws/c/<slug:slug>/delegate/", screen, {"audience": "delegate"}, name="socket-delegate"),
    path("ws/c/<slug:slug>/projector/<slug:token>/", screen, {"audience": "projector"}, name="socket-projector"),
    path("ws/console/", console, name="socket-console"),
]
urlpatterns = websocket_urlpatterns  # the pages reverse a socket's path by its name ({% socket_url %})
