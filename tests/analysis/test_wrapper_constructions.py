"""Objects of project classes that build a client in ``__init__``: the summary records
the construction only when each run builds anew, and creating the object is seen as
that construction at the caller's call."""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.summarising import Summariser
from cio_lint.analysis.summary_json import decode, encode
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.config import Config

SOURCE = '''\
import functools
from customerio import CustomerIO

class Tracker:
    def __init__(self):
        self.cio = CustomerIO("s", "k")

class Shared:
    _cio = None
    def __init__(self):
        if Shared._cio is None:
            Shared._cio = CustomerIO("s", "k")

class Closing:
    def __init__(self):
        with CustomerIO("s", "k") as cio:
            cio.identify(id=1)

def view(request):
    Tracker()
    Shared()
    Closing()
'''


def _semantic() -> SemanticModel:
    return SemanticModel(cst.parse_module(SOURCE), source=SOURCE, module_name="app.t")


def test_only_an_init_that_builds_on_every_run_records_its_construction() -> None:
    summaries = Summariser(_semantic()).summaries()
    built = summaries["Tracker.__init__"].constructions
    assert [(c.kind, c.method, c.chain[0].text, c.chain[0].start.line) for c in built] == [
        (ClientKind.TRACK, "CustomerIO", "CustomerIO", 6)
    ]
    assert summaries["Shared.__init__"].constructions == ()
    assert summaries["Closing.__init__"].constructions == ()
    assert decode(encode(summaries["Tracker.__init__"])) == summaries["Tracker.__init__"]


def test_creating_the_object_is_the_construction_at_the_callers_call() -> None:
    model = PythonModel(_semantic(), Config())
    (call,) = model.wrapper_constructions()
    assert model.code(call.node) == "Tracker()"
    assert (call.kind, call.method) == (ClientKind.TRACK, "CustomerIO")
    assert call.via is not None and call.via.local
    assert [link.text for link in call.via.chain] == ["Tracker()", "CustomerIO"]
    verdict = model.per_call_construction(call)
    assert verdict is not None and verdict.function.name == "view"


def test_an_object_whose_constructor_creates_such_an_object_builds_its_client_too() -> None:
    source = SOURCE + "class Service:\n    def __init__(self):\n        self.t = Tracker()\n" \
        "def handler(event):\n    Service()\n"
    semantic = SemanticModel(cst.parse_module(source), source=source, module_name="app.t")
    model = PythonModel(semantic, Config())
    chains = [[link.text for link in call.via.chain] for call in model.wrapper_constructions()
              if call.via is not None]
    assert chains == [
        ["Tracker()", "CustomerIO"], ["Tracker()", "CustomerIO"],
        ["Service()", "Tracker()", "CustomerIO"],
    ]
