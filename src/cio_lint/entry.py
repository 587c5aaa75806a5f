"""The ``cio-lint`` console script.

A ``check`` whose report can be replayed from stamps alone (``engine.quick_replay``)
prints it before anything else loads: no command line, configuration or walk. Every
other command line goes to the command line proper (``cli``).
"""

from __future__ import annotations

import contextlib
import os
import sys

#: ``typing.TYPE_CHECKING`` without importing ``typing``: a replay never needs it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn


def main() -> None:
    """Replay a check's report if nothing it covers changed; else run the command line."""
    argv = sys.argv[1:]
    if argv[:1] == ["check"] and "--no-cache" not in argv:  # (without a cache: nothing kept)
        from cio_lint.engine import quick_replay

        replayed = quick_replay.replay(argv)
        if replayed is not None:
            text, status = replayed
            with contextlib.suppress(OSError, ValueError):  # a reader that went away
                sys.stdout.write(text)
            leave(status)
    from cio_lint.cli import main as command_line

    command_line()


def leave(code: object) -> NoReturn:
    """Exit now with ``code`` as ``SystemExit`` means it (None: 0; text: printed, 1),
    once the output is flushed, without the interpreter's own exit (``cli.main`` says
    why)."""
    helper = sys.modules.get("cio_lint.engine.helper")  # (a large ``check`` starts one)
    if helper is not None:
        helper.stop_helper(wait=False)
    status = code if isinstance(code, int) else 0 if code is None else 1
    if not isinstance(code, int) and code is not None:
        print(code, file=sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        # A reader that went away (``| head``) or a closed stream: nothing left to say.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)
