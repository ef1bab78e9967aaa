"""HTTP through Django's own ASGI handler, WebSockets through the committee's live channel.

Django gives each HTTP request a thread of its own: a minutes export, the statistics or the admin's
journal never hold up a chair's press or a phone's answer. Writers still go one at a time where the
database needs it (committee/writers.py). A phone's requests and socket handshakes are paced before
Django or the live channel sees them (committee/limits.py): one phone keeping a dozen requests in
flight is served at a person's pace.

SameOriginValidator refuses a WebSocket whose Origin is not the page's own (host and port) or a trusted
origin: a page of another site, or of another program on the chair's laptop, cannot drive the chair's
socket with the chair's cookie.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Django is set up here, before the channels imports below load any model.
http_application = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from committee.contract import PARTS  # noqa: E402
from committee.limits import RequestPacing  # noqa: E402
from committee.live import daphne_adapter  # noqa: E402
from committee.live.memory import Serving  # noqa: E402
from committee.live.origin import SameOriginValidator  # noqa: E402
from committee.live.routing import websocket_urlpatterns  # noqa: E402

# Every app has declared its floor part by now: check they fit together before serving anyone.
PARTS.seal()
# Whether daphne, autobahn and Twisted still have what the fast path to the sockets needs (said
# loudly if not: the screens are then served through ASGI).
daphne_adapter.check()

application = Serving(
    RequestPacing(
        ProtocolTypeRouter(
            {
                "http": http_application,
                "websocket": SameOriginValidator(URLRouter(websocket_urlpatterns)),
            }
        )
    )
)
