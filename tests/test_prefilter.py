"""The byte prefilter matches whole names, and only suppressions that name a cio-lint code;
clients admit the files that import them, constants only get their modules read."""

from __future__ import annotations

from pathlib import Path

import pytest

from cio_lint.analysis.javascript.frontend import JAVASCRIPT
from cio_lint.analysis.python.frontend import PYTHON
from cio_lint.analysis.records import ExternalClient
from cio_lint.analysis.summaries import ExternalConstant, FunctionSummary
from cio_lint.api import ConfigResolver, lint_paths
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.config import ClientName, Config
from cio_lint.engine.contents import Contents
from cio_lint.engine.discovery import SourceFile
from cio_lint.engine.file_run import FileResult
from cio_lint.engine.prefilter import (
    IMPORTED,
    AwaitingExports,
    contains_word,
    for_config,
    for_exports,
    import_words,
)
from cio_lint.engine.project_phase import ExportTable, admits
from cio_lint.engine.units import Unit

from .conftest import MemoryStore


def test_exported_names_match_whole_identifiers_with_their_module() -> None:
    exported = for_exports(["app.clients.cio", "app.clients.get_tracker"])
    assert exported.admits(b"from app.clients import cio\n")
    assert exported.admits(b"from .clients import cio as tracker\n")
    assert exported.admits(b"from app import clients\nclients.cio.track(1, 'a')")
    assert exported.admits(b"from app.clients import *\nt = get_tracker()")
    assert not exported.admits(b"# a precious, suspicious association of clients\n")
    assert not exported.admits(b"clients = 1\nciox = 1\nmy_get_tracker2 = 2\n")
    assert not exported.admits(b"cio = other_client()  # no import of that module\n")


def test_sdk_configured_names_and_suppressions() -> None:
    config = Config(client_names=(ClientName("deps.tracker", ClientKind.TRACK),))
    default = for_config(config, {"CIO201", "CIO900"})
    assert default.admits(b"import customerio\n")
    assert default.admits(b"def f(tracker):\n    tracker.track(1, 'a')\n")
    assert not default.admits(b"import os  # noqa: E501, F401\n")
    assert default.admits(b"x = 1  # noqa: E501, CIO201\n")
    assert default.admits(b"x = 1  # cio-lint: ignore[CIO302]\n")
    without_cio900 = for_config(config, {"CIO201"})
    assert not without_cio900.admits(b"x = 1  # noqa: CIO201\n")


def test_forwarded_identify_files_are_admitted_only_for_cio301() -> None:
    """A Segment or RudderStack identify never names customerio, yet tells CIO301 that the
    project identifies people (forwarded to Customer.io as a destination)."""
    with_cio301 = for_config(Config(), {"CIO301"})
    assert with_cio301.admits(b"import analytics\nanalytics.identify(uid, traits)\n")
    assert with_cio301.admits(b"from segment import analytics\nanalytics.identify(uid)\n")
    assert with_cio301.admits(b"import rudder_analytics\nrudder_analytics.identify(uid)\n")
    assert not with_cio301.admits(b"import analytics\nanalytics.track(uid, 'x')\n")
    assert not with_cio301.admits(b"def identify(self):\n    return self.analytics_id\n")
    assert not for_config(Config(), {"CIO201"}).admits(b"import analytics\nanalytics.identify(u)\n")


def test_clients_of_namespace_packages_admit_the_files_that_use_them() -> None:
    """Exports are keyed by every name a module has (namespace package, src layout, the
    alias of a package of its own, a script's neighbour): each admits its importers."""
    exported = for_exports([
        "jobs.clients.cio", "shop.clients.cio", "services.api.app.clients.cio",
        "app.clients.cio", "scripts.tracking.cio",
    ])
    assert exported.admits(b"from jobs.clients import cio\n")
    assert exported.admits(b"from .clients import cio\n")
    assert exported.admits(b"from shop import clients\nclients.cio.track(1, 'a')\n")
    assert exported.admits(b"import tracking\ntracking.cio.track(1, 'a')\n")
    assert not exported.admits(b"import tracking\ntracking.flush()\n")
    assert not exported.admits(b"from jobs import nightly\n")


