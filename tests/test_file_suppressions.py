"""``# cio-lint: noqa`` on a line of its own silences a file (every code, or those named).

The fixtures of CIO900 hold the findings; this module checks what a user sees around
them: --add-noqa, the cache, and a file-wide comment that is not alone on its line.
"""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import run_cli
from .test_cli import write

BODY = """\
import time
from customerio import CustomerIO

cio = CustomerIO(site_id=S, api_key=K)
cio.identify(id="5", seen_at=time.time() * 1000)
cio.identify(id=user.email)
"""


def _concise(project: Path, *args: str) -> tuple[int, str]:
    result = run_cli("check", "--select", "CIO201,CIO302,CIO900", "--output-format", "concise",
                     *args, "app.py", cwd=project)
    return result.returncode, result.stdout


def test_named_codes_and_prefixes_silence_the_whole_file(tmp_path: Path) -> None:
    write(tmp_path, "app.py", "# cio-lint: noqa: CIO2\n" + BODY)
    code, out = _concise(tmp_path, "--no-cache")
    assert code == 1
    assert out.splitlines()[0].startswith("app.py:7:17: CIO302")
    assert "CIO201" not in out and "CIO900" not in out
    write(tmp_path, "app.py", "# cio-lint: noqa\n" + BODY)
    assert _concise(tmp_path, "--no-cache")[0] == 0


def test_the_cache_keeps_a_file_wide_comment_file_wide(tmp_path: Path) -> None:
    write(tmp_path, "app.py", "# cio-lint: noqa: CIO201, CIO302\n" + BODY)
    assert _concise(tmp_path) == (0, "")
    assert list((tmp_path / ".cio_lint_cache").glob("v*/*/*.json"))
    assert _concise(tmp_path) == (0, "")  # answered from the cache


