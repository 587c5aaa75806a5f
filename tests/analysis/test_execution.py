"""What the execution-context questions answer for Python snippets: entry points, error
handlers, loops and their pacing, thread offloading and the Pipelines queue, as neutral
values (roles, booleans, descriptions, rewrite text)."""

from __future__ import annotations

import libcst as cst
import pytest

from cio_lint.analysis.execution import (
    REQUEST_OR_TASK,
    SHORT_LIVED,
    BurstKind,
    EntryRole,
    LoopKind,
    names_rate_limiter,
)
from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.records import Function, SdkCall
from cio_lint.core.config import Config

TRACK = 'from customerio import CustomerIO\ncio = CustomerIO("site", "key")\n'
PIPELINES = "from customerio import analytics\n"


def model_of(src: str, module_name: str = "") -> PythonModel:
    semantic = SemanticModel(cst.parse_module(src), source=src, module_name=module_name)
    return PythonModel(semantic, Config())


def last_call(src: str) -> tuple[PythonModel, SdkCall]:
    model = model_of(src)
    return model, model.sdk_calls()[-1]


def function(model: PythonModel, name: str) -> Function:
    return next(f for f in model.functions() if f.name == name)


def role_of(src: str, name: str) -> EntryRole | None:
    model = model_of(src)
    entry = model.entry_point(function(model, name))
    return entry.role if entry is not None else None


# -- entry points ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "name", "role"),
    [
        ("def signup(request):\n    pass\n", "signup", EntryRole.VIEW),
        ("from celery import shared_task\n@shared_task\ndef sync(u):\n    pass\n", "sync",
         EntryRole.TASK),
        ("@app.post('/x')\nasync def create(form):\n    pass\n", "create", EntryRole.ROUTE),
        ("def handler(event, context):\n    pass\n", "handler", EntryRole.SERVERLESS),
        ("import click\n@click.command()\ndef run():\n    pass\n", "run", EntryRole.CLI),
        ("import argparse\ndef main():\n    argparse.ArgumentParser()\n", "main",
         EntryRole.CLI),
        ("from django.views import View\nclass Signup(View):\n    def post(self, r):\n"
         "        pass\n", "post", EntryRole.VIEW),
        ("class Command(BaseCommand):\n    def handle(self):\n        pass\n", "handle",
         EntryRole.CLI),
    ],
)
def test_entry_points_are_recognised_from_clear_signals(
    src: str, name: str, role: EntryRole
) -> None:
    assert role_of(src, name) is role


@pytest.mark.parametrize(
    ("src", "name"),
    [
        ("def helper(user):\n    pass\n", "helper"),
        ("def test_signup(request):\n    pass\n", "test_signup"),  # pytest's fixture
        ("def handler(event, context, extra):\n    pass\n", "handler"),
        # ``request`` here is a Customer.io request object, not an HTTP request
        ("from customerio import APIClient\napi = APIClient('k')\n"
         "def send(request):\n    api.send_email(request)\n", "send"),
    ],
)
def test_look_alikes_are_not_entry_points(src: str, name: str) -> None:
    assert role_of(src, name) is None


def test_entry_point_description_and_enclosing_entry() -> None:
    model = model_of(
        "from celery import shared_task\n@shared_task\ndef sync(u):\n"
        "    def inner():\n        pass\n"
    )
    entry = model.enclosing_entry_point(function(model, "inner"))
    assert entry is not None
    assert entry.description == "Celery task `sync`"
    assert entry.function.name == "sync"
    assert model.enclosing_entry_point(None) is None


def test_role_groups() -> None:
    assert EntryRole.CLI not in REQUEST_OR_TASK
    assert EntryRole.VIEW not in SHORT_LIVED
    assert EntryRole.TASK in REQUEST_OR_TASK & SHORT_LIVED


def test_reachable_functions_follow_same_module_calls() -> None:
    model = model_of("def a():\n    b()\ndef b():\n    c()\ndef c():\n    pass\nd = 1\n")
    assert {f.name for f in model.reachable_functions(function(model, "a"))} == {"b", "c"}
    assert model.reachable_functions(function(model, "c")) == []


