"""WeCom's sending limits, apart from the channel so the delivery worker can pace by them
without loading the WeChat SDK on a server that has no WeCom app."""

from __future__ import annotations

#: WeCom's cap per app and member; beyond it messages are dropped without an error.
PER_MINUTE = 30
