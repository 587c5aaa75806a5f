"""What a file must be told is looked up, not searched for: the exports a project's files
need are found with work that grows with the project, not with its square.

Counted, never timed: the export table is handed a dictionary that counts every export
it is asked for or walks past.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cio_lint.analysis.records import ExternalClient
from cio_lint.analysis.summaries import FunctionSummary, Knowledge
from cio_lint.core.client_kinds import ClientKind
from cio_lint.engine.file_run import FileResult
from cio_lint.engine.project_phase import ExportTable


class CountingExports(dict[str, Knowledge]):
    """The table's exports, counting each one read, tested or walked past."""

    looked_at = 0

    def __getitem__(self, key: str) -> Knowledge:
        self.looked_at += 1
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.looked_at += 1
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self.looked_at += 1
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        for key in super().__iter__():
            self.looked_at += 1
            yield key

    def keys(self) -> Any:
        return list(iter(self))

    def items(self) -> Any:
        return [(key, super().__getitem__(key)) for key in self]

    def values(self) -> Any:
        return [super().__getitem__(key) for key in self]


def exports_looked_at(modules: int) -> int:
    """How many exports telling each of ``modules`` callers what it imports looks at."""
    table = ExportTable()
    table.exports = CountingExports()
    table.add([
        FileResult(f"app/m{i}.py", module_name=f"app.m{i}", parsed=True, exports={
            "cio": ExternalClient(ClientKind.TRACK),
            "notify": FunctionSummary(builds_client=True),
        })
        for i in range(modules)
    ])
    counted = table.exports
    assert isinstance(counted, CountingExports)
    counted.looked_at = 0
    for i in range(modules):
        caller = FileResult(f"app/use{i}.py", module_name=f"app.use{i}", parsed=True,
                            uses_sdk=True, project_imports=frozenset({f"app.m{i}.cio"}))
        assert table.needed_by(caller) == {f"app.m{i}.cio": ExternalClient(ClientKind.TRACK)}
    return counted.looked_at


def test_twice_the_files_need_at_most_twice_the_lookups() -> None:
    # Each caller imports one client of its own module: a table that searched every
    # export for each caller would look at four times as many for twice the files.
    assert exports_looked_at(400) <= 2 * exports_looked_at(200)
