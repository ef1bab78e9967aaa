"""The WebSocket's Origin must be the page's own: the same scheme, host *and port* as the socket it
opens.

Channels' AllowedHostsOriginValidator compares the host only, so a page served by another program on
the chair's laptop (another port, same host) could open the chair's socket with the chair's cookie
and drive the floor. Here the Origin's host and port must equal the Host the browser connected to
(the default port of its scheme counted), its scheme the socket's (an http page opens ws://, an
https page wss://), or be one of CSRF_TRUSTED_ORIGINS exactly (a reverse proxy that ends TLS and
rewrites Host); and the host must be allowed (ALLOWED_HOSTS), as before."""

from __future__ import annotations

from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import split_domain_port, validate_host

DEFAULT_PORTS = {"http": "80", "https": "443", "ws": "80", "wss": "443"}
PAGE_SCHEME = {"ws": "http", "wss": "https"}  # the scheme of the page that opens a socket of each


def _netloc(scheme: str, host: str, port: str | None) -> tuple[str, str]:
    return host.lower(), port or DEFAULT_PORTS.get(scheme, "")


def same_origin(origin: str, host_header: str, socket_scheme: str = "ws") -> bool:
    """True when a browser page at `origin` is the page of the server reached as `host_header` by a
    socket of `socket_scheme` (the ASGI scope's: "ws" or "wss")."""
    if origin in getattr(settings, "CSRF_TRUSTED_ORIGINS", []):
        return True
    parts = urlsplit(origin)
    if parts.scheme != PAGE_SCHEME.get(socket_scheme, "http") or not parts.hostname:
        return False
    try:
        origin_port = str(parts.port) if parts.port else None
    except ValueError:
        return False
    host, port = split_domain_port(host_header)
    if not host or not validate_host(host, settings.ALLOWED_HOSTS):
        return False
    return _netloc(parts.scheme, parts.hostname, origin_port) == _netloc(parts.scheme, host, port or None)


class SameOriginValidator:
    """ASGI middleware for WebSockets: refuses (403 at the handshake) a socket from another origin."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket":
            headers = dict(scope.get("headers") or [])
            origin = headers.get(b"origin", b"").decode("latin-1")
            host = headers.get(b"host", b"").decode("latin-1")
            if not origin or not host or not same_origin(origin, host, scope.get("scheme", "ws")):
                denier = WebsocketDenier()
                return await denier(scope, receive, send)
        return await self.application(scope, receive, send)
