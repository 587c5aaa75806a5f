"""Guards for the Python text a fix or a suggestion writes.

A rule describes a rewrite with text the frontend builds; building it must never
raise (one odd call would end the whole run with an internal error) and never
suggest code Python refuses. An edit must not drop what it does not mean to
change, so the builders ask here whether a comment or a line break is in the way.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable
from typing import ParamSpec

import libcst as cst

P = ParamSpec("P")


def is_expression(text: str) -> bool:
    """Does Python accept ``text`` as one expression?"""
    try:
        ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def checked_rewrite(builder: Callable[P, str | None]) -> Callable[P, str | None]:
    """``builder``, returning None (no suggestion, no fix) instead of raising or of
    returning an expression Python would refuse."""

    @functools.wraps(builder)
    def checked(*args: P.args, **kwargs: P.kwargs) -> str | None:
        try:
            text = builder(*args, **kwargs)
        except (cst.CSTValidationError, cst.ParserSyntaxError):
            return None
        return text if text is None or is_expression(text) else None

    return checked


def has_comment(*nodes: cst.CSTNode | None) -> bool:
    """Does any of ``nodes`` hold a comment (which rewriting it would drop)?"""
    # A plain walk: ``libcst.matchers`` would cost every run 0.3 s just to import.
    stack = [node for node in nodes if node is not None]
    while stack:
        node = stack.pop()
        if type(node) is cst.Comment:
            return True
        stack.extend(node.children)
    return False


def breaks_line(module: cst.Module, *nodes: cst.CSTNode | None) -> bool:
    """Does the code of any of ``nodes`` span a line break?"""
    for node in nodes:
        if node is None:
            continue
        text = module.code_for_node(node)
        if "\n" in text or "\r" in text:
            return True
    return False
