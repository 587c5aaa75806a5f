"""Where an SDK call sits (``CallContext``): its enclosing function, the loops that repeat
it (comprehensions included), the ``try`` and ``with`` blocks around it, and the ``if``
arms that make two calls exclusive."""

from __future__ import annotations

import pytest

from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.records import CallContext, Function, SdkCall
from tests.analysis.conftest import model_of

CIO = "from customerio import CustomerIO\ncio = CustomerIO('site', 'key')\n"


def calls_of(src: str) -> tuple[PythonModel, list[SdkCall]]:
    model = model_of(CIO + src)
    return model, model.sdk_calls()


def only_context(src: str) -> tuple[PythonModel, CallContext]:
    model, calls = calls_of(src)
    (call,) = calls
    return model, call.context


# -- loops ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "loops"),
    [
        ("cio.identify(1)\n", []),
        ("for u in users:\n    cio.identify(u)\n", ["for u in users:"]),
        ("while queue:\n    cio.identify(queue.pop())\n", ["while queue:"]),
        ("for a in x:\n    for b in a:\n        cio.identify(b)\n",
         ["for a in x:", "for b in a:"]),
        ("for a in x:\n    while a:\n        cio.identify(a)\n", ["for a in x:", "while a:"]),
        ("[cio.identify(u) for u in users]\n", ["[cio.identify(u) for u in users]"]),
        ("{cio.identify(u) for u in users}\n", ["{cio.identify(u) for u in users}"]),
        ("{u: cio.identify(u) for u in users}\n", ["{u: cio.identify(u) for u in users}"]),
        ("list(cio.identify(u) for u in users)\n", ["cio.identify(u) for u in users"]),
        ("for g in groups:\n    [cio.identify(u) for u in g]\n",
         ["for g in groups:", "[cio.identify(u) for u in g]"]),
        # a function defined in a loop runs when called, not once per item
        ("for u in users:\n    def later():\n        cio.identify(u)\n", []),
        # after the loop
        ("for u in users:\n    pass\ncio.identify(1)\n", []),
    ],
)
def test_loops_around_a_call(body: str, loops: list[str]) -> None:
    model, context = only_context(body)
    assert [model.source_text(loop).split("\n")[0] for loop in context.loops] == loops


def test_loops_are_outermost_first_and_quote_the_loop() -> None:
    model, context = only_context(
        "for g in groups:\n    for u in g:\n        cio.identify(u)\n"
    )
    outer, inner = context.loops
    assert model.code(outer).startswith("for g in groups:")
    assert model.source_text(inner) == "for u in g:\n        cio.identify(u)"


def test_a_comprehension_loop_is_the_whole_comprehension() -> None:
    model, context = only_context("sent = [cio.identify(u) for u in users if u]\n")
    (loop,) = context.loops
    assert model.code(loop) == "[cio.identify(u) for u in users if u]"


# -- try and with blocks --------------------------------------------------------------------


def test_try_blocks_cover_the_body_only() -> None:
    model, calls = calls_of(
        "try:\n    cio.identify(1)\n    try:\n        cio.identify(2)\n"
        "    except ValueError:\n        cio.identify(3)\n"
        "except Exception:\n    cio.identify(4)\nelse:\n    cio.identify(5)\n"
        "finally:\n    cio.identify(6)\n"
    )
    assert [len(c.context.try_blocks) for c in calls] == [1, 2, 1, 0, 0, 0]
    outer = calls[0].context.try_blocks[0]
    assert calls[1].context.try_blocks[0] is outer
    assert model.code(outer).startswith("try:\n    cio.identify(1)")


def test_a_function_defined_in_a_try_block_is_not_covered_by_it() -> None:
    _, context = only_context("try:\n    def f():\n        cio.identify(1)\nexcept E:\n    pass\n")
    assert context.try_blocks == ()


