"""Local mode has no login, so it must not be reachable from other machines."""

from __future__ import annotations

import ipaddress

LOOPBACK_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name other than localhost: it may resolve to anything
        return False


def check_listen_address(mode: str, host: str) -> None:
    """Raise ``ValueError`` (with the fix) for a non-loopback address in local mode."""
    if mode == "local" and not is_loopback(host):
        raise ValueError(
            f"refusing to listen on {host!r} in local mode: there is no login in this mode, so "
            "anyone who can reach that address could read and change every résumé and "
            "transcript. Listen on 127.0.0.1 (the default), or run a shared server with "
            "accounts: KAODA_AUTH__MODE=accounts")
