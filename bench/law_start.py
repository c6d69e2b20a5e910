"""Server start with the law index: from `jingmin serve` to the first law answer.

    .venv/bin/python -m bench.law_start [--index DIR] [--runs 3] [--question 房东不退押金怎么办]
        [--baseline CHECKOUT]

Issue 4's "server start with the index" target, measured as a user meets it: each run starts
`jingmin serve` on a fresh SQLite database (migrated beforehand, not timed) and posts the
question to the web chat every 20 ms until it answers; the answer must cite an article
(《…》第…条). The server loads the index before it listens, so that is the whole start.
Not part of the test run.

With `--baseline` (another checkout, e.g. `git worktree add /tmp/base HEAD~1`), its server
and this tree's start in turn, each on its own copy of the index after one start that is
not counted (a start saves the FAQ's phrasings as read, `knowledge.faq_terms`, when the
index lacks them or they were read by other code), and the ratio of their CPU seconds is
printed: on a shared machine only a comparison made in the same minutes means anything.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from knowledge.paths import index_dir

_CITED = re.compile(r"《[^》]+》第[^条]+条")
_POLL = 0.02
_GIVE_UP = 120.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ask(port: int, question: str) -> str | None:
    """The reply's text, or None while the server is not listening yet."""
    try:
        # A web chat identity first: a station takes no sender name a client chooses.
        token = _post(port, "session", {"bearer": True})["token"]
        answer = _post(port, "webhook", {"sender": token, "message": question})
    except (ConnectionError, urllib.error.URLError):
        return None
    return "\n".join(m.get("text", "") for m in answer)


def _post(port: int, path: str, body: object) -> Any:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/webhooks/rest/{path}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _jingmin() -> list[str]:
    return [sys.executable, "-c", "from bot.cli.main import main; main()"]


_HERE = Path(__file__).resolve().parent.parent


def measure(index: Path, question: str, code: Path = _HERE) -> tuple[float, float]:
    """Seconds from the start of `jingmin serve` (of the checkout `code`) to its law
    answer, and the CPU seconds the server used (with its shutdown): on a shared machine
    the wall time mostly measures waiting for a core."""
    with tempfile.TemporaryDirectory(prefix="jingmin-law-start-") as scratch:
        port = _free_port()
        env = os.environ | {
            "JINGMIN_CONFIG": os.devnull,
            "JINGMIN_DATABASE__URL": f"sqlite+aiosqlite:///{scratch}/bench.db",
            "JINGMIN_SECURITY__DEV_KEY_FILE": f"{scratch}/keys.toml",
            "JINGMIN_STORAGE__MEDIA_DIR": f"{scratch}/media",
            "JINGMIN_SERVER__PORT": str(port),
            "JINGMIN_LAW_INDEX": str(index.absolute()),
        }
        subprocess.run(
            [*_jingmin(), "db", "upgrade"], env=env, check=True, capture_output=True, cwd=code
        )
        cpu = _children_cpu()
        started = time.perf_counter()
        log = Path(scratch) / "server.log"  # a file: a full pipe would stop the server
        with log.open("wb") as out:
            server = subprocess.Popen(
                [*_jingmin(), "serve"], env=env, stdout=subprocess.DEVNULL, stderr=out, cwd=code
            )
        try:
            while time.perf_counter() - started < _GIVE_UP:
                if server.poll() is not None:
                    raise RuntimeError(log.read_text("utf-8", errors="replace"))
                reply = _ask(port, question)
                if reply is not None:
                    if _CITED.search(reply):
                        answered = time.perf_counter() - started
                        server.terminate()
                        server.wait(timeout=30)
                        return answered, _children_cpu() - cpu
                    raise RuntimeError(f"no article in the answer: {reply}")
                time.sleep(_POLL)
            raise RuntimeError(f"no answer in {_GIVE_UP:.0f} s")
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None, help="index folder (default as serve)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--question", default="房东不退押金怎么办")
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    args = parser.parse_args()
    folder = index_dir(args.index)
    if not folder.is_dir():
        sys.exit(f"no law index in {folder} (run `jingmin law import`)")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("PYTHONDONTWRITEBYTECODE is set: each start compiles every module it imports")
    if args.baseline is not None:
        compare(folder, args.question, args.runs, args.baseline.resolve())
        return
    totals = []
    for run in range(1, args.runs + 1):
        answered, cpu = measure(folder, args.question)
        totals.append(answered)
        print(f"run {run}: first law answer after {answered:.2f} s ({cpu:.2f} s of CPU)")
    print(f"server start with the index: best {min(totals):.2f} s, worst {max(totals):.2f} s")


def compare(folder: Path, question: str, runs: int, baseline: Path) -> None:
    """The baseline's server and this tree's in turn, each on its own copy of the index."""
    sides = {"baseline": baseline, "this tree": _HERE}
    cpu: dict[str, list[float]] = {side: [] for side in sides}
    wall: dict[str, list[float]] = {side: [] for side in sides}
    with tempfile.TemporaryDirectory(prefix="jingmin-law-start-index-") as scratch:
        copies = {side: Path(scratch) / str(n) for n, side in enumerate(sides)}
        for side, copy in copies.items():
            shutil.copytree(folder, copy)
            measure(copy, question, sides[side])  # what a first start saves, saved
        for run in range(1, runs + 1):
            for side, code in sides.items():
                answered, used = measure(copies[side], question, code)
                wall[side].append(answered)
                cpu[side].append(used)
                print(f"run {run}, {side}: {answered:.2f} s ({used:.2f} s of CPU)")
    base, here = (statistics.median(cpu[side]) for side in sides)
    print(
        f"server start with the index, median CPU: baseline {base:.2f} s, this tree "
        f"{here:.2f} s, ratio {here / base:.2f} (wall: {statistics.median(wall['baseline']):.2f}"
        f" s, {statistics.median(wall['this tree']):.2f} s)"
    )


if __name__ == "__main__":
    main()
