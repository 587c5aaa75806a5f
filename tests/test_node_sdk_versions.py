"""The customerio-node and @customerio/cdp-analytics-node versions a JavaScript project
runs: npm ranges read to the minor release, lock files (npm, yarn classic and berry, pnpm
v5-v9) over package.json, the nearest package of a monorepo, and files that are not to
be trusted.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from cio_lint.core.npm_ranges import npm_allowed_releases, npm_package_and_range
from cio_lint.core.sdk_version import (
    NODE_PIPELINES_PACKAGE,
    NODE_TRACK_PACKAGE,
    SdkVersion,
    SdkVersions,
)
from cio_lint.engine import node_sdk_detection
from cio_lint.engine.node_sdk_detection import NodeProject, detect_node_versions
from cio_lint.engine.sdk_detection import detect_sdk_versions

from .conftest import run_cli
from .test_cli import write

EVERY = "0.1 0.2 0.4 0.5 1.0 1.1 2.0 2.1 3.0 3.1 3.2 3.3 3.4 3.5 4.1 4.2 4.3 4.4 4.5 5.0 5.2"


def _minors(spec: str, package: str = NODE_TRACK_PACKAGE) -> str:
    return " ".join(f"{m}.{n}" for m, n in npm_allowed_releases(spec, package))


@pytest.mark.parametrize(
    ("spec", "minors"),
    [
        ("5.2.0", "5.2"),
        ("=4.5.1", "4.5"),
        ("v4.5.1", "4.5"),
        ("^3.4.1", "3.4 3.5"),
        ("^4", "4.1 4.2 4.3 4.4 4.5"),
        ("^0.4.0", "0.4"),
        ("^0.x", "0.1 0.2 0.4 0.5"),
        ("~4.5.0", "4.5"),
        ("~3", "3.0 3.1 3.2 3.3 3.4 3.5"),
        ("~>3.3.2", "3.3"),
        (">=3 <5", "3.0 3.1 3.2 3.3 3.4 3.5 4.1 4.2 4.3 4.4 4.5"),
        (">= 4.2 < 5", "4.2 4.3 4.4 4.5"),
        (">=4.2.0 <=4.4", "4.2 4.3 4.4"),
        (">4", "5.0 5.2"),  # npm: >4 is 5.0.0 and up
        (">4.4", "4.5 5.0 5.2"),
        ("<=2", "0.1 0.2 0.4 0.5 1.0 1.1 2.0 2.1"),
        ("<3.0.0", "0.1 0.2 0.4 0.5 1.0 1.1 2.0 2.1"),
        ("3.x", "3.0 3.1 3.2 3.3 3.4 3.5"),
        ("3.X.x", "3.0 3.1 3.2 3.3 3.4 3.5"),
        ("3", "3.0 3.1 3.2 3.3 3.4 3.5"),
        ("3.4", "3.4"),
        ("4.*", "4.1 4.2 4.3 4.4 4.5"),
        ("^2.1.1 || ^5", "2.1 5.0 5.2"),
        ("<3 || >=5", "0.1 0.2 0.4 0.5 1.0 1.1 2.0 2.1 5.0 5.2"),
        ("1.1.0 - 2.1.1", "1.1 2.0 2.1"),
        ("1 - 2", "1.0 1.1 2.0 2.1"),
        ("3.1 - 3.3", "3.1 3.2 3.3"),
        ("5.0.0-beta.2", "5.0"),
        (">=4.1.0-rc.1 <4.3", "4.1 4.2"),
        ("npm:customerio-node@^4.4.0", "4.4 4.5"),
        ("npm:^5", "5.0 5.2"),  # yarn berry's spelling of a registry range
        # Nothing the registry decides: every release, so nothing is claimed.
        ("*", EVERY),
        ("", EVERY),
        ("x", EVERY),
        ("latest", EVERY),
        ("next", EVERY),
        ("file:../customerio-node", EVERY),
        ("link:../customerio-node", EVERY),
        ("git+https://github.com/customerio/customerio-node.git#v4.5.1", EVERY),
        ("git+ssh://git@github.com/customerio/customerio-node.git", EVERY),
        ("github:customerio/customerio-node#main", EVERY),
        ("customerio/customerio-node", EVERY),
        ("https://registry.npmjs.org/customerio-node/-/customerio-node-4.5.1.tgz", EVERY),
        ("workspace:*", EVERY),
        ("workspace:^4.1.0", EVERY),
        ("^9", EVERY),  # no release meets it: claims nothing
        (">=5 <3", EVERY),
        ("^4 ||| bogus", EVERY),
    ],
)
def test_an_npm_range_allows_the_minor_releases_it_admits(spec: str, minors: str) -> None:
    assert _minors(spec) == minors


@pytest.mark.parametrize(
    ("spec", "minors"),
    [("^0.5.1", "0.5"), ("~0.3.19", "0.3"), ("0.0.5", "0.0"), (">=0.3 <0.5", "0.3 0.4"),
     ("*", "0.0 0.1 0.2 0.3 0.4 0.5")],
)
def test_cdp_analytics_node_ranges_are_read_to_its_0x_minors(spec: str, minors: str) -> None:
    assert _minors(spec, NODE_PIPELINES_PACKAGE) == minors


def test_an_alias_installs_the_package_it_names() -> None:
    assert npm_package_and_range("cio", "npm:customerio-node@^4") == ("customerio-node", "^4")
    assert npm_package_and_range("cdp", "npm:@customerio/cdp-analytics-node@0.5.9") == (
        NODE_PIPELINES_PACKAGE, "0.5.9")
    assert npm_package_and_range("customerio-node", "npm:some-fork@1.0.0") == (
        "some-fork", "1.0.0")
    assert npm_package_and_range("customerio-node", "^4") == ("customerio-node", "^4")


def test_a_project_without_node_files_knows_no_node_version(tmp_path: Path) -> None:
    write(tmp_path, "requirements.txt", "customerio==3.2\n")
    versions = detect_sdk_versions(tmp_path)
    assert versions.track.majors == (3,)
    assert versions.node_track == SdkVersion(package=NODE_TRACK_PACKAGE)
    assert not versions.node_track.known and not versions.node_pipelines.known
    assert SdkVersions().node_track.package == NODE_TRACK_PACKAGE


def _node(root: Path, folder: str = "") -> tuple[str, str | None, str, str | None]:
    """(customerio-node minors, source, cdp-analytics-node minors, source)."""
    track, pipelines = NodeProject(root).versions(folder) if folder else detect_node_versions(
        root)
    return track.releases_text(), track.source, pipelines.releases_text(), pipelines.source


PACKAGE_JSON = json.dumps({
    "name": "shop",
    "version": "1.0.0",
    "dependencies": {"express": "^4.18.2", "customerio-node": "^3.0.1"},
    "devDependencies": {"@customerio/cdp-analytics-node": "^0.3.0"},
})


def test_package_json_ranges_of_every_dependency_table(tmp_path: Path) -> None:
    write(tmp_path, "package.json", PACKAGE_JSON)
    assert _node(tmp_path) == ("3.x", "package.json", "0.3", "package.json")
    write(tmp_path, "package.json", json.dumps({
        "peerDependencies": {"customerio-node": ">=4.4 <6"},
        "optionalDependencies": {"cdp": "npm:@customerio/cdp-analytics-node@~0.5.1"},
    }))
    assert _node(tmp_path) == ("4.4 or 4.5 or 5.x", "package.json", "0.5", "package.json")


PACKAGE_LOCK_V1 = json.dumps({
    "name": "shop", "version": "1.0.0", "lockfileVersion": 1, "requires": True,
    "dependencies": {
        "customerio-node": {
            "version": "3.5.1",
            "resolved": "https://registry.npmjs.org/customerio-node/-/customerio-node-3.5.1.tgz",
            "integrity": "sha512-AAAA", "requires": {"request": "^2.88.2"},
        },
        "legacy-mailer": {  # a dependency's own copy is not what the project imports
            "version": "1.0.0",
            "dependencies": {"customerio-node": {"version": "1.1.0"}},
        },
        "cdp": {"version": "npm:@customerio/cdp-analytics-node@0.3.19"},
    },
}, indent=2)

PACKAGE_LOCK_V3 = json.dumps({
    "name": "shop", "version": "1.0.0", "lockfileVersion": 3, "requires": True,
    "packages": {
        "": {"name": "shop", "version": "1.0.0",
             "dependencies": {"customerio-node": "^4.1.0"}},
        "node_modules/customerio-node": {
            "version": "4.5.1",
            "resolved": "https://registry.npmjs.org/customerio-node/-/customerio-node-4.5.1.tgz",
            "integrity": "sha512-BBBB", "license": "MIT",
        },
        "node_modules/legacy-mailer/node_modules/customerio-node": {"version": "2.1.1"},
        "node_modules/@customerio/cdp-analytics-node": {"version": "0.5.9"},
    },
}, indent=2)

# v2 carries both the v3 ``packages`` and the v1 ``dependencies``: ``packages`` is read.
PACKAGE_LOCK_V2 = json.dumps({
    **json.loads(PACKAGE_LOCK_V3), "lockfileVersion": 2,
    "dependencies": {"customerio-node": {"version": "3.0.1"}},
})

YARN_CLASSIC = """\
# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
# yarn lockfile v1