def test_add_noqa_leaves_what_the_file_silences(tmp_path: Path) -> None:
    path = write(tmp_path, "app.py", "# cio-lint: noqa: CIO201\n" + BODY)
    result = run_cli("check", "--select", "CIO201,CIO302", "--add-noqa", "--no-cache", "app.py",
                     cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = path.read_text().splitlines()
    assert lines[5] == 'cio.identify(id="5", seen_at=time.time() * 1000)'
    assert lines[6] == "cio.identify(id=user.email)  # noqa: CIO302"


def test_an_unused_file_wide_code_is_reported_with_the_comment_that_remains(
    tmp_path: Path,
) -> None:
    write(tmp_path, "app.py", "# cio-lint: noqa: CIO201, CIO5, CIO302\n" + BODY)
    result = run_cli("check", "--select", "CIO201,CIO302,CIO5,CIO900", "--no-cache",
                     "--output-format", "json", "app.py", cwd=tmp_path)
    assert result.returncode == 1
    assert '"message": "unused suppression: nothing in this file is reported as CIO5"' \
        in result.stdout
    assert '"correct": "# cio-lint: noqa: CIO201, CIO302"' in result.stdout


def test_a_file_wide_comment_after_code_silences_nothing(tmp_path: Path) -> None:
    write(tmp_path, "app.py", BODY.replace("* 1000)", "* 1000)  # cio-lint: noqa"))
    code, out = _concise(tmp_path, "--no-cache")
    assert code == 1 and "app.py:5:30: CIO201" in out


# JavaScript and TypeScript ------------------------------------------------------------

TS_HEAD = """\
import { TrackClient } from "customerio-node";
const cio = new TrackClient(siteId, apiKey);
"""
#: A call CIO303 flags (an id created without an email), at column 1 of its line.
CALL = 'cio.identify("{n}", {{ created_at: 1 }});'


def _ts(project: Path, name: str, *lines: str) -> Path:
    return write(project, name, TS_HEAD + "".join(line + "\n" for line in lines))


def _lint_ts(project: Path, name: str, *args: str) -> tuple[int, str]:
    result = run_cli("check", "--select", "CIO303,CIO900", "--no-cache", "--output-format",
                     "concise", *args, name, cwd=project)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout


def _flagged_lines(out: str) -> list[str]:
    return [line.split(" ", 2)[0] + " " + line.split(" ", 2)[1] for line in out.splitlines()]


def test_js_suppression_comments_in_every_form(tmp_path: Path) -> None:
    _ts(tmp_path, "app.tsx",
        CALL.format(n=1) + " // noqa: CIO303",
        CALL.format(n=2) + " // noqa",
        CALL.format(n=3) + " // cio-lint: ignore[CIO303]",
        CALL.format(n=4) + " /* noqa: CIO303 */",
        CALL.format(n=5) + ' const s = "// noqa: CIO303";',
        "const t = `// noqa: CIO303`; " + CALL.format(n=6),
        "export const App = () => (",
        "  <p>",
        "    {" + CALL.format(n=7)[:-1] + "} {/* noqa: CIO303 */}",
        "    {" + CALL.format(n=8)[:-1] + "} // noqa: CIO303",
        "  </p>",
        ");",
        CALL.format(n=9))
    assert _flagged_lines(_lint_ts(tmp_path, "app.tsx")[1]) == [
        "app.tsx:7:1: CIO303",   # a noqa inside a string is text, not a comment
        "app.tsx:8:30: CIO303",  # so is one in a template literal
        "app.tsx:12:6: CIO303",  # and one in JSX text
        "app.tsx:15:1: CIO303",
    ]


def test_a_js_file_wide_comment_silences_the_file_or_the_codes_it_names(
    tmp_path: Path,
) -> None:
    body = [CALL.format(n=1), CALL.format(n=2)]
    write(tmp_path, "a.js", "// cio-lint: noqa\n" + TS_HEAD + "\n".join(body) + "\n")
    assert _lint_ts(tmp_path, "a.js") == (0, "")
    write(tmp_path, "b.ts", "/* cio-lint: noqa: CIO3 */\n" + TS_HEAD + "\n".join(body) + "\n")
    assert _lint_ts(tmp_path, "b.ts") == (0, "")
    write(tmp_path, "c.ts", "// cio-lint: noqa: CIO201\n" + TS_HEAD + "\n".join(body) + "\n")
    assert _flagged_lines(_lint_ts(tmp_path, "c.ts")[1]) == [
        "c.ts:4:1: CIO303", "c.ts:5:1: CIO303",
    ]
    # After code on its line, it silences nothing (as in Python).
    write(tmp_path, "d.ts", TS_HEAD + body[0] + " // cio-lint: noqa\n" + body[1] + "\n")
    assert _flagged_lines(_lint_ts(tmp_path, "d.ts")[1]) == [
        "d.ts:3:1: CIO303", "d.ts:4:1: CIO303",
    ]


def test_an_unused_js_suppression_is_cio900_in_the_comments_own_words(tmp_path: Path) -> None:
    _ts(tmp_path, "app.ts",
        'cio.track("5", { name: "x" }); // noqa: CIO303, E501',
        CALL.format(n=1) + " /* noqa: CIO303, CIO302 */",
        'cio.track("6", { name: "x" }); // cio-lint: ignore[CIO303]')
    result = run_cli("check", "--select", "CIO303,CIO302,CIO900", "--no-cache",
                     "--output-format", "json", "app.ts", cwd=tmp_path)
    findings = [(f["start"]["line"], f["start"]["column"], f["wrong"], f["correct"])
                for f in json.loads(result.stdout)["findings"]
                if f["code"] == "CIO900"]
    assert findings == [
        (3, 32, "// noqa: CIO303, E501", "// noqa: E501"),
        (4, 39, "/* noqa: CIO303, CIO302", "/* noqa: CIO303"),
        (5, 32, "// cio-lint: ignore[CIO303]", "(remove the comment)"),
    ]


def test_add_noqa_writes_js_comments_only_where_they_are_safe(tmp_path: Path) -> None:
    path = _ts(tmp_path, "app.tsx",
               CALL.format(n=1),
               CALL.format(n=2) + " // keep: CIO303 is fine here",
               CALL.format(n=3) + " // noqa: CIO201",
               CALL.format(n=4) + " /* note */",
               "const t = `${" + CALL.format(n=5)[:-1] + "}",
               "`;",
               "export const App = () => (",
               "  <p>",
               "    {" + CALL.format(n=6)[:-1] + "}",
               "    {cio.identify(\"7\",",
               "      { created_at: 1 })}",
               "  </p>",
               ");")
    code, out = _lint_ts(tmp_path, "app.tsx", "--add-noqa")
    assert code == 1  # the findings that no comment can reach are still reported
    assert _flagged_lines(out) == ["app.tsx:7:14: CIO303", "app.tsx:11:6: CIO303"]
    lines = path.read_text().splitlines()
    assert lines[2:] == [
        CALL.format(n=1) + "  // noqa: CIO303",
        CALL.format(n=2) + " // keep: CIO303 is fine here  // noqa: CIO303",
        CALL.format(n=3) + " // noqa: CIO201, CIO303",
        CALL.format(n=4) + " /* note */  // noqa: CIO303",
        "const t = `${" + CALL.format(n=5)[:-1] + "}",  # the line ends inside a template
        "`;",
        "export const App = () => (",
        "  <p>",
        "    {" + CALL.format(n=6)[:-1] + "}",  # `//` here would be JSX text
        "    {cio.identify(\"7\",  // noqa: CIO303",  # inside `{...}`: code again
        "      { created_at: 1 })}",
        "  </p>",
        ");",
    ]
    assert _lint_ts(tmp_path, "app.tsx")[1] == out
