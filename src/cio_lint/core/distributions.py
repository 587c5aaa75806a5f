"""The installed version of a distribution, read from its ``.dist-info`` folder name.

The cache key names the parser's version. ``importlib.metadata`` answers that too, but
importing it (email, zipfile, csv) costs more than a warm run's whole lint, so the
folders on ``sys.path`` are listed first, in the order the import system searches them;
only a distribution installed some other way (an egg, a zip) asks ``importlib.metadata``.
"""

from __future__ import annotations

import os
import re
import sys

from cio_lint.core.probes import remembered

_SEPARATORS = re.compile(r"[-_.]+")
_DIST_INFO = ".dist-info"


def _normalised(name: str) -> str:
    """A distribution name as its ``.dist-info`` folder spells it (PEP 503, lower case)."""
    return _SEPARATORS.sub("_", name).lower()


def _listed(entry: str) -> list[str]:
    try:
        return os.listdir(entry or ".")
    except OSError:  # a zip file, a missing folder: not a place to list
        return []


@remembered()
def installed_version(name: str) -> str:
    """The version of the distribution ``name`` the running interpreter would import."""
    wanted = _normalised(name)
    for entry in sys.path:
        for item in _listed(entry):
            if not item.endswith(_DIST_INFO):
                continue
            distribution, separator, version = item[: -len(_DIST_INFO)].partition("-")
            if separator and version and _normalised(distribution) == wanted:
                return version
    from importlib.metadata import version as metadata_version

    return metadata_version(name)