# -- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("handler", "handled"),
    [
        ("except CustomerIOException:", True),
        ("except (ValueError, CustomerIOException):", True),
        ("except Exception:", True),
        ("except:", True),
        ("except ValueError:", False),
    ],
)
def test_try_blocks_catch_the_sdk_error(handler: str, handled: bool) -> None:
    model, call = last_call(
        "from customerio import CustomerIOException\n" + TRACK
        + f"def view(request):\n    try:\n        cio.identify(id=1)\n    {handler}\n"
        "        pass\n"
    )
    assert model.sdk_errors_handled(call) is handled


def test_a_shadowed_exception_name_does_not_catch() -> None:
    model, call = last_call(
        TRACK + "class Exception(BaseException):\n    pass\n"
        "def view(request):\n    try:\n        cio.identify(id=1)\n    except Exception:\n"
        "        pass\n"
    )
    assert not model.sdk_errors_handled(call)


def test_suppress_and_callers_handle_errors() -> None:
    suppressed = model_of(
        "import contextlib\nfrom customerio import CustomerIOException\n" + TRACK
        + "def f():\n    with contextlib.suppress(CustomerIOException):\n"
        "        cio.identify(id=1)\n"
    )
    assert suppressed.sdk_errors_handled(suppressed.sdk_calls()[-1])
    src = (
        TRACK + "def helper():\n    cio.identify(id=1)\n"
        "def view(request):\n    try:\n        helper()\n    except Exception:\n"
        "        pass\n"
    )
    caught = model_of(src)
    assert caught.sdk_errors_handled(caught.sdk_calls()[-1])
    uncaught = model_of(src + "def other(request):\n    helper()\n")
    assert not uncaught.sdk_errors_handled(uncaught.sdk_calls()[-1])


@pytest.mark.parametrize(
    ("decorator", "retried"),
    [
        ("@shared_task(autoretry_for=(CustomerIOException,))", True),
        ("@shared_task(autoretry_for=(ValueError,))", False),
        ("@shared_task", False),
    ],
)
def test_task_retries(decorator: str, retried: bool) -> None:
    model = model_of(
        "from celery import shared_task\nfrom customerio import CustomerIOException\n"
        f"{decorator}\ndef sync(u):\n    pass\n"
    )
    entry = model.entry_point(function(model, "sync"))
    assert entry is not None
    assert model.task_retries_sdk_errors(entry) is retried


def test_error_handling_rewrite_wraps_the_call() -> None:
    model, call = last_call(TRACK + "cio.identify(id=1)\n")
    assert model.error_handling_rewrite(call) == (
        "try:\n    cio.identify(id=1)\nexcept CustomerIOException:\n"
        '    logger.warning("Customer.io identify failed")'
    )
    assert model.callee_text(call) == "cio.identify"


# -- loops -------------------------------------------------------------------------------


def only_loop_of(src: str) -> tuple[PythonModel, SdkCall]:
    model, call = last_call(src)
    assert len(call.context.loops) == 1
    return model, call


@pytest.mark.parametrize(
    ("header", "small"),
    [
        ('for e in ("a", "b"):', True),
        ("for e in range(3):", True),
        ("for e in range(2, 40):", False),
        ("for e in [*rest]:", False),
        ("for e in users:", False),
    ],
)
def test_small_loops(header: str, small: bool) -> None:
    model, call = only_loop_of(TRACK + f"{header}\n    cio.identify(id=e)\n")
    assert model.loop(call.context.loops[0]).small is small


def test_loop_descriptions() -> None:
    model, call = only_loop_of(TRACK + "for user in User.objects.filter(active=True).order_by"
                               "('id'):\n    cio.identify(id=user.id)\n")
    loop = model.loop(call.context.loops[0])
    assert loop.kind is LoopKind.FOR
    assert loop.description == "`for user in User.objects.filter(active=True).orde...` loop"
    model, call = only_loop_of(TRACK + "while True:\n    cio.identify(id=1)\n")
    assert model.loop(call.context.loops[0]).description == "`while` loop"
    model, call = only_loop_of(TRACK + "[cio.identify(id=u) for u in users]\n")
    assert model.loop(call.context.loops[0]).kind is LoopKind.COMPREHENSION


