"""Property-based fuzzing: every rule on generated programs that use Customer.io.

hypothesmith generates syntactically valid Python; random Customer.io clients and
calls (with random argument expressions) are inserted at random statement positions.
On every program, analysis with every rule must raise nothing, report no internal
error, and give the same result twice.

CI runs a small number of examples; a longer run (documented in docs/testing.md):

    CIO_LINT_FUZZ_EXAMPLES=5000 pytest -s -p no:cacheprovider tests/test_fuzz.py
"""

from __future__ import annotations

import os

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cio_lint.core.config import Config
from cio_lint.engine.file_run import FileResult, analyze
from cio_lint.engine.stack import run_with_large_stack
from cio_lint.rules import REGISTRY

#: Generated code may draw compiler warnings ("'int' object is not callable"): not ours.
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")

# Raise the recursion limit once, before hypothesis records it (it warns otherwise).
run_with_large_stack(lambda: None)

EXAMPLES = int(os.environ.get("CIO_LINT_FUZZ_EXAMPLES", "300"))
ALL_CODES = frozenset(REGISTRY)
CONFIGS = (
    Config(),
    Config(region="eu", id_kind="email", events=("signed_up", "order_paid"),
           transactional=(("7", ("name",)),)),
)

HEADERS = (
    "from customerio import CustomerIO\ncio = CustomerIO({a}, {b})\n",
    "from customerio import APIClient, SendEmailRequest, Regions\n"
    "api = APIClient({a}, region=Regions.EU)\ncio = api\n",
    "import customerio\ncio = customerio.CustomerIO(site_id={a}, api_key={b}, region={b})\n",
    "from customerio import analytics\nanalytics.write_key = {a}\ncio = analytics\n",
    "from customerio.analytics import Client\ncio = Client(write_key={a})\n",
)
CALLS = (
    "cio.identify({a}, {b})",
    "cio.identify(id={a}, email={b}, created_at={a})",
    "cio.track({a}, {b}, timestamp={a})",
    "cio.track(customer_id={a}, name={b}, **{a})",
    "cio.track_anonymous({a}, {b})",
    "cio.delete({a})",
    "cio.add_device({a}, {b}, 'ios')",
    "cio.send_email(SendEmailRequest(to={a}, transactional_message_id={b}, "
    "message_data={{'name': {a}}}))",
    "cio.page({a}, {b}, properties={{{b}: {a}}})",
    "cio.flush()",
)
ATOMS = st.sampled_from([
    "'5'", "user.id", "user.email", "'Signed Up'", "f'evt_{x}'", "time.time() * 1000",
    "int(time.time() * 1000)", "datetime.now()", "'sk_live_abcdef1234567890'", "None", "1e18",
    "{'email': e, 'created_at': time.time()}", "x if y else z", "[*a]", "lambda: 0",
    "(yield)", "await x", "'a' 'b' f'{c!r:>{w}}'", "-1", "...", "b'bytes'", "*args",
    "'user@example.com'", "'https://track-eu.customer.io'", "Regions.EU", "cio", "0",
]) | st.text(max_size=12).map(repr) | st.integers().map(str)
#: Random argument expressions: atoms combined by operators, calls, containers, f-strings.
ARGUMENTS = st.recursive(ATOMS, lambda inner: st.one_of(
    st.tuples(inner, st.sampled_from(["+", "*", "%", "//", "or", "if c else"]), inner)
    .map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
    st.tuples(st.sampled_from(["str", "int", "f", "cio.track", "user.get"]), inner)
    .map(lambda t: f"{t[0]}({t[1]})"),
    st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
    st.tuples(inner, inner).map(lambda t: f"{{{t[0]}: {t[1]}}}"),
    inner.map(lambda text: f"f'{{{text}}}_x'"),
), max_leaves=8)


#: Built once: each ``from_grammar()`` call analyses the whole Python grammar again.
GENERATED = hypothesmith.from_grammar()


