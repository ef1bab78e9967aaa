"""The machine's own addresses, read from its interfaces (never by opening a socket to the outside).

Phones in the room open the links by the laptop's LAN address, so that address must be an allowed
host; a foreign origin must still be refused by the WebSocket origin check.
"""

from __future__ import annotations

import ipaddress
import shutil
import socket
import subprocess


def _from_command(args: list[str]) -> list[str]:
    if not shutil.which(args[0]):
        return []
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=3, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for word in out.replace("/", " ").split():
        try:
            found.append(str(ipaddress.ip_address(word)))
        except ValueError:
            continue
    return found


def local_addresses() -> list[str]:
    """IPv4 addresses of this machine's interfaces, LAN ones first, loopback excluded."""
    candidates = _from_command(["hostname", "-I"]) or _from_command(["ip", "-4", "-o", "addr"])
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            candidates.append(info[4][0])
    except OSError:
        pass
    seen: list[str] = []
    for address in candidates:
        ip = ipaddress.ip_address(address)
        if ip.version == 4 and not ip.is_loopback and not ip.is_link_local and address not in seen:
            seen.append(address)
    return sorted(seen, key=lambda a: not ipaddress.ip_address(a).is_private)


def lan_address() -> str:
    """The address phones in the room should use, or 127.0.0.1 when the machine has no network."""
    addresses = local_addresses()
    return addresses[0] if addresses else "127.0.0.1"