"@customerio/cdp-analytics-node@^0.5.1":
  version "0.5.9"
  resolved "https://registry.yarnpkg.com/@customerio/cdp-analytics-node/-/cdp-analytics-node-0.5.9.tgz#abc"
  integrity sha512-CCCC
  dependencies:
    "@customerio/cdp-analytics-core" "0.5.9"

customerio-node@^4.1.0, customerio-node@^4.2.0:
  version "4.5.1"
  resolved "https://registry.yarnpkg.com/customerio-node/-/customerio-node-4.5.1.tgz#def"
  integrity sha512-DDDD

express@^4.18.2:
  version "4.18.2"
"""

YARN_BERRY = """\
# This file is generated by running "yarn install" inside your project.
# Manual changes might be lost - proceed with caution!

__metadata:
  version: 8
  cacheKey: 10c0

"customerio-node@npm:^5.0.1":
  version: 5.2.0
  resolution: "customerio-node@npm:5.2.0"
  checksum: 10c0/eeee
  languageName: node
  linkType: hard

"shop@workspace:.":
  version: 0.0.0-use.local
  resolution: "shop@workspace:."
  dependencies:
    customerio-node: "npm:^5.0.1"
  languageName: unknown
  linkType: soft
"""

PNPM_V5 = """\
lockfileVersion: 5.4

