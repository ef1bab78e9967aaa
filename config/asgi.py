"""HTTP through Django, WebSockets through the committee's live channel.

SameOriginValidator refuses a WebSocket whose Origin is not the page's own (host and port) or a trusted
origin: a page of another site, or of another program on the chair's laptop, cannot drive the chair's
socket with the chair's cookie.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Django must be set up before the channels imports below load any model.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack
from channels.routing import ProtocolTypeRouter, URLRouter

from committee.origin import SameOriginValidator
from committee.parts import PARTS
from committee.routing import websocket_urlpatterns

# Every app has declared its floor part by now: check they fit together before serving anyone.
PARTS.seal()

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": SameOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)
