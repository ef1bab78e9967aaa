"""The two peers the fan-out is measured against, in the same run, with the same clients and the same
fragment size:

- `raw`: a bare `websockets` server; GET /broadcast?v=N writes one frame to every open socket with
  `websockets.broadcast` (of SIZE bytes, or of the request's `size`). This is the platform's limit for
  Python on this machine.
- `stock`: a stock Channels consumer (AsyncWebsocketConsumer joining one group, relaying what
  `group_send` brings) under daphne, with Channels' own in-memory layer (or its Redis pub-sub layer
  when REDIS_URL is set); GET /broadcast?v=N is a Django view that does the group_send.

    python bench/peers.py raw PORT SIZE
    daphne -p PORT bench.peers:stock_application      (settings: bench.peers, SIZE from PEER_SIZE)
"""

from __future__ import annotations

import asyncio
import os
import sys
from urllib.parse import parse_qs, urlsplit


def fragment(version: int, size: int) -> str:
    """An update of `size` bytes that carries its version as the app's do (the status region)."""
    head = f'<header id="status" class="bar" data-v="{version}" hx-swap-oob="true">'
    tail = "</header>"
    return head + "x" * max(0, size - len(head) - len(tail)) + tail


# ---- the bare websockets peer ---------------------------------------------------------------------


async def serve_raw(port: int, size: int) -> None:
    from websockets.asyncio.server import broadcast, serve

    clients = set()

    async def handler(connection):
        clients.add(connection)
        try:
            async for _ in connection:  # a ping from the page: nothing to do
                pass
        finally:
            clients.discard(connection)

    def process_request(connection, request):
        parts = urlsplit(request.path)
        if parts.path == "/broadcast":
            query = parse_qs(parts.query)
            version = int(query.get("v", ["0"])[0])
            broadcast(clients, fragment(version, int(query.get("size", [size])[0])))
            return connection.respond(200, f"sent to {len(clients)}\n")
        return None

    async with serve(
        handler, "127.0.0.1", port, process_request=process_request, compression=None, ping_interval=None, backlog=4096
    ):
        await asyncio.Future()


# ---- the stock Channels peer ----------------------------------------------------------------------
# A settings module of its own (this file), so that nothing of the app's is loaded.

SECRET_KEY = "bench-peer-" + "x" * 40
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["channels"]
ROOT_URLCONF = "bench.peers"
USE_TZ = True
DATABASES = {}
if os.environ.get("REDIS_URL"):
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [os.environ["REDIS_URL"]], "prefix": os.environ.get("REDIS_PREFIX", "peer")},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
GROUP = "room"
urlpatterns: list = []


def _stock():
    from channels.generic.websocket import AsyncWebsocketConsumer
    from channels.layers import get_channel_layer
    from channels.routing import ProtocolTypeRouter, URLRouter
    from django.core.asgi import get_asgi_application
    from django.http import HttpResponse
    from django.urls import path

    size = int(os.environ.get("PEER_SIZE", "3000"))

    class Relay(AsyncWebsocketConsumer):
        async def connect(self):
            await self.channel_layer.group_add(GROUP, self.channel_name)
            await self.accept()

        async def disconnect(self, code):
            await self.channel_layer.group_discard(GROUP, self.channel_name)

        async def receive(self, text_data=None, bytes_data=None):
            pass  # a ping from the page

        async def relay(self, event):
            await self.send(text_data=event["html"])

    async def send_to_all(request):
        version = int(request.GET.get("v", "0"))
        await get_channel_layer().group_send(GROUP, {"type": "relay", "html": fragment(version, size)})
        return HttpResponse("sent\n")

    urlpatterns.append(path("broadcast", send_to_all))
    return ProtocolTypeRouter({"http": get_asgi_application(), "websocket": URLRouter([path("ws/", Relay.as_asgi())])})


def __getattr__(name: str):
    # daphne imports `bench.peers:stock_application`: built on first use, after settings are set.
    if name == "stock_application":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.peers")
        import django

        django.setup()
        globals()["stock_application"] = app = _stock()
        return app
    raise AttributeError(name)


if __name__ == "__main__":
    if sys.argv[1] == "raw":
        asyncio.run(serve_raw(int(sys.argv[2]), int(sys.argv[3])))
