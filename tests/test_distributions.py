"""The parser versions in cache keys come from ``.dist-info`` folder names, as
``importlib.metadata`` would report them."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pytest

from cio_lint.core import distributions
from cio_lint.core.distributions import installed_version


@pytest.mark.parametrize("name", ["libcst", "click", "pathspec", "tree-sitter",
                                  "tree_sitter_javascript", "cio-lint"])
def test_installed_versions_agree_with_importlib_metadata(name: str) -> None:
    assert installed_version(name) == metadata.version(name)


def test_names_are_normalised_and_the_first_folder_on_the_path_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    (first / "My_Parser-2.0.1.dist-info").mkdir(parents=True)
    (second / "my_parser-9.9.dist-info").mkdir(parents=True)
    (first / "my_parser_extra-5.0.dist-info").mkdir()
    monkeypatch.setattr(sys, "path", [str(tmp_path / "missing.zip"), str(first), str(second)])
    distributions.installed_version.cache_clear()
    try:
        assert installed_version("My.Parser") == "2.0.1"
        assert installed_version("my-parser-extra") == "5.0"
        with pytest.raises(metadata.PackageNotFoundError):
            installed_version("not-installed-anywhere")
    finally:
        distributions.installed_version.cache_clear()
