"""The command's imports: what they make is kept out of later collections."""

from __future__ import annotations

import subprocess
import sys


def test_the_server_s_modules_are_frozen_and_the_collector_goes_on() -> None:
    """Importing the commands had set off collections that walked everything imported so
    far, again and again; it is frozen once instead, and the collector is on after it."""
    code = (
        "import gc\n"
        "runs = []\n"
        "gc.callbacks.append(lambda phase, info: runs.append(1) if phase == 'start' else None)\n"
        "import bot.cli.main\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 100_000, len(runs) < 10)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "True", "True"]
