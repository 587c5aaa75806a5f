"""Which tree-sitter grammar reads which file, loaded once per process and only when needed.

The grammar follows the file name's ending, as Node and TypeScript decide it: ``.ts``,
``.mts`` and ``.cts`` are TypeScript (where ``<T>x`` is a cast), ``.tsx`` is TypeScript with
JSX, and every JavaScript ending is read by the JavaScript grammar, which knows JSX.
"""

from __future__ import annotations

from enum import Enum
from functools import cache

from tree_sitter import Language, Parser

from cio_lint.core.languages import NODE_SUFFIXES, TSX_SUFFIXES, TYPESCRIPT_SUFFIXES


class Grammar(str, Enum):
    JAVASCRIPT = "javascript"
    TYPESCRIPT = "typescript"
    TSX = "tsx"


#: Every file name ending this frontend reads.
SUFFIXES = NODE_SUFFIXES


def grammar_for(path: str) -> Grammar:
    """The grammar for a file name (TypeScript's for declaration files too)."""
    if path.endswith(TSX_SUFFIXES):
        return Grammar.TSX
    if path.endswith(TYPESCRIPT_SUFFIXES):
        return Grammar.TYPESCRIPT
    return Grammar.JAVASCRIPT


@cache
def language(grammar: Grammar) -> Language:
    if grammar is Grammar.JAVASCRIPT:
        import tree_sitter_javascript

        return Language(tree_sitter_javascript.language())
    import tree_sitter_typescript

    if grammar is Grammar.TSX:
        return Language(tree_sitter_typescript.language_tsx())
    return Language(tree_sitter_typescript.language_typescript())


@cache
def parser(grammar: Grammar) -> Parser:
    return Parser(language(grammar))