def test_with_blocks_around_a_call() -> None:
    model, calls = calls_of(
        "with lock:\n    cio.identify(1)\n    with open(p) as fh, timer():\n"
        "        cio.identify(2)\ncio.identify(3)\n"
    )
    assert [[model.code(w).split(":")[0] for w in c.context.withs] for c in calls] == [
        ["with lock"],
        ["with lock", "with open(p) as fh, timer()"],
        [],
    ]


# -- if arms --------------------------------------------------------------------------------


def test_calls_in_different_arms_of_one_if_are_exclusive() -> None:
    _, (body, orelse, after) = calls_of(
        "if flag:\n    cio.identify(1)\nelse:\n    cio.identify(2)\ncio.identify(3)\n"
    )
    assert body.context.exclusive_with(orelse.context)
    assert orelse.context.exclusive_with(body.context)
    assert not body.context.exclusive_with(after.context)
    assert not after.context.exclusive_with(orelse.context)
    assert not body.context.exclusive_with(body.context)


def test_elif_arms_are_exclusive_and_nested_ifs_inside_one_arm_are_not() -> None:
    _, (a, b, c, d, e) = calls_of(
        "if x:\n    cio.identify(1)\nelif y:\n    cio.identify(2)\nelse:\n"
        "    if z:\n        cio.identify(3)\n    cio.identify(4)\n"
        "if w:\n    cio.identify(5)\n"
    )
    assert a.context.exclusive_with(b.context)
    assert a.context.exclusive_with(c.context)
    assert b.context.exclusive_with(d.context)
    # same arm of the outer if: the nested if does not separate them
    assert not c.context.exclusive_with(d.context)
    # a different if statement
    assert not a.context.exclusive_with(e.context)
    assert not e.context.exclusive_with(b.context)


def test_branches_record_the_arm_of_each_enclosing_if() -> None:
    _, (call,) = calls_of("if x:\n    pass\nelse:\n    if y:\n        cio.identify(1)\n")
    assert [arm for _, arm in call.context.branches] == ["orelse", "body"]
    assert len({node for node, _ in call.context.branches}) == 2


# -- the enclosing function -----------------------------------------------------------------


def test_module_level_calls_have_no_function() -> None:
    _, context = only_context("if x:\n    cio.identify(1)\n")
    assert context.function is None


def test_the_enclosing_function_with_async_class_and_parent() -> None:
    model, calls = calls_of(
        "class Worker:\n"
        "    async def run(self):\n        cio.identify(1)\n"
        "        def callback():\n            cio.identify(2)\n"
        "    def sync(self):\n        cio.identify(3)\n"
        "async def handler():\n    cio.identify(4)\n"
    )
    functions: list[Function] = []
    for call in calls:
        assert call.context.function is not None
        functions.append(call.context.function)
    assert [(f.name, f.is_async, f.class_name) for f in functions] == [
        ("run", True, "Worker"),
        ("callback", False, None),
        ("sync", False, "Worker"),
        ("handler", True, None),
    ]
    run, callback, sync, handler = functions
    assert callback.parent is run
    assert run.parent is None and sync.parent is None and handler.parent is None
    assert model.functions() == [run, callback, sync, handler]
    assert model.code(callback.node).startswith("def callback():")


def test_a_nested_function_starts_a_fresh_context() -> None:
    _, (inner, outer) = calls_of(
        "def f():\n    for u in users:\n        try:\n            with lock:\n"
        "                if u:\n                    def g():\n"
        "                        cio.identify(1)\n"
        "                    cio.identify(2)\n"
        "        except E:\n            pass\n"
    )
    assert inner.context.loops == () and inner.context.try_blocks == ()
    assert inner.context.withs == () and inner.context.branches == ()
    assert len(outer.context.loops) == 1 and len(outer.context.try_blocks) == 1
    assert len(outer.context.withs) == 1 and len(outer.context.branches) == 1
    assert inner.context.function is not None and outer.context.function is not None
    assert inner.context.function.parent is outer.context.function
