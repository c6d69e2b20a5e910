"""Wanted-card rendering: speed on one core, the cache, and PNG sizes beside channel limits.

    .venv/bin/python bench/cards.py [--cards 200] [--cpu 0]

Renders `--cards` varied cards (names of two to seven characters, up to 500-character case
summaries, internal and public, a share captured or revoked) in each size, pinned to one
CPU. Photos are synthetic portraits with camera grain, in the sizes a card meets: none,
an identity photo (358 x 441), a photo as messengers send it (960 x 1280) and the largest
the photo intake keeps (1920 x 2560, see handlers/services/photos.MAX_SIDE); each card has
its own photo, so nothing is decoded twice.

Prints cards/s and the time a card takes, p50/p99 (per photo kind too), as CPU time of the
rendering thread (what the card costs; on a shared machine other work does not count) and
as wall time; a cached look-up through `CardCache` (in memory, and a new instance finding
the on-disk index as after a restart); PNG sizes beside the channels' image limits; contact
sheets of twelve; and, measured in the same run, the baseline of Pillow saving a blank
image of the same pixel size as PNG at the same zlib level, so the figures read as a ratio
too. Targets: p99 <= 50 ms a card, cached <= 1 ms, PNG well inside 2 MB.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from bot.media import MediaStore  # noqa: E402
from handlers.wanted.card import (  # noqa: E402
    LOCK_SCREEN_PIXELS,
    STANDARD_PIXELS,
    CardFacts,
    CardSize,
    CardStatus,
    render_card,
)
from handlers.wanted.card_cache import CardCache  # noqa: E402
from handlers.wanted.card_png import COMPRESS_LEVEL  # noqa: E402
from handlers.wanted.contact_sheet import (  # noqa: E402
    SHEET_CAPACITY,
    SheetEntry,
    render_contact_sheet,
)
from storage.crypto import FieldCipher, new_key  # noqa: E402
from tests.handlers.wanted.portraits import portrait_jpeg  # noqa: E402

#: Photo kinds and their share of the cards: (name, pixels or None, weight).
PHOTO_KINDS = (
    ("none", None, 1),
    ("id 358x441", (358, 441), 3),
    ("chat 960x1280", (960, 1280), 4),
    ("kept 1920x2560", (1920, 2560), 2),
)
#: Image limits of the channels cards go out on, in bytes.
LIMITS = (
    ("WeCom group robot image (before base64)", 2 * 1024 * 1024),
    ("WeCom / WeChat media upload, image", 10 * 1024 * 1024),
    ("Telegram sendPhoto", 10 * 1024 * 1024),
)
T = TypeVar("T")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志"
CASE = (
    "涉嫌以投资虚拟货币为名实施电信网络诈骗，涉案金额约380万元，案发后携款潜逃。"
    "该人员曾在本市多个出租屋短租居住，使用他人身份证件登记入住，常于夜间出入网吧、"
    "洗浴场所，驾驶一辆白色SUV（车牌号豫A·12345，可能已更换），手机号码13812345678已停用。"
)


def varied_facts(count: int) -> list[tuple[str, CardFacts]]:
    """(photo kind, facts) for `count` cards, the same every run."""
    rng = random.Random(42)
    kinds = [kind for kind in PHOTO_KINDS for _ in range(kind[2])]
    cards = []
    for index in range(count):
        kind, pixels, _ = kinds[index % len(kinds)]
        photo = None
        if pixels is not None:
            photo = portrait_jpeg(*pixels, seed=index, quality=85, sideways=index % 5 == 0)
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2, 2, 3, 6))))
        status = rng.choices(list(CardStatus), weights=(17, 2, 1))[0]
        facts = CardFacts(
            card_no=f"TJ-{index:04d}",
            name=name,
            aliases=tuple(rng.choice(SURNAMES) + "某" for _ in range(rng.randint(0, 3))),
            sex=rng.choice(("男", "女", "")),
            age=rng.choice(
                (f"{rng.randint(19, 60)}岁（{rng.randint(1966, 2007)}年生）", "约30–40岁")
            ),
            doc_no=f"4101051990{index:04d}{rng.randint(1000, 9999)}",
            height=f"约{rng.randint(150, 190)}厘米",
            build=rng.choice(("偏瘦", "中等", "偏胖", "")),
            accent=rng.choice(("河南口音", "四川口音", "普通话", "")),
            marks=rng.choice(("右臂有龙形纹身，左眉有约2厘米疤痕", "", "常戴黑框眼镜")),
            case=CASE * rng.randint(0, 4) + CASE[: rng.randint(10, 60)],
            issuing_unit="某市公安局某某分局",
            reward=rng.choice(("", "提供有效线索者奖励人民币5万元")),
            contact=rng.choice(("", "0371-65123456 值班民警")),
            public=rng.random() < 0.3,
            issued_on=date(2026, 1, 1) + timedelta(days=index),
            status=status,
            photo=photo,
        )
        cards.append((kind, facts))
    return cards


def measured(action: Callable[[], T]) -> tuple[T, float, float]:
    """`action`'s result and its (CPU, wall) milliseconds. CPU time is this thread's own: on
    a shared machine other work does not count, while wall time includes waiting for a CPU."""
    wall, cpu = time.perf_counter(), time.thread_time()
    result = action()
    return result, (time.thread_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bare_png(pixels: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", pixels, "white").save(out, format="PNG", compress_level=COMPRESS_LEVEL)
    return out.getvalue()


def run_size(size: CardSize, cards: list[tuple[str, CardFacts]]) -> list[int]:
    pixels = STANDARD_PIXELS if size is CardSize.STANDARD else LOCK_SCREEN_PIXELS
    times: dict[str, list[float]] = {kind: [] for kind, _, _ in PHOTO_KINDS}
    sizes: list[int] = []
    wall: list[float] = []
    started = time.perf_counter()
    for kind, facts in cards:
        png, cpu, wall_ms = measured(partial(render_card, facts, size))
        sizes.append(len(png))
        times[kind].append(cpu)
        wall.append(wall_ms)
    took = time.perf_counter() - started
    every = [t for kind_times in times.values() for t in kind_times]
    bare = [measured(partial(bare_png, pixels))[1] for _ in range(max(20, len(cards) // 4))]
    bare_p50 = percentile(bare, 0.5)
    print(f"\n{size.value} {pixels[0]}x{pixels[1]}, PNG compress_level {COMPRESS_LEVEL}:")
    print(
        f"  {len(cards) / took:6.1f} cards/s   CPU a card: p50 {percentile(every, 0.5):5.1f} ms"
        f"   p99 {percentile(every, 0.99):5.1f} ms   max {max(every):5.1f} ms"
    )
    print(
        f"  {'':15}wall a card: p50 {percentile(wall, 0.5):5.1f} ms"
        f"   p99 {percentile(wall, 0.99):5.1f} ms (includes waiting for a busy CPU)"
    )
    for kind, kind_times in times.items():
        if kind_times:
            print(
                f"    photo {kind:<15} n={len(kind_times):<4} p50 {percentile(kind_times, 0.5):5.1f}"
                f" ms   p99 {percentile(kind_times, 0.99):5.1f} ms"
            )
    print(
        f"  baseline: blank {pixels[0]}x{pixels[1]} Image.new(...).save(PNG) p50 {bare_p50:.1f} ms;"
        f" a card costs {percentile(every, 0.5) / bare_p50:.1f}x that (p50)"
    )
    print(
        f"  PNG size: median {statistics.median(sizes) / 1024:.0f} KB, max {max(sizes) / 1024:.0f} KB"
        f" (blank: {len(bare_png(pixels)) / 1024:.0f} KB)"
    )
    return sizes


def run_cache(cards: list[tuple[str, CardFacts]]) -> None:
    with tempfile.TemporaryDirectory() as root:
        # Internal cards are sealed in the store: the bench pays for that as the server does.
        store = MediaStore(Path(root), cipher=FieldCipher.from_config({"b1": new_key()}, "b1"))
        cache = CardCache(store)
        for _, facts in cards:
            cache.get_or_render(facts, CardSize.STANDARD)
        hits: dict[str, list[float]] = {kind: [] for kind, _, _ in PHOTO_KINDS}
        hits_wall: list[float] = []
        for kind, facts in cards:
            _, cpu, wall = measured(partial(cache.get_or_render, facts, CardSize.STANDARD))
            hits[kind].append(cpu)
            hits_wall.append(wall)
        restarted = CardCache(store, render=_must_not_render)
        from_disk = [
            measured(partial(restarted.get_or_render, facts, CardSize.STANDARD))[1:]
            for _, facts in cards
        ]
    every = [t for kind_times in hits.values() for t in kind_times]
    print("\ncached (CardCache.get_or_render of a card rendered before), CPU time:")
    print(f"  in memory    p50 {_us(every, 0.5)} µs   p99 {_us(every, 0.99)} µs")
    for kind, kind_times in hits.items():
        if kind_times:
            print(
                f"    photo {kind:<15} ({_photo_kb(cards, kind):4.0f} KB)"
                f" p50 {_us(kind_times, 0.5)} µs   p99 {_us(kind_times, 0.99)} µs"
            )
    print(
        f"  in memory, wall time         p50 {_us(hits_wall, 0.5)} µs   p99 {_us(hits_wall, 0.99)} µs"
    )
    disk_cpu, disk_wall = [cpu for cpu, _ in from_disk], [wall for _, wall in from_disk]
    print(
        f"  after restart (on-disk index) p50 {_us(disk_cpu, 0.5)} µs   p99 {_us(disk_cpu, 0.99)} µs"
        f" (wall p50 {_us(disk_wall, 0.5)} µs   p99 {_us(disk_wall, 0.99)} µs)"
    )


def _us(values_ms: list[float], share: float) -> str:
    return f"{percentile(values_ms, share) * 1000:5.0f}"


def run_sheets(cards: list[tuple[str, CardFacts]]) -> None:
    """Contact sheets of twelve, as `/通缉 列表` draws them, from the same cards."""
    entries = [SheetEntry(f.card_no, f.name, f.photo, f.public) for _, f in cards]
    pages = [entries[i : i + SHEET_CAPACITY] for i in range(0, len(entries), SHEET_CAPACITY)]
    runs = [measured(partial(render_contact_sheet, page)) for page in pages if len(page) > 1]
    cpu = [ms for _, ms, _ in runs]
    sizes = [len(png) for png, _, _ in runs]
    print(
        f"\ncontact sheets of {SHEET_CAPACITY} (n={len(runs)}): CPU p50 {percentile(cpu, 0.5):.1f} ms"
        f"   max {max(cpu):.1f} ms   PNG max {max(sizes) / 1024:.0f} KB"
    )


def _photo_kb(cards: list[tuple[str, CardFacts]], kind: str) -> float:
    sizes = [len(f.photo) for k, f in cards if k == kind and f.photo is not None]
    return statistics.median(sizes) / 1024 if sizes else 0.0


def _must_not_render(facts: CardFacts, size: CardSize, font_path: str) -> bytes:
    raise AssertionError("a card found in the on-disk index was rendered again")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--cpu", type=int, default=0, help="the CPU to pin the run to")
    args = parser.parse_args()
    os.sched_setaffinity(0, {args.cpu})
    print(f"preparing {args.cards} cards and their photos …", flush=True)
    cards = varied_facts(args.cards)
    first = measured(partial(render_card, cards[0][1]))[2]
    load = os.getloadavg()
    print(f"CPU {args.cpu} of {os.cpu_count()}; load average {load[0]:.2f}")
    print(f"first card (opens the fonts): {first:.0f} ms")
    standard = run_size(CardSize.STANDARD, cards)
    lock = run_size(CardSize.LOCK_SCREEN, cards)
    run_cache(cards)
    run_sheets(cards)
    largest = max(standard + lock)
    print(f"\nchannel image limits (largest card above: {largest / 1024:.0f} KB):")
    for name, limit in LIMITS:
        print(
            f"  {name:<42} {limit / 1024 / 1024:4.0f} MB   largest card is {largest / limit:5.1%}"
        )
    print("\ntargets: render p99 <= 50 ms, cached <= 1 ms, PNG well inside 2 MB")


if __name__ == "__main__":
    main()
