"""The language server (``cio-lint server``): live diagnostics, quick fixes and hovers
in any editor that speaks LSP. Needs the ``lsp`` extra (pygls and lsprotocol), which
the rest of cio-lint never imports."""

from __future__ import annotations

from cio_lint.cli_usage import fail


def serve() -> None:
    """Serve one editor over stdin/stdout until it disconnects."""
    try:
        from cio_lint.server.features import create_server
    except ImportError:
        fail("cio-lint server needs the lsp extra: pip install 'cio-lint[lsp]'")
        return

    create_server().start_io()
