"""Loading the knowledge base."""

from __future__ import annotations

import gc
from pathlib import Path

from knowledge.base import KnowledgeBase


def test_no_cycle_collection_walks_the_index_while_it_loads(index_path: Path) -> None:
    """The collector had walked the words, articles and phrasings loaded so far again and
    again, some 200 times (a third of the load's CPU); it is on again afterwards, and
    its first runs then walk what the load made once."""
    collections: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(seen)
    try:
        kb = KnowledgeBase.load(index_path, faq_dirs=[])
    finally:
        gc.callbacks.remove(seen)
    assert len(collections) < 5, collections
    assert gc.isenabled()
    assert kb.faq.match("房东不退押金怎么办") is not None
