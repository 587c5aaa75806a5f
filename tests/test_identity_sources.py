"""Identify calls outside the Python code silence CIO301's "never identifies", found as
discovery finds files (exclusions, .gitignore) and searched only when the rule asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from cio_lint.api import ConfigResolver, lint_paths
from cio_lint.core.config import Config
from cio_lint.engine import identity_sources
from cio_lint.engine.identity_sources import MAX_FRONT_END_BYTES, find_identity_sources

CLIENT = "from customerio import CustomerIO\ncio = CustomerIO(SITE_ID, API_KEY)\n"
TRACKS = CLIENT + "\n\ndef paid(order):\n    cio.track(order.user_id, 'order_paid')\n"
IDENTIFIES = CLIENT + "\n\ndef joined(user):\n    cio.identify(user.id, email=user.email)\n"
SNIPPET = '<script>_cio.identify({ id: "{{ user.id }}" });</script>\n'


def write(root: Path, relative: str, text: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def project(tmp_path: Path, pyproject: str = "[tool.cio-lint]\n") -> Path:
    write(tmp_path, "pyproject.toml", pyproject)
    write(tmp_path, "app/orders.py", TRACKS)
    return tmp_path


def cio301(root: Path, respect_gitignore: bool = True) -> list[str]:
    run = lint_paths([root], ConfigResolver(None, {"select": ("CIO301",)}), None,
                     respect_gitignore=respect_gitignore)
    assert not run.errors, run.errors
    return [f"{Path(f.path).name}:{f.line}" for f in run.findings]


def sources(root: Path) -> list[str]:
    found = find_identity_sources(root, Config(root=root))
    return [f"{Path(s.path).name}:{s.line} {s.what}" for s in found]


def test_a_template_identify_silences_the_project_wide_finding(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert cio301(root) == ["orders.py:6"]
    write(root, "templates/base.html", "<body>\n" + SNIPPET)
    assert cio301(root) == []
    assert sources(root) == ["base.html:2 _cio.identify"]


def test_excluded_and_gitignored_files_do_not_count(tmp_path: Path) -> None:
    root = project(tmp_path, '[tool.cio-lint]\nextend-exclude = ["legacy"]\n')
    (root / ".git").mkdir()
    write(root, ".gitignore", "static/\n")
    write(root, "legacy/page.html", SNIPPET)
    write(root, "static/page.html", SNIPPET)
    write(root, "node_modules/lib/index.js", SNIPPET)  # excluded by default
    assert cio301(root) == ["orders.py:6"]
    assert cio301(root, respect_gitignore=False) == []


def test_bundles_and_oversized_files_are_not_read(tmp_path: Path) -> None:
    root = project(tmp_path)
    write(root, "static/app.min.js", SNIPPET)
    write(root, "static/huge.js", SNIPPET + " " * MAX_FRONT_END_BYTES)
    assert sources(root) == []
    write(root, "static/app.js", "\n" + SNIPPET)
    assert sources(root) == ["app.js:2 _cio.identify"]


def test_analytics_identify_counts_once_the_browser_sdk_is_loaded(tmp_path: Path) -> None:
    root = project(tmp_path)
    write(root, "web/account.ts", "import { analytics } from './cio';\nanalytics.identify(u.id);\n")
    assert sources(root) == []
    write(root, "web/cio.ts", "import { AnalyticsBrowser } from '@customerio/cdp-analytics-browser'"
                              ";\nexport const analytics = AnalyticsBrowser.load({ writeKey });\n")
    assert sources(root) == ["account.ts:2 analytics.identify"]


def test_a_segment_identify_in_python_silences_it(tmp_path: Path) -> None:
    root = project(tmp_path)
    write(root, "app/accounts.py", "import analytics\n\n\ndef joined(user):\n"
                                   "    analytics.identify(user.id, {'email': user.email})\n")
    assert cio301(root) == []


def test_the_files_are_searched_only_when_the_rule_would_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    searched: list[Path] = []

    def search(root: Path, config: Config, *, respect_gitignore: bool = True) -> tuple[()]:
        searched.append(root)
        return ()

    monkeypatch.setattr(identity_sources, "find_identity_sources", search)
    root = project(tmp_path)
    write(root, "app/accounts.py", IDENTIFIES)
    assert cio301(root) == []
    assert searched == []
    (root / "app/accounts.py").unlink()
    assert cio301(root) == ["orders.py:6"]
    assert searched == [root]
