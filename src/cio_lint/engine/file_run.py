"""Lint one file: decode, parse once, build the semantic model, run every rule.

``analyze`` is a pure function of its (picklable) arguments, so it can run in a
worker process and its result can be cached by content hash.
"""

from __future__ import annotations

import ast
import functools
import io
import tokenize
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import libcst as cst

from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.records import ExternalClient
from cio_lint.core.config import Config
from cio_lint.core.findings import FileError, Finding, Position, Severity
from cio_lint.core.secrets import mask_secrets
from cio_lint.engine.suppressions import Suppression, find_suppressions, is_suppressed
from cio_lint.rules import REGISTRY
from cio_lint.rules.base import Fact, LintContext

UNPARSABLE_CODE = "CIO000"
UNPARSABLE_NAME = "unparsable-file"


@dataclass
class FileResult:
    """What one file contributes to a run."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    exports: dict[str, ExternalClient] = field(default_factory=dict)
    reexports: dict[str, str] = field(default_factory=dict)
    project_imports: frozenset[str] = frozenset()
    suppressions: dict[int, list[Suppression]] = field(default_factory=dict)
    module_name: str = ""
    parsed: bool = False
    #: Source lines the findings point at, secrets masked (for reporters that quote code).
    lines: dict[int, str] = field(default_factory=dict)


def module_name_for(path: Path) -> tuple[str, bool]:
    """The dotted module name of a file, from the packages (``__init__.py``) above it."""
    path = path.absolute()
    is_package = path.name in ("__init__.py", "__init__.pyi")
    package = _package_of(str(path.parent))
    name = package if is_package else ".".join(p for p in (package, path.stem) if p)
    return name, is_package


@functools.lru_cache(maxsize=4096)
def _package_of(directory: str) -> str:
    """The dotted package a directory is (``""`` when it holds no ``__init__``)."""
    folder = Path(directory)
    if not ((folder / "__init__.py").exists() or (folder / "__init__.pyi").exists()):
        return ""
    if folder.parent == folder:
        return folder.name
    parent = _package_of(str(folder.parent))
    return f"{parent}.{folder.name}" if parent else folder.name


def encoding_of(data: bytes) -> str:
    """The PEP 263 encoding of a file's bytes (``utf-8-sig`` keeps a BOM on writing)."""
    try:
        return tokenize.detect_encoding(io.BytesIO(data).readline)[0]
    except SyntaxError:
        return "utf-8"


