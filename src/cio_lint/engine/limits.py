"""What one file's analysis may cost unless told otherwise. Kept apart from ``budget``,
which enforces it, so the command line shows the default without loading the budget."""

from __future__ import annotations

#: Far above any real file (a 20,000-line file of SDK calls takes about 20 s on a slow
#: machine), so results do not depend on the machine; hostile input still ends.
DEFAULT_SECONDS = 60.0
#: A worker's address space: its 512 MiB reserved stack, the interpreter and the file.
DEFAULT_MEMORY_MB = 4096
