"""How the command line ends: its exit codes, and errors as one line on stderr.

Click prints a usage block for a bad option or value; cio-lint says every error, usage
errors included, in one line and exits 2, as ruff does.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> None:
    """Say ``message`` as cio-lint's one-line error and exit 2."""
    click.echo(f"cio-lint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


class Commands(click.Group):
    """cio-lint's commands. A usage error (unknown option, bad value) is one line on
    stderr and exit 2, like every other error, where click prints its usage block."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        with one_line_usage_errors():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with one_line_usage_errors():
            return super().invoke(ctx)


@contextmanager
def one_line_usage_errors() -> Iterator[None]:
    try:
        yield
    except click.UsageError as error:
        if isinstance(error, getattr(click.exceptions, "NoArgsIsHelpError", ())):
            raise  # a bare `cio-lint`: click shows the help
        message = " ".join(error.format_message().split())
        if error.ctx is not None:
            end = "" if message.endswith((".", "?", "!")) else "."
            message += f"{end} Try `{error.ctx.command_path} --help`."
        fail(message)