specifiers:
  '@customerio/cdp-analytics-node': ^0.3.0
  customerio-node: ^3.3.0

dependencies:
  '@customerio/cdp-analytics-node': 0.3.19
  customerio-node: 3.3.6_debug@4.3.4

packages:

  /customerio-node/3.3.6_debug@4.3.4:
    resolution: {integrity: sha512-FFFF}
    dev: false

  /customerio-node/2.1.1:
    resolution: {integrity: sha512-GGGG}
    dev: false
"""

PNPM_V6 = """\
lockfileVersion: '6.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

dependencies:
  customerio-node:
    specifier: ^4.1.0
    version: 4.4.0

packages:

  /customerio-node@4.4.0:
    resolution: {integrity: sha512-HHHH}
    dev: false
"""

PNPM_V9 = """\
lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  .:
    dependencies:
      '@customerio/cdp-analytics-node':
        specifier: ~0.5.1
        version: 0.5.9
      cio:
        specifier: npm:customerio-node@^5
        version: customerio-node@5.0.1

packages:

  '@customerio/cdp-analytics-node@0.5.9':
    resolution: {integrity: sha512-IIII}

  customerio-node@5.0.1:
    resolution: {integrity: sha512-JJJJ}
    engines: {node: '>=22'}

snapshots:

  customerio-node@5.0.1: {}
"""


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("package-lock.json", PACKAGE_LOCK_V1, ("3.5", "package-lock.json", "0.3")),
        ("package-lock.json", PACKAGE_LOCK_V2, ("4.5", "package-lock.json", "0.5")),
        ("package-lock.json", PACKAGE_LOCK_V3, ("4.5", "package-lock.json", "0.5")),
        ("npm-shrinkwrap.json", PACKAGE_LOCK_V3, ("4.5", "npm-shrinkwrap.json", "0.5")),
        ("yarn.lock", YARN_CLASSIC, ("4.5", "yarn.lock", "0.5")),
        ("yarn.lock", YARN_BERRY, ("5.2", "yarn.lock", "")),
        ("pnpm-lock.yaml", PNPM_V5, ("3.3", "pnpm-lock.yaml", "0.3")),
        ("pnpm-lock.yaml", PNPM_V6, ("4.4", "pnpm-lock.yaml", "")),
        ("pnpm-lock.yaml", PNPM_V9, ("5.0", "pnpm-lock.yaml", "0.5")),
    ],
)
def test_a_lock_file_decides_over_package_json(
    tmp_path: Path, name: str, text: str, expected: tuple[str, str, str]
) -> None:
    write(tmp_path, "package.json", json.dumps({"dependencies": {"customerio-node": "*"}}))
    write(tmp_path, name, text)
    track, source, pipelines, _ = _node(tmp_path)
    assert (track, source, pipelines) == expected


def test_yarn_lock_gives_the_version_of_the_range_package_json_asks_for(tmp_path: Path) -> None:
    write(tmp_path, "package.json", json.dumps({"dependencies": {"customerio-node": "^3.4.0"}}))
    write(tmp_path, "yarn.lock", YARN_CLASSIC + (
        "\ncustomerio-node@^3.4.0:\n  version \"3.5.1\"\n"
        "  resolved \"https://registry.yarnpkg.com/customerio-node/-/customerio-node-3.5.1.tgz\"\n"
    ))
    assert _node(tmp_path)[:2] == ("3.5", "yarn.lock")


def test_yarn_berry_blocks_of_several_ranges_and_aliases(tmp_path: Path) -> None:
    write(tmp_path, "package.json", json.dumps({"dependencies": {"customerio-node": "^4.1.0"}}))
    write(tmp_path, "yarn.lock", YARN_BERRY + """
