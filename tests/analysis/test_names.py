"""Name lookup in the Python frontend: which bindings a name may refer to at a point,
the qualified names expressions reach through imports, and how a qualified name is
spelled where a fix wants to write it.

These tests are about the frontend's internals, so they read its scopes and bindings.
"""

from __future__ import annotations

import libcst as cst
import pytest

from cio_lint.analysis.python.scopes import Binding, CallSite, Scope
from cio_lint.analysis.python.semantic import SemanticModel
from tests.analysis.conftest import semantic_of


def site(model: SemanticModel, code: str) -> CallSite:
    """The call site whose source text is ``code``."""
    (found,) = [s for s in model.call_sites if model.code(s.node) == code]
    return found


def values(model: SemanticModel, bindings: list[Binding]) -> list[str | None]:
    return [model.code(b.value) if b.value is not None else None for b in bindings]


def function_scope(model: SemanticModel, name: str) -> Scope:
    (function,) = [f for f in model.functions if f.name == name]
    scope = function.place
    assert isinstance(scope, Scope)
    return scope


def last_expression(model: SemanticModel) -> cst.BaseExpression:
    statement = model.module.body[-1]
    assert isinstance(statement, cst.SimpleStatementLine)
    expr = statement.body[0]
    assert isinstance(expr, cst.Expr)
    return expr.value


# -- lookup --------------------------------------------------------------------------------


def test_lookup_puts_the_latest_binding_before_the_point_first() -> None:
    model = semantic_of("x = 1\nx = 2\nuse(x)\nx = 3\n")
    use = site(model, "use(x)")
    assert values(model, model.lookup("x", model.root, use.order)) == ["2", "1", "3"]
    # Without a point, the last binding of the scope comes first.
    assert values(model, model.lookup("x", model.root)) == ["3", "2", "1"]


def test_lookup_of_an_unbound_name_is_empty() -> None:
    model = semantic_of("x = 1\n")
    assert model.lookup("y", model.root) == []


def test_a_function_local_shadows_the_module_name_even_below_its_use() -> None:
    model = semantic_of("x = 1\ndef f():\n    use(x)\n    x = 2\n")
    use = site(model, "use(x)")
    # Python makes ``x`` local to ``f``: the module binding is not visible there.
    assert values(model, model.lookup("x", use.scope, use.order)) == ["2"]


def test_a_method_does_not_see_names_of_its_class_body() -> None:
    model = semantic_of(
        "x = 'module'\nclass A:\n    x = 'class'\n    def go(self):\n        use(x)\n"
    )
    use = site(model, "use(x)")
    assert values(model, model.lookup("x", use.scope, use.order)) == ["'module'"]


def test_a_global_declaration_binds_and_reads_at_module_level() -> None:
    model = semantic_of("def f():\n    global c\n    c = 1\n    use(c)\n")
    use = site(model, "use(c)")
    assert values(model, model.root.bindings["c"]) == ["1"]
    assert "c" not in function_scope(model, "f").bindings
    assert values(model, model.lookup("c", use.scope, use.order)) == ["1"]


def test_parameters_bind_in_the_function_scope_with_their_annotation() -> None:
    model = semantic_of("def f(a, *rest, b: int = 1, **kw):\n    pass\n")
    scope = function_scope(model, "f")
    assert set(scope.bindings) == {"a", "rest", "b", "kw"}
    (b,) = scope.bindings["b"]
    assert b.annotation is not None and model.code(b.annotation) == "int"
    assert b.value is None


