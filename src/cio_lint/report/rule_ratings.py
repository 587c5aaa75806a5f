"""How far each rule's findings can be trusted, and which are security problems.

Code-scanning services sort and filter by these (SARIF ``properties.precision`` and
``properties.security-severity``). Precision says how the rule judges, not how bad
the mistake is:

- ``very-high``: the fact is certain from the code (the compiler or the SDK's own
  names say so);
- ``high``: the code shows the mistake itself (a literal, a call's shape, a value
  computed in a way that can only be wrong);
- ``medium``: judged from names (``TRACK_KEY``, ``user.email``, a function called
  ``signup``) or from where code runs (a view, a task, a loop), which can mislead;
- ``low``: judged from the project as a whole, which cio-lint may see only part of.
"""

from __future__ import annotations

PRECISION: dict[str, str] = {
    "CIO000": "very-high",
    "CIO101": "medium",
    "CIO102": "medium",
    "CIO103": "high",
    "CIO104": "high",
    "CIO105": "medium",
    "CIO106": "medium",
    "CIO201": "high",
    "CIO202": "high",
    "CIO203": "high",
    "CIO204": "high",
    "CIO301": "medium",
    "CIO302": "medium",
    "CIO303": "medium",
    "CIO304": "high",
    "CIO305": "very-high",
    "CIO306": "medium",
    "CIO401": "high",
    "CIO402": "high",
    "CIO403": "medium",
    "CIO404": "high",
    "CIO405": "high",
    "CIO501": "high",
    "CIO502": "high",
    "CIO503": "high",
    "CIO504": "high",
    "CIO601": "medium",
    "CIO602": "medium",
    "CIO603": "high",
    "CIO604": "medium",
    "CIO605": "low",
    "CIO606": "high",
    "CIO607": "medium",
    "CIO701": "medium",
    "CIO702": "high",
    "CIO703": "medium",
    "CIO900": "very-high",
}

#: Rules whose findings are security problems, with GitHub's ``security-severity``
#: (0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9 high, 9.0+ critical). A key in the code is
#: usable by anyone who can read the repository or its history; sensitive data sent
#: to Customer.io is disclosed to a third party and everyone with workspace access.
SECURITY_SEVERITY: dict[str, str] = {
    "CIO103": "8.0",
    "CIO701": "7.0",
}


def precision(code: str) -> str:
    """The rule's precision; ``medium`` for a code this table does not rate yet."""
    return PRECISION.get(code, "medium")