"cio@npm:customerio-node@^4.2.0, customerio-node@npm:^4.1.0":
  version: 4.3.0
  resolution: "customerio-node@npm:4.3.0"
  languageName: node
  linkType: hard

"customerio-node@workspace:vendor/customerio-node":
  version: 0.0.0-use.local
  resolution: "customerio-node@workspace:vendor/customerio-node"
""")
    assert _node(tmp_path)[:2] == ("4.3", "yarn.lock")


def test_pnpm_v5_importers(tmp_path: Path) -> None:
    write(tmp_path, "services/mailer/package.json",
          json.dumps({"dependencies": {"customerio-node": "~3.1.0"}}))
    write(tmp_path, "pnpm-lock.yaml", """\
lockfileVersion: 5.3

importers:

  .:
    specifiers: {}

  services/mailer:
    specifiers:
      customerio-node: ~3.1.0
    dependencies:
      customerio-node: 3.1.4
    devDependencies:
      '@customerio/cdp-analytics-node': /@customerio/cdp-analytics-node/0.2.3

packages:

  /customerio-node/3.1.4:
    resolution: {integrity: sha512-LLLL}
""")
    assert _node(tmp_path, "services/mailer") == (
        "3.1", "pnpm-lock.yaml", "0.2", "pnpm-lock.yaml")


def test_lock_files_that_do_not_name_the_sdk_leave_package_json_to_decide(tmp_path: Path) -> None:
    write(tmp_path, "package.json", PACKAGE_JSON)
    write(tmp_path, "package-lock.json", json.dumps(
        {"lockfileVersion": 3, "packages": {"node_modules/express": {"version": "4.18.2"}}}))
    write(tmp_path, "pnpm-lock.yaml", "lockfileVersion: '9.0'\nimporters:\n  .: {}\n")
    assert _node(tmp_path)[:2] == ("3.x", "package.json")


MONOREPO_LOCK = json.dumps({
    "name": "platform", "lockfileVersion": 3,
    "packages": {
        "": {"name": "platform", "workspaces": ["packages/*"]},
        "node_modules/api": {"resolved": "packages/api", "link": True},
        "node_modules/customerio-node": {"version": "4.5.1"},
        "packages/legacy/node_modules/customerio-node": {"version": "2.1.1"},
    },
})


def _monorepo(tmp_path: Path) -> Path:
    write(tmp_path, "package.json", json.dumps(
        {"name": "platform", "private": True, "workspaces": ["packages/*", "!packages/skip"]}))
    write(tmp_path, "packages/api/package.json",
          json.dumps({"name": "api", "dependencies": {"customerio-node": "^4.1.0"}}))
    write(tmp_path, "packages/legacy/package.json",
          json.dumps({"name": "legacy", "dependencies": {"customerio-node": "^2.0.0"}}))
    write(tmp_path, "packages/web/package.json", json.dumps({"name": "web"}))
    write(tmp_path, "packages/api/src/send.js",
          "const { TrackClient } = require('customerio-node');\n")
    write(tmp_path, "packages/legacy/lib/send.js", "const CIO = require('customerio-node');\n")
    return tmp_path


def test_a_monorepo_root_allows_what_its_workspace_packages_do(tmp_path: Path) -> None:
    root = _monorepo(tmp_path)
    assert _node(root)[:2] == (
        "2.x or 4.x", "packages/api/package.json, packages/legacy/package.json")
    write(root, "package-lock.json", MONOREPO_LOCK)
    assert _node(root)[:2] == ("4.5", "package-lock.json")


def test_each_workspace_package_runs_its_own_version(tmp_path: Path) -> None:
    root = _monorepo(tmp_path)
    project = NodeProject(root)
    assert project.package_folder(root / "packages/api/src") == "packages/api"
    assert project.package_folder(root / "packages/web") == ""
    assert project.package_folder(root) == ""
    assert _node(root, "packages/legacy")[:2] == ("2.x", "packages/legacy/package.json")
    write(root, "package-lock.json", MONOREPO_LOCK)
    # The hoisted copy for api, the package's own node_modules copy for legacy.
    assert _node(root, "packages/api")[:2] == ("4.5", "package-lock.json")
    assert _node(root, "packages/legacy")[:2] == ("2.1", "package-lock.json")


def test_pnpm_importers_give_each_workspace_package_its_version(tmp_path: Path) -> None:
    write(tmp_path, "pnpm-workspace.yaml", "packages:\n  - 'apps/*'\n  # - 'old/*'\n")
    write(tmp_path, "apps/web/package.json",
          json.dumps({"dependencies": {"customerio-node": "^3.0.0"}}))
    write(tmp_path, "apps/worker/package.json",
          json.dumps({"dependencies": {"customerio-node": "^5.0.0"}}))
    write(tmp_path, "pnpm-lock.yaml", """\
