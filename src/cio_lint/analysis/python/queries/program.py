"""Python answers to the whole-program questions: what the module exports, the calls
of project functions that reach the SDK, and the pools that start them per item."""

from __future__ import annotations

from cio_lint.analysis.execution import ConcurrentBurst
from cio_lint.analysis.python.bursts import concurrent_bursts
from cio_lint.analysis.python.queries.base import PythonQueriesBase
from cio_lint.analysis.python.summarising import Summariser, worth_summarising
from cio_lint.analysis.python.wrapper_calls import wrapper_calls
from cio_lint.analysis.python.wrapper_constructions import wrapper_constructions
from cio_lint.analysis.records import SdkCall
from cio_lint.analysis.summaries import FunctionSummary, Knowledge, close_module


class PythonProgramQueries(PythonQueriesBase):
    """Summaries of this module's functions, closed with what other modules told it."""

    _summariser: Summariser | None = None
    _raw: dict[str, FunctionSummary] | None = None
    _closed: dict[str, FunctionSummary] | None = None
    _wrapper_calls: list[SdkCall] | None = None
    _bursts: list[ConcurrentBurst] | None = None
    _wrapper_constructions: list[SdkCall] | None = None

    def exports(self) -> dict[str, Knowledge]:
        result: dict[str, Knowledge] = dict(self.semantic.exports())
        for key, summary in self._raw_summaries().items():
            result.setdefault(key, summary)
        return result

    def wrapper_calls(self) -> list[SdkCall]:
        if self._wrapper_calls is None:
            if not any(summary.operations for summary in self._closed_summaries().values()):
                self._wrapper_calls = []
                return self._wrapper_calls
            self._wrapper_calls = wrapper_calls(
                self.semantic, self._summariser_of(), self._closed_summaries().get,
                self._is_local,
            )
        return self._wrapper_calls

    def concurrent_bursts(self) -> list[ConcurrentBurst]:
        if self._bursts is None:
            self._bursts = concurrent_bursts(
                self.semantic, self._summariser_of(), self._closed_summaries().get,
                self._is_local,
            )
        return self._bursts

    def wrapper_constructions(self) -> list[SdkCall]:
        if self._wrapper_constructions is None:
            self._wrapper_constructions = wrapper_constructions(
                self.semantic, self._summariser_of(), self._closed_summaries().get,
                self._is_local,
            )
        return self._wrapper_constructions

    def _is_local(self, name: str) -> bool:
        """Is the qualified ``name`` a function (or class) of this module?"""
        prefix = f"{self.semantic.module_name}." if self.semantic.module_name else ""
        name = name[len(prefix):] if name.startswith(prefix) else name
        local = self._raw_summaries()
        return name in local or f"{name}.__init__" in local

    def _summariser_of(self) -> Summariser:
        if self._summariser is None:
            self._summariser = Summariser(self.semantic)
        return self._summariser

    def _raw_summaries(self) -> dict[str, FunctionSummary]:
        if self._raw is None:
            if not worth_summarising(self.semantic):
                self._raw = {}
                return self._raw
            try:
                self._raw = self._summariser_of().summaries()
            except RecursionError:  # nesting too deep to follow: no summaries, once
                self._raw = {}
        return self._raw

    def _closed_summaries(self) -> dict[str, FunctionSummary]:
        """Same-module functions closed over each other and over the summaries of other
        modules' functions (already closed by the project phase), by qualified name."""
        if self._closed is None:
            self._closed = close_module(
                self._raw_summaries(), self.semantic.module_name, self.semantic.external
            )
        return self._closed
