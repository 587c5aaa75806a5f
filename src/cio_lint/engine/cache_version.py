"""The version of the cache's layout: entries, the manifest and run records live under
``v<FORMAT>``, so a cio-lint that reads them differently never reads another's. Kept
apart from the entries' JSON so the stages that only find an entry import nothing of the
analysis."""

from __future__ import annotations

#: 3: facts are plain values; 4: entries are signed and record the digest; 5: a long
#: finding also quotes its last line, and file-wide ``# cio-lint: noqa`` comments are
#: recorded as such; 6: exports are function summaries and constants too, findings carry
#: related locations; 7: summaries record the clients an ``__init__`` builds; 8: keys
#: hash the file's digest (a manifest knows it without reading the file), and results
#: that hold credentials are cached, their literals sealed; 9: run records (``replay``).
FORMAT = 9
