"""Prove a refactoring changed nothing users see: compare this tree's output with a revision's.

Runs ``cio-lint`` from the working tree and from REVISION (checked out into a temporary
git worktree) over the fixtures with every rule, in every output format, as a diff of
every fix, and as the rule listing and rule pages; prints the first difference of each
mismatch and exits 1 if there is any.

    python scripts/same_output.py            # against HEAD
    python scripts/same_output.py main~3     # against any revision
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("json", "sarif", "text", "concise", "github", "gitlab", "junit", "json-lines")
CHECK = ("check", "fixtures", "--select", "ALL", "--no-cache", "--jobs", "1")


def runs() -> dict[str, Sequence[str]]:
    """Each named invocation whose output must not change."""
    named: dict[str, Sequence[str]] = {
        f"format {name}": (*CHECK, "--output-format", name) for name in FORMATS
    }
    named["default selection"] = ("check", "fixtures", "--no-cache", "--output-format", "json")
    named["every fix as a diff"] = (*CHECK, "--diff", "--unsafe-fixes")
    named["statistics"] = (*CHECK, "--statistics")
    named["rules"] = ("rules",)
    return named


def output(source: Path, arguments: Sequence[str]) -> str:
    """What ``cio-lint ARGUMENTS`` prints (both streams), run from ``source``'s code."""
    environment = {**os.environ, "PYTHONPATH": str(source / "src"), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "cio_lint", *arguments],
        cwd=ROOT, env=environment, capture_output=True, text=True, check=False,
    )
    return f"exit {done.returncode}\n{done.stdout}\n--- stderr ---\n{done.stderr}"


def rule_codes(source: Path) -> list[str]:
    listing = output(source, ("rules",))
    return sorted({word for word in listing.split() if word[:3] == "CIO" and word[3:].isdigit()})


def compare(revision: str) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        before = Path(scratch) / "before"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "--quiet", str(before), revision],
            cwd=ROOT, check=True,
        )
        try:
            named = dict(runs())
            for code in rule_codes(before):
                named[f"rule {code}"] = ("rule", code)
            mismatches = 0
            for name, arguments in named.items():
                old, new = output(before, arguments), output(ROOT, arguments)
                if old == new:
                    continue
                mismatches += 1
                print(f"DIFFERENT: {name}")
                diff = difflib.unified_diff(
                    old.splitlines(), new.splitlines(), revision, "working tree", lineterm="", n=1
                )
                print("\n".join(list(diff)[:30]))
            print(f"{len(named) - mismatches} of {len(named)} outputs identical to {revision}")
            return 1 if mismatches else 0
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(before)], cwd=ROOT, check=False
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", nargs="?", default="HEAD")
    sys.exit(compare(parser.parse_args().revision))


if __name__ == "__main__":
    main()