def decode_source(data: bytes) -> str:
    """Decode per PEP 263 (coding cookie, BOM), raising ``UnicodeDecodeError``/``SyntaxError``."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        # No usable cookie and undecodable first lines: decoding as UTF-8 (the default)
        # raises the error that carries the offending byte's position.
        data.decode("utf-8")
        raise
    return data.decode(encoding)


def analyze(
    display: str,
    data: bytes,
    config: Config,
    codes: frozenset[str],
    *,
    module_name: str = "",
    is_package: bool = False,
    external: Mapping[str, ExternalClient] | None = None,
) -> FileResult:
    """Lint the bytes of one file with the rules named by ``codes``."""
    result = FileResult(display, module_name=module_name)
    try:
        source = decode_source(data)
    except UnicodeDecodeError as error:
        position = _byte_position(data, error.start)
        result.findings.append(
            unparsable(display, position, f"file is not valid {error.encoding}: {error.reason}")
        )
        return result
    except (SyntaxError, LookupError) as error:
        result.findings.append(unparsable(display, Position(1, 1), f"bad encoding: {error}"))
        return result
    too_deep = _beyond_python_nesting(data, source)
    if too_deep is not None:
        result.findings.append(unparsable(display, *too_deep))
        return result
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        position, message = diagnose_syntax(source, error)
        result.findings.append(unparsable(display, position, message))
        return result
    except RecursionError:
        result.findings.append(
            unparsable(display, Position(1, 1), "nesting is too deep to parse")
        )
        return result
    result.parsed = True
    try:
        semantic = SemanticModel(
            module,
            module_name=module_name,
            is_package=is_package,
            client_names=config.client_names,
            external=external,
            source=source,
        )
    except RecursionError:
        result.findings.append(
            unparsable(display, Position(1, 1), "nesting is too deep to analyse")
        )
        return result
    model = PythonModel(semantic, config)
    ctx = LintContext(display, model, config, semantic)
    for code in sorted(codes):
        rule = REGISTRY.get(code)
        if rule is None or code == UNPARSABLE_CODE:
            continue
        try:
            rule.check(ctx)
        except RecursionError:
            result.errors.append(
                FileError(display, f"{code}: code nests too deeply to analyse", internal=True)
            )
        except Exception as error:
            where = traceback.extract_tb(error.__traceback__)[-1]
            result.errors.append(
                FileError(
                    display,
                    f"internal error in {code}: {type(error).__name__}: {error} "
                    f"({Path(where.filename).name}:{where.lineno})",
                    internal=True,
                )
            )
    try:
        result.exports = model.exported_clients()
        result.reexports = model.reexports()
    except RecursionError:  # pragma: no cover - extreme nesting only
        pass
    result.project_imports = model.project_imports()
    result.facts = ctx.facts
    if ctx.findings or ctx.facts or "noqa" in source or "cio-lint:" in source:
        result.suppressions = find_suppressions(source)
    secrets = ctx.secrets
    for finding in sorted(ctx.findings, key=Finding.sort_key):
        finding = redact_finding(finding, secrets)
        if is_suppressed(finding, result.suppressions):
            result.suppressed.append(finding)
        else:
            result.findings.append(finding)
    if ctx.facts or result.findings or result.suppressions:
        located: list[Finding | Fact] = [*result.findings, *ctx.facts]
        spans = [(item.start.line, item.end.line) for item in located]
        spans.extend((line, line) for line in result.suppressions)
        result.lines = quoted_lines(source, spans, secrets)
    return result


def redact_finding(finding: Finding, secrets: Sequence[str]) -> Finding:
    if not secrets:
        return finding
    return replace(
        finding,
        message=mask_secrets(finding.message, secrets),
        wrong=mask_secrets(finding.wrong, secrets),
        correct=mask_secrets(finding.correct, secrets),
    )


_MAX_QUOTED_LINES = 6


def quoted_lines(
    source: str, spans: Sequence[tuple[int, int]], secrets: Sequence[str]
) -> dict[int, str]:
    """The (masked) source lines of each (first, last) span, at most a few per span."""
    all_lines = source.splitlines()
    wanted: set[int] = set()
    for first, last in spans:
        wanted.update(range(first, min(last, first + _MAX_QUOTED_LINES - 1) + 1))
    return {
        number: mask_secrets(all_lines[number - 1], secrets, keep_width=True)
        for number in sorted(wanted)
        if 0 < number <= len(all_lines)
    }


#: CPython refuses code nested deeper than this (its tokenizer's MAXLEVEL).
PYTHON_MAX_NESTING = 200
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"([{)]}")
_OPENERS = frozenset(b"([{")


def _beyond_python_nesting(data: bytes, source: str) -> tuple[Position, str] | None:
    """Python's own diagnosis of a file nested deeper than Python allows, if it is.

    LibCST needs quadratic time and memory for deeply nested brackets (5,000 levels:
    minutes and gigabytes), yet no such file is valid Python. Counting brackets in the
    raw bytes (strings included, so it can only over-count) is cheap; Python's parser
    then confirms, so a file with brackets in its strings is still analysed.
    """
    depth = deepest = 0
    for byte in data.translate(None, _NOT_BRACKETS):
        depth = depth + 1 if byte in _OPENERS else depth - 1
        if depth > deepest:
            deepest = depth
            if deepest > PYTHON_MAX_NESTING:
                break
    if deepest <= PYTHON_MAX_NESTING:
        return None
    try:
        ast.parse(source)
    except SyntaxError as error:
        return Position(error.lineno or 1, max(error.offset or 1, 1)), f"syntax error: {error.msg}"
    except (RecursionError, MemoryError, ValueError):
        return Position(1, 1), "nesting is too deep to parse"
    return None


def diagnose_syntax(source: str, error: cst.ParserSyntaxError) -> tuple[Position, str]:
    """Where and why a file does not parse, in Python's own words when it has them.

    Python's compiler names the problem ("Missing parentheses in call to 'print'")
    better than LibCST's token lists; when Python accepts the file, say that the
    syntax is beyond LibCST rather than call valid code an error.
    """
    try:
        ast.parse(source)
    except SyntaxError as syntax:
        line = syntax.lineno or 1
        column = max(syntax.offset or 1, 1)
        return Position(line, column), f"syntax error: {syntax.msg}"
    except ValueError as value:  # before 3.12: "source code string cannot contain null bytes"
        return Position(error.editor_line, error.editor_column), f"syntax error: {value}"
    except (RecursionError, MemoryError):
        pass
    else:
        return (
            Position(error.editor_line, error.editor_column),
            "valid Python that LibCST, the parser cio-lint uses, cannot read here; nothing "
            "in this file is checked",
        )
    return Position(error.editor_line, error.editor_column), "syntax error"


def unparsable(path: str, position: Position, message: str) -> Finding:
    return Finding(
        code=UNPARSABLE_CODE,
        name=UNPARSABLE_NAME,
        severity=Severity.ERROR,
        path=path,
        start=position,
        end=position,
        message=message,
        wrong="",
        correct="fix the file so that Python can parse it, or exclude it",
    )


def _byte_position(data: bytes, offset: int) -> Position:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Position(line, column)


def sorted_findings(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)
