"""Credentials, regions and client construction in Node code, as a user sees them: the
secret never printed, the region fix written into .ts and CommonJS files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ..conftest import FIXTURES, run_cli

_FORMATS = ("text", "concise", "github", "gitlab", "json", "json-lines", "junit", "sarif")
_SECRETS = ("5e1a2b3c4d5e6f", "f0e9d8c7b6a5f4e3", "sk_app_fallback99", "wk_9f8e7d6c5b4a3210")


@pytest.mark.parametrize("output_format", _FORMATS)
def test_no_output_format_prints_a_hardcoded_node_key(
    output_format: str, tmp_path: Path
) -> None:
    shutil.copy(FIXTURES / "CIO103" / "node" / "clients.ts", tmp_path / "clients.ts")
    result = run_cli("check", "--no-cache", "--select", "CIO103", "--output-format",
                     output_format, "clients.ts", cwd=tmp_path)
    assert result.returncode == 1
    assert "CIO103" in result.stdout
    for secret in _SECRETS:
        assert secret not in result.stdout + result.stderr, (output_format, secret)


_FIXABLE = ("clients.ts", "commonjs.js", "regions_object.ts", "add_import.ts")


@pytest.mark.parametrize("name", _FIXABLE)
def test_region_fix_imports_region_eu(name: str, tmp_path: Path) -> None:
    """``--fix`` writes the ``.fixed`` text: the Region by name, imported, and stable."""
    source = FIXTURES / "CIO104" / "node" / name
    copy = tmp_path / name
    shutil.copy(source, copy)
    run_cli("check", "--no-cache", "--select", "CIO104", "--fix", name, cwd=tmp_path)
    expected = source.with_name(name + ".fixed").read_text()
    assert copy.read_text() == expected
    run_cli("check", "--no-cache", "--select", "CIO104", "--fix", name, cwd=tmp_path)
    assert copy.read_text() == expected


def test_cdp_region_key_is_named_as_ignored(tmp_path: Path) -> None:
    (tmp_path / "cio-lint.toml").write_text('region = "eu"\n')
    (tmp_path / "a.ts").write_text(
        'import { Analytics } from "@customerio/cdp-analytics-node";\n'
        'export const cdp = new Analytics({ writeKey: key, region: "eu" });\n'
    )
    result = run_cli("check", "--no-cache", "--select", "CIO105", "--output-format",
                     "concise", "a.ts", cwd=tmp_path)
    assert result.stdout.splitlines()[0] == (
        "a.ts:2:20: CIO105 `new Analytics(...)` takes `host:`, not `region` (ignored): events "
        "go to the US, but the workspace is EU"
    )


def test_swapped_node_credentials_suggest_the_node_constructor(tmp_path: Path) -> None:
    (tmp_path / "a.ts").write_text(
        'import { TrackClient } from "customerio-node";\n'
        "export const cio = new TrackClient(process.env.CIO_API_KEY!, process.env.CIO_SITE_ID!);\n"
    )
    result = run_cli("check", "--no-cache", "--select", "CIO102", "--output-format", "json",
                     "a.ts", cwd=tmp_path)
    assert "new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_API_KEY!)" in result.stdout


def test_project_wide_region_advice_is_written_for_node(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.cio-lint]\n")
    (tmp_path / "clients.ts").write_text(
        'import { TrackClient, APIClient, RegionEU, RegionUS } from "customerio-node";\n'
        "export const cio = new TrackClient(siteId, trackKey, { region: RegionEU });\n"
        "export const api = new APIClient(appKey, { region: RegionUS });\n"
    )
    result = run_cli("check", ".", "--no-cache", "--select", "CIO105", "--output-format",
                     "json", cwd=tmp_path)
    corrects = {f["correct"] for f in json.loads(result.stdout)["findings"]}
    assert corrects == {
        "the same region on every client of the workspace, e.g. region: RegionEU on both; "
        'set region = "eu" or "us" in [tool.cio-lint] to check against it'
    }
