"""The ``cio-lint`` console script.

A ``check`` whose report can be replayed from stamps alone (``engine.quick_replay``)
prints it before anything else loads: no command line, configuration or walk. Every
other command line goes to the command line proper (``cli``).
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Replay a check's report if nothing it covers changed; else run the command line."""
    argv = sys.argv[1:]
    if argv[:1] == ["check"] and "--no-cache" not in argv:  # (without a cache: nothing kept)
        from cio_lint.engine import quick_replay

        replayed = quick_replay.replay(argv)
        if replayed is not None:
            text, status = replayed
            try:
                sys.stdout.write(text)
                sys.stdout.flush()
            except (OSError, ValueError):  # a reader that went away (``| head``)
                pass
            os._exit(status)  # as the command line leaves: nothing is left to tear down
    from cio_lint.cli import main as command_line

    command_line()