def test_only_clients_and_functions_that_reach_the_sdk_admit_files() -> None:
    table = ExportTable()
    constants = FileResult("app/constants.py", module_name="app.constants",
                           exports={"EVENT": ExternalConstant("Signed Up")})
    clients = FileResult("app/clients.py", module_name="app.clients",
                         exports={"cio": ExternalClient(ClientKind.TRACK)})
    package = FileResult("app/__init__.py", module_name="app",
                         reexports={"EVENT": "app.constants.EVENT", "cio": "app.clients.cio"})
    assert table.add([constants, clients, package]) == ["app.clients.cio", "app.cio"]
    assert admits(FunctionSummary(builds_client=True))
    assert not admits(FunctionSummary()) and not admits(ExternalConstant("x"))
    # a constant is knowledge all the same, for the files that import it and send
    user = FileResult("app/views.py", parsed=True, project_imports=frozenset({"app.EVENT"}),
                      uses_sdk=True)
    assert table.needed_by(user) == {"app.EVENT": ExternalConstant("Signed Up")}
    # ... but a file that sends nothing is not analysed again for a constant
    bystander = FileResult("app/util.py", parsed=True, project_imports=frozenset({"app.EVENT"}))
    assert table.needed_by(bystander) == {}


def _unit(tmp_path: Path, module: str) -> Unit:
    path = tmp_path / f"{module}.py"
    return Unit(SourceFile(path, path.name), Config(), frozenset(), b"", module_name=module)


def test_the_modules_parsed_files_import_from_are_parsed_too(tmp_path: Path) -> None:
    units = [_unit(tmp_path, m) for m in ("app", "app.constants", "app.unrelated", "lib")]
    awaiting = AwaitingExports(units, parsed=[_unit(tmp_path, "app.views")])
    imported = ["app.constants.EVENT", "app.views.helper", "json.dumps", "lib"]
    assert [u.module_name for u in awaiting.providers(imported)] == [
        "app.constants", "lib",  # not ``app``: ``app.constants`` is what is imported from
    ]
    assert awaiting.providers(["app.constants.OTHER", "app.views.x"]) == []  # each once
    assert [u.module_name for u in awaiting.providers(["app.NAME"])] == ["app"]


def test_a_constant_admits_no_file_but_its_module_is_read(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.cio-lint]\n")
    (tmp_path / "app/__init__.py").write_text("")
    (tmp_path / "app/constants.py").write_text('EVENT = "Signed Up"\n')
    (tmp_path / "app/report.py").write_text(
        "from app.constants import EVENT\nprint(EVENT)\n"  # uses it, but no client
    )
    (tmp_path / "app/track.py").write_text(
        "import os\nfrom customerio import CustomerIO\nfrom app.constants import EVENT\n"
        "cio = CustomerIO(os.environ['S'], os.environ['K'])\n"
        "cio.identify(id=1)\ncio.track(1, EVENT)\n"
    )
    run = lint_paths([tmp_path], ConfigResolver(None, {"select": ("CIO401",)}), None)
    assert [(f.path.rsplit("/", 1)[-1], f.line, f.message[:32]) for f in run.findings] == [
        ("track.py", 6, 'event name "Signed Up" (through '),
    ]
    assert sorted(p.rsplit("/", 1)[-1] for p in run.not_parsed) == ["__init__.py", "report.py"]


def test_javascript_module_names_with_dashes_give_their_words() -> None:
    exported = for_exports(["lib.customer-io.cio", "lib.customerio.trackEvent"])
    assert exported.admits(b'import { cio } from "../lib/customer-io";\n')
    assert exported.admits(b'const { trackEvent } = require("@/lib/customerio");\n')
    assert not exported.admits(b'import { cio } from "../lib/segment";\n')
    assert not exported.admits(b'import { cio } from "../lib/customer";\n')