lockfileVersion: '6.0'

importers:

  .: {}

  apps/web:
    dependencies:
      customerio-node:
        specifier: ^3.0.0
        version: 3.5.1

  apps/worker:
    dependencies:
      customerio-node:
        specifier: ^5.0.0
        version: 5.2.0(encoding@0.1.13)

packages:

  /customerio-node@3.5.1:
    resolution: {integrity: sha512-KKKK}
""")
    assert _node(tmp_path, "apps/web")[:2] == ("3.5", "pnpm-lock.yaml")
    assert _node(tmp_path, "apps/worker")[:2] == ("5.2", "pnpm-lock.yaml")
    assert _node(tmp_path)[:2] == ("3.5 or 5.2", "pnpm-lock.yaml")


# -- files that are not to be trusted --------------------------------------------------------

def test_broken_files_are_passed_over_without_a_crash(tmp_path: Path) -> None:
    write(tmp_path, "package.json", PACKAGE_JSON)
    write(tmp_path, "package-lock.json", '{"lockfileVersion": 3, "packages": {')
    write(tmp_path, "npm-shrinkwrap.json", "[1, 2, 3]")
    write(tmp_path, "yarn.lock", "customerio-node@:\n  version\n\x00\n:::\n")
    write(tmp_path, "pnpm-lock.yaml", "importers:\n  - [\n  '\n" + "  " * 5000 + "x: y\n")
    assert _node(tmp_path)[:2] == ("3.x", "package.json")
    write(tmp_path, "package.json", '{"dependencies": ["customerio-node"]}')
    assert _node(tmp_path) == ("", None, "", None)
    write(tmp_path, "package.json", "\xff not json")
    assert _node(tmp_path) == ("", None, "", None)


def test_a_lock_file_over_the_size_bound_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(node_sdk_detection, "MAX_LOCK_BYTES", 4096)
    write(tmp_path, "package.json", PACKAGE_JSON)
    write(tmp_path, "package-lock.json", PACKAGE_LOCK_V3 + " " * 4096)
    assert _node(tmp_path)[:2] == ("3.x", "package.json")
    write(tmp_path, "package-lock.json", PACKAGE_LOCK_V3)
    assert _node(tmp_path)[:2] == ("4.5", "package-lock.json")


def test_a_package_json_over_the_size_bound_is_not_read(tmp_path: Path) -> None:
    padding = " " * node_sdk_detection.MAX_PACKAGE_BYTES
    write(tmp_path, "package.json", PACKAGE_JSON[:-1] + padding + "}")
    assert _node(tmp_path) == ("", None, "", None)


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and device files")
def test_links_leaving_the_project_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, "package-lock.json", PACKAGE_LOCK_V1)
    write(outside, "evil/package.json",
          json.dumps({"dependencies": {"customerio-node": "0.1.0"}}))
    root = tmp_path / "project"
    write(root, "package.json", json.dumps(
        {"workspaces": ["packages/*"], "dependencies": {"left-pad": "1.3.0"}}))
    write(root, "packages/api/package.json",
          json.dumps({"dependencies": {"customerio-node": "^4.1.0"}}))
    write(root, "pnpm-workspace.yaml", "packages:\n  - '../outside/*'\n  - /etc/*\n  - '**'\n")
    os.symlink(outside / "package-lock.json", root / "package-lock.json")
    os.symlink(outside / "evil", root / "packages" / "evil")
    os.symlink("/dev/zero", root / "yarn.lock")
    os.symlink(root / "missing.yaml", root / "pnpm-lock.yaml")
    assert _node(root)[:2] == ("4.x", "packages/api/package.json")
    assert NodeProject(root).package_folder(root / "packages" / "evil") == ""


# -- what the user sees ---------------------------------------------------------------------

def _settings(project: Path, path: str, *args: str) -> list[str]:
    result = run_cli("check", "--show-settings", *args, path, cwd=project)
    assert (result.returncode, result.stderr) == (0, "")
    return [line for line in result.stdout.splitlines() if "-node" in line]


def test_show_settings_names_the_node_version_and_where_it_was_read(tmp_path: Path) -> None:
    write(tmp_path, "app.js", "const { TrackClient } = require('customerio-node');\n")
    assert _settings(tmp_path, "app.js") == [
        "# node-sdk-version is not set, and the project pins no customerio-node version"]
    write(tmp_path, "package.json", PACKAGE_JSON)
    write(tmp_path, "package-lock.json", PACKAGE_LOCK_V3)
    assert _settings(tmp_path, "app.js") == [
        "# node-sdk-version is not set: package-lock.json allows customerio-node 4.5",
        "# package-lock.json allows @customerio/cdp-analytics-node 0.5",
    ]


def test_show_settings_follows_the_package_of_the_file(tmp_path: Path) -> None:
    root = _monorepo(tmp_path)
    write(root, ".cio-lint.toml", "")
    write(root, "package-lock.json", MONOREPO_LOCK)
    assert _settings(root, "packages/api/src/send.js") == [
        "# node-sdk-version is not set: package-lock.json allows customerio-node 4.5"]
    assert _settings(root, "packages/legacy/lib/send.js") == [
        "# node-sdk-version is not set: package-lock.json allows customerio-node 2.1"]
    # A package naming no SDK runs what the root resolves: the hoisted copy.
    assert _settings(root, "packages/web/package.json") == [
        "# node-sdk-version is not set: package-lock.json allows customerio-node 4.5"]


def test_node_sdk_version_overrides_what_the_files_say(tmp_path: Path) -> None:
    root = _monorepo(tmp_path)
    write(root, ".cio-lint.toml", 'node-sdk-version = "3"\nsdk-version = "2.1"\n')
    expected = f"# node-sdk-version: customerio-node 3.x ({root / '.cio-lint.toml'})"
    assert _settings(root, "packages/api/src/send.js") == [expected]
    assert _settings(root, ".") == [expected]
    shown = run_cli("check", "--show-settings", ".", cwd=root).stdout
    assert f"# sdk-version: customerio 2.1 ({root / '.cio-lint.toml'})" in shown.splitlines()


@pytest.mark.parametrize("value", ['"6"', '"4.x"', "4", '"^4.1"'])
def test_an_invalid_node_sdk_version_is_a_one_line_error(tmp_path: Path, value: str) -> None:
    write(tmp_path, "app.js", "")
    write(tmp_path, ".cio-lint.toml", f"node-sdk-version = {value}\n")
    result = run_cli("check", "--show-settings", "app.js", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"cio-lint: error: {tmp_path / '.cio-lint.toml'}: 'node-sdk-version' must be a "
        f"customerio-node release such as \"4.5\" or a major such as \"5\", got "
        f"{value.strip(chr(34)) if value.startswith(chr(34)) else int(value)!r}\n")


def test_verbose_says_which_versions_the_rules_follow(tmp_path: Path) -> None:
    write(tmp_path, "app.py", "import os\n")
    write(tmp_path, "requirements.txt", "customerio==3.2.0\n")
    write(tmp_path, "package.json", PACKAGE_JSON)
    result = run_cli("check", "--verbose", "--no-cache", "app.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert ("cio-lint: 1 file: following customerio 3.2 (requirements.txt); "
            "customerio-node 3.x (package.json); "
            "@customerio/cdp-analytics-node 0.3 (package.json)") in result.stderr.splitlines()
