"""jieba, imported without pkg_resources.

jieba 0.42 imports `pkg_resources` (setuptools) only to open the files it ships, and
opens them with `open` when that import fails. Importing pkg_resources scans every
installed distribution: some 0.2 s of CPU (0.45 s on a slow core) at every start, for
nothing. While jieba is imported here, pkg_resources is marked absent the import system's
own way (None in `sys.modules`), which sends jieba down its other path; the mark is gone
as soon as jieba is in, so other code imports pkg_resources as it always did.

Import jieba from here (`from knowledge.jieba_lib import jieba`): the first import of
jieba in the process decides.
"""

from __future__ import annotations

import sys

_SLOW = "pkg_resources"

if _SLOW in sys.modules:
    import jieba
else:
    sys.modules[_SLOW] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if sys.modules.get(_SLOW, ...) is None:
            del sys.modules[_SLOW]

__all__ = ["jieba"]
