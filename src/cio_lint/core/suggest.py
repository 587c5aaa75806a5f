"""The "did you mean ...?" of one-line errors: the closest known spelling, if close."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


def did_you_mean(word: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known spelling nearest ``word`` (case, ``_``/``-`` and word order aside), or None."""
    candidates = sorted(set(known))
    folded = {_fold(candidate): candidate for candidate in candidates}
    if _fold(word) in folded and folded[_fold(word)] != word:
        return folded[_fold(word)]
    if not any(_may_be_close(word, candidate, cutoff) for candidate in candidates):
        return None  # the common case (every other tool's table of pyproject.toml)
    import difflib  # only a likely mistake needs a suggestion

    close = difflib.get_close_matches(word, candidates, n=1, cutoff=cutoff)
    return close[0] if close and close[0] != word else None


def hint(word: str, known: Iterable[str], cutoff: float = 0.6) -> str:
    """`` (did you mean 'X'?)`` for an error message, or nothing."""
    suggestion = did_you_mean(word, known, cutoff)
    return f" (did you mean '{suggestion}'?)" if suggestion is not None else ""


def _may_be_close(word: str, candidate: str, cutoff: float) -> bool:
    """Whether ``difflib`` could rate the two ``cutoff`` or more: twice the letters they
    share over their total length bounds its ratio from above (its ``quick_ratio``)."""
    total = len(word) + len(candidate)
    shared = sum((Counter(word) & Counter(candidate)).values())
    return total > 0 and 2 * shared / total >= cutoff


def _fold(word: str) -> str:
    """``Extend_Exclude`` and ``exclude-extend`` alike: lower case, words sorted."""
    return "-".join(sorted(word.lower().replace("_", "-").split("-")))