def _statements(text: str) -> list[cst.BaseStatement] | None:
    try:
        return list(cst.parse_module(text).body)
    except Exception:  # a generated expression LibCST cannot read here
        return None


@st.composite
def programs(draw: st.DrawFn) -> str:
    """A generated module with Customer.io clients and calls spliced in."""
    base = draw(GENERATED)
    try:
        module = cst.parse_module(base)
    except Exception:
        module = cst.parse_module("")
    header = draw(st.sampled_from(HEADERS)).format(a=draw(ARGUMENTS), b=draw(ARGUMENTS))
    body = list(module.body)
    for _ in range(draw(st.integers(1, 4))):
        call = draw(st.sampled_from(CALLS)).format(a=draw(ARGUMENTS), b=draw(ARGUMENTS))
        statements = _statements(call + "\n")
        if statements is None:
            continue
        if draw(st.booleans()):  # inside a function, a loop or a try: contexts rules judge
            wrapper = draw(st.sampled_from([
                "def handler(request):\n    {s}\n", "async def task():\n    {s}\n",
                "for user in users:\n    {s}\n", "try:\n    {s}\nexcept Exception:\n    pass\n",
                "class View:\n    def post(self):\n        {s}\n",
            ]))
            statements = _statements(wrapper.format(s=call)) or statements
        at = draw(st.integers(0, len(body)))
        body[at:at] = statements
    head = _statements(header) or []
    return module.with_changes(body=[*head, *body]).code


def summary(result: FileResult) -> tuple[object, ...]:
    return (result.findings, result.suppressed, result.facts, result.errors, result.lines,
            result.exports, result.reexports, result.project_imports)


def check_program(source: str, config: Config) -> int:
    """Analyse twice; the number of findings (to show the fuzzing reaches the rules)."""
    def both() -> tuple[FileResult, FileResult]:
        data = source.encode("utf-8", "surrogatepass")
        first = analyze("fuzz.py", data, config, ALL_CODES, module_name="fuzz")
        second = analyze("fuzz.py", data, config, ALL_CODES, module_name="fuzz")
        return first, second

    first, second = run_with_large_stack(both)
    assert first.errors == [], (source, first.errors)
    assert summary(first) == summary(second), source
    for finding in first.findings:
        assert finding.start.line >= 1 and finding.start.column >= 1, finding
    return len(first.findings)


def test_every_rule_survives_generated_programs() -> None:
    tried = 0
    flagged = 0

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(source=programs(), config=st.sampled_from(CONFIGS))
    def property_holds(source: str, config: Config) -> None:
        nonlocal tried, flagged
        tried += 1
        flagged += bool(check_program(source, config))

    property_holds()
    print(f"\ncio-lint fuzz: {tried} generated programs analysed with every rule "
          f"({flagged} with findings)")
    assert tried > 0 and flagged > 0


def test_known_tricky_programs() -> None:
    """Shapes the generator found or that broke similar tools, kept as regressions."""
    for source in (
        "from customerio import CustomerIO\ncio = CustomerIO(*a, **k)\ncio.track(**{})\n",
        "from customerio import CustomerIO as C\nC = C\ncio = C(1, 2)\ncio.identify()\n",
        "from customerio import CustomerIO\ncio = CustomerIO('', '')\ncio.track(*[], **{})\n",
        "from customerio import CustomerIO\nclass cio(CustomerIO): pass\ncio.track(cio, cio)\n",
        "from customerio import CustomerIO\ncio = CustomerIO(cio := 1)\ncio.identify(cio)\n",
        "import customerio\ncustomerio = customerio\ncustomerio.CustomerIO(1,2).track(1,2)\n",
        "from customerio import CustomerIO\ndef f(cio=CustomerIO(1, 2)):\n"
        "    cio.track(id=lambda: (yield), name=f'{f\"{1}\"}')\n",
        "from customerio import CustomerIO\ncio = CustomerIO(1, 2)\n"
        "cio.track('5', 'x' * 10**6 if 0 else 'e', timestamp=-(10**400))\n",
    ):
        for config in CONFIGS:
            check_program(source, config)
