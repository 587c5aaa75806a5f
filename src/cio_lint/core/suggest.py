"""The "did you mean ...?" of one-line errors: the closest known spelling, if close."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(word: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known spelling nearest ``word`` (case, ``_``/``-`` and word order aside), or None."""
    candidates = sorted(set(known))
    folded = {_fold(candidate): candidate for candidate in candidates}
    if _fold(word) in folded and folded[_fold(word)] != word:
        return folded[_fold(word)]
    import difflib  # only a mistake needs a suggestion

    close = difflib.get_close_matches(word, candidates, n=1, cutoff=cutoff)
    return close[0] if close and close[0] != word else None


def hint(word: str, known: Iterable[str], cutoff: float = 0.6) -> str:
    """`` (did you mean 'X'?)`` for an error message, or nothing."""
    suggestion = did_you_mean(word, known, cutoff)
    return f" (did you mean '{suggestion}'?)" if suggestion is not None else ""


def _fold(word: str) -> str:
    """``Extend_Exclude`` and ``exclude-extend`` alike: lower case, words sorted."""
    return "-".join(sorted(word.lower().replace("_", "-").split("-")))
