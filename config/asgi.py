"""HTTP through Django, WebSockets through the committee's live channel.

Every view of this project is synchronous. Django's own ASGI handler gives each request a thread of
its own (a new one each time: a new database connection each time) and runs the middleware in async
mode, hopping to that thread and back for each of them. Under a burst (forty ballots at once) the
requests then met at SQLite's write lock, whose busy handler sleeps: a second for forty ballots.
`OneHopHandler` runs the middleware and the view synchronously, in one hop, on the one thread that
also serves the sockets' database work (asgiref's thread-sensitive thread): one connection, kept
open, and writers one after the other in the order they came. A phone's ballot is the one exception:
its request reads no database, so Django's chain serves it inline on the event loop (no thread, no
hop: `handle_ballot`), and it is cast in the committee's ballot box before its answer is sent, where a
burst of ballots is written in one transaction (committee/ballots.py). Were anything in that chain to
read the database, Django would refuse it there (SynchronousOnlyOperation) and the phone would be
answered with an error: it could never block the loop on a query.

SameOriginValidator refuses a WebSocket whose Origin is not the page's own (host and port) or a trusted
origin: a page of another site, or of another program on the chair's laptop, cannot drive the chair's
socket with the chair's cookie.
"""

import os

import django
from asgiref.sync import sync_to_async
from django.core import signals
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler, get_script_prefix
from django.urls import set_script_prefix

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
                # A phone's ballot: served inline (it reads no database), cast in the ballot box with
                # the others of its burst before it is answered (committee/ballots.py).
                async with ballots.on_the_way(ballot) as coming:
                    scope = {**scope, "phone_ballot": ballot, "ballot_on_the_way": coming}
                    await self.handle_ballot(scope, receive, send)
                return
        await self.handle(scope, receive, send)  # no ThreadSensitiveContext: the shared thread

    async def handle_ballot(self, scope, receive, send):
        """Django's `handle` for a phone's ballot by POST, its synchronous parts (the request signals,
        the middleware and the view, the response's close) run inline on the event loop: a few
        hundred microseconds each, where three hops to a thread and back cost more than the work, and
        forty of them queued behind one another. Nothing here reads the database (Django refuses a
        query on the loop), and the client's disconnecting does not cancel it: a ballot that reached
        the box is cast."""
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        set_script_prefix(get_script_prefix(scope))
        signals.request_started.send(sender=self.__class__, scope=scope)
        request, response = self.create_request(scope, body_file)
        try:
            if request is not None:
                response = await self._cast_held(request, self.get_response(request))
                response._handler_class = self.__class__
            await self.send_response(response, send)
        finally:
            response.close()
            body_file.close()

    async def get_response_async(self, request):
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)

    async def _cast_held(self, request, response):
        """A phone's ballot that the whole chain accepted (the view held it): cast it, and let the
        answer go only once it is committed; a refusal goes through the chain again to be
        answered. A ballot the chain refused (a forged CSRF token, too many presses) is never cast."""
        if getattr(request, "ballot_pending", None) is None:
            return response
        if response.status_code != 200:
            request.ballot_pending = None
            return response
        if (refused := await ballots.settle(request)) is None:
            return response
        request.ballot_refused = refused
        response.close()
        return self.get_response(request)


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
