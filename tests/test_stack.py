"""The large-stack thread: deep code gets its stack, and nothing else does."""

from __future__ import annotations

import threading

import pytest

from cio_lint.engine.stack import run_with_large_stack


def test_the_function_runs_on_a_thread_of_its_own_and_its_result_comes_back() -> None:
    caller = threading.get_ident()
    assert run_with_large_stack(threading.get_ident) != caller


def test_threads_it_starts_at_once_get_the_default_stack_size() -> None:
    """The watchdog starts with the first file. Had it the 512 MiB stack too, a worker
    process under its address-space limit ran out after a few batches."""
    before = threading.stack_size()
    for _ in range(20):  # the new thread runs first as often as the scheduler lets it
        assert run_with_large_stack(threading.stack_size) == before


def test_an_exception_is_raised_in_the_caller() -> None:
    def fail() -> None:
        raise KeyError("deep")

    with pytest.raises(KeyError, match="deep"):
        run_with_large_stack(fail)
