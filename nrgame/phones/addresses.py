"""The local IPv4 addresses the phone server can listen on (Wi-Fi, Ethernet, VPN…), for the
facilitator to pick the one the phones can reach."""

from __future__ import annotations

import contextlib
import socket
import struct
import sys
from dataclasses import dataclass

LOOPBACK = "127.0.0.1"
_SIOCGIFADDR = 0x8915


@dataclass(frozen=True)
class Address:
    interface: str
    ip: str

    @property
    def label(self) -> str:
        return f"{self.ip} ({self.interface})"


def local_addresses() -> list[Address]:
    """Every IPv4 address of this machine, the loopback last (phones cannot reach it)."""
    found = [a for a in _by_interface() if a.ip != LOOPBACK]
    if not found:
        found = _by_route()
    return [*found, Address("lo", LOOPBACK)]


def _by_interface() -> list[Address]:
    if not sys.platform.startswith("linux"):
        return []
    import fcntl

    found = []
    for _, name in socket.if_nameindex():
        with (
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe,
            contextlib.suppress(OSError),
        ):
            packed = struct.pack("256s", name.encode()[:15])
            ip = socket.inet_ntoa(fcntl.ioctl(probe.fileno(), _SIOCGIFADDR, packed)[20:24])
            found.append(Address(name, ip))
    return found


def _by_route() -> list[Address]:
    """The address the default route leaves from (a UDP connect sends no packet)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
        except OSError:
            return []
        ip = probe.getsockname()[0]
    return [] if ip in ("0.0.0.0", LOOPBACK) else [Address("réseau", ip)]
