"""HTTP through Django, WebSockets through the committee's live channel.

Every view of this project is synchronous. Django's own ASGI handler gives each request a thread of
its own (a new one each time: a new database connection each time) and runs the middleware in async
mode, hopping to that thread and back for each of them. Under a burst (forty ballots at once) the
requests then met at SQLite's write lock, whose busy handler sleeps: a second for forty ballots.
`OneHopHandler` runs the middleware and the view synchronously, in one hop, on the one thread that
also serves the sockets' database work (asgiref's thread-sensitive thread): one connection, kept
open, and writers one after the other in the order they came. A phone's ballot is the one exception:
it is served on the ballot thread, reads no database there, and is cast in the committee's ballot
box before its answer is sent, where a burst of ballots is written in one transaction
(committee/ballots.py); the database thread does not even see its request's signals.

SameOriginValidator refuses a WebSocket whose Origin is not the page's own (host and port) or a trusted
origin: a page of another site, or of another program on the chair's laptop, cannot drive the chair's
socket with the chair's cookie.
"""

import os

import django
from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Django must be set up before the channels imports below load any model.
django.setup(set_prefix=False)

from committee import ballots


class OneHopHandler(ASGIHandler):
    """Django's ASGI handler with its middleware chain built for synchronous code and run in one hop,
    on the process's one database thread."""

    def load_middleware(self, is_async: bool = False) -> None:
        super().load_middleware(is_async=False)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        if ballots.looks_like_ballot(scope):
            receive, ballot = await ballots.read_ballot(scope, receive)
            if ballot is not None:
                # A phone's ballot: served on the ballot thread (it reads no database), cast in the
                # ballot box with the others of its burst before it is answered (committee/ballots.py).
                async with ballots.on_the_way(ballot) as coming, ballots.ballot_thread():
                    await self.handle({**scope, "phone_ballot": ballot, "ballot_on_the_way": coming}, receive, send)
                return
        await self.handle(scope, receive, send)  # no ThreadSensitiveContext: the shared thread

    async def get_response_async(self, request):
        response = await sync_to_async(self.get_response, thread_sensitive=True)(request)
        if getattr(request, "ballot_pending", None) is not None:
            # A phone's ballot, accepted by the whole chain: cast it, and send the answer only once it
            # is committed; a refusal goes through the chain again to be answered.
            if response.status_code != 200:
                request.ballot_pending = None  # the chain did not let it through: never cast
            elif (refused := await ballots.settle(request)) is not None:
                request.ballot_refused = refused
                response = await sync_to_async(self.get_response, thread_sensitive=True)(request)
        return response


from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from committee.origin import SameOriginValidator  # noqa: E402
from committee.parts import PARTS  # noqa: E402
from committee.routing import websocket_urlpatterns  # noqa: E402

# Every app has declared its floor part by now: check they fit together before serving anyone.
PARTS.seal()

application = ProtocolTypeRouter(
    {
        "http": OneHopHandler(),
        "websocket": SameOriginValidator(URLRouter(websocket_urlpatterns)),
    }
)
