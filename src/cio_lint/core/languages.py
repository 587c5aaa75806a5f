"""Which language a file is written in, by its name: what rules need to word advice in
the code's own language (a Python rewrite is no help in a TypeScript file)."""

from __future__ import annotations

JAVASCRIPT_SUFFIXES = (".js", ".jsx", ".mjs", ".cjs")
TYPESCRIPT_SUFFIXES = (".ts", ".mts", ".cts")
TSX_SUFFIXES = (".tsx",)
#: Every file name ending read as JavaScript or TypeScript.
NODE_SUFFIXES = (*JAVASCRIPT_SUFFIXES, *TYPESCRIPT_SUFFIXES, *TSX_SUFFIXES)


def is_node_path(path: str) -> bool:
    """Is ``path`` a JavaScript or TypeScript file?"""
    return path.endswith(NODE_SUFFIXES)
