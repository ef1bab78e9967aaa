from django.urls import re_path

from committee.consumers import FloorConsumer

websocket_urlpatterns = [
    re_path(r"^ws/c/(?P<slug>[-\w]+)/(?P<audience>chair|delegate)/$", FloorConsumer.as_asgi()),
    re_path(r"^ws/c/(?P<slug>[-\w]+)/(?P<audience>projector)/(?P<token>[-\w]+)/$", FloorConsumer.as_asgi()),
]
