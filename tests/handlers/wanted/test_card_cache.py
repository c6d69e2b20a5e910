"""`CardCache`: a card is drawn once per content, and found again after a restart."""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.media import MediaStore
from handlers.wanted.card import CardFacts, CardSize, CardStatus, render_card
from handlers.wanted.card_cache import INDEX_DIR, CardCache
from storage.crypto import FieldCipher, new_key
from tests.handlers.wanted.portraits import portrait_jpeg

FACTS = CardFacts(
    card_no="TJ-0007",
    name="李四",
    aliases=("小四",),
    sex="男",
    age="约30–40岁",
    doc_no="410105199001011234",
    height="约170厘米",
    build="中等",
    accent="四川口音",
    marks="左手背有龙形纹身",
    case="涉嫌诈骗罪，卷款潜逃。",
    issuing_unit="成都市公安局武侯分局",
    reward="悬赏2万元",
    contact="028-85123456",
    issued_on=date(2026, 3, 1),
    photo=portrait_jpeg(120, 160, seed=7, grain=0),
)
#: For each field, a value different from FACTS'.
CHANGED: dict[str, Any] = {
    "card_no": "TJ-0008",
    "name": "李五",
    "aliases": ("小四", "老四"),
    "sex": "女",
    "age": "约40–50岁",
    "doc_no": "410105199001011235",
    "doc_type": "护照",
    "height": "约171厘米",
    "build": "偏瘦",
    "accent": "河南口音",
    "marks": "右手背有龙形纹身",
    "case": "涉嫌诈骗罪，卷款潜逃！",
    "issuing_unit": "成都市公安局锦江分局",
    "reward": "悬赏3万元",
    "contact": "028-85123457",
    "public": True,
    "masked": True,
    "issued_on": date(2026, 3, 2),
    "status": CardStatus.CAPTURED,
    "photo": portrait_jpeg(120, 160, seed=8, grain=0),
    "photo_sha256": "0" * 64,
}


