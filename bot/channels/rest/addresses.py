"""Where a web chat request came from, for the per-address limits; and a warning, once, when
a proxy the configuration does not name stands in front of the server.

Behind nginx without `[server] trusted_proxies`, every request comes from the proxy's
address: every resident then shares one photo-upload limit and one limit on refused
identities, and the station sees "发送太频繁" for no reason it can find. The proxy gives
itself away by the `X-Forwarded-For` it adds; the warning names the key that fixes it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from ipaddress import ip_address

from aiohttp import web

from bot.client_address import Network, client_address

log = logging.getLogger(__name__)


class Addresses:
    """The client address of a request, as `[server] trusted_proxies` allows it to be read."""

    def __init__(self, trusted: Sequence[Network]) -> None:
        self._trusted = tuple(trusted)
        self._warned = False

    def of(self, request: web.Request) -> str:
        self.check(request)
        return client_address(request, self._trusted)

    def check(self, request: web.Request) -> None:
        """Warn, once, if `request` came through a proxy `trusted_proxies` does not name:
        called on every request, before any limit is reached and its cause hard to see."""
        if not self._warned and "X-Forwarded-For" in request.headers:
            self._warn_if_untrusted(request.remote or "")

    def _warn_if_untrusted(self, peer: str) -> None:
        try:
            trusted = any(ip_address(peer) in network for network in self._trusted)
        except ValueError:  # a Unix socket's peer: no address to name
            trusted = False
        if trusted:
            return
        self._warned = True
        # Once: a proxy sends the header with every request. The peer is the proxy (or
        # someone writing the header themselves), named so the key can be filled in.
        log.warning(
            "web chat requests carry X-Forwarded-For from %s, which [server] trusted_proxies "
            "does not list: the header is ignored and every user behind that proxy shares "
            "its address and per-address limits. If it is the station's reverse proxy, add "
            'its address to [server] trusted_proxies in config.toml (e.g. ["127.0.0.1"]).',
            peer or "an unnamed peer",
        )
