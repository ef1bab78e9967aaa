"""The Content-Security-Policy of every page: scripts, styles, images and sockets from this server
only, no inline script and no inline style but the room's own stylesheet, allowed by its hash
(committee/stylesheet.py; pages carry no other: their scripts are files, their bars are drawn by
static/js/live/screen.js from data), no framing, no plugins, forms posted here only.

Text that slipped past a sanitiser could therefore not run a script: the browser
refuses any script the page did not load from this server."""

from __future__ import annotations

from committee import stylesheet

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        f"style-src 'self' {stylesheet.source()}",
        "img-src 'self' data:",
        "connect-src 'self'",  # the page's WebSocket to this same server (CSP 3: 'self' covers ws:)
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            response.setdefault("Content-Security-Policy", POLICY)
        return response
