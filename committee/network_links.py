"""Absolute links that a phone in the room can open (join links and their QR codes)."""

from __future__ import annotations

import ipaddress
import os

from config.network import lan_address


def _is_loopback(host: str) -> bool:
    if host in {"localhost", ""}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def public_base_url(request=None) -> str:
    """PUBLIC_URL if set; else the address the page was opened with, or the LAN address instead of
    localhost (a phone cannot open the laptop's 'localhost')."""
    configured = os.environ.get("PUBLIC_URL", "").strip().rstrip("/")
    if configured:
        return configured
    if request is not None:
        host = request.get_host()
        name, _, port = host.rpartition(":") if host.count(":") == 1 else (host, "", "")
        if not _is_loopback(name):
            return f"{request.scheme}://{host}"
        port = port or os.environ.get("PORT", "8000")
        return f"{request.scheme}://{lan_address()}:{port}"
    return f"http://{lan_address()}:{os.environ.get('PORT', '8000')}"