def test_an_export_star_re_exports_every_name_known_now_and_later() -> None:
    table = ExportTable()
    barrel = FileResult("lib/index.ts", module_name="lib",
                        reexports={"*": "lib.customerio", "client": "lib.customerio.cio"})
    outer = FileResult("index.ts", module_name="index", reexports={"*": "lib"})
    assert table.add([barrel, outer]) == []
    clients = FileResult("lib/customerio.ts", module_name="lib.customerio", exports={
        "cio": ExternalClient(ClientKind.TRACK),
        "default": ExternalClient(ClientKind.APP),
        "trackEvent": FunctionSummary(builds_client=True),
        "cioService.track": FunctionSummary(builds_client=True),  # an object's method
    })
    assert sorted(table.add([clients])) == [
        "index.cio", "index.cioService.track", "index.client", "index.trackEvent",
        "lib.cio", "lib.cioService.track", "lib.client", "lib.customerio.cio",
        "lib.customerio.cioService.track", "lib.customerio.default",
        "lib.customerio.trackEvent", "lib.trackEvent",
    ]
    assert "lib.default" not in table.exports  # ``export *`` leaves the default out
    user = FileResult("app/route.ts", parsed=True, project_imports=frozenset({"lib.cio"}))
    assert table.needed_by(user) == {"lib.cio": ExternalClient(ClientKind.TRACK)}
    # a star re-export after its target is known, and a cycle of them, end
    late = ExportTable()
    late.add([clients])
    cycle = [FileResult("a.ts", module_name="a", reexports={"*": "b"}),
             FileResult("b.ts", module_name="b", reexports={"*": "lib.customerio"}),
             FileResult("c.ts", module_name="c", reexports={"*": "a"})]
    late.add([*cycle, FileResult("b2.ts", module_name="b", reexports={"*": "a"})])
    assert {"a.cio", "b.cio", "c.cio"} <= set(late.exports)


def test_a_barrel_that_re_exports_every_name_is_admitted_by_its_target(tmp_path: Path) -> None:
    def unit(name: str, module: str, data: bytes) -> Unit:
        path = tmp_path / name
        return Unit(SourceFile(path, name), Config(), frozenset(), data, module_name=module)

    barrel = unit("lib/index.ts", "lib", b'export * from "./customer-io";\n')
    mention = unit("lib/docs.ts", "lib.docs", b'// see "./customer-io"\n')
    awaiting = AwaitingExports([barrel, mention])
    assert awaiting.admit(["lib.customer-io.trackEvent"]) == [barrel]
    assert awaiting.remaining == [mention]


def test_the_modules_of_many_exports_are_searched_for_together(tmp_path: Path) -> None:
    """One call asks for several modules' words: each waiting file's import statements
    are found once for all of them (and for later calls), and an answer already known (a
    cache's record) is not searched for again."""
    def unit(module: str, data: bytes) -> Unit:
        path = tmp_path / f"{module}.py"
        return Unit(SourceFile(path, path.name), Config(), frozenset(), data,
                    module_name=module)

    users = unit("users", b"from app.events import cio\nfrom app import (\n    mail,\n)\n")
    mentions = unit("mentions", b"# app.events and app.mail hold cio\nevents = mail = 1\n")
    billing = unit("billing", b"import app.billing_jobs as jobs\n")
    later = unit("later", b"from app.jobs import cio\n")
    contents = Contents(MemoryStore())  # a cache's: what it learns is kept for the next run
    searched: list[bytes] = []
    original = PYTHON.import_text

    def counted(data: bytes) -> bytes:
        searched.append(data)
        return original(data)

    awaiting = AwaitingExports([users, mentions, billing, later], contents=contents)
    # A record says ``later`` does not import ``jobs``: that answer stands.
    known = IMPORTED + "jobs"  # how a module's word is kept among a file's answers
    assert contents.held(later, [known], lambda data: lambda word: False) == [False]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PYTHON, "import_text", counted)
        assert awaiting.admit(["app.events.cio", "app.mail.cio", "app.events.send"]) == [
            users]
        assert len(searched) == 4  # each file once, for ``events`` and ``mail`` together
        assert awaiting.admit(["app.jobs.cio", "app.billing_jobs.cio"]) == []
        assert len(searched) == 4  # the import statements are found once per file
    assert awaiting.remaining == [mentions, billing, later]


