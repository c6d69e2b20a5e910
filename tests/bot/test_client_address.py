"""The client behind the station's reverse proxy: X-Forwarded-For only from trusted proxies."""

from __future__ import annotations

from unittest import mock

import pytest
from aiohttp.test_utils import make_mocked_request

from bot.client_address import client_address, parse_networks

PROXY = parse_networks(["127.0.0.1", "10.0.0.0/8"])


def _request(peer: str, forwarded: str = "") -> object:
    transport = mock.Mock()
    transport.get_extra_info.side_effect = lambda name, default=None: (
        (peer, 40000) if name == "peername" else default
    )
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return make_mocked_request(
        "POST", "/webhooks/rest/webhook", headers=headers, transport=transport
    )


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        ("127.0.0.1", "203.0.113.7", "203.0.113.7"),  # through the proxy
        ("127.0.0.1", "198.51.100.1, 203.0.113.7, 10.1.2.3", "203.0.113.7"),  # two proxies
        ("203.0.113.9", "1.2.3.4", "203.0.113.9"),  # not from a proxy: the header is a lie
        ("127.0.0.1", "", "127.0.0.1"),  # the proxy itself, or a local check
        ("127.0.0.1", "garbage", "garbage"),  # passed on as given: it is only a limit's key
    ],
)
def test_the_client_is_the_nearest_untrusted_hop(peer: str, forwarded: str, client: str) -> None:
    assert client_address(_request(peer, forwarded), PROXY) == client  # type: ignore[arg-type]


def test_without_trusted_proxies_the_header_is_ignored() -> None:
    assert client_address(_request("127.0.0.1", "203.0.113.7"), ()) == "127.0.0.1"  # type: ignore[arg-type]


def test_a_bad_entry_is_named() -> None:
    with pytest.raises(ValueError, match="'localhost' is not an IP address"):
        parse_networks(["127.0.0.1", "localhost"])