def test_a_function_handed_to_a_pool_map_runs_per_item_of_the_map() -> None:
    model = model_of(
        TRACK + "def notify(row):\n    cio.identify(id=row.id)\n"
        "def fmt(row):\n    return str(row)\n"
        "def sync(rows, pool):\n    pool.map(notify, rows)\n    pool.map(fmt, rows)\n"
        "    for row in rows:\n        pool.submit(notify, row)\n    pool.submit(notify, 1)\n",
        module_name="app.jobs",
    )
    mapped, submitted = model.concurrent_bursts()  # a single submit is no burst
    assert [model.code(b.node) for b in (mapped, submitted)] == ["notify"] * 2
    call = mapped.call
    assert (call.method, call.via and call.via.chain[0].text) == ("identify", "notify")
    assert (mapped.kind, mapped.description, mapped.small, mapped.workers) == (
        BurstKind.POOL_MAP, "`pool.map` over `rows`", False, None
    )
    assert model.loop(call.context.loops[-1]).kind is LoopKind.MAP
    assert (submitted.kind, submitted.description) == (
        BurstKind.POOL_SUBMIT, "`for row in rows` loop"
    )
    assert model.code(submitted.starter).startswith("for row in rows:")


@pytest.mark.parametrize(
    ("source", "started", "workers"),
    [
        ("with ThreadPoolExecutor(max_workers=4) as ex:\n    ex.map(cio.identify, ids)\n",
         ["cio.identify"], 4),
        ("ex = ThreadPoolExecutor(1)\nex.map(lambda u: cio.identify(id=u), ids)\n",
         ["cio.identify(id=u)"], 1),
        ("for u in ids:\n    executor.submit(cio.track, u, 'x')\n", ["cio.track"], None),
        ("df['id'].map(cio.identify)\n", [], None),
        ("executor.map(str, ids)\n", [], None),
    ],
)
def test_pools_starting_sdk_calls(source: str, started: list[str], workers: int | None
                                  ) -> None:
    model = model_of("from concurrent.futures import ThreadPoolExecutor\n" + TRACK + source)
    bursts = model.concurrent_bursts()
    assert [model.code(b.node) for b in bursts] == started
    assert all(b.workers == workers for b in bursts)


def test_python_calls_never_float() -> None:
    assert model_of(TRACK + "cio.identify(id=1)\n").floating_calls() == []


@pytest.mark.parametrize(
    ("body", "paced"),
    [
        ("time.sleep(0.1)", True),
        ("limiter.acquire()", True),
        ("cio.batch([])", True),
        ("log(u)", False),
    ],
)
def test_loop_pacing(body: str, paced: bool) -> None:
    model, call = only_loop_of(
        "import time\n" + TRACK + f"for u in users:\n    cio.identify(id=u)\n    {body}\n"
    )
    assert model.loop_is_paced(call.context.loops[0], call) is paced


def test_a_rate_limiting_context_manager_paces() -> None:
    model, call = only_loop_of(
        TRACK + "for u in users:\n    with self.rate_limiter:\n        cio.identify(id=u)\n"
    )
    assert model.loop_is_paced(call.context.loops[0], call)


def test_names_rate_limiter() -> None:
    assert names_rate_limiter("self.RateLimiter.wait")
    assert names_rate_limiter("throttle")
    assert not names_rate_limiter("time.sleeper")


def test_batch_rewrite_for_a_loop_that_only_identifies() -> None:
    model, call = only_loop_of(TRACK + "for u in users:\n    cio.identify(id=u.id, plan=u.plan)\n")
    assert model.batch_rewrite(call, call.context.loops[0]) == (
        'cio.batch([{"type": "person", "identifiers": {"id": u.id}, "action": "identify", '
        '"attributes": {"plan": u.plan}} for u in users])  # in chunks of under 500 KB'
    )


def test_batch_rewrite_for_track_in_a_comprehension() -> None:
    model, call = only_loop_of(TRACK + '[cio.track(u, "seen", data=d) for u in users]\n')
    assert model.batch_rewrite(call, call.context.loops[0]) == (
        'cio.batch([{"type": "person", "identifiers": {"id": u}, "action": "event", '
        '"name": "seen", "attributes": d} for u in users])  # in chunks of under 500 KB'
    )


