"""Which configuration applies, how its globs match, and how a run explains itself:
discovery (pyproject.toml, cio-lint.toml, .cio-lint.toml, ``extend``), .gitignore-style
globs, "did you mean", explicit paths, ``--show-settings``, ``--show-files``, ``-v``."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from cio_lint.engine.globs import matches_glob

from .conftest import ROOT, run_cli
from .test_cli import BAD, write


def codes(tmp_path: Path, *args: str, cwd: Path | None = None) -> list[str]:
    """``path:CODE`` for every finding of ``check --output-format concise ARGS``."""
    result = run_cli("check", "--no-cache", "--output-format", "concise", *args,
                     cwd=cwd or tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return [f"{line.split(':')[0]}:{line.split(' ')[1]}" for line in result.stdout.splitlines()]


def one_line_error(tmp_path: Path, *args: str, cwd: Path | None = None) -> str:
    result = run_cli("check", *args, cwd=cwd or tmp_path)
    assert (result.returncode, result.stdout) == (2, ""), result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cio-lint: error: "), result.stderr
    return lines[0]


# -- globs: .gitignore semantics, as ruff's ---------------------------------------------

@pytest.mark.parametrize(("glob", "path", "expected"), [
    (".hidden/gen", ".hidden/gen/a.py", True),
    (".hidden/gen", "hidden/gen/a.py", False),
    (".hidden", "pkg/.hidden/a.py", True),
    ("tests/**/*.py", "tests/t.py", True),
    ("tests/**/*.py", "tests/unit/deep/t.py", True),
    ("tests/**/*.py", "pkg/tests/t.py", False),
    ("**/migrations/*", "migrations/0001.py", True),
    ("**/migrations/*", "app/migrations/0001.py", True),
    ("**/migrations/*", "app/migrations.py", False),
    ("*.pyi", "stubs/deep/client.pyi", True),
    ("*.pyi", "client.py", False),
    ("src/gen/", "src/gen/a.py", True),
    ("src/gen/", "lib/src/gen/a.py", False),
    ("src/gen", "src/gen.py", False),
    ("build", "pkg/build/x.py", True),
    ("/setup.py", "setup.py", True),
    ("/setup.py", "pkg/setup.py", False),
    ("./setup.py", "setup.py", True),
    ("./setup.py", "pkg/setup.py", False),
    ("**/{tests,docs}/*", "a/docs/conf.py", True),
    ("**/{tests,docs}/*", "a/src/conf.py", False),
    ("*_pb2.py", "api/v1/user_pb2.py", True),
])
def test_globs_match_as_gitignore_patterns_do(
    tmp_path: Path, glob: str, path: str, expected: bool
) -> None:
    assert matches_glob(tmp_path / path, glob, tmp_path) is expected


def test_a_leading_dot_is_kept_in_extend_exclude(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nextend-exclude = [".hidden/gen"]\n')
    write(tmp_path, ".hidden/gen/a.py", BAD)
    write(tmp_path, "hidden/gen/b.py", BAD)
    assert codes(tmp_path, ".") == ["hidden/gen/b.py:CIO201"]


def test_per_file_ignores_with_a_double_star_matches_files_at_any_depth(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml",
          '[tool.cio-lint]\nper-file-ignores = { "tests/**/*.py" = ["CIO201"] }\n')
    for name in ("tests/t.py", "tests/unit/t.py", "app/t.py"):
        write(tmp_path, name, BAD)
    assert codes(tmp_path, ".") == ["app/t.py:CIO201"]


def test_a_negated_per_file_ignore_applies_to_the_paths_it_misses(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml",
          '[tool.cio-lint]\nper-file-ignores = { "!src/**" = ["CIO201"] }\n')
    for name in ("src/app.py", "scripts/run.py"):
        write(tmp_path, name, BAD)
    assert codes(tmp_path, ".") == ["src/app.py:CIO201"]


def test_a_later_negation_re_includes_an_excluded_file(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml",
          '[tool.cio-lint]\nextend-exclude = ["*_gen.py", "!keep_gen.py"]\n')
    for name in ("a_gen.py", "pkg/keep_gen.py"):
        write(tmp_path, name, BAD)
    assert codes(tmp_path, ".") == ["pkg/keep_gen.py:CIO201"]


def test_anchored_and_unanchored_excludes(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml",
          '[tool.cio-lint]\nextend-exclude = ["src/gen/", "**/migrations/*", "*.pyi"]\n')
    for name in ("src/gen/a.py", "lib/src/gen/a.py", "app/migrations/0001.py", "stub.pyi",
                 "app/models.py"):
        write(tmp_path, name, BAD)
    assert codes(tmp_path, ".") == ["app/models.py:CIO201", "lib/src/gen/a.py:CIO201"]


# -- discovery ----------------------------------------------------------------------------

def test_a_pyproject_without_the_table_does_not_hide_the_parents(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nignore = ["CIO201"]\n')
    write(tmp_path, "service/pyproject.toml",
          '[project]\nname = "service"\ndependencies = ["cio-lint>=1", "customerio"]\n')
    write(tmp_path, "service/app.py", BAD)
    assert codes(tmp_path, "app.py", cwd=tmp_path / "service") == []
    verbose = run_cli("check", "-v", "app.py", cwd=tmp_path / "service")
    assert verbose.returncode == 0, verbose.stderr
    assert f"configured by {tmp_path / 'pyproject.toml'}" in verbose.stderr
    assert (f"passed over {tmp_path / 'service' / 'pyproject.toml'}: it has no "
            "[tool.cio-lint] table") in verbose.stderr


@pytest.mark.parametrize("present", [
    (".cio-lint.toml", "cio-lint.toml", "pyproject.toml"),
    ("cio-lint.toml", "pyproject.toml"),
    ("pyproject.toml",),
])
def test_dot_cio_lint_toml_then_cio_lint_toml_then_pyproject(
    tmp_path: Path, present: tuple[str, ...]
) -> None:
    write(tmp_path, "app.py", BAD)
    for name in present:
        table = "[tool.cio-lint]\n" if name == "pyproject.toml" else ""
        write(tmp_path, name, f'{table}extend-select = ["CIO605"]\n# {name}\n')
    shown = run_cli("check", "--show-settings", "app.py", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert f"Settings file: {tmp_path / present[0]}\n" in shown.stdout
    assert f'extend-select = ["CIO605"]  # {tmp_path / present[0]}\n' in shown.stdout


def test_cio_lint_toml_holds_top_level_keys(tmp_path: Path) -> None:
    write(tmp_path, "app.py", BAD)
    write(tmp_path, "cio-lint.toml", 'ignore = ["CIO201"]\n')
    assert codes(tmp_path, "app.py") == []
    write(tmp_path, "cio-lint.toml", '[tool.cio-lint]\nignore = ["CIO201"]\n')
    line = one_line_error(tmp_path, "app.py")
    assert line == (f"cio-lint: error: {tmp_path / 'cio-lint.toml'}: settings go at the top "
                    "level of cio-lint.toml, without a [tool.cio-lint] table")


def test_extend_inherits_a_shared_file_through_a_chain(tmp_path: Path) -> None:
    write(tmp_path, "shared/base.toml", 'ignore = ["CIO201"]\nextend-exclude = ["*_pb2.py"]\n')
    write(tmp_path, "shared/team.toml", 'extend = "base.toml"\nextend-exclude = ["legacy"]\n')
    write(tmp_path, "svc/pyproject.toml",
          '[tool.cio-lint]\nextend = "../shared/team.toml"\nextend-select = ["CIO605"]\n')
    write(tmp_path, "svc/app.py", BAD)
    write(tmp_path, "svc/api_pb2.py", BAD)
    write(tmp_path, "svc/legacy/old.py", BAD)
    assert run_cli("check", "--no-cache", ".", cwd=tmp_path / "svc").returncode == 0
    shown = run_cli("check", "--show-settings", "app.py", cwd=tmp_path / "svc").stdout
    assert f"Extends: {tmp_path / 'shared/team.toml'}\nExtends: {tmp_path / 'shared/base.toml'}\n" \
        in shown
    assert f'ignore = ["CIO201"]  # {tmp_path / "shared/base.toml"}\n' in shown
    assert (f'extend-exclude = ["*_pb2.py", "legacy"]  # {tmp_path / "shared/base.toml"} + '
            f'{tmp_path / "shared/team.toml"}\n') in shown
    # The extending file wins over the file it extends.
    write(tmp_path, "svc/pyproject.toml",
          '[tool.cio-lint]\nextend = "../shared/team.toml"\nignore = []\n')
    assert codes(tmp_path, ".", cwd=tmp_path / "svc") == ["app.py:CIO201"]


def test_a_report_is_never_written_over_an_extended_file(tmp_path: Path) -> None:
    write(tmp_path, "app.py", BAD)
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nextend = "shared.toml"\n')
    write(tmp_path, "shared.toml", 'ignore = ["CIO3"]\n')
    line = one_line_error(tmp_path, "-o", "shared.toml", "app.py")
    assert line == ("cio-lint: error: --output-file shared.toml: is the configuration of this "
                    "run; refusing to overwrite it")
    assert (tmp_path / "shared.toml").read_text() == 'ignore = ["CIO3"]\n'


def test_an_extend_cycle_is_a_one_line_error(tmp_path: Path) -> None:
    write(tmp_path, "app.py", BAD)
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nextend = "a.toml"\n')
    write(tmp_path, "a.toml", 'extend = "b.toml"\n')
    write(tmp_path, "b.toml", 'extend = "a.toml"\n')
    line = one_line_error(tmp_path, "app.py")
    assert "'extend' makes a cycle" in line and line.endswith(f"-> {tmp_path / 'a.toml'}"), line


def test_extend_of_a_missing_file_and_errors_in_the_extended_file(tmp_path: Path) -> None:
    write(tmp_path, "app.py", BAD)
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nextend = "nope.toml"\n')
    line = one_line_error(tmp_path, "app.py")
    assert line.endswith(f"'extend' file {tmp_path / 'nope.toml'} does not exist"), line
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nextend = "base.toml"\n')
    write(tmp_path, "base.toml", 'region = "asia"\n')
    line = one_line_error(tmp_path, "app.py")
    assert line.startswith(f"cio-lint: error: {tmp_path / 'base.toml'}: 'region'"), line


def test_config_option_takes_a_cio_lint_toml(tmp_path: Path) -> None:
    write(tmp_path, "app.py", BAD)
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nignore = ["CIO201"]\n')
    write(tmp_path, "strict.toml", 'select = ["ALL"]\n')
    assert codes(tmp_path, "app.py") == []
    assert codes(tmp_path, "--config", "strict.toml", "app.py") == ["app.py:CIO201"]


# -- did you mean -------------------------------------------------------------------------

def test_an_underscored_table_is_an_error_with_the_right_name(tmp_path: Path) -> None:
    write(tmp_path, "app.py", BAD)
    write(tmp_path, "pyproject.toml", '[tool.cio_lint]\nignore = ["CIO201"]\n')
    assert one_line_error(tmp_path, "app.py") == (
        f"cio-lint: error: {tmp_path / 'pyproject.toml'}: [tool.cio_lint] is not read "
        "(did you mean [tool.cio-lint]?)"
    )


@pytest.mark.parametrize(("written", "meant"), [
    ("extend-selct", "extend-select"),
    ("per_file_ignores", "per-file-ignores"),
    ("exclude-extend", "extend-exclude"),
    ("clientnames", "client-names"),
])
def test_a_misspelt_key_gets_the_right_spelling(tmp_path: Path, written: str, meant: str) -> None:
    write(tmp_path, "app.py", BAD)
    write(tmp_path, "pyproject.toml", f"[tool.cio-lint]\n{written} = []\n")
    assert one_line_error(tmp_path, "app.py").endswith(
        f"[tool.cio-lint]: unknown key '{written}' (did you mean '{meant}'?)"
    )


@pytest.mark.parametrize(("written", "meant"), [("CIO2011", "CIO201"), ("CI0201", "CIO201"),
                                                ("cio201", "CIO201")])
def test_a_misspelt_code_gets_the_right_spelling(tmp_path: Path, written: str, meant: str) -> None:
    write(tmp_path, "app.py", BAD)
    write(tmp_path, "cio-lint.toml", f'ignore = ["{written}"]\n')
    assert one_line_error(tmp_path, "app.py") == (
        f"cio-lint: error: {tmp_path / 'cio-lint.toml'}: 'ignore': unknown rule code "
        f"'{written}' (did you mean '{meant}'?)"
    )
    (tmp_path / "cio-lint.toml").unlink()
    assert one_line_error(tmp_path, "--select", written, "app.py") == (
        f"cio-lint: error: --select: unknown rule code '{written}' (did you mean '{meant}'?)"
    )


# -- explicit paths and runs that check nothing -------------------------------------------

def git_init(directory: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=directory, check=True, capture_output=True)


def test_a_directory_named_inside_a_gitignored_tree_is_linted(tmp_path: Path) -> None:
    git_init(tmp_path)
    write(tmp_path, ".gitignore", "generated/\n*_gen.py\n")
    write(tmp_path, "generated/client/a.py", BAD)
    write(tmp_path, "generated/client/b_gen.py", BAD)
    assert codes(tmp_path, ".") == []
    # Named: walked, though .gitignore names it; its children are still judged by name.
    assert codes(tmp_path, "generated") == ["generated/client/a.py:CIO201"]
    assert codes(tmp_path, "generated/client") == ["generated/client/a.py:CIO201"]
    assert codes(tmp_path, "--force-exclude", "generated/client") == []


def test_a_directory_named_despite_exclude_is_linted(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nextend-exclude = ["migrations"]\n')
    write(tmp_path, "migrations/0001.py", BAD)
    write(tmp_path, "migrations/build/x.py", BAD)
    assert codes(tmp_path, ".") == []
    assert codes(tmp_path, "migrations") == ["migrations/0001.py:CIO201"]
    assert codes(tmp_path, "--force-exclude", "migrations") == []


def test_a_run_that_checks_nothing_says_why(tmp_path: Path) -> None:
    git_init(tmp_path)
    write(tmp_path, "pyproject.toml",
          '[tool.cio-lint]\nexclude = ["build", "dist", "scripts"]\n'
          'extend-exclude = ["*_pb2.py"]\n')
    write(tmp_path, ".gitignore", "generated/\nlocal.py\n")
    for name in ("build/a.py", "dist/b.py", "scripts/c.py", "api_pb2.py", "generated/d.py",
                 "local.py", "notes.txt"):
        write(tmp_path, name, BAD)
    result = run_cli("check", "--no-cache", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "0 files checked" in result.stdout
    assert result.stderr == ("cio-lint: warning: 0 files checked: 3 excluded by `exclude`, "
                             "1 excluded by `extend-exclude`, 2 ignored by .gitignore\n")
    write(tmp_path, "util.py", "def helper():\n    return 1\n")
    verbose = run_cli("check", "--no-cache", "-v", ".", cwd=tmp_path)
    assert "cio-lint: skipped generated/: ignored by .gitignore\n" in verbose.stderr
    assert "cio-lint: not parsed util.py: no Customer.io code in it\n" in verbose.stderr
    assert "cio-lint: skipped api_pb2.py: excluded by `extend-exclude`\n" in verbose.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run_cli("check", "--no-cache", "empty", cwd=tmp_path)
    assert nothing.stderr == (
        "cio-lint: warning: 0 files checked: no Python, JavaScript or TypeScript files under "
        "the given paths\n"
    )


# -- --show-settings, --show-files --------------------------------------------------------

def test_show_files_lists_what_would_be_checked_and_exits_zero(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nextend-exclude = ["legacy"]\n')
    for name in ("app.py", "pkg/api.py", "pkg/types.pyi", "legacy/old.py", "README.md"):
        write(tmp_path, name, BAD)
    result = run_cli("check", "--show-files", ".", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == ["app.py", "pkg/api.py", "pkg/types.pyi"]


def test_show_settings_names_each_settings_origin(tmp_path: Path) -> None:
    write(tmp_path, "base.toml", 'region = "eu"\n')
    write(tmp_path, "pyproject.toml",
          '[tool.cio-lint]\nextend = "base.toml"\n'
          'per-file-ignores = { "tests/**/*.py" = ["CIO2"] }\n')
    write(tmp_path, "tests/test_app.py", BAD)
    result = run_cli("check", "--show-settings", "--ignore", "CIO3", "tests/test_app.py",
                     cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[:4] == ["Resolved settings for: tests/test_app.py",
                         f"Settings file: {tmp_path / 'pyproject.toml'}",
                         f"Extends: {tmp_path / 'base.toml'}",
                         f"Project root: {tmp_path}"]
    assert f'region = "eu"  # {tmp_path / "base.toml"}' in lines
    assert 'ignore = ["CIO3"]  # --ignore' in lines
    assert 'id-kind = "id"  # default' in lines
    assert "# select is not set (default)" in lines
    enabled = lines[-1]
    assert enabled.startswith("Rules enabled for this path (")
    assert "CIO101" in enabled and "CIO201" not in enabled and "CIO301" not in enabled
    missing = run_cli("check", "--show-settings", "nope.py", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr == "cio-lint: error: nope.py: no such file or directory\n"


def test_show_settings_without_any_configuration(tmp_path: Path) -> None:
    write(tmp_path, "app.py", BAD)
    result = run_cli("check", "--show-settings", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Settings file: none found (defaults)\n" in result.stdout


def test_the_readme_configuration_examples_are_accepted(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Configuration"):readme.index("## Rules")]
    pyproject, standalone = re.findall(r"```toml\n(.*?)```", section, re.DOTALL)
    write(tmp_path, "pyproject.toml", pyproject)
    write(tmp_path, "shared/cio-lint.toml", 'extend-select = ["CIO605"]\n')
    write(tmp_path, "svc/cio-lint.toml", standalone)
    write(tmp_path, "svc/app.py", BAD)
    for path in ("svc/app.py", "."):
        result = run_cli("check", "--show-settings", path, cwd=tmp_path)
        assert (result.returncode, result.stderr) == (0, ""), (path, result.stderr)
    assert "Extends: " + str(tmp_path / "shared/cio-lint.toml") in run_cli(
        "check", "--show-settings", "svc/app.py", cwd=tmp_path).stdout


@pytest.mark.parametrize(("setting", "meant"), [
    ('region = "EU"', "'region' must be \"us\" or \"eu\", got 'EU' (did you mean \"eu\"?)"),
    ('id-kind = "emial"',
     "'id-kind' must be \"id\" or \"email\", got 'emial' (did you mean \"email\"?)"),
    ('client-names = ["mailer:ap"]', "'client-names' kind 'ap' for 'mailer' must be track, "
     "app or pipelines (did you mean \"app\"?)"),
    ('region = "asia"', "'region' must be \"us\" or \"eu\", got 'asia'"),
])
def test_a_misspelt_value_gets_the_right_spelling(tmp_path: Path, setting: str, meant: str) -> None:
    write(tmp_path, "app.py", BAD)
    write(tmp_path, "cio-lint.toml", setting + "\n")
    assert one_line_error(tmp_path, "app.py") == (
        f"cio-lint: error: {tmp_path / 'cio-lint.toml'}: {meant}"
    )
