"""The README's reference tables say what the command line and the configuration accept."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from cio_lint.cli import cli
from cio_lint.core import config as config_module
from cio_lint.core.config import ConfigError
from cio_lint.core.config_files import load_config
from cio_lint.rules import REGISTRY

from .conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _table_after(heading: str) -> list[str]:
    """The first column of the Markdown table that follows ``heading``."""
    rest = README[README.index(heading):]
    rows = re.search(r"^\|.*\|\n\|[-|]+\|\n((?:\|.*\|\n)+)", rest, re.M)
    assert rows is not None, f"no table after {heading!r}"
    return [row.split("|")[1].strip() for row in rows.group(1).splitlines()]


def _readme_options() -> set[str]:
    """Every option named in the first column of the table of `check`'s options."""
    options: set[str] = set()
    for cell in _table_after("Options of `check`:"):
        names = re.findall(r"`(-[^` ]+)", cell)
        assert names, f"a row of the options table names no option: {cell!r}"
        options.update(names)
    return options


def _check_options() -> list[click.Option]:
    """The options of `check`, its help option included, as the console script builds them."""
    command = cli.commands["check"]
    group = cli.context_class(cli, info_name="cio-lint", **cli.context_settings)
    context = click.Context(command, parent=group, info_name="check")
    return [param for param in command.get_params(context) if isinstance(param, click.Option)]


def test_every_option_in_the_readme_exists() -> None:
    accepted = {name for option in _check_options()
                for name in (*option.opts, *option.secondary_opts)}
    assert _readme_options() - accepted == set()


def test_every_option_of_check_is_in_the_readme() -> None:
    documented = _readme_options()
    # A --flag/--no-flag pair is documented by either spelling (the README gives the one
    # that changes the default).
    missing = [option.opts for option in _check_options()
               if not documented & {*option.opts, *option.secondary_opts}]
    assert missing == []


def test_the_readme_options_table_agrees_with_help() -> None:
    """What a user reads in `cio-lint check --help`, not only what click holds."""
    result = run_cli("check", "--help")
    assert result.returncode == 0
    in_help = set(re.findall(r"(?:^|[\s,/])(--?[a-z][a-z-]*)", result.stdout, re.M))
    assert _readme_options() <= in_help
    assert "--version" not in _readme_options()  # a top-level option, not one of check
    assert run_cli("check", "--version").returncode == 2


def _readme_config_keys() -> set[str]:
    keys = _table_after("| key | type | meaning |")
    assert all(re.fullmatch(r"`[a-z-]+`", key) for key in keys), keys
    return {key.strip("`") for key in keys}


def test_config_table_lists_every_accepted_key() -> None:
    assert _readme_config_keys() == set(config_module._KNOWN_KEYS)


@pytest.mark.parametrize("key", sorted(_readme_config_keys()))
def test_every_documented_config_key_is_accepted(key: str, tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(f"[tool.cio-lint]\n{key} = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:  # a known key with a wrong type
        load_config(pyproject, REGISTRY)
    assert "unknown key" not in str(error.value)


def test_readme_config_example_is_valid_and_uses_every_key(tmp_path: Path) -> None:
    example = re.search(r"```toml\n(\[tool\.cio-lint\]\n.*?)```", README, re.S)
    assert example is not None
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(example.group(1), encoding="utf-8")
    config = load_config(pyproject, REGISTRY)
    assert config.region == "eu"
    assert config.transactional_map() == {"password_reset": ("reset_url",)}
    # `extend` names a second file, so its own example stands apart from this one.
    used = set(re.findall(r"^([a-z-]+) = ", example.group(1), re.M)) | {"transactional", "extend"}
    assert used == _readme_config_keys()


@pytest.mark.parametrize(
    ("intro", "name"),
    [("For `app/signup.py`:", "app/signup.py"),
     ("The same mistake in TypeScript, `app/signup.ts`:", "app/signup.ts")],
)
def test_what_a_finding_looks_like_is_what_cio_lint_prints(
    intro: str, name: str, tmp_path: Path
) -> None:
    """The README's first example, in each language, prints exactly what it shows."""
    rest = README[README.index(intro):]
    blocks = re.findall(r"```(\w+)\n(.*?)```", rest, re.S)
    (_, code), (fence, shown) = blocks[0], blocks[1]
    assert fence == "text"
    path = tmp_path / name
    path.parent.mkdir(parents=True)
    path.write_text(code, encoding="utf-8")
    result = run_cli("check", name, "--no-cache", cwd=tmp_path, env={"NO_COLOR": "1"})
    assert result.returncode == 1
    assert result.stdout == shown