def test_import_statements_found_beforehand_are_searched(tmp_path: Path) -> None:
    """A run finds the words of the skipped files' import statements while the first
    files are analysed elsewhere (``import_words``); the search then reads those, not the
    files."""
    def unit(name: str, data: bytes | None) -> Unit:
        path = tmp_path / name
        return Unit(SourceFile(path, name), Config(), frozenset(), data,
                    module_name=name.rsplit(".", 1)[0])

    users = unit("users.py", b"import json\nfrom app.events import cio\nevents = 1\n")
    script = unit("page.ts", b'import { cio } from "./events";\n')
    unread = unit("unread.py", None)  # known to the cache: not read, nothing found
    prepared = import_words([users, script, unread])
    assert prepared == {id(users): {b"import", b"json", b"from", b"app", b"events", b"cio"}}
    assert AwaitingExports([users], import_words=dict(prepared)).admit(
        ["app.events.cio"]) == [users]
    # What was found beforehand is what is searched: without the import, no admission.
    assert AwaitingExports([users], import_words={id(users): frozenset([b"json"])}).admit(
        ["app.events.cio"]) == []
    # With a cache, the answers are kept for the next run: found again, the same.
    assert AwaitingExports([users], contents=Contents(MemoryStore()),
                           import_words=dict(prepared)).admit(["app.events.cio"]) == [users]


#: One file each, importing ``app.clients`` another way, then identifying through its
#: client with a millisecond timestamp (CIO201).
IMPORTS_OF_CLIENTS = {
    "plain.py": b"from app.clients import cio\ncio.identify(id='5', updated_at=NOW_MS)\n",
    "bracketed.py": (b"from app import (  # a ) in a comment\n    other,\n    clients,\n)\n"
                     b"clients.cio.identify(id='5', updated_at=NOW_MS)\n"),
    "nested.py": (b"def send():\n    from . import clients\n"
                  b"    clients.cio.identify(id='5', updated_at=NOW_MS)\n"),
    **{f"before_{name}.py": (  # the module's name on a line a backslash continues
        b"from app.clients \\%s    import cio%scio.identify(id='5', updated_at=NOW_MS)%s"
        % (end, end, end)) for name, end in (("lf", b"\n"), ("crlf", b"\r\n"), ("cr", b"\r"))},
    **{f"after_{name}.py": (  # the module's name on the line a backslash continues to
        b"import app \\%s    .clients as c%sc.cio.identify(id='5', updated_at=NOW_MS)%s"
        % (end, end, end)) for name, end in (("lf", b"\n"), ("crlf", b"\r\n"), ("cr", b"\r"))},
}
#: Each file's millisecond timestamp, ahead of its imports.
NOW_MS = b"import time\nNOW_MS = int(time.time() * 1000)\n"


def test_a_module_is_looked_for_where_python_imports_it() -> None:
    for name, data in IMPORTS_OF_CLIENTS.items():
        text = PYTHON.import_text(data)
        assert contains_word(text, b"clients"), name
        assert len(text) < len(data), name
    text = PYTHON.import_text(
        b"'''The clients module.'''\nimport os\nclients = os.environ['CLIENTS']\n"
        b"from app.events import (\n    record,\n)  # not from clients\nprint(clients)\n")
    assert not contains_word(text, b"clients")
    assert JAVASCRIPT.import_text(b'const { cio } = require("./clients");\n') == (
        b'const { cio } = require("./clients");\n')


def test_files_importing_an_exported_client_in_any_layout_are_linted(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cio-lint]\nselect = ["CIO201"]\n')
    (tmp_path / "app").mkdir()
    (tmp_path / "app/__init__.py").write_text("")
    (tmp_path / "app/clients.py").write_text(
        "import os\nfrom customerio import CustomerIO\n"
        "cio = CustomerIO(os.environ['SITE_ID'], os.environ['API_KEY'])\n")
    for name, data in IMPORTS_OF_CLIENTS.items():
        (tmp_path / "app" / name).write_bytes(NOW_MS + data)
    (tmp_path / "app/mentions.py").write_bytes(  # the module's name, but no import of it
        NOW_MS + b"# see app/clients.py for the client\ncio.identify(id='5', updated_at=NOW_MS)\n")
    resolver = ConfigResolver(None, {})
    run = lint_paths([tmp_path], resolver, None)
    found = sorted((f.path.rsplit("/", 1)[-1], f.code) for f in run.findings)
    assert found == sorted((name, "CIO201") for name in IMPORTS_OF_CLIENTS)
    assert "mentions.py" in {p.rsplit("/", 1)[-1] for p in run.not_parsed}
    unfiltered = lint_paths([tmp_path], ConfigResolver(None, {}), None, prefilter=False)
    assert sorted((f.path, f.line, f.column) for f in unfiltered.findings) == sorted(
        (f.path, f.line, f.column) for f in run.findings)
