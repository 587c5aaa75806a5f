"""The language server (``cio-lint server``): live diagnostics, quick fixes and hovers
in any editor that speaks LSP. Needs the ``lsp`` extra (pygls and lsprotocol), which
the rest of cio-lint never imports."""

from __future__ import annotations

from importlib.util import find_spec

from cio_lint.cli_usage import fail


def serve() -> None:
    """Serve one editor over stdin/stdout until it disconnects."""
    if not all(find_spec(name) for name in ("pygls", "lsprotocol")):
        fail("cio-lint server needs the lsp extra: pip install 'cio-lint[lsp]'")
        return
    from cio_lint.server.features import create_server

    create_server().start_io()
