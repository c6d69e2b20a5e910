"""Card pictures in the media store, rendered once per content (`CardCache`).

Rendering takes tens of milliseconds, so it runs in the drawing process (`bot.drawing`),
waited for from a worker thread; `cached_card` answers without rendering for paths that
must stay quick (a registration that hits the list).
"""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

from bot.context import Services
from bot.drawing import draw
from bot.media import MediaStore
from handlers.wanted.card import CardFacts, CardSize, render_card
from handlers.wanted.card_cache import CardCache
from handlers.wanted.facts import card_facts, card_no
from storage.crypto import FieldCipher
from storage.models import WantedPerson

PNG = "image/png"
#: What the drawing process imports as the server starts, before the first card.
DRAWING_MODULES = ("handlers.wanted.card", "handlers.wanted.contact_sheet")


def _render_in_drawing_process(facts: CardFacts, size: CardSize, font_path: str) -> bytes:
    return draw(render_card, facts, size, font_path)


@functools.cache
def _cache_for(media_dir: str, keys: tuple[tuple[str, bytes], ...], current: str) -> CardCache:
    # Keyed by the keys' values (a `FieldCipher` holds a dict and cannot be a cache key).
    store = MediaStore(Path(media_dir), cipher=FieldCipher(dict(keys), current))
    return CardCache(store, render=_render_in_drawing_process)


def card_cache(services: Services) -> CardCache:
    cipher = services.cipher
    keys = tuple(sorted(cipher.keys.items()))
    return _cache_for(services.settings.storage.media_dir, keys, cipher.current_key_id)


async def card_image(
    services: Services, wanted: WantedPerson, size: CardSize = CardSize.STANDARD
) -> str:
    """The media-store hash of the person's card as it reads now."""
    cache = card_cache(services)
    found = cache.cached(card_facts(services, wanted, with_photo=False), size)
    if found is not None:
        return found
    facts = card_facts(services, wanted)  # now with the photo's bytes, to draw it
    font = services.settings.wanted.font
    return await asyncio.to_thread(cache.get_or_render, facts, size, font)


def cached_card(services: Services, wanted: WantedPerson) -> str | None:
    """The standard card's hash if it was rendered before, without rendering (nor reading
    the photo)."""
    facts = card_facts(services, wanted, with_photo=False)
    return card_cache(services).cached(facts, CardSize.STANDARD)


def forget_cards(
    services: Services, wanted: WantedPerson, keep: frozenset[str] = frozenset()
) -> int:
    """Delete the person's internal card pictures but `keep`; returns how many."""
    return card_cache(services).forget(card_no(wanted), keep)
