"""Reading a file: its bytes (with size and type checks) and its text (PEP 263).

Reading never raises: a file that cannot be read becomes a one-line error for that
file, so one unreadable file never stops a run.
"""

from __future__ import annotations

import io
import stat
from typing import TYPE_CHECKING

from cio_lint.engine.units import Unit

if TYPE_CHECKING:
    from cio_lint.core.file_errors import FileError

#: Files larger than this are reported, not parsed (generated blobs, vendored bundles).
MAX_FILE_BYTES = 10 * 1024 * 1024


def read_unit(unit: Unit) -> FileError | None:
    """Read a unit's bytes; an I/O problem becomes a one-line error for that file."""
    if unit.data is not None:
        return None
    problem = _read(unit)
    if problem is None:
        return None
    from cio_lint.core.file_errors import FileError  # only a file that failed needs one

    return FileError(unit.source.display, problem)


def _read(unit: Unit) -> str | None:
    """Read a unit's bytes into it, or say why they cannot be read."""
    path = unit.source.path
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            # A FIFO or device named on the command line would block or never end.
            return "skipped: not a regular file"
        size = status.st_size
        if size > MAX_FILE_BYTES:
            return (
                f"skipped: file is {size / 1_048_576:.1f} MB, over the "
                f"{MAX_FILE_BYTES // 1_048_576} MB limit"
            )
        unit.data = path.read_bytes()
    except IsADirectoryError:
        return "is a directory"
    except FileNotFoundError:
        return "no such file (was it deleted?)"
    except PermissionError:
        return "permission denied"
    except OSError as error:
        return f"cannot read: {error.strerror or error}"
    return None


def encoding_of(data: bytes) -> str:
    """The PEP 263 encoding of a file's bytes (``utf-8-sig`` keeps a BOM on writing)."""
    import tokenize  # loaded once a file is decoded: a replayed run never decodes one

    try:
        return tokenize.detect_encoding(io.BytesIO(data).readline)[0]
    except SyntaxError:
        return "utf-8"


def decode_source(data: bytes) -> str:
    """Decode per PEP 263 (coding cookie, BOM), raising ``UnicodeDecodeError``/``SyntaxError``."""
    import tokenize

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        # No usable cookie and undecodable first lines: decoding as UTF-8 (the default)
        # raises the error that carries the offending byte's position.
        data.decode("utf-8")
        raise
    return data.decode(encoding)

