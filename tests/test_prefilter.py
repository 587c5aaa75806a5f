"""The byte prefilter matches whole names, and only suppressions that name a cio-lint code."""

from __future__ import annotations

from cio_lint.core.config import ClientName, Config
from cio_lint.core.sdk import ClientKind
from cio_lint.engine.prefilter import for_config, for_exports


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
