"""The laptop's own addresses, and the absolute links a phone in the room can open.

Phones open the join links by the laptop's LAN address, so that address must be an allowed host and
appear in the links and QR codes. It is read once per process from the interfaces (ifaddr, on Linux,
macOS and Windows alike), never by running a program and never by opening a socket to the outside.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from functools import cache

import ifaddr


def _interface_addresses() -> list[str]:
    try:
        adapters = ifaddr.get_adapters()
    except OSError:
        return []
    # IPv6 addresses come as tuples; phones in a room are reached by IPv4.
    return [ip.ip for adapter in adapters for ip in adapter.ips if isinstance(ip.ip, str)]


@cache
def local_addresses() -> tuple[str, ...]:
    """IPv4 addresses of this machine's interfaces, private (LAN) ones first, loopback excluded."""
    candidates = _interface_addresses()
    try:
        candidates += [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
    except OSError:
        pass
    seen: list[str] = []
    for address in candidates:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            continue
        if ip.version == 4 and not ip.is_loopback and not ip.is_link_local and address not in seen:
            seen.append(address)
    return tuple(sorted(seen, key=lambda a: not ipaddress.ip_address(a).is_private))


def lan_address() -> str:
    """The address phones in the room should use, or 127.0.0.1 when the machine has no network."""
    addresses = local_addresses()
    return addresses[0] if addresses else "127.0.0.1"


def _split_host(host: str) -> tuple[str, str]:
    """'name:port', '[v6]:port' or a bare name, as (name, port)."""
    if host.startswith("["):
        end = host.find("]")
        rest = host[end + 1 :]
        return host[: end + 1], rest[1:] if rest.startswith(":") else ""
    if host.count(":") == 1:
        name, _, port = host.partition(":")
        return name, port
    return host, ""


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
        name, port = _split_host(host)
        if not _is_loopback(name):
            return f"{request.scheme}://{host}"
        port = port or os.environ.get("PORT", "8000")
        return f"{request.scheme}://{lan_address()}:{port}"
    return f"http://{lan_address()}:{os.environ.get('PORT', '8000')}"
