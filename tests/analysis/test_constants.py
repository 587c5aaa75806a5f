"""String constants: what a module exports to the others, and what ``origin`` follows
through class attributes and constants of other modules (and what it must not)."""

from __future__ import annotations

import libcst as cst
import pytest

from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.records import ExternalClient
from cio_lint.analysis.summaries import ExternalConstant, Knowledge
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.findings import Position

from .conftest import model_of


def semantic(src: str, external: dict[str, Knowledge] | None = None) -> SemanticModel:
    return SemanticModel(cst.parse_module(src), module_name="app.tracking", external=external,
                         source=src)


def constants(src: str) -> dict[str, str]:
    return {name: k.value for name, k in semantic(src).exports().items()
            if isinstance(k, ExternalConstant)}


# -- what a module exports -------------------------------------------------------------------


def test_module_constants_assigned_once_to_a_string_are_exported() -> None:
    src = (
        'EVENT = "User Signed Up"\n'
        'JOINED = "signed" "_up"\n'
        'TYPED: str = "typed"\n'
        'TWICE = "a"\nTWICE = "b"\n'
        'GROWN = "a"\nGROWN += "b"\n'
        'MOVED = "a"\n'
        "def f():\n    global MOVED\n    MOVED = 'b'\n"
        'NUMBER = 3\nFORMATTED = f"{EVENT}"\nBYTES = b"x"\n'
        "from app.other import IMPORTED\n"
    )
    assert constants(src) == {"EVENT": "User Signed Up", "JOINED": "signed_up",
                              "TYPED": "typed"}


def test_nothing_that_looks_like_a_key_is_exported() -> None:
    src = (
        'SITE = "site4c1d9e8f7a6b5c3d"\n'  # looks like a key
        'API_KEY = "plainword"\n'  # named like one
        'SITE_ID = "plainword"\n'
        "class Settings:\n    TOKEN = 'abc'\n    HOST = 'track-eu.customer.io'\n"
        'EVENT = "Signed Up 2"\n'  # a space: not a key
    )
    assert constants(src) == {"Settings.HOST": "track-eu.customer.io", "EVENT": "Signed Up 2"}


def test_class_attributes_of_plain_classes_enums_and_dataclasses() -> None:
    src = (
        "from dataclasses import dataclass\nfrom enum import Enum, StrEnum\n"
        "class Events:\n    SIGNED_UP = 'Signed Up'\n    def send(self): pass\n"
        "class Named(str, Enum):\n    SIGNUP = 'signup'\n"
        "class Strict(StrEnum):\n    SIGNUP = 'strict'\n"
        "class Kind(Enum):\n    _ignore_ = 'x'\n    A = 'a'\n"
        "@dataclass\nclass Settings:\n    region: str = 'eu'\n    host: str\n"
        "@dataclass(frozen=True)\nclass Frozen:\n    region: str = 'us'\n"
    )
    assert constants(src) == {
        "Events.SIGNED_UP": "Signed Up",
        "Named.SIGNUP": "signup", "Named.SIGNUP.value": "signup",
        "Strict.SIGNUP": "strict", "Strict.SIGNUP.value": "strict",
        "Kind.A.value": "a",  # a plain Enum's member is no string; its value is
        "Settings.region": "eu", "Frozen.region": "us",
    }


def test_class_attributes_that_may_change_are_not_exported() -> None:
    src = (
        "import attrs\nfrom dataclasses import dataclass\nfrom pydantic import BaseModel\n"
        "class Moved:\n    EVENT = 'a'\n    def f(self):\n        self.EVENT = 'b'\n"
        "class Set:\n    EVENT = 'a'\nSet.EVENT = 'b'\n"
        "class Twice:\n    EVENT = 'a'\n    EVENT = 'b'\n"
        "class Model(BaseModel):\n    region: str = 'eu'\n"  # a base that is not known
        "@attrs.define\nclass Slotted:\n    region: str = 'eu'\n"
        "@dataclass(slots=True)\nclass Slots:\n    region: str = 'eu'\n"
        "class Meta(metaclass=type):\n    EVENT = 'a'\n"
        "class Rebound:\n    EVENT = 'a'\nRebound = None\n"
    )
    assert constants(src) == {}


def test_a_client_wins_over_nothing_and_both_are_exported() -> None:
    src = ("from customerio import CustomerIO\ncio = CustomerIO('s', 'k')\n"
           "EVENT = 'signed_up'\n")
    assert semantic(src).exports() == {
        "cio": ExternalClient(ClientKind.TRACK), "EVENT": ExternalConstant("signed_up"),
    }


# -- what origin follows ---------------------------------------------------------------------

HEAD = ("from enum import Enum\nfrom dataclasses import dataclass\n"
        "from customerio import Regions\n"
        "class Events:\n    SIGNED_UP = 'Signed Up'\n    PAYLOAD = {'a': 1}\n"
        "    REGION = Regions.EU\n"
        "class Named(str, Enum):\n    SIGNUP = 'signup'\n"
        "class Kind(Enum):\n    A = 'a'\n"
        "@dataclass\nclass Settings:\n    region: str = 'eu'\n")


