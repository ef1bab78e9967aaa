"""The screens' sockets. Each reads its cookies (channels' CookieMiddleware, which leaves the ASGI
`send` as daphne gave it); only the chair's then reads its session and user, at each check (a few
laptops, signed in). A phone's is checked by its signed cookie and the projector's by its link, so
that a thousand phones reconnecting at once cost no database round trip each
(committee/live/consumer.py)."""

from channels.sessions import CookieMiddleware
from django.urls import re_path

from committee.live.consumer import FloorConsumer

screen = CookieMiddleware(FloorConsumer.as_asgi())

websocket_urlpatterns = [
    re_path(r"^ws/c/(?P<slug>[-\w]+)/(?P<audience>chair)/$", screen),
    re_path(r"^ws/c/(?P<slug>[-\w]+)/(?P<audience>delegate)/$", screen),
    re_path(r"^ws/c/(?P<slug>[-\w]+)/(?P<audience>projector)/(?P<token>[-\w]+)/$", screen),
]
