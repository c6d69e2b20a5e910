"""The help menus already built, kept while the routes and the settings they were built
from stay the same.

帮助 had gathered and formatted every route anew on each message (3.4 ms of an officer's
帮助, most of the reply's time). What the menu says depends on the reader's role, kinds of
place and chat, not on who they are; their greeting is put in afterwards. Settings are
frozen, so changed settings are another object: the menus kept are dropped, as they are
for another router (another dispatcher, built for other services).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

from bot.config import Settings
from bot.router import Router

#: Menus kept at most: what follows 帮助 is free text (帮助 天气), each a menu of its own.
KEPT = 256


class MenuCache:
    def __init__(self, size: int = KEPT) -> None:
        self._size = size
        self._built_from: tuple[Router, Settings] | None = None
        self._menus: OrderedDict[Hashable, tuple[str, ...]] = OrderedDict()

    def get(
        self,
        root: Router,
        settings: Settings,
        key: Hashable,
        build: Callable[[], tuple[str, ...]],
    ) -> tuple[str, ...]:
        """The menu for `key` as built from `root` and `settings`, built by `build` when
        not kept (or kept from other routes or settings)."""
        source = self._built_from
        if source is None or source[0] is not root or source[1] is not settings:
            self._menus.clear()
            self._built_from = (root, settings)
        menu = self._menus.get(key)
        if menu is None:
            menu = self._menus[key] = build()
            if len(self._menus) > self._size:
                self._menus.popitem(last=False)
        else:
            self._menus.move_to_end(key)
        return menu
