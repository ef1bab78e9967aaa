"""The screens' sockets. Only the chair's reads the session and the user (a few laptops, signed in);
a phone's is checked by its signed cookie and the projector's by its link, so that a thousand phones
reconnecting at once cost no database round trip each (committee/consumers.py)."""

from channels.auth import AuthMiddlewareStack
from channels.sessions import CookieMiddleware
from django.urls import re_path

from committee.consumers import FloorConsumer

websocket_urlpatterns = [
    re_path(r"^ws/c/(?P<slug>[-\w]+)/(?P<audience>chair)/$", AuthMiddlewareStack(FloorConsumer.as_asgi())),
    re_path(r"^ws/c/(?P<slug>[-\w]+)/(?P<audience>delegate)/$", CookieMiddleware(FloorConsumer.as_asgi())),
    re_path(r"^ws/c/(?P<slug>[-\w]+)/(?P<audience>projector)/(?P<token>[-\w]+)/$", FloorConsumer.as_asgi()),
]