@pytest.mark.parametrize(
    "loop",
    [
        "for u in users:\n    cio.identify(id=u)\n    log(u)\n",  # not the whole body
        "for u in users:\n    cio.identify(id=u, **extra)\n",  # unknown keys
        "for u in users:\n    cio.identify(id=u)\nelse:\n    pass\n",
        "[cio.identify(id=u) for u in users if u]\n",
        "for u in users:\n    cio.suppress(u)\n",  # no batch operation for it
    ],
)
def test_no_batch_rewrite_when_not_derivable(loop: str) -> None:
    model, call = only_loop_of(TRACK + loop)
    assert model.batch_rewrite(call, call.context.loops[0]) is None


# -- async -------------------------------------------------------------------------------


def test_calls_handed_to_a_thread() -> None:
    model = model_of(
        "import asyncio\n" + TRACK + "async def f(loop):\n"
        "    await asyncio.to_thread(lambda: cio.identify(id=1))\n"
        "    loop.run_in_executor(None, lambda: cio.track(1, 'x'))\n"
        "    cio.identify(id=2)\n"
    )
    assert [model.runs_in_thread(c) for c in model.sdk_calls()] == [True, True, False]


def test_awaitable_rewrite() -> None:
    model, call = last_call(TRACK + 'cio.track(user.id, "x")\n')
    assert model.awaitable_rewrite(call) == 'await asyncio.to_thread(cio.track, user.id, "x")'
    model, call = last_call(TRACK + "cio.close()\n")
    assert model.awaitable_rewrite(call) == "await asyncio.to_thread(cio.close)"


# -- flushing ----------------------------------------------------------------------------


def test_sync_mode_settings() -> None:
    model = model_of(
        PIPELINES + "analytics.sync_mode = True\nclient = analytics.Client('k', sync_mode=1)\n"
        "other = analytics.Client('k', sync_mode=False)\nclient.sync_mode = True\n"
        "analytics.sync_mode = None\n"
    )
    settings = model.sync_mode_settings()
    assert [model.source_text(s.node) for s in settings] == [
        "analytics.sync_mode", "client.sync_mode", "analytics.Client('k', sync_mode=1)"
    ]
    assert [s.default_client for s in settings] == [True, False, False]


def test_default_client() -> None:
    model = model_of(
        PIPELINES + "analytics.track('u', 'x')\nc = analytics.Client('k')\nc.track('u', 'x')\n"
    )
    assert [model.uses_default_client(c) for c in model.sdk_calls()] == [True, False]


@pytest.mark.parametrize(
    ("src", "registered"),
    [
        ("import atexit\natexit.register(analytics.flush)\n", True),
        ("import atexit\n@atexit.register\ndef bye():\n    analytics.shutdown()\n", True),
        ("import atexit\n@atexit.register\ndef bye():\n    done()\ndef done():\n"
         "    analytics.flush()\n", True),
        ("import atexit\natexit.register(print)\n", False),
        ("def bye():\n    analytics.flush()\n", False),
    ],
)
def test_flushes_at_exit(src: str, registered: bool) -> None:
    assert model_of(PIPELINES + src).flushes_at_exit() is registered


def test_script_guard() -> None:
    model = model_of("def main():\n    pass\nif __name__ == '__main__':\n    main()\n")
    guard = model.script_guard()
    assert guard is not None
    assert model.source_text(guard) == "__name__ == '__main__'"
    assert model_of("if __name__ == 'app':\n    pass\n").script_guard() is None


def test_qualified_calls_name_functions_of_other_modules() -> None:
    model = model_of(
        "from app.tracking import shutdown\nimport customerio\nfrom customerio import analytics\n"
        "def job():\n    shutdown()\n    analytics.flush()\n    (lambda: 1)()\n"
        "shutdown()\nlen([])\n"
    )
    assert model.qualified_calls(function(model, "job")) == {"app.tracking.shutdown"}
    assert model.qualified_calls(None) == {"app.tracking.shutdown"}  # not the builtin


def test_function_name_node() -> None:
    model = model_of("def job():\n    pass\n")
    node = model.function_name_node(function(model, "job"))
    assert model.source_text(node) == "job"
    assert model.span(node)[0].column == 5