class CountingRenderer:
    """Renders cheaply (distinct bytes per card) and counts the calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, facts: CardFacts, size: CardSize, font_path: str) -> bytes:
        self.calls += 1
        return f"{facts!r}|{size}".encode()


def never_render(facts: CardFacts, size: CardSize, font_path: str) -> bytes:
    raise AssertionError("rendered a card the cache should have found")


@pytest.fixture
def store(tmp_path: Path) -> MediaStore:
    return MediaStore(tmp_path / "media", cipher=FieldCipher.from_config({"k1": new_key()}, "k1"))


def test_second_call_does_not_render(store: MediaStore) -> None:
    calls: list[CardSize] = []

    def counted(facts: CardFacts, size: CardSize, font_path: str) -> bytes:
        calls.append(size)
        return render_card(facts, size, font_path)

    cache = CardCache(store, render=counted)
    assert cache.cached(FACTS, CardSize.STANDARD) is None
    first = cache.get_or_render(FACTS, CardSize.STANDARD)
    assert cache.get_or_render(FACTS, CardSize.STANDARD) == first
    assert cache.cached(FACTS, CardSize.STANDARD) == first
    assert calls == [CardSize.STANDARD]
    png = store.get(first)
    assert png is not None and png.startswith(b"\x89PNG")


def test_every_field_the_size_and_the_photo_change_the_key(store: MediaStore) -> None:
    cache = CardCache(store)
    assert set(CHANGED) == {field.name for field in dataclasses.fields(CardFacts)}
    original = cache.key(FACTS, CardSize.STANDARD)
    keys = {original}
    for name, value in CHANGED.items():
        assert getattr(FACTS, name) != value
        keys.add(cache.key(dataclasses.replace(FACTS, **{name: value}), CardSize.STANDARD))
    keys.add(cache.key(FACTS, CardSize.LOCK_SCREEN))
    keys.add(cache.key(dataclasses.replace(FACTS, photo=None), CardSize.STANDARD))
    assert len(keys) == len(CHANGED) + 3
    assert cache.key(dataclasses.replace(FACTS), CardSize.STANDARD) == original


def test_a_photo_named_by_its_hash_finds_the_card_drawn_from_its_bytes(store: MediaStore) -> None:
    cache = CardCache(store, render=CountingRenderer())
    assert FACTS.photo is not None
    sha = cache.get_or_render(FACTS, CardSize.STANDARD)
    named = dataclasses.replace(
        FACTS, photo=None, photo_sha256=hashlib.sha256(FACTS.photo).hexdigest()
    )
    assert cache.cached(named, CardSize.STANDARD) == sha
    assert (
        cache.cached(dataclasses.replace(named, photo_sha256="1" * 64), CardSize.STANDARD) is None
    )


def test_a_new_instance_finds_earlier_renders_on_disk(store: MediaStore) -> None:
    renderer = CountingRenderer()
    sha = CardCache(store, render=renderer).get_or_render(FACTS, CardSize.LOCK_SCREEN)
    restarted = CardCache(store, render=never_render)
    assert restarted.cached(FACTS, CardSize.LOCK_SCREEN) == sha
    assert restarted.get_or_render(FACTS, CardSize.LOCK_SCREEN) == sha
    assert renderer.calls == 1
    key = restarted.key(FACTS, CardSize.LOCK_SCREEN)
    assert (store.root / INDEX_DIR / FACTS.card_no / key).is_file()


def test_memory_is_bounded_and_the_disk_remembers(store: MediaStore) -> None:
    renderer = CountingRenderer()
    cache = CardCache(store, memory_entries=2, render=renderer)
    cards = [dataclasses.replace(FACTS, card_no=f"TJ-{i:04d}") for i in range(5)]
    hashes = [cache.get_or_render(card, CardSize.STANDARD) for card in cards]
    assert [cache.get_or_render(card, CardSize.STANDARD) for card in cards] == hashes
    assert renderer.calls == len(cards)


def test_an_index_entry_whose_picture_is_gone_is_drawn_again(store: MediaStore) -> None:
    renderer = CountingRenderer()
    sha = CardCache(store, render=renderer).get_or_render(FACTS, CardSize.STANDARD)
    store.path(sha).unlink()
    again = CardCache(store, render=renderer)
    assert again.cached(FACTS, CardSize.STANDARD) is None
    assert again.get_or_render(FACTS, CardSize.STANDARD) == sha
    assert renderer.calls == 2 and store.get(sha) is not None


def test_threads_asking_for_the_same_new_card_render_it_once(store: MediaStore) -> None:
    started, release = threading.Event(), threading.Event()
    renderer = CountingRenderer()

    def slow(facts: CardFacts, size: CardSize, font_path: str) -> bytes:
        started.set()
        release.wait(5)
        return renderer(facts, size, font_path)

    cache = CardCache(store, render=slow)
    with ThreadPoolExecutor(4) as pool:
        first = pool.submit(cache.get_or_render, FACTS, CardSize.STANDARD)
        started.wait(5)
        others = [pool.submit(cache.get_or_render, FACTS, CardSize.STANDARD) for _ in range(3)]
        release.set()
        hashes = {first.result(5), *(other.result(5) for other in others)}
    assert len(hashes) == 1 and renderer.calls == 1


def test_a_render_the_data_keys_no_longer_open_is_drawn_again(store: MediaStore) -> None:
    # A render sealed with a key since removed (or by a server with other keys sharing the
    # folder) had been found, failed to open and never been drawn again: a broken picture.
    renderer = CountingRenderer()
    internal = dataclasses.replace(FACTS, public=False)
    sha = CardCache(store, render=renderer).get_or_render(internal, CardSize.STANDARD)
    assert store.sealed(sha)
    other_keys = MediaStore(store.root, cipher=FieldCipher.from_config({"k1": new_key()}, "k1"))
    assert other_keys.get(sha) is None
    again = CardCache(other_keys, render=renderer)
    assert again.cached(internal, CardSize.STANDARD) is None
    assert again.get_or_render(internal, CardSize.STANDARD) == sha
    assert renderer.calls == 2 and other_keys.get(sha) is not None
