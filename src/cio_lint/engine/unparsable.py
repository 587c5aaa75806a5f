"""CIO000: the one finding of a file that cannot be decoded or analysed.

Decoding is the engine's; why a text does not parse is its frontend's to say
(``analysis.unparsable.Unparsable``). The texts of the finding come from the rule's own
metadata (``cio000_unparsable_file``).
"""

from __future__ import annotations

from cio_lint.analysis.frontends import frontend_for
from cio_lint.core.findings import Finding, Position
from cio_lint.engine.reading import decode_source


def unparsable(path: str, position: Position, message: str) -> Finding:
    """The CIO000 finding for ``path``, whose advice names the file's language."""
    # The rule's module loads the rule registry: only a file that fails needs it.
    from cio_lint.rules.cio000_unparsable_file import RULE as UNPARSABLE

    return UNPARSABLE.finding(path, position, message, frontend_for(path).language(path))


def decoded_or_unparsable(path: str, data: bytes) -> str | Finding:
    """The text of a file, or the CIO000 finding saying why it has none."""
    try:
        return decode_source(data)
    except UnicodeDecodeError as error:
        return unparsable(
            path,
            _byte_position(data, error.start),
            f"file is not valid {error.encoding}: {error.reason}",
        )
    except (SyntaxError, LookupError) as error:
        return unparsable(path, Position(1, 1), f"bad encoding: {error}")


def _byte_position(data: bytes, offset: int) -> Position:
    """The line and character column of a byte offset (for a decoding error)."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Position(line, column)