# -- qualified names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "qualname"),
    [
        ("import customerio as c\nc.CustomerIO\n", "customerio.CustomerIO"),
        ("from customerio import CustomerIO as CIO\nCIO\n", "customerio.CustomerIO"),
        # submodule paths canonicalise to the package export
        ("from customerio.track import CustomerIO\nCustomerIO\n", "customerio.CustomerIO"),
        ("import customerio\ncustomerio.api.APIClient\n", "customerio.APIClient"),
        ("from customerio.api import SendEmailRequest\nSendEmailRequest\n",
         "customerio.SendEmailRequest"),
        ("from customerio import analytics\nanalytics.Client\n", "customerio.analytics.Client"),
        ("import customerio.analytics as a\na.track\n", "customerio.analytics.track"),
        ("import os.path\nos.path.join\n", "os.path.join"),
        ("from datetime import datetime as dt\ndt.now\n", "datetime.datetime.now"),
        ("import analytics\nanalytics.track\n", "analytics.track"),  # Segment, not ours
        ("x = 1\nx.real\n", ""),
        ("def f():\n    pass\nf\n", ""),
        ("from customerio import CustomerIO\nCustomerIO = object\nCustomerIO\n", ""),
        ("from customerio import CustomerIO\nCustomerIO().track\n", ""),
        ("undefined.name\n", ""),
    ],
)
def test_qualified_names_through_imports(source: str, qualname: str) -> None:
    model = semantic_of(source)
    assert model.qualname(last_expression(model), model.root) == qualname


def test_qualified_name_depends_on_the_point_of_use() -> None:
    model = semantic_of("from lib import A\nuse(A)\nA = 1\nagain(A)\n")
    first, second = site(model, "use(A)"), site(model, "again(A)")
    assert model.qualname(first.node.args[0].value, model.root, first.order) == "lib.A"
    assert model.qualname(second.node.args[0].value, model.root, second.order) == ""


def test_an_import_inside_a_function_is_not_visible_at_module_level() -> None:
    model = semantic_of("def f():\n    from customerio import CustomerIO\nCustomerIO\n")
    assert model.qualname(last_expression(model), model.root) == ""
    assert model.qualname(cst.Name("CustomerIO"), function_scope(model, "f")) == (
        "customerio.CustomerIO"
    )


@pytest.mark.parametrize(
    ("module_name", "is_package", "source", "qualname"),
    [
        ("app.views", False, "from .clients import cio\ncio\n", "app.clients.cio"),
        ("app.views", False, "from . import clients\nclients.cio\n", "app.clients.cio"),
        ("app.sub.views", False, "from ..core import x\nx\n", "app.core.x"),
        ("app", True, "from .clients import cio\ncio\n", "app.clients.cio"),
        ("app.views", False, "from app.clients import cio\ncio\n", "app.clients.cio"),
        # beyond the top-level package: the import binds nothing
        ("app.views", False, "from ... import x\nx\n", ""),
    ],
)
def test_relative_imports_resolve_against_the_module_name(
    module_name: str, is_package: bool, source: str, qualname: str
) -> None:
    model = semantic_of(source, module_name=module_name, is_package=is_package)
    assert model.qualname(last_expression(model), model.root) == qualname


def test_star_import_from_customerio_binds_its_public_names() -> None:
    model = semantic_of("from customerio import *\nAPIClient\n")
    assert model.qualname(last_expression(model), model.root) == "customerio.APIClient"
    # a star import from elsewhere binds nothing we can know
    model = semantic_of("from somewhere import *\nAPIClient\n")
    assert model.qualname(last_expression(model), model.root) == ""


# -- name_for -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("imports", "spelled"),
    [
        ("from datetime import timezone\n", "timezone"),
        ("from datetime import timezone as tz\n", "tz"),
        ("import datetime as dt\n", "dt.timezone"),
        ("import datetime\n", "datetime.timezone"),
        ("from datetime import datetime\n", None),  # the class, not the module
        ("import time\n", None),
        ("from datetime import timezone\ntimezone = None\n", None),  # shadowed
        ("from datetime import timezone\nimport datetime\ntimezone = None\n",
         "datetime.timezone"),
    ],
)
def test_name_for_spells_a_qualified_name_through_the_imports_in_force(
    imports: str, spelled: str | None
) -> None:
    model = semantic_of(imports)
    assert model.name_for("datetime.timezone", model.root) == spelled


def test_name_for_sees_function_imports_only_inside_the_function() -> None:
    model = semantic_of("def f():\n    from datetime import UTC\n    use()\n")
    use = site(model, "use()")
    assert model.name_for("datetime.UTC", use.scope, use.order) == "UTC"
    assert model.name_for("datetime.UTC", model.root) is None