def origin_code(src: str, external: dict[str, Knowledge] | None = None) -> str:
    """The code of the origin of the last line's expression, at module level."""
    model = semantic(src, external)
    last = model.module.body[-1]
    assert isinstance(last, cst.SimpleStatementLine)
    statement = last.body[0]
    assert isinstance(statement, cst.Expr)
    return model.code(model.origin(statement.value, model.root))


@pytest.mark.parametrize(
    ("use", "origin"),
    [
        ("Events.SIGNED_UP", "'Signed Up'"),
        ("Named.SIGNUP", "'signup'"),
        ("Named.SIGNUP.value", "'signup'"),
        ("Kind.A.value", "'a'"),
        ("Kind.A", "Kind.A"),  # an Enum member, not a string
        ("Events.SIGNED_UP.value", "Events.SIGNED_UP.value"),  # a str has no .value
        ("Settings.region", "'eu'"),
        ("Settings().region", "Settings().region"),  # an instance: its field may be anything
        ("Events.MISSING", "Events.MISSING"),
        ("user.settings.region", "user.settings.region"),  # an object of no known class
        ("Events.PAYLOAD", "Events.PAYLOAD"),  # a dict may be filled in anywhere
        ("Events.REGION", "Regions.EU"),  # followed as a local is
    ],
)
def test_origin_follows_class_attributes_of_the_module(use: str, origin: str) -> None:
    assert origin_code(HEAD + use + "\n") == origin


def origin_in_method(src: str) -> str:
    """The code of the origin of what the last method returns."""
    model = semantic(src)
    function = model.functions[-1]
    scope = function.place
    returned = scope.returns[-1]  # type: ignore[attr-defined]
    return model.code(model.origin(returned, scope))  # type: ignore[arg-type]


def test_self_attribute_set_only_in_the_class_body() -> None:
    src = "class T:\n    EVENT = 'Used'\n    def f(self):\n        return self.EVENT\n"
    assert origin_in_method(src) == "'Used'"


@pytest.mark.parametrize(
    "src",
    [
        # reassigned in a method
        "class T:\n    EVENT = 'Used'\n    def g(self, v):\n        self.EVENT = v\n"
        "    def f(self):\n        return self.EVENT\n",
        # a field the constructor may set
        "class T:\n    EVENT: str = 'Used'\n    def f(self):\n        return self.EVENT\n",
        # a subclass of the module gives it another value
        "class T:\n    EVENT = 'Used'\n    def f(self):\n        return self.EVENT\n"
        "class U(T):\n    EVENT = 'Other'\n",
        # a parameter shadows the class name
        "class T:\n    EVENT = 'Used'\ndef f(T):\n    return T.EVENT\n",
    ],
)
def test_attributes_that_may_hold_something_else_are_not_followed(src: str) -> None:
    assert origin_in_method(src) in ("self.EVENT", "T.EVENT")


EXTERNAL: dict[str, Knowledge] = {
    "app.constants.EVENT_SIGNUP": ExternalConstant("User Signed Up"),
    "app.events.Events.PLAN_CHANGED": ExternalConstant('Plan "Changed"'),
    "app.clients.cio": ExternalClient(ClientKind.TRACK),
}


@pytest.mark.parametrize(
    ("src", "origin"),
    [
        ("from app.constants import EVENT_SIGNUP\nEVENT_SIGNUP\n", '"User Signed Up"'),
        ("from app import constants\nconstants.EVENT_SIGNUP\n", '"User Signed Up"'),
        ("import app.constants\napp.constants.EVENT_SIGNUP\n", '"User Signed Up"'),
        ("from app.constants import EVENT_SIGNUP as E\nname = E\nname\n", '"User Signed Up"'),
        ("from app.events import Events\nEvents.PLAN_CHANGED\n", '"Plan \\"Changed\\""'),
        ("from app.clients import cio\ncio\n", "cio"),  # knowledge, but no constant
        ("from app.constants import OTHER\nOTHER\n", "OTHER"),  # nothing known
        ("from app.constants import EVENT_SIGNUP\nEVENT_SIGNUP = 'x'\nEVENT_SIGNUP\n", "'x'"),
    ],
)
def test_origin_follows_constants_of_other_modules(src: str, origin: str) -> None:
    assert origin_code(src, EXTERNAL) == origin


def test_a_constant_of_another_module_stands_in_where_it_is_used() -> None:
    src = ("from customerio import CustomerIO\nfrom app.constants import EVENT_SIGNUP\n"
           "cio = CustomerIO('s', 'k')\ncio.track(1,  EVENT_SIGNUP)\n")
    model = model_of(src, module_name="app.tracking", external=EXTERNAL)  # type: ignore[arg-type]
    event = model.event_names()[0]
    assert event.text == "User Signed Up"
    assert event.via == "app.constants.EVENT_SIGNUP" and event.via_line is None
    assert event.origin_note() == " (through `app.constants.EVENT_SIGNUP`)"
    assert event.literal is not None and not event.at_call
    assert model.code(event.literal) == '"User Signed Up"'
    # the literal's place is the name it stands in for, so anything quoting it is right
    assert model.span(event.literal) == (Position(4, 15), Position(4, 27))
    assert model.source_text(event.literal) == "EVENT_SIGNUP"
    # asked twice, the same literal
    assert model.origin(event.arg, event.call.place, event.call.order) is event.literal
